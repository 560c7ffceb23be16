package io.jgrad.ops;

import io.jgrad.GradFn;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Layer normalisation over the last dimensions (PyTorch's {@code layer_norm}; its node
 * {@code NativeLayerNormBackward0}): with each row {@code r} the {@code K} elements of the trailing
 * {@code normalizedShape},
 * <pre>
 *   x̂ = (x − mean_r) / √(var_r + eps),   out = x̂ · weight + bias
 * </pre>
 * {@code var_r} the biased variance, {@code weight} and {@code bias} of {@code normalizedShape} (each
 * may be absent). The forward is one fused kernel ({@link Normalization#layerNorm}).
 *
 * <p>Backward, with {@code gw = g·weight}:
 * {@code ∂x = (gw − mean_r(gw) − x̂·mean_r(gw·x̂)) / √(var_r + eps)},
 * {@code ∂weight = Σ_r g·x̂}, {@code ∂bias = Σ_r g}. Without {@code createGraph} it is one fused pass
 * over the statistics the forward kept; with it, the same formula in tensor operations that
 * recompute {@code x̂} from {@code x}, so it can be differentiated again.
 */
public final class NativeLayerNorm extends GradFn {

    private final int rows;
    private final int cols;
    private final double eps;
    private final boolean hasWeight;
    private final boolean hasBias;
    private final double[] mean;
    private final double[] rstd;

    private NativeLayerNorm(int rows, int cols, double eps, boolean hasWeight, boolean hasBias, double[] mean,
                            double[] rstd) {
        this.rows = rows;
        this.cols = cols;
        this.eps = eps;
        this.hasWeight = hasWeight;
        this.hasBias = hasBias;
        this.mean = mean;
        this.rstd = rstd;
    }

    /**
     * {@return a tensor of {@code x}'s shape and dtype}
     *
     * @param x the input, normalised over its last {@code normalizedShape.length} dimensions
     * @param normalizedShape the trailing dimensions of {@code x} to normalise over, at least one
     * @param weight of {@code normalizedShape} and {@code x}'s dtype, or null
     * @param bias of {@code normalizedShape} and {@code x}'s dtype, or null
     * @param eps added to the variance before the square root, for stability
     * @throws IllegalArgumentException if {@code x} is not floating, {@code normalizedShape} is empty
     *     or is not the end of {@code x}'s shape, or {@code weight}/{@code bias} have another shape or dtype
     */
    public static Tensor apply(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        Shape s = x.shape();
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("layerNorm: input of shape " + s + " is " + x.dtype().label()
                    + "; pass a floating tensor (to(DType.FLOAT64))");
        }
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("layerNorm: normalizedShape is " + (normalizedShape == null ? "null"
                    : "empty") + "; pass at least one trailing"
                    + " dimension of the input of shape " + s + " to normalise over");
        }
        int k = normalizedShape.length;
        boolean fits = k <= s.rank();
        for (int i = 0; fits && i < k; i++) {
            fits = s.get(s.rank() - k + i) == normalizedShape[i];
        }
        Shape normalized = Shape.of(normalizedShape);
        if (!fits) {
            throw new IllegalArgumentException("layerNorm: normalizedShape " + normalized + " does not match the last"
                    + " dimensions of the input of shape " + s + "; the input must have shape (*, "
                    + Arrays.stream(normalizedShape).mapToObj(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
        checkParameter("weight", weight, normalized, x);
        checkParameter("bias", bias, normalized, x);
        int cols = normalized.numel();
        int rows = cols == 0 ? Shape.of(Arrays.copyOf(s.toArray(), s.rank() - k)).numel() : s.numel() / cols;
        double[] mean = new double[rows];
        double[] rstd = new double[rows];
        NDArray y = Normalization.layerNorm(x.array(), weight == null ? null : weight.array(),
                bias == null ? null : bias.array(), rows, cols, eps, mean, rstd);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (weight != null) {
            inputs.add(weight);
        }
        if (bias != null) {
            inputs.add(bias);
        }
        return new NativeLayerNorm(rows, cols, eps, weight != null, bias != null, mean, rstd)
                .record(y, inputs.toArray(new Tensor[0]));
    }

    private static void checkParameter(String name, Tensor p, Shape normalized, Tensor x) {
        if (p == null) {
            return;
        }
        if (!p.shape().equals(normalized)) {
            throw new IllegalArgumentException("layerNorm: " + name + " of shape " + p.shape() + " does not match"
                    + " normalizedShape " + normalized + "; pass a " + name + " of shape " + normalized + " or null");
        }
        if (p.dtype() != x.dtype()) {
            throw new IllegalArgumentException("layerNorm: " + name + " of shape " + p.shape() + " is "
                    + p.dtype().label() + " but the input of shape " + x.shape() + " is " + x.dtype().label()
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
            NDArray[] d = Normalization.layerNormBackward(Casts.to(g.array(), x.dtype()), x.array(),
                    w == null ? null : w.array(), rows, cols, mean, rstd, pShape, wantX, wantW, wantB);
            dx = d[0] == null ? null : constant(d[0]);
            dw = d[1] == null ? null : constant(d[1]);
            db = d[2] == null ? null : constant(d[2]);
        } else {
            Shape matrix = Shape.of(rows, cols);
            Tensor x2 = Reshape.apply(x, matrix);
            Tensor g2 = Reshape.apply(g, matrix);
            Tensor xc = x2.sub(x2.mean(1, true));
            Tensor rs = xc.mul(xc).mean(1, true).add(eps).pow(-0.5);
            Tensor xhat = xc.mul(rs);
            if (wantX) {
                Tensor gw = w == null ? g2 : g2.mul(Reshape.apply(w, Shape.of(cols)));
                Tensor inner = gw.sub(gw.mean(1, true)).sub(xhat.mul(gw.mul(xhat).mean(1, true)));
                dx = Reshape.apply(rs.mul(inner), x.shape());
            }
            if (wantW) {
                dw = Reshape.apply(g2.mul(xhat).sum(0), w.shape());
            }
            if (wantB) {
                db = Reshape.apply(g2.sum(0), input(biasAt).shape());
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
