package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The reductions of contract v2 against plain loops written here: each output element's group of
 * reduced elements is collected by walking the input in row-major order, and summed, averaged or
 * two-pass-varied in that order, in double. The kernels promise that order (and float32 accumulated
 * in double, rounded once), so float64 and float32 results must agree to the bit; int64 and bool
 * sums are exact. Shapes are random, of rank 0–4 with sizes 0–3, with random sets of dimensions
 * (negative, unordered, empty for "all").
 */
class ReductionReferenceTest {

    private final Random rng = new Random(777);

    // ------------------------------------------------------------------ sum, mean, var, std over dims

    @Test
    void sumMeanVarAndStdOverDimsMatchLoops() {
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = randomShape();
            int[] dims = randomDims(shape.length);
            boolean keep = rng.nextBoolean();
            int correction = rng.nextInt(3);
            Tensor x = Loops.normal(rng, shape);
            Tensor x32 = Tensor.fromArray(x.toFloatArray(), shape);
            String what = Shape.of(shape) + " dims " + Arrays.toString(dims) + " keep " + keep;

            double[][] groups = groups(x.toArray(), shape, reducedFlags(shape.length, dims));
            double[][] groups32 = groups(x32.toArray(), shape, reducedFlags(shape.length, dims));
            int[] out = outShape(shape, reducedFlags(shape.length, dims), keep);

            check("sum " + what, x.sum(dims, keep), out, map(groups, ReductionReferenceTest::sum), false);
            check("mean " + what, x.mean(dims, keep), out, map(groups, g -> sum(g) / g.length), false);
            check("var " + what, x.var(dims, correction, keep), out, map(groups, g -> var(g, correction)), false);
            check("std " + what, x.std(dims, correction, keep), out, map(groups, g -> Math.sqrt(var(g, correction))), false);
            check("sum f32 " + what, x32.sum(dims, keep), out, map(groups32, ReductionReferenceTest::sum), true);
            check("mean f32 " + what, x32.mean(dims, keep), out,
                    map(groups32, g -> (float) sum(g) / (float) g.length), true);
            check("var f32 " + what, x32.var(dims, correction, keep), out, map(groups32, g -> var(g, correction)), true);
            check("std f32 " + what, x32.std(dims, correction, keep), out,
                    map(groups32, g -> Math.sqrt((float) var(g, correction))), true);

            Tensor i = x.mul(3.0).to(DType.INT64);
            Tensor sumI = i.sum(dims, keep);
            assertThat(sumI.dtype()).isEqualTo(DType.INT64);
            assertThat(sumI.toArray()).as("sum i64 " + what)
                    .containsExactly(map(groups(i.toArray(), shape, reducedFlags(shape.length, dims)), ReductionReferenceTest::sum));
            Tensor b = x.gt(0.0);
            assertThat(b.sum(dims, keep).dtype()).isEqualTo(DType.INT64);
            assertThat(b.sum(dims, keep).toArray()).as("sum bool " + what)
                    .containsExactly(map(groups(b.toArray(), shape, reducedFlags(shape.length, dims)), ReductionReferenceTest::sum));
            assertThat(i.mean(dims, keep).dtype()).as("mean of int64 is float64").isEqualTo(DType.FLOAT64);
            assertThat(i.var(dims, correction, keep).dtype()).as("var of int64 is float64").isEqualTo(DType.FLOAT64);
        }
    }

    @Test
    void emptyDimsMeansAllDimsAndZeroDTakesDimZero() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(x.sum(new int[0], false).shape()).isEqualTo(Shape.of());
        assertThat(x.sum(new int[0], true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(x.sum(new int[0], true).item()).isEqualTo(21.0);
        assertThat(x.mean(new int[0], false).item()).isEqualTo(3.5);
        assertThat(x.var(new int[0], 0, true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(x.var().item()).isEqualTo(3.5);
        Tensor s = Tensor.scalar(2.0);
        assertThat(s.sum(new int[] {0}, true).shape()).isEqualTo(Shape.of());
        assertThat(s.mean(new int[] {-1}, false).item()).isEqualTo(2.0);
        assertThat(s.var(0, 0, false).item()).isEqualTo(0.0);
        assertThat(s.var().item()).as("one element, correction 1").isNaN();
    }

    /** As PyTorch: the divisor is {@code max(0, n − correction)}; no elements give NaN. */
    @Test
    void varianceWithTooFewElements() {
        assertThat(Tensor.of(3.0).var().item()).isNaN();
        assertThat(Tensor.of(3.0, 4.0).var(0, 3, false).item()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Tensor.of(3.0, 3.0).var(0, 2, false).item()).isNaN();
        assertThat(Tensor.zeros(0).var().item()).isNaN();
        assertThat(Tensor.zeros(0, 3).std(0, 1, false).toArray()).containsExactly(Double.NaN, Double.NaN, Double.NaN);
        // the gradient, as PyTorch's: 2(x − mean)/0, so NaN where x = mean and ±∞ elsewhere
        Tensor x = Tensor.of(3.0, 5.0).requiresGrad(true);
        x.var(0, 2, false).backward();
        assertThat(x.grad().toArray()).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Two passes: the naive {@code E[x²] − E[x]²} would lose every digit here. */
    @Test
    void varianceIsTwoPassAndSound() {
        assertThat(Tensor.of(1e9 + 1, 1e9 + 2, 1e9 + 3).var().item()).isEqualTo(1.0);
        assertThat(Tensor.fromArray(new float[] {10001f, 10002f, 10003f}, 3).var().item()).isEqualTo(1.0);
        assertThat(Tensor.of(1e9 + 1, 1e9 + 2, 1e9 + 3).std(0, 0, false).item()).isEqualTo(Math.sqrt(2.0 / 3));
    }

    @Test
    void stdGradientIsZeroWhereStdIsZero() {
        Tensor x = Tensor.of(new double[][] {{2, 2, 2}, {1, 2, 3}}).requiresGrad(true);
        x.std(1, 1, false).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(new double[] {0, 0, 0, -0.5, 0, 0.5}, within(1e-15));
    }

    // ------------------------------------------------------------------ max, min, argmax, argmin

    @Test
    void extremesAndTheirIndicesMatchLoops() {
        for (int trial = 0; trial < 300; trial++) {
            int[] shape = randomShape();
            if (shape.length == 0) {
                continue;
            }
            int dim = rng.nextInt(shape.length);
            int negDim = rng.nextBoolean() ? dim : dim - shape.length;
            boolean keep = rng.nextBoolean();
            Tensor x = ties(shape);
            boolean[] reduced = new boolean[shape.length];
            reduced[dim] = true;
            double[][] groups = groups(x.toArray(), shape, reduced);
            int[] out = outShape(shape, reduced, keep);
            String what = Shape.of(shape) + " dim " + negDim + " keep " + keep;
            if (shape[dim] == 0) {
                continue; // an empty dimension has no extreme: ElementwiseErrorsTest
            }
            for (Tensor t : new Tensor[] {x, x.to(DType.FLOAT32), x.mul(2.0).to(DType.INT64)}) {
                double[][] g = groups(t.toArray(), shape, reduced);
                check("max " + t.dtype() + what, t.max(negDim, keep), out, map(g, v -> v[firstIndex(v, true)]), false);
                check("min " + t.dtype() + what, t.min(negDim, keep), out, map(g, v -> v[firstIndex(v, false)]), false);
                check("argmax " + t.dtype() + what, t.argmax(negDim, keep), out, map(g, v -> firstIndex(v, true)), false);
                check("argmin " + t.dtype() + what, t.argmin(negDim, keep), out, map(g, v -> firstIndex(v, false)), false);
                assertThat(t.argmax(negDim, keep).dtype()).isEqualTo(DType.INT64);
                assertThat(t.max(negDim, keep).dtype()).isEqualTo(t.dtype());
            }
            if (keep) {
                assertThat(x.min(negDim).shape()).isEqualTo(x.min(negDim, false).shape());
                assertThat(x.argmin(negDim).toArray()).containsExactly(x.argmin(negDim, false).toArray());
                assertThat(x.argmax(negDim).toArray()).containsExactly(x.argmax(negDim, false).toArray());
            }
            if (x.numel() > 0) {
                double[] all = x.toArray();
                assertThat(x.argmax().item()).isEqualTo(firstIndex(all, true));
                assertThat(x.argmin().item()).isEqualTo(firstIndex(all, false));
                assertThat(x.argmax().shape()).isEqualTo(Shape.of());
                assertThat(x.min().item()).isEqualTo(all[firstIndex(all, false)]);
            }
            assertThat(groups.length).isEqualTo(Shape.of(out).numel());
        }
    }

    @Test
    void nanIsTheExtremeForBothAndArgOfAZeroDTensorIsZero() {
        Tensor x = Tensor.of(1.0, Double.NaN, 0.0, Double.NaN);
        assertThat(x.argmax().item()).isEqualTo(1.0);
        assertThat(x.argmin().item()).isEqualTo(1.0);
        assertThat(x.min().item()).isNaN();
        assertThat(x.min(0).item()).isNaN();
        Tensor s = Tensor.scalar(7.0);
        assertThat(s.argmax().item()).isEqualTo(0.0);
        assertThat(s.argmin(0).item()).isEqualTo(0.0);
        assertThat(s.argmax(-1, true).shape()).isEqualTo(Shape.of());
        assertThat(s.min(0, true).shape()).isEqualTo(Shape.of());
        assertThat(Tensor.zeros(0, 3).argmax(1).shape()).as("kept dims may be empty").isEqualTo(Shape.of(0));
        assertThat(Tensor.zeros(0, 3).min(1, true).shape()).isEqualTo(Shape.of(0, 1));
        Tensor b = Tensor.fromArray(new boolean[] {true, false, true}, 3);
        assertThat(b.min().toBooleanArray()).containsExactly(false);
        assertThat(b.max(0, true).toBooleanArray()).containsExactly(true);
    }

    /** Along a dim the gradient goes to the first extreme; over all elements it is shared among the ties. */
    @Test
    void minGradientGoesToTheFirstAlongADimAndIsSharedOverAll() {
        Tensor x = Tensor.of(new double[][] {{1, 0, 0}, {2, 2, 5}}).requiresGrad(true);
        x.min(1, true).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 1, 0, 1, 0, 0);
        x.zeroGrad();
        x.min().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0.5, 0.5, 0, 0, 0);
        x.zeroGrad();
        x.max(0, true).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0, 0, 1, 1, 1);
    }

    // ------------------------------------------------------------------ logsumexp

    @Test
    void logsumexpMatchesLoops() {
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = randomShape();
            if (shape.length == 0) {
                continue;
            }
            int dim = rng.nextInt(shape.length);
            boolean keep = rng.nextBoolean();
            Tensor x = Loops.normal(rng, shape).mul(3.0);
            boolean[] reduced = new boolean[shape.length];
            reduced[dim] = true;
            double[] expected = map(groups(x.toArray(), shape, reduced), g -> {
                double s = 0;
                for (double v : g) {
                    s += Math.exp(v);
                }
                return Math.log(s);
            });
            Tensor y = x.logsumexp(dim - (rng.nextBoolean() ? shape.length : 0), keep);
            assertThat(y.shape()).isEqualTo(Shape.of(outShape(shape, reduced, keep)));
            double[] got = y.toArray();
            for (int i = 0; i < got.length; i++) {
                if (expected[i] == Double.NEGATIVE_INFINITY) {
                    assertThat(got[i]).as("an empty slice").isEqualTo(expected[i]);
                } else {
                    assertThat(got[i]).isCloseTo(expected[i], within(1e-13));
                }
            }
            // float32: computed in double from the float values, rounded once
            Tensor x32 = Tensor.fromArray(x.toFloatArray(), shape);
            assertThat(x32.logsumexp(dim, keep).toFloatArray())
                    .containsExactly(x32.to(DType.FLOAT64).logsumexp(dim, keep).toFloatArray());
        }
    }

    @Test
    void logsumexpIsStableAndHandlesInfinitiesAsPyTorch() {
        double inf = Double.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new double[][] {{1000, 1000}, {-1000, -1000}, {inf, 1}, {-inf, -inf}, {Double.NaN, 1}})
                .requiresGrad(true);
        Tensor y = x.logsumexp(1, false);
        assertThat(y.toArray()).containsExactly(1000 + Math.log(2), -1000 + Math.log(2), inf, -inf, Double.NaN);
        Tensor firstTwo = Tensor.of(new double[][] {{1000, 1000}, {-1000, -1000}}).requiresGrad(true);
        firstTwo.logsumexp(1, true).sum().backward();
        // e^(x − out) with out = 1000 + ln 2 rounded to the ulp of 1000: the softmax to 1e-13, finite
        assertThat(firstTwo.grad().toArray()).containsExactly(new double[] {0.5, 0.5, 0.5, 0.5}, within(1e-13));
        assertThat(Tensor.zeros(2, 0).logsumexp(1, false).toArray()).containsExactly(-inf, -inf);
        assertThat(Tensor.scalar(2.0).logsumexp(0, true).item()).isEqualTo(2.0);
        assertThat(Tensor.fromArray(new long[] {1, 2}, 2).logsumexp(0, false).dtype()).isEqualTo(DType.FLOAT64);
    }

    // ------------------------------------------------------------------ cumsum

    @Test
    void cumsumMatchesLoopsAndItsGradientIsTheReversedSum() {
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = randomShape();
            int dim = shape.length == 0 ? 0 : rng.nextInt(shape.length);
            Tensor x = Loops.normal(rng, shape);
            for (Tensor t : new Tensor[] {x, Tensor.fromArray(x.toFloatArray(), shape), x.mul(3.0).to(DType.INT64),
                x.gt(0.0)}) {
                Tensor y = t.cumsum(dim);
                assertThat(y.shape()).isEqualTo(t.shape());
                assertThat(y.dtype()).isEqualTo(t.dtype() == DType.BOOL ? DType.INT64 : t.dtype());
                double[] expected = scan(t.toArray(), shape, dim, false);
                if (t.dtype() == DType.FLOAT32) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = (float) expected[i]; // the running sum is a double, each output rounded
                    }
                }
                assertThat(y.toArray()).as("cumsum(%d) of %s %s", dim, t.dtype(), t.shape()).containsExactly(expected);
            }
            Tensor leaf = x.detach().requiresGrad(true);
            Tensor u = Loops.normal(rng, shape);
            leaf.cumsum(dim).backward(u);
            assertThat(leaf.grad().toArray()).containsExactly(scan(u.toArray(), shape, dim, true));
        }
    }

    // ------------------------------------------------------------------ norm

    @Test
    void normMatchesALoopAndItsGradientIsZeroAtTheZeroVector() {
        for (int trial = 0; trial < 50; trial++) {
            int[] shape = randomShape();
            Tensor x = Loops.normal(rng, shape);
            double s = 0;
            for (double v : x.toArray()) {
                s += v * v;
            }
            assertThat(x.norm().item()).isEqualTo(Math.sqrt(s));
            Tensor x32 = Tensor.fromArray(x.toFloatArray(), shape);
            double s32 = 0;
            for (float f : x32.toFloatArray()) {
                s32 += (double) f * f;
            }
            assertThat(x32.norm().toFloatArray()).containsExactly((float) Math.sqrt(s32));
        }
        assertThat(Tensor.zeros(0).norm().item()).isEqualTo(0.0);
        Tensor x = Tensor.of(3.0, -4.0).requiresGrad(true);
        x.norm().backward();
        assertThat(x.grad().toArray()).containsExactly(new double[] {0.6, -0.8}, within(1e-15));
        Tensor z = Tensor.zeros(3).requiresGrad(true);
        z.norm().backward();
        assertThat(z.grad().toArray()).containsExactly(0.0, 0.0, 0.0);
        assertThat(Tensor.fromArray(new long[] {3, 4}, 2).norm().item()).isEqualTo(5.0);
    }

    // ------------------------------------------------------------------ helpers

    private void check(String what, Tensor actual, int[] out, double[] expected, boolean float32) {
        assertThat(actual.shape()).as(what).isEqualTo(Shape.of(out));
        if (float32) {
            assertThat(actual.dtype()).as(what).isEqualTo(DType.FLOAT32);
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) expected[i];
            }
        }
        assertThat(actual.toArray()).as(what).containsExactly(expected);
    }

    // for each output element (kept dims in row-major order), its reduced elements in row-major order
    private static double[][] groups(double[] x, int[] shape, boolean[] reduced) {
        int[] kept = outShape(shape, reduced, false);
        List<List<Double>> g = new ArrayList<>();
        for (int o = 0; o < Shape.of(kept).numel(); o++) {
            g.add(new ArrayList<>());
        }
        for (int flat = 0; flat < x.length; flat++) {
            int[] idx = Loops.unravel(flat, shape);
            int[] k = new int[kept.length];
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (!reduced[d]) {
                    k[j++] = idx[d];
                }
            }
            g.get(Loops.ravel(k, kept)).add(x[flat]);
        }
        double[][] out = new double[g.size()][];
        for (int o = 0; o < out.length; o++) {
            out[o] = g.get(o).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    private static double[] map(double[][] groups, ToDoubleFunction<double[]> f) {
        double[] out = new double[groups.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(groups[i]);
        }
        return out;
    }

    private static double sum(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s;
    }

    // two passes, divided by max(0, n - correction)
    private static double var(double[] g, int correction) {
        double mean = sum(g) / g.length;
        double s = 0;
        for (double v : g) {
            s += (v - mean) * (v - mean);
        }
        return s / Math.max(0, g.length - correction);
    }

    private static int firstIndex(double[] g, boolean max) {
        int at = 0;
        for (int j = 1; j < g.length; j++) {
            if (Double.isNaN(g[at])) {
                break;
            }
            if (Double.isNaN(g[j]) || (max ? g[j] > g[at] : g[j] < g[at])) {
                at = j;
            }
        }
        return at;
    }

    // the cumulative sum along dim, forward or from the end, in double
    private static double[] scan(double[] x, int[] shape, int dim, boolean reverse) {
        double[] out = new double[x.length];
        if (shape.length == 0) {
            return x.clone();
        }
        int n = shape[dim];
        for (int flat = 0; flat < x.length; flat++) {
            int[] idx = Loops.unravel(flat, shape);
            double s = 0;
            for (int k = reverse ? n - 1 : 0; reverse ? k >= idx[dim] : k <= idx[dim]; k += reverse ? -1 : 1) {
                int[] j = idx.clone();
                j[dim] = k;
                s += x[Loops.ravel(j, shape)];
            }
            out[flat] = s;
        }
        return out;
    }

    private static boolean[] reducedFlags(int rank, int[] dims) {
        boolean[] r = new boolean[rank];
        if (dims.length == 0) {
            Arrays.fill(r, true);
        }
        for (int d : dims) {
            if (rank > 0) { // a 0-d tensor takes dim 0 or -1 and has no flags
                r[d < 0 ? d + rank : d] = true;
            }
        }
        return r;
    }

    private static int[] outShape(int[] shape, boolean[] reduced, boolean keep) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out.add(shape[d]);
            } else if (keep) {
                out.add(1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] randomShape() {
        int rank = rng.nextInt(5);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = rng.nextInt(8) == 0 ? 0 : 1 + rng.nextInt(3);
        }
        return s;
    }

    // a random subset of the dims, in random order, each possibly negative; sometimes empty (= all)
    private int[] randomDims(int rank) {
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (rng.nextBoolean()) {
                dims.add(rng.nextBoolean() ? d : d - rank);
            }
        }
        java.util.Collections.shuffle(dims, rng);
        if (rank == 0 && rng.nextBoolean()) {
            dims.add(rng.nextBoolean() ? 0 : -1);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    // halves in [-1, 1]: ties are common
    private Tensor ties(int... shape) {
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(5) * 0.5 - 1;
        }
        return Tensor.fromArray(d, shape);
    }
}
