package io.jgrad.bench;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The same training step as {@link MlpModel} written by hand on EJML's kernels, with no autograd
 * and no allocation: the baseline a plain-JVM jgrad step must not be slower than. With more than
 * one thread the products use EJML's concurrent twins ({@code CommonOps_MT_DDRM}).
 *
 * <p>Per layer {@code l} (input {@code A₀ = x}, {@code (B, in)}): forward
 * {@code Z_l = A_{l-1}·W_lᵀ + b_l} ({@code multTransB}), {@code A_l = relu(Z_l)} but for the last;
 * loss: mean cross-entropy of the logits, whose gradient is {@code G = (softmax(Z) − onehot(y)) / B};
 * backward from the last layer: {@code ∂W_l = Gᵀ·A_{l-1}} ({@code multTransA}),
 * {@code ∂b_l = Σ_rows G}, and but for the first layer {@code G ← (G·W_l) ⊙ [Z_{l-1} > 0]}
 * ({@code mult}); SGD: {@code W −= lr·∂W}, {@code b −= lr·∂b}.
 */
final class EjmlMlp {

    private final int[] layers;
    private final int batch;
    private final boolean concurrent;
    private final double lr = 1e-4;
    private final DMatrixRMaj x;
    private final int[] y;
    private final DMatrixRMaj[] w;
    private final DMatrixRMaj[] dw;
    private final double[][] b;
    private final double[][] db;
    /** z[l]: pre-activation of layer l; a[l]: its ReLU (a[0] unused: the input is x). */
    private final DMatrixRMaj[] z;
    private final DMatrixRMaj[] a;
    /** g[l]: the loss gradient with respect to z[l]. */
    private final DMatrixRMaj[] g;

    EjmlMlp(int[] layers, int batch, long seed, boolean concurrent) {
        this.layers = layers.clone();
        this.batch = batch;
        this.concurrent = concurrent;
        Random rng = new Random(seed);
        int nl = layers.length - 1;
        w = new DMatrixRMaj[nl];
        dw = new DMatrixRMaj[nl];
        b = new double[nl][];
        db = new double[nl][];
        z = new DMatrixRMaj[nl];
        a = new DMatrixRMaj[nl];
        g = new DMatrixRMaj[nl];
        for (int l = 0; l < nl; l++) {
            int in = layers[l];
            int out = layers[l + 1];
            double bound = 1.0 / Math.sqrt(in);
            w[l] = new DMatrixRMaj(out, in);
            for (int i = 0; i < w[l].data.length; i++) {
                w[l].data[i] = -bound + 2 * bound * rng.nextDouble();
            }
            b[l] = new double[out];
            for (int i = 0; i < out; i++) {
                b[l][i] = -bound + 2 * bound * rng.nextDouble();
            }
            dw[l] = new DMatrixRMaj(out, in);
            db[l] = new double[out];
            z[l] = new DMatrixRMaj(batch, out);
            a[l] = new DMatrixRMaj(batch, out);
            g[l] = new DMatrixRMaj(batch, out);
        }
        x = new DMatrixRMaj(batch, layers[0]);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
        }
        y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(layers[nl]);
        }
    }

    /** One training step; returns the loss (before the update). */
    double step() {
        int nl = layers.length - 1;
        // forward
        for (int l = 0; l < nl; l++) {
            DMatrixRMaj in = l == 0 ? x : a[l - 1];
            if (concurrent) {
                CommonOps_MT_DDRM.multTransB(in, w[l], z[l]);
            } else {
                CommonOps_DDRM.multTransB(in, w[l], z[l]);
            }
            int out = layers[l + 1];
            double[] zd = z[l].data;
            double[] bl = b[l];
            for (int r = 0; r < batch; r++) {
                int row = r * out;
                for (int j = 0; j < out; j++) {
                    zd[row + j] += bl[j];
                }
            }
            if (l < nl - 1) {
                double[] ad = a[l].data;
                for (int i = 0; i < zd.length; i++) {
                    ad[i] = Math.max(zd[i], 0.0);
                }
            }
        }
        // mean cross-entropy and its gradient (softmax − onehot) / B, max-subtracted for stability
        int c = layers[nl];
        double[] logits = z[nl - 1].data;
        double[] gl = g[nl - 1].data;
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            int row = r * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(logits[row + j] - max);
                gl[row + j] = e;
                sum += e;
            }
            loss += Math.log(sum) + max - logits[row + y[r]];
            double inv = 1.0 / (sum * batch);
            for (int j = 0; j < c; j++) {
                gl[row + j] *= inv;
            }
            gl[row + y[r]] -= 1.0 / batch;
        }
        loss /= batch;
        // backward
        for (int l = nl - 1; l >= 0; l--) {
            DMatrixRMaj in = l == 0 ? x : a[l - 1];
            if (concurrent) {
                CommonOps_MT_DDRM.multTransA(g[l], in, dw[l]);
            } else {
                CommonOps_DDRM.multTransA(g[l], in, dw[l]);
            }
            int out = layers[l + 1];
            double[] gd = g[l].data;
            double[] dbl = db[l];
            java.util.Arrays.fill(dbl, 0.0);
            for (int r = 0; r < batch; r++) {
                int row = r * out;
                for (int j = 0; j < out; j++) {
                    dbl[j] += gd[row + j];
                }
            }
            if (l > 0) {
                if (concurrent) {
                    CommonOps_MT_DDRM.mult(g[l], w[l], g[l - 1]);
                } else {
                    CommonOps_DDRM.mult(g[l], w[l], g[l - 1]);
                }
                double[] gp = g[l - 1].data;
                double[] zp = z[l - 1].data;
                for (int i = 0; i < gp.length; i++) {
                    if (zp[i] <= 0) {
                        gp[i] = 0;
                    }
                }
            }
        }
        // SGD
        for (int l = 0; l < nl; l++) {
            CommonOps_DDRM.addEquals(w[l], -lr, dw[l]);
            double[] bl = b[l];
            double[] dbl = db[l];
            for (int j = 0; j < bl.length; j++) {
                bl[j] -= lr * dbl[j];
            }
        }
        return loss;
    }
}
