package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Autograd;
import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Functional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The normalisation, embedding, dropout, attention and loss functions of {@link Functional} against
 * plain loops written here, in float64 and float32, over random and edge shapes (empty batches,
 * size-1 dimensions, broadcast batch dimensions); the fused backward kernels against the recorded
 * ({@code createGraph}) formulas; the names of the nodes.
 */
class NnReferenceTest {

    private static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32};

    // ------------------------------------------------------------------ layer norm

    @Test
    void layerNormAndItsGradientsMatchLoopsOnRandomShapes() {
        Random rng = new Random(1);
        for (int trial = 0; trial < 120; trial++) {
            int rank = 1 + rng.nextInt(4);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = trial % 17 == 0 && i == 0 ? 0 : 1 + rng.nextInt(4);
            }
            int k = 1 + rng.nextInt(rank);
            int[] norm = Arrays.copyOfRange(dims, rank - k, rank);
            boolean affineW = rng.nextBoolean();
            boolean affineB = rng.nextBoolean();
            double eps = rng.nextBoolean() ? 1e-5 : 0.3;
            for (DType dt : DTYPES) {
                Tensor x = randn(rng, dt, dims).requiresGrad(true);
                Tensor w = affineW ? randn(rng, dt, norm).requiresGrad(true) : null;
                Tensor b = affineB ? randn(rng, dt, norm).requiresGrad(true) : null;
                Tensor u = randn(rng, dt, dims);
                String what = "layerNorm " + Shape.of(dims) + " over " + Shape.of(norm) + " " + dt;

                Tensor y = Functional.layerNorm(x, norm, w, b, eps);
                assertThat(y.dtype()).isEqualTo(dt);
                int cols = Shape.of(norm).numel();
                double[][] ref = layerNormLoops(x.toArray(), cols, w == null ? null : w.toArray(),
                        b == null ? null : b.toArray(), u.toArray(), eps);
                double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
                close(what + " forward", y.toArray(), ref[0], tol);
                for (boolean createGraph : new boolean[] {false, true}) {
                    List<Tensor> leaves = leaves(x, w, b);
                    List<Tensor> grads = Autograd.grad(y.mul(u).sum(), leaves, createGraph);
                    double gt = recordedTolerance(dt, createGraph, tol);
                    close(what + " ∂x createGraph " + createGraph, grads.get(0).toArray(), ref[1], gt);
                    if (w != null) {
                        close(what + " ∂w createGraph " + createGraph, grads.get(1).toArray(), ref[2], gt);
                    }
                    if (b != null) {
                        close(what + " ∂b createGraph " + createGraph, grads.get(leaves.size() - 1).toArray(), ref[3],
                                gt);
                    }
                    if (!createGraph) {
                        y = Functional.layerNorm(x, norm, w, b, eps); // the pass freed the graph
                    }
                }
            }
        }
    }

    // {y, ∂x, ∂w, ∂b} of layer norm over rows of `cols`, by the textbook formulas
    private static double[][] layerNormLoops(double[] x, int cols, double[] w, double[] b, double[] u, double eps) {
        int rows = cols == 0 ? 0 : x.length / cols;
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dw = new double[cols];
        double[] db = new double[cols];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += x[r * cols + j] / cols;
            }
            double var = 0;
            for (int j = 0; j < cols; j++) {
                var += Math.pow(x[r * cols + j] - mean, 2) / cols;
            }
            double sd = Math.sqrt(var + eps);
            double[] h = new double[cols];
            double[] gh = new double[cols]; // ∂loss/∂x̂
            for (int j = 0; j < cols; j++) {
                h[j] = (x[r * cols + j] - mean) / sd;
                y[r * cols + j] = h[j] * (w == null ? 1 : w[j]) + (b == null ? 0 : b[j]);
                gh[j] = u[r * cols + j] * (w == null ? 1 : w[j]);
                dw[j] += u[r * cols + j] * h[j];
                db[j] += u[r * cols + j];
            }
            double sumG = 0;
            double sumGh = 0;
            for (int j = 0; j < cols; j++) {
                sumG += gh[j];
                sumGh += gh[j] * h[j];
            }
            for (int j = 0; j < cols; j++) {
                dx[r * cols + j] = (cols * gh[j] - sumG - h[j] * sumGh) / (cols * sd);
            }
        }
        return new double[][] {y, dx, dw, db};
    }

    // ------------------------------------------------------------------ batch norm

    @Test
    void batchNormItsRunningStatisticsAndItsGradientsMatchLoopsOnRandomShapes() {
        Random rng = new Random(2);
        for (int trial = 0; trial < 120; trial++) {
            int rank = 2 + rng.nextInt(3);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = 1 + rng.nextInt(4);
            }
            if (dims[0] * Shape.of(Arrays.copyOfRange(dims, 2, rank)).numel() == 1) {
                dims[0] = 2; // training needs more than one value per channel
            }
            int c = dims[1];
            boolean training = rng.nextBoolean();
            boolean running = !training || rng.nextBoolean();
            boolean affine = rng.nextBoolean();
            double momentum = rng.nextDouble();
            double eps = rng.nextBoolean() ? 1e-5 : 0.2;
            for (DType dt : DTYPES) {
                Tensor x = randn(rng, dt, dims).add(3.0).requiresGrad(true); // a mean that must not cancel
                Tensor w = affine ? randn(rng, dt, c).requiresGrad(true) : null;
                Tensor b = affine ? randn(rng, dt, c).requiresGrad(true) : null;
                double[] rm0 = randn(rng, DType.FLOAT64, c).toArray();
                double[] rv0 = randn(rng, DType.FLOAT64, c).abs().add(0.5).toArray();
                Tensor rm = running ? Tensor.fromArray(rm0, c).to(dt) : null;
                Tensor rv = running ? Tensor.fromArray(rv0, c).to(dt) : null;
                Tensor u = randn(rng, dt, dims);
                String what = "batchNorm " + Shape.of(dims) + (training ? " training " : " eval ") + dt;

                double[][] ref = batchNormLoops(x.toArray(), dims, rm == null ? null : rm.toArray(),
                        rv == null ? null : rv.toArray(), w == null ? null : w.toArray(),
                        b == null ? null : b.toArray(), u.toArray(), training, momentum, eps);
                Tensor y = Functional.batchNorm(x, rm, rv, w, b, training, momentum, eps);
                double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
                close(what + " forward", y.toArray(), ref[0], tol);
                if (running) {
                    close(what + " runningMean", rm.toArray(), ref[4], tol);
                    close(what + " runningVar", rv.toArray(), ref[5], tol);
                }
                for (boolean createGraph : new boolean[] {false, true}) {
                    List<Tensor> leaves = leaves(x, w, b);
                    List<Tensor> grads = Autograd.grad(y.mul(u).sum(), leaves, createGraph);
                    double gt = recordedTolerance(dt, createGraph, tol);
                    close(what + " ∂x createGraph " + createGraph, grads.get(0).toArray(), ref[1], gt);
                    if (affine) {
                        close(what + " ∂w createGraph " + createGraph, grads.get(1).toArray(), ref[2], gt);
                        close(what + " ∂b createGraph " + createGraph, grads.get(2).toArray(), ref[3], gt);
                    }
                    if (!createGraph) {
                        y = Functional.batchNorm(x, rm, rv, w, b, training, momentum, eps);
                        if (training && running) { // that call updated them once more: compare with its own loops
                            ref = batchNormLoops(x.toArray(), dims, ref[4], ref[5], w == null ? null : w.toArray(),
                                    b == null ? null : b.toArray(), u.toArray(), true, momentum, eps);
                            close(what + " runningMean, second step", rm.toArray(), ref[4], tol);
                        }
                    }
                }
            }
        }
    }

    // {y, ∂x, ∂w, ∂b, new running mean, new running var} of batch norm, channel by channel
    private static double[][] batchNormLoops(double[] x, int[] dims, double[] rm, double[] rv, double[] w, double[] b,
                                             double[] u, boolean training, double momentum, double eps) {
        int n = dims[0];
        int c = dims[1];
        int inner = x.length / (n * c);
        int m = n * inner;
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dw = new double[c];
        double[] db = new double[c];
        double[] newRm = rm == null ? null : rm.clone();
        double[] newRv = rv == null ? null : rv.clone();
        for (int ch = 0; ch < c; ch++) {
            int[] at = new int[m];
            for (int i = 0, k = 0; i < n; i++) {
                for (int s = 0; s < inner; s++) {
                    at[k++] = (i * c + ch) * inner + s;
                }
            }
            double mean;
            double var;
            if (training) {
                mean = 0;
                for (int p : at) {
                    mean += x[p] / m;
                }
                var = 0;
                for (int p : at) {
                    var += Math.pow(x[p] - mean, 2);
                }
                if (rm != null) {
                    newRm[ch] = (1 - momentum) * rm[ch] + momentum * mean;
                    newRv[ch] = (1 - momentum) * rv[ch] + momentum * var / (m - 1);
                }
                var /= m;
            } else {
                mean = rm[ch];
                var = rv[ch];
            }
            double sd = Math.sqrt(var + eps);
            double wc = w == null ? 1 : w[ch];
            double sumU = 0;
            double sumUh = 0;
            for (int p : at) {
                double h = (x[p] - mean) / sd;
                y[p] = h * wc + (b == null ? 0 : b[ch]);
                sumU += u[p];
                sumUh += u[p] * h;
            }
            dw[ch] = sumUh;
            db[ch] = sumU;
            for (int p : at) {
                double h = (x[p] - mean) / sd;
                dx[p] = training ? wc / sd * (u[p] - sumU / m - h * sumUh / m) : wc / sd * u[p];
            }
        }
        return new double[][] {y, dx, dw, db, newRm, newRv};
    }

    @Test
    void batchNormLeavesTheRunningStatisticsAloneInEvaluationAndForAnEmptyBatch() {
        Tensor rm = Tensor.of(0.5, -1.0);
        Tensor rv = Tensor.of(2.0, 3.0);
        int version = rm.array().version();
        Functional.batchNorm(Tensor.ones(3, 2), rm, rv, null, null, false, 0.1, 1e-5);
        Tensor empty = Functional.batchNorm(Tensor.zeros(0, 2, 3), rm, rv, null, null, true, 0.1, 1e-5);

        assertThat(empty.shape()).isEqualTo(Shape.of(0, 2, 3));
        assertThat(rm.toArray()).containsExactly(0.5, -1.0);
        assertThat(rv.toArray()).containsExactly(2.0, 3.0);
        assertThat(rm.array().version()).isEqualTo(version);
        // without running statistics training simply normalises
        Tensor x = Tensor.of(new double[][] {{1, 5}, {3, 9}});
        Tensor y = Functional.batchNorm(x, null, null, null, null, true, 0.1, 0);
        assertThat(y.toArray()).containsExactly(-1, -1, 1, 1);
    }

    // ------------------------------------------------------------------ embedding, one-hot, dropout

    @Test
    void embeddingMatchesLoopsAndAccumulatesRepeatedIndices() {
        Random rng = new Random(3);
        for (DType dt : DTYPES) {
            Tensor w = randn(rng, dt, 6, 3).requiresGrad(true);
            long[] idx = {5, 0, 5, 2, 5, 0};
            Tensor y = Functional.embedding(Tensor.fromArray(idx, 3, 1, 2), w);
            assertThat(y.shape()).isEqualTo(Shape.of(3, 1, 2, 3));
            assertThat(y.dtype()).isEqualTo(dt);
            double[] wv = w.toArray();
            double[] expected = new double[idx.length * 3];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(wv, (int) idx[i] * 3, expected, i * 3, 3);
            }
            assertThat(y.toArray()).containsExactly(expected);

            Tensor u = randn(rng, dt, 3, 1, 2, 3);
            double[] uv = u.toArray();
            for (boolean createGraph : new boolean[] {false, true}) {
                Tensor g = Autograd.grad(Functional.embedding(Tensor.fromArray(idx, 3, 1, 2), w).mul(u).sum(),
                        List.of(w), createGraph).get(0);
                double[] dw = new double[18];
                for (int i = 0; i < idx.length; i++) {
                    for (int j = 0; j < 3; j++) {
                        dw[(int) idx[i] * 3 + j] += uv[i * 3 + j];
                    }
                }
                if (dt == DType.FLOAT32) {
                    // float32 adds in float, in index order, either way: the same bits as a float loop
                    float[] f = new float[18];
                    for (int i = 0; i < idx.length; i++) {
                        for (int j = 0; j < 3; j++) {
                            f[(int) idx[i] * 3 + j] += (float) uv[i * 3 + j];
                        }
                    }
                    for (int i = 0; i < 18; i++) {
                        dw[i] = f[i];
                    }
                }
                assertThat(g.toArray()).as("∂w, createGraph %s, %s", createGraph, dt).containsExactly(dw);
            }
        }
    }

    @Test
    void oneHotMatchesLoopsAndInfersTheClasses() {
        Tensor idx = Tensor.fromArray(new long[] {2, 0, 4, 2}, 2, 2);
        Tensor inferred = Functional.oneHot(idx, -1);
        Tensor given = Functional.oneHot(idx, 7);

        assertThat(inferred.dtype()).isEqualTo(DType.INT64);
        assertThat(inferred.shape()).isEqualTo(Shape.of(2, 2, 5));
        assertThat(given.shape()).isEqualTo(Shape.of(2, 2, 7));
        long[] v = given.toLongArray();
        long[] i = idx.toLongArray();
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 7; k++) {
                assertThat(v[r * 7 + k]).isEqualTo(k == i[r] ? 1L : 0L);
            }
        }
        assertThat(Functional.oneHot(Tensor.fromArray(new long[] {1}), 3).toLongArray()).containsExactly(0, 1, 0);
        assertThat(Functional.oneHot(Tensor.fromArray(new long[0], 0), 3).shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void dropoutDrawsTheMaskOfTheDropoutLayer() {
        Tensor x = Tensor.randn(new Random(4), 5, 7);
        for (double p : new double[] {0.2, 0.5, 0.9, 1.0}) {
            Tensor functional = Functional.dropout(x, p, true, new Random(9));
            Tensor layer = new Dropout(p, new Random(9)).forward(x);
            assertThat(functional.toArray()).containsExactly(layer.toArray());
            Random draws = new Random(9);
            double[] xs = x.toArray();
            double[] y = functional.toArray();
            for (int i = 0; i < xs.length; i++) {
                boolean kept = draws.nextDouble() >= p;
                assertThat(y[i]).isEqualTo(kept ? xs[i] * (1.0 / (1.0 - p)) : 0.0);
            }
        }
        assertThat(Functional.dropout(x, 0.5, false, null)).isSameAs(x);
        assertThat(Functional.dropout(x, 0.0, true, new Random(1))).isSameAs(x);
        Tensor x32 = x.to(DType.FLOAT32);
        assertThat(Functional.dropout(x32, 0.5, true, new Random(9)).dtype()).isEqualTo(DType.FLOAT32);
    }

    // ------------------------------------------------------------------ attention

    @Test
    void attentionMatchesLoopsOnRandomShapesAndMasks() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 80; trial++) {
            int l = 1 + rng.nextInt(4);
            int s = trial % 13 == 0 ? 0 : 1 + rng.nextInt(4);
            int e = 1 + rng.nextInt(4);
            int ev = 1 + rng.nextInt(3);
            int kind = rng.nextInt(4); // 0 none, 1 causal, 2 bool, 3 float
            int[] qb = rng.nextBoolean() ? new int[] {2, 1} : new int[] {2};
            int[] kb = qb.length == 2 ? new int[] {3} : new int[] {2};
            for (DType dt : DTYPES) {
                Tensor q = randn(rng, dt, cat(qb, l, e));
                Tensor k = randn(rng, dt, cat(kb, s, e));
                Tensor v = randn(rng, dt, cat(kb, s, ev));
                Tensor mask = null;
                if (kind == 2) {
                    boolean[] m = new boolean[l * s];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = rng.nextDouble() < 0.6;
                    }
                    mask = Tensor.fromArray(m, l, s);
                } else if (kind == 3) {
                    mask = randn(rng, dt, l, s);
                }
                Tensor y = Functional.scaledDotProductAttention(q, k, v, mask, kind == 1);
                int[] batch = qb.length == 2 ? new int[] {2, 3} : new int[] {2};
                assertThat(y.shape()).isEqualTo(Shape.of(cat(batch, l, ev)));
                double[] ref = attentionLoops(q.toArray(), k.toArray(), v.toArray(), batch, qb.length == 2, l, s, e, ev,
                        kind, mask);
                close("attention trial " + trial + " " + dt, y.toArray(), ref, dt == DType.FLOAT64 ? 1e-12 : 2e-5);
            }
        }
    }

    // out[b, i, :] = Σ_j softmax_j(q[b, i]·k[b, j]/√E + mask) v[b, j, :], rows that attend nowhere 0
    private static double[] attentionLoops(double[] q, double[] k, double[] v, int[] batch, boolean broadcast, int l,
                                           int s, int e, int ev, int kind, Tensor mask) {
        int nb = Shape.of(batch).numel();
        double[] out = new double[nb * l * ev];
        boolean[] bm = kind == 2 ? mask.toBooleanArray() : null;
        double[] fm = kind == 3 ? mask.toArray() : null;
        for (int bi = 0; bi < nb; bi++) {
            // q (2, 1, l, e) against k (3, s, e): batch (2, 3); q (2, l, e) against k (2, s, e)
            int qi = broadcast ? bi / 3 : bi;
            int ki = broadcast ? bi % 3 : bi;
            for (int i = 0; i < l; i++) {
                double[] score = new double[s];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < s; j++) {
                    double dot = 0;
                    for (int c = 0; c < e; c++) {
                        dot += q[(qi * l + i) * e + c] * k[(ki * s + j) * e + c];
                    }
                    score[j] = dot / Math.sqrt(e);
                    if ((kind == 1 && j > i) || (kind == 2 && !bm[i * s + j])) {
                        score[j] = Double.NEGATIVE_INFINITY;
                    } else if (kind == 3) {
                        score[j] += fm[i * s + j];
                    }
                    max = Math.max(max, score[j]);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue; // attends nowhere: zeros
                }
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    sum += Math.exp(score[j] - max);
                }
                for (int j = 0; j < s; j++) {
                    double p = Math.exp(score[j] - max) / sum;
                    for (int c = 0; c < ev; c++) {
                        out[(bi * l + i) * ev + c] += p * v[(ki * s + j) * ev + c];
                    }
                }
            }
        }
        return out;
    }

    @Test
    void attentionRowsThatAttendNowhereGiveZerosAndNoGradient() {
        Tensor q = Tensor.randn(new Random(6), 3, 2).requiresGrad(true);
        Tensor k = Tensor.randn(new Random(7), 4, 2).requiresGrad(true);
        Tensor v = Tensor.randn(new Random(8), 4, 3).requiresGrad(true);
        double inf = Double.NEGATIVE_INFINITY;
        Tensor mask = Tensor.of(new double[][] {{0, inf, 0, 0}, {inf, inf, inf, inf}, {1, 2, 3, 4}});

        Tensor y = Functional.scaledDotProductAttention(q, k, v, mask, false);
        y.sum().backward();

        assertThat(Arrays.copyOfRange(y.toArray(), 3, 6)).containsExactly(0, 0, 0);
        assertThat(q.grad().getDouble(1, 0)).isZero();
        assertThat(q.grad().getDouble(1, 1)).isZero();
        for (double g : k.grad().toArray()) {
            assertThat(g).isFinite();
        }
    }

    // ------------------------------------------------------------------ losses

    @Test
    void crossEntropyMatchesLoopsOnRandomTargetsSmoothingAndIgnoredRows() {
        Random rng = new Random(9);
        for (int trial = 0; trial < 60; trial++) {
            int n = trial % 11 == 0 ? 0 : 1 + rng.nextInt(5);
            int c = 1 + rng.nextInt(5);
            double eps = rng.nextBoolean() ? 0 : rng.nextDouble();
            int ignore = rng.nextBoolean() ? -100 : rng.nextInt(c);
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                t[i] = rng.nextInt(5) == 0 ? ignore : rng.nextInt(c);
            }
            for (DType dt : DTYPES) {
                Tensor x = randn(rng, dt, n, c).mul(3).requiresGrad(true);
                Tensor y = Functional.crossEntropy(x, Tensor.fromArray(t, n), eps, ignore);
                double[][] ref = crossEntropyLoops(x.toArray(), n, c, t, eps, ignore);
                String what = "crossEntropy (" + n + ", " + c + ") ε " + eps + " ignore " + ignore + " " + dt;
                double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-5;
                assertThat(y.dtype()).isEqualTo(dt);
                close(what, y.toArray(), ref[0], tol);
                for (boolean createGraph : new boolean[] {false, true}) {
                    Tensor loss = Functional.crossEntropy(x, Tensor.fromArray(t, n), eps, ignore);
                    Tensor g = Autograd.grad(loss.mul(1.5), List.of(x), createGraph).get(0);
                    double[] expected = ref[1].clone();
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] *= 1.5;
                    }
                    close(what + " ∂x createGraph " + createGraph, g.toArray(), expected, tol);
                }
            }
        }
    }

    // {loss, ∂loss/∂x} by PyTorch's formula, row by row, NaN for no row kept
    private static double[][] crossEntropyLoops(double[] x, int n, int c, long[] t, double eps, int ignore) {
        double nll = 0;
        double smooth = 0;
        int kept = 0;
        double[][] p = new double[n][c];
        for (int i = 0; i < n; i++) {
            if (t[i] == ignore) {
                continue;
            }
            kept++;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x[i * c + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(x[i * c + j] - max);
            }
            for (int j = 0; j < c; j++) {
                double logP = x[i * c + j] - max - Math.log(sum);
                p[i][j] = Math.exp(logP);
                smooth -= logP;
                if (j == t[i]) {
                    nll -= logP;
                }
            }
        }
        double loss = (1 - eps) * nll / kept + eps / c * smooth / kept;
        double[] g = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                g[i * c + j] = t[i] == ignore ? 0 : (p[i][j] - (j == t[i] ? 1 - eps : 0) - eps / c) / kept;
            }
        }
        return new double[][] {{loss}, g};
    }

    @Test
    void lossesMatchTheirFormulasInBothDtypes() {
        Random rng = new Random(10);
        for (DType dt : DTYPES) {
            double tol = dt == DType.FLOAT64 ? 1e-12 : 2e-6;
            Tensor logits = randn(rng, dt, 3, 4);
            Tensor probs = randn(rng, dt, 3, 4).softmax(1);
            double[] x = logits.toArray();
            double[] q = probs.toArray();
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 4; j++) {
                    max = Math.max(max, x[i * 4 + j]);
                }
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += Math.exp(x[i * 4 + j] - max);
                }
                for (int j = 0; j < 4; j++) {
                    expected -= (0.7 * q[i * 4 + j] + 0.3 / 4) * (x[i * 4 + j] - max - Math.log(sum)) / 3;
                }
            }
            assertClose("crossEntropy probabilities " + dt, Functional.crossEntropy(logits, probs, 0.3, -100), expected,
                    tol);
            assertClose("nllLoss " + dt, Functional.nllLoss(logits, Tensor.fromArray(new long[] {3, -100, 0}, 3)),
                    -(x[3] + x[8]) / 2, tol);
            assertClose("nllLoss 1-d " + dt, Functional.nllLoss(logits.select(0, 1), Tensor.fromArray(new long[] {2})),
                    -x[6], tol);

            Tensor a = randn(rng, dt, 2, 5);
            Tensor b = randn(rng, dt, 2, 5);
            double[] av = a.toArray();
            double[] bv = b.toArray();
            double mse = 0;
            double l1 = 0;
            double huber = 0;
            double beta = 0.8;
            for (int i = 0; i < 10; i++) {
                double d = av[i] - bv[i];
                mse += d * d / 10;
                l1 += Math.abs(d) / 10;
                huber += (Math.abs(d) < beta ? 0.5 * d * d / beta : Math.abs(d) - 0.5 * beta) / 10;
            }
            assertClose("mseLoss " + dt, Functional.mseLoss(a, b), mse, tol);
            assertClose("l1Loss " + dt, Functional.l1Loss(a, b), l1, tol);
            assertClose("smoothL1Loss " + dt, Functional.smoothL1Loss(a, b, beta), huber, tol);
            assertClose("smoothL1Loss beta 0 " + dt, Functional.smoothL1Loss(a, b, 0), l1, tol);

            Tensor p = a.sigmoid();
            Tensor t = b.sigmoid();
            double[] pv = p.toArray();
            double[] tv = t.toArray();
            double bce = 0;
            double bcel = 0;
            for (int i = 0; i < 10; i++) {
                bce -= (tv[i] * Math.log(pv[i]) + (1 - tv[i]) * Math.log(1 - pv[i])) / 10;
                bcel += (Math.max(av[i], 0) - av[i] * tv[i] + Math.log1p(Math.exp(-Math.abs(av[i])))) / 10;
            }
            assertClose("binaryCrossEntropy " + dt, Functional.binaryCrossEntropy(p, t), bce,
                    dt == DType.FLOAT64 ? 1e-12 : 1e-5);
            assertClose("binaryCrossEntropyWithLogits " + dt, Functional.binaryCrossEntropyWithLogits(a, t), bcel, tol);
            for (Tensor loss : List.of(Functional.mseLoss(a, b), Functional.binaryCrossEntropy(p, t),
                    Functional.crossEntropy(logits, probs))) {
                assertThat(loss.dtype()).isEqualTo(dt);
                assertThat(loss.shape()).isEqualTo(Shape.of());
            }
        }
    }

    @Test
    void binaryCrossEntropyClampsTheLogarithmsAndLogitsAreStableForHugeValues() {
        // log 0 clamped at −100: −(1·(−100)) for p = 0, t = 1
        assertThat(Functional.binaryCrossEntropy(Tensor.of(0.0), Tensor.of(1.0)).item()).isEqualTo(100.0);
        assertThat(Functional.binaryCrossEntropy(Tensor.of(1.0, 0.0), Tensor.of(1.0, 0.0)).item()).isEqualTo(0.0);
        Tensor p = Tensor.of(0.0, 1.0).requiresGrad(true);
        Functional.binaryCrossEntropy(p, Tensor.of(1.0, 0.0)).backward();
        // PyTorch's (p − t) / max(p(1 − p), 1e-12) / n
        assertThat(p.grad().toArray()).containsExactly(-0.5e12, 0.5e12);

        Tensor x = Tensor.of(1e8, -1e8, 800, -800).requiresGrad(true);
        Tensor loss = Functional.binaryCrossEntropyWithLogits(x, Tensor.of(1, 0, 0, 1));
        assertThat(loss.item()).isEqualTo(1600.0 / 4);
        loss.backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0, 0.25, -0.25);
    }

    @Test
    void lossesOfEmptyBatchesAreNaN() {
        Tensor none = Tensor.zeros(0, 3);
        assertThat(Functional.crossEntropy(none, Tensor.fromArray(new long[0], 0)).item()).isNaN();
        assertThat(Functional.crossEntropy(none, none).item()).isNaN();
        assertThat(Functional.nllLoss(none, Tensor.fromArray(new long[0], 0)).item()).isNaN();
        assertThat(Functional.mseLoss(none, none).item()).isNaN();
        assertThat(Functional.binaryCrossEntropy(none, none).item()).isNaN();
        assertThat(Functional.binaryCrossEntropyWithLogits(none, none).item()).isNaN();
    }

    @Test
    void crossEntropyLossKeepsItsOldFormsAndTakesTensorTargetsWithItsSettings() {
        Tensor x = Tensor.randn(new Random(11), 3, 4);
        int[] t = {1, 0, 3};
        Tensor tt = Tensor.fromArray(new long[] {1, 0, 3}, 3);
        CrossEntropyLoss plain = new CrossEntropyLoss();

        assertThat(plain.forward(x, tt).item()).isEqualTo(plain.forward(x, t).item());
        assertThat(plain.forward(x.select(0, 2), 3).item()).isEqualTo(plain.forward(x.select(0, 2),
                Tensor.fromArray(new long[] {3})).item());
        CrossEntropyLoss set = new CrossEntropyLoss().labelSmoothing(0.25).ignoreIndex(0);
        assertThat(set.forward(x, tt).item()).isEqualTo(Functional.crossEntropy(x, tt, 0.25, 0).item());
        assertThat(set.toString()).isEqualTo("CrossEntropyLoss(labelSmoothing=0.25, ignoreIndex=0)");
        assertThat(plain.toString()).isEqualTo("CrossEntropyLoss()");
        // the int[] form predates ignoreIndex: -100 is out of range there, and ignored by the tensor form
        assertThat(plain.forward(x, Tensor.fromArray(new long[] {1, -100, 3}, 3)).item())
                .isEqualTo(Functional.crossEntropy(x.narrow(0, 0, 1), Tensor.fromArray(new long[] {1}, 1)).item() / 2
                        + Functional.crossEntropy(x.narrow(0, 2, 1), Tensor.fromArray(new long[] {3}, 1)).item() / 2,
                        org.assertj.core.data.Offset.offset(1e-15));
    }

    // ------------------------------------------------------------------ nodes

    @Test
    void nodesAreNamedAsPyTorchUsersExpect() {
        Tensor x = Tensor.randn(new Random(12), 4, 3).requiresGrad(true);
        Tensor w = Tensor.randn(new Random(13), 3).requiresGrad(true);
        Tensor idx = Tensor.fromArray(new long[] {1, 0}, 2);

        assertThat(name(Functional.layerNorm(x, new int[] {3}, w, null, 1e-5))).isEqualTo("NativeLayerNorm");
        assertThat(name(Functional.batchNorm(x, null, null, w, null, true, 0.1, 1e-5))).isEqualTo("NativeBatchNorm");
        assertThat(name(Functional.embedding(idx, x))).isEqualTo("Embedding");
        assertThat(name(Functional.dropout(x, 0.5, true, new Random(1)))).isEqualTo("Mul");
        assertThat(name(Functional.scaledDotProductAttention(x, x, x, null, true))).isEqualTo("MatMul");
        Tensor t = Tensor.fromArray(new long[] {0, 1, 2, 0}, 4);
        assertThat(name(Functional.crossEntropy(x, t))).isEqualTo("CrossEntropy");
        assertThat(name(Functional.crossEntropy(x, x.softmax(1).detach()))).isEqualTo("Div");
        assertThat(name(Functional.nllLoss(x, t))).isEqualTo("NllLoss");
        assertThat(name(Functional.mseLoss(x, x.detach()))).isEqualTo("Mean");
        assertThat(name(Functional.binaryCrossEntropy(x.sigmoid(), x.sigmoid().detach())))
                .isEqualTo("BinaryCrossEntropy");
        assertThat(name(Functional.binaryCrossEntropyWithLogits(x, x.sigmoid().detach())))
                .isEqualTo("BinaryCrossEntropyWithLogits");
        // the fused path of the class-index cross-entropy stays the plain kernel unless a row is ignored or smoothed
        assertThat(Functional.crossEntropy(x, t).item())
                .isEqualTo(CrossEntropy.apply(x, new int[] {0, 1, 2, 0}).item());
    }

    // ------------------------------------------------------------------ helpers

    // the recorded formulas are a chain of float32 operations with a cancellation (g − mean(g) − …),
    // allowed Float32Test's 1e-4; the fused kernels compute in double and round once
    private static double recordedTolerance(DType dt, boolean createGraph, double tol) {
        return createGraph && dt == DType.FLOAT32 ? 1e-4 : tol;
    }

    private static String name(Tensor t) {
        return t.gradFn().name();
    }

    private static List<Tensor> leaves(Tensor... ts) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static Tensor randn(Random rng, DType dt, int... shape) {
        return Tensor.randn(rng, shape).to(dt);
    }

    private static int[] cat(int[] a, int... b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertClose(String what, Tensor actual, double expected, double tol) {
        close(what, actual.toArray(), new double[] {expected}, tol);
    }

    // each element within tol·max(|expected|, 1)
    static void close(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).as(what + ": size").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (Double.isNaN(e)) {
                assertThat(actual[i]).as(what + ", element " + i).isNaN();
                continue;
            }
            double bound = tol * Math.max(Math.abs(e), 1);
            if (!(Math.abs(actual[i] - e) <= bound)) {
                throw new AssertionError(what + ", element " + i + ": " + actual[i] + " but the loops give " + e);
            }
        }
    }
}
