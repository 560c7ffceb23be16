package io.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ops.OpCases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every first-order case of {@link LinalgCases} in float32 against float64, as {@code ops/Float32Test}
 * does for the operations: the inputs rounded to float32, the function and its backward run in
 * float32, and the output and every gradient must be float32 and equal the float64 results (of the
 * same rounded inputs) within {@code 1e-4·max(|y64|, 0.1·scale)} element by element. The
 * decompositions compute float32 in float64 and round once, so the forward values are the float64
 * ones rounded; the backward formulas run in float32 arithmetic (products, solves on well-conditioned
 * matrices) with float accumulation in the products, within the same tolerance: an element near zero
 * is judged on 1e-5 of the largest magnitude (about a hundred float32 ulps of it), since the backward formulas
 * of the decompositions cancel large terms (the singular vectors').
 */
class LinalgFloat32Test {

    static Stream<Case> cases() {
        return LinalgCases.firstOrder().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32MatchesFloat64(Case c) {
        List<Tensor> in32 = new ArrayList<>();
        List<Tensor> in64 = new ArrayList<>();
        for (Tensor t : c.inputs()) {
            Tensor rounded = Tensor.fromArray(t.toFloatArray(), t.shape().toArray());
            in64.add(rounded.to(DType.FLOAT64).requiresGrad(true));
            in32.add(rounded.requiresGrad(true));
        }
        Tensor y32 = c.f().apply(in32);
        Tensor y64 = c.f().apply(in64);
        assertThat(y32.dtype()).as("%s: output dtype", c.name()).isEqualTo(DType.FLOAT32);
        assertThat(y64.dtype()).as("%s: output dtype", c.name()).isEqualTo(DType.FLOAT64);
        close(c.name() + ": output", y32.toArray(), y64.toArray());

        double[] u = new double[y64.numel()];
        Random rng = new Random(c.name().hashCode());
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble() + 0.5;
        }
        y32.backward(Tensor.fromArray(u, y32.shape().toArray()).to(DType.FLOAT32));
        y64.backward(Tensor.fromArray(u, y64.shape().toArray()));
        for (int i = 0; i < in32.size(); i++) {
            Tensor g32 = in32.get(i).grad();
            Tensor g64 = in64.get(i).grad();
            assertThat(g32 == null).as("%s: input %d has a gradient in both dtypes", c.name(), i).isEqualTo(g64 == null);
            if (g32 != null) {
                assertThat(g32.dtype()).as("%s: gradient %d dtype", c.name(), i).isEqualTo(DType.FLOAT32);
                close(c.name() + ": gradient of input " + i, g32.toArray(), g64.toArray());
            }
        }
    }

    private static void close(String what, double[] a32, double[] a64) {
        assertThat(a32).as(what + ": size").hasSize(a64.length);
        double scale = 0;
        for (double v : a64) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a64.length; i++) {
            double tol = 1e-4 * Math.max(Math.abs(a64[i]), 1e-1 * scale) + 1e-30;
            if (!(Math.abs(a32[i] - a64[i]) <= tol) && !(Double.isNaN(a32[i]) && Double.isNaN(a64[i]))) {
                throw new AssertionError(String.format("%s, element %d: float32 %.9g, float64 %.9g (difference %.3g,"
                        + " tolerance %.3g)", what, i, a32[i], a64[i], Math.abs(a32[i] - a64[i]), tol));
            }
        }
    }
}
