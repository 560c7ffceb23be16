package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Normalization;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalisation (PyTorch's {@code batch_norm}; its node {@code NativeBatchNormBackward0}) of
 * an input {@code (N, C, *)}: per channel {@code c},
 * <pre>
 *   x̂ = (x − mean_c) / √(var_c + eps),   out = x̂ · weight[c] + bias[c]
 * </pre>
 * In training, {@code mean_c} and {@code var_c} are the channel's statistics over the batch and the
 * trailing dimensions (biased variance), and the running statistics, when given, are updated in
 * place: {@code running = (1 − momentum)·running + momentum·batch}, with the unbiased variance
 * ({@code Σ(x − mean)² / (m − 1)}, {@code m = N·Π*}) for {@code runningVar}. In evaluation the running
 * statistics are used as they are (and kept, at forward time, for the backward pass).
 *
 * <p>Backward, {@code m} the elements per channel: in training
 * {@code ∂x = weight·(g − Σg/m − x̂·Σ(g·x̂)/m) / √(var + eps)}; in evaluation
 * {@code ∂x = g·weight / √(var + eps)}; {@code ∂weight = Σ g·x̂}, {@code ∂bias = Σ g} per channel.
 * Without {@code createGraph} it is one fused pass; with it, the same formula in tensor operations
 * (recomputing the batch statistics from {@code x} in training), so it can be differentiated again.
 */
public final class NativeBatchNorm extends GradFn {

    // the dimensions of the (N, C, inner) view that a channel's statistics run over
    private static final int[] STATS = {0, 2};

    private final boolean training;
    private final int batch;
    private final int channels;
    private final int inner;
    private final double eps;
    private final boolean hasWeight;
    private final boolean hasBias;
    private final double[] mean;
    private final double[] rstd;

    private NativeBatchNorm(boolean training, int batch, int channels, int inner, double eps, boolean hasWeight,
                            boolean hasBias, double[] mean, double[] rstd) {
        this.training = training;
        this.batch = batch;
        this.channels = channels;
        this.inner = inner;
        this.eps = eps;
        this.hasWeight = hasWeight;
        this.hasBias = hasBias;
        this.mean = mean;
        this.rstd = rstd;
    }

    /**
     * {@return a tensor of {@code x}'s shape and dtype}
     *
     * @param x {@code (N, C, *)}, float32 or float64
     * @param runningMean {@code C} values of {@code x}'s dtype, or null (then {@code runningVar} too)
     * @param runningVar {@code C} values of {@code x}'s dtype, or null
     * @param weight {@code C} values of {@code x}'s dtype, or null
     * @param bias {@code C} values of {@code x}'s dtype, or null
     * @param training whether to use (and update) the batch statistics
     * @param momentum the running statistics' update factor
     * @param eps added to the variance before the square root, for stability
     * @throws IllegalArgumentException if the rank, a size or a dtype does not fit, if only one of the
     *     running statistics is given, if they are missing in evaluation, or if training sees one
     *     value per channel
     */
    public static Tensor apply(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                               boolean training, double momentum, double eps) {
        Shape s = x.shape();
        if (s.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input of shape " + s + " has rank " + s.rank()
                    + "; pass (N, C), (N, C, L) or (N, C, H, W)");
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("batchNorm: input of shape " + s + " is " + x.dtype().label()
                    + "; pass a floating tensor (to(DType.FLOAT64))");
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: runningMean and runningVar must both be null or both be"
                    + " given; got " + (runningMean == null ? "runningVar" : "runningMean") + " alone");
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException("batchNorm: evaluation (training false) normalises with the running"
                    + " statistics, but runningMean and runningVar are null; pass them, or use training true");
        }
        int c = s.get(1);
        checkPerChannel("runningMean", runningMean, x);
        checkPerChannel("runningVar", runningVar, x);
        checkPerChannel("weight", weight, x);
        checkPerChannel("bias", bias, x);
        int n = s.get(0);
        int inner = trailing(s);
        long count = (long) n * inner;
        if (training && count == 1) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got"
                    + " input of shape " + s + "; use a batch of more than one sample, or evaluation (training false)");
        }
        double[] mean = new double[c];
        double[] rstd = new double[c];
        if (training) {
            double[] squares = new double[c];
            if (count > 0) { // an empty batch has no statistics: zeros keep its (empty) gradients finite
                Normalization.channelMoments(x.array(), n, c, inner, mean, squares);
            }
            for (int i = 0; i < c; i++) {
                rstd[i] = count > 0 ? 1.0 / Math.sqrt(squares[i] / count + eps) : 0.0;
            }
            if (runningMean != null && count > 0) {
                double[] unbiased = new double[c];
                for (int i = 0; i < c; i++) {
                    unbiased[i] = squares[i] / (count - 1);
                }
                Normalization.updateRunning(runningMean.array(), mean, momentum);
                Normalization.updateRunning(runningVar.array(), unbiased, momentum);
            }
        } else {
            double[] rm = Casts.toDoubles(runningMean.array());
            double[] rv = Casts.toDoubles(runningVar.array());
            for (int i = 0; i < c; i++) {
                mean[i] = rm[i];
                rstd[i] = 1.0 / Math.sqrt(rv[i] + eps);
            }
        }
        NDArray y = Normalization.batchNorm(x.array(), weight == null ? null : weight.array(),
                bias == null ? null : bias.array(), n, c, inner, mean, rstd);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (weight != null) {
            inputs.add(weight);
        }
        if (bias != null) {
            inputs.add(bias);
        }
        return new NativeBatchNorm(training, n, c, inner, eps, weight != null, bias != null, mean, rstd)
                .record(y, inputs.toArray(new Tensor[0]));
    }

    // the product of the sizes after the channels (1 for (N, C))
    private static int trailing(Shape s) {
        int p = 1;
        for (int i = 2; i < s.rank(); i++) {
            p *= s.get(i);
        }
        return p;
    }

    private static void checkPerChannel(String name, Tensor t, Tensor x) {
        if (t == null) {
            return;
        }
        int c = x.shape().get(1);
        if (t.numel() != c) {
            throw new IllegalArgumentException("batchNorm: " + name + " of shape " + t.shape() + " must hold one value"
                    + " per channel: the input of shape " + x.shape() + " has " + c + " channels (dimension 1)");
        }
        if (t.dtype() != x.dtype()) {
            throw new IllegalArgumentException("batchNorm: " + name + " of shape " + t.shape() + " is "
                    + t.dtype().label() + " but the input of shape " + x.shape() + " is " + x.dtype().label()
                    + "; convert it with to(DType." + x.dtype() + ")");
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, boolean createGraph) {
        Tensor x = input(0);
        Tensor w = hasWeight ? input(1) : null;
        int biasAt = hasWeight ? 2 : 1;
        boolean wantX = needsGrad(0);
        boolean wantW = hasWeight && needsGrad(1);
        boolean wantB = hasBias && needsGrad(biasAt);
        Tensor dx = null;
        Tensor dw = null;
        Tensor db = null;
        if (!createGraph) {
            Shape pShape = w != null ? w.shape() : hasBias ? input(biasAt).shape() : null;
            NDArray[] d = Normalization.batchNormBackward(Casts.to(g.array(), x.dtype()), x.array(),
                    w == null ? null : w.array(), batch, channels, inner, mean, rstd, training, pShape,
                    wantX, wantW, wantB);
            dx = d[0] == null ? null : constant(d[0]);
            dw = d[1] == null ? null : constant(d[1]);
            db = d[2] == null ? null : constant(d[2]);
        } else {
            // the array viewed as (N, C, inner): every statistic is over dimensions 0 and 2
            Shape view = Shape.of(batch, channels, inner);
            Shape perChannel = Shape.of(1, channels, 1);
            Tensor x3 = Reshape.apply(x, view);
            Tensor g3 = Reshape.apply(g, view);
            double count = (double) batch * inner;
            Tensor xhat;
            Tensor rs;
            if (training) {
                Tensor xc = x3.sub(x3.mean(STATS, true));
                rs = xc.mul(xc).mean(STATS, true).add(eps).pow(-0.5);
                xhat = xc.mul(rs);
            } else {
                rs = constant(Casts.fromDoubles(rstd, x.dtype(), perChannel));
                xhat = x3.sub(constant(Casts.fromDoubles(mean, x.dtype(), perChannel))).mul(rs);
            }
            Tensor sumGx = g3.mul(xhat).sum(STATS, true);
            Tensor sumG = g3.sum(STATS, true);
            if (wantX) {
                Tensor k = w == null ? rs : Reshape.apply(w, perChannel).mul(rs);
                Tensor centred = training ? g3.sub(sumG.div(count)).sub(xhat.mul(sumGx.div(count))) : g3;
                dx = Reshape.apply(k.mul(centred), x.shape());
            }
            if (wantW) {
                dw = Reshape.apply(sumGx, w.shape());
            }
            if (wantB) {
                db = Reshape.apply(sumG, input(biasAt).shape());
            }
        }
        if (hasWeight && hasBias) {
            return new Tensor[] {dx, dw, db};
        }
        if (hasWeight) {
            return new Tensor[] {dx, dw};
        }
        return hasBias ? new Tensor[] {dx, db} : new Tensor[] {dx};
    }
}
