package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.ErfSeries;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The element-wise functions, comparisons and logical functions of contract v2 against plain loops
 * written here, in float64 and float32, on edge shapes ({@code ()}, size 1, size 0); their special
 * values against PyTorch 2.13's (recorded here, so the test does not need PyTorch); their dtype rules;
 * and the gradients at kinks and ties, where central differences cannot check them.
 */
class ElementwiseReferenceTest {

    private static final int[][] SHAPES = {{}, {1}, {3}, {2, 3}, {1, 4, 1}, {0}, {2, 0, 3}};
    private static final double SQRT1_2 = 0.7071067811865476;

    private final Random rng = new Random(4242);

    // ------------------------------------------------------------------ unary functions

    /** Each function with its plain-loop reference, and whether float32 must match it exactly. */
    private record Unary(String name, Function<Tensor, Tensor> op, DoubleUnaryOperator ref, boolean exact32) {
    }

    private static Unary[] unaries() {
        return new Unary[] {
            new Unary("log1p", Tensor::log1p, Math::log1p, false),
            new Unary("expm1", Tensor::expm1, Math::expm1, false),
            new Unary("sin", Tensor::sin, Math::sin, false),
            new Unary("cos", Tensor::cos, Math::cos, false),
            new Unary("square", Tensor::square, v -> v * v, true),
            new Unary("rsqrt", Tensor::rsqrt, v -> 1 / Math.sqrt(v), false),
            new Unary("reciprocal", Tensor::reciprocal, v -> 1 / v, true),
            new Unary("sign", Tensor::sign, v -> v > 0 ? 1 : v < 0 ? -1 : 0, true),
            new Unary("floor", Tensor::floor, Math::floor, true),
            new Unary("ceil", Tensor::ceil, Math::ceil, true),
            new Unary("round", Tensor::round, Math::rint, true),
            new Unary("geluTanh", Tensor::geluTanh, ElementwiseReferenceTest::geluTanh, false),
            new Unary("silu", Tensor::silu, v -> v / (1 + Math.exp(-v)), false),
            new Unary("softplus", Tensor::softplus, v -> v > 20 ? v : Math.log1p(Math.exp(v)), false),
            new Unary("leakyRelu(0.1)", x -> x.leakyRelu(0.1), v -> v > 0 ? v : 0.1 * v, false),
            new Unary("clamp(-0.5, 0.7)", x -> x.clamp(-0.5, 0.7), v -> Math.min(Math.max(v, -0.5), 0.7), false),
            new Unary("clampMin(0.3)", x -> x.clampMin(0.3), v -> Math.max(v, 0.3), false),
            new Unary("clampMax(0.3)", x -> x.clampMax(0.3), v -> Math.min(v, 0.3), false),
        };
    }

    // PyTorch's tanh approximation, written out in its order: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    private static double geluTanh(double x) {
        double beta = Math.sqrt(2) * (2 / Math.sqrt(Math.PI)) * 0.5;
        double cube = x * x * x;
        return 0.5 * x * (1 + StrictMath.tanh(beta * (x + 0.044715 * cube)));  // fdlibm, as jgrad: one result on every JDK
    }

    @Test
    void unaryFunctionsMatchLoopsInFloat64() {
        for (int[] s : SHAPES) {
            Tensor x = wide(s);
            Tensor p = positive(s);
            for (Unary u : unaries()) {
                Tensor in = u.name().equals("log1p") || u.name().equals("rsqrt") ? p : x;
                Tensor y = u.op().apply(in);
                assertThat(y.dtype()).as(u.name()).isEqualTo(DType.FLOAT64);
                assertThat(y.shape()).as(u.name()).isEqualTo(Shape.of(s));
                double[] expected = map(in.toArray(), u.ref());
                double[] got = y.toArray();
                // the loops compute the same formulas in the same order, so float64 agrees to the bit
                assertThat(got).as("%s of %s", u.name(), in.shape()).containsExactly(expected);
            }
        }
    }

    /**
     * Float32: the documented accuracy, within one float ulp of the correctly rounded value (the
     * double computation rounded once), and exactly it for the functions exact in single precision.
     */
    @Test
    void unaryFunctionsMatchLoopsInFloat32() {
        for (int[] s : SHAPES) {
            for (Unary u : unaries()) {
                Tensor in64 = u.name().equals("log1p") || u.name().equals("rsqrt") ? positive(s) : wide(s);
                Tensor x = Tensor.fromArray(in64.toFloatArray(), s);
                Tensor y = u.op().apply(x);
                assertThat(y.dtype()).as(u.name()).isEqualTo(DType.FLOAT32);
                float[] in = x.toFloatArray();
                float[] got = y.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    float expected = (float) u.ref().applyAsDouble(in[i]);
                    if (got[i] == expected) {
                        continue; // infinities included
                    }
                    float tol = u.exact32() ? 0f : Math.ulp(expected);
                    assertThat(Math.abs(got[i] - expected)).as("%s(%sf)", u.name(), in[i]).isLessThanOrEqualTo(tol);
                }
            }
        }
    }

    /**
     * erf and the exact GELU against the 90-digit series ({@link ErfSeries}): erf within an ulp;
     * GELU within the error that one ulp of erf makes in {@code x·0.5·(1 + erf(x/√2))} (PyTorch's
     * formula, which loses relative accuracy where {@code 1 + erf} cancels, for x ≪ 0).
     */
    @Test
    void erfAndGeluMatchAHighPrecisionSeries() {
        for (int[] s : SHAPES) {
            Tensor x = wide(s);
            double[] xs = x.toArray();
            double[] erf = x.erf().toArray();
            double[] gelu = x.gelu().toArray();
            float[] erf32 = Tensor.fromArray(x.toFloatArray(), s).erf().toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double e = ErfSeries.erfDouble(xs[i]);
                assertThat(Math.abs(erf[i] - e)).as("erf(%s)", xs[i]).isLessThanOrEqualTo(Math.ulp(e));
                BigDecimal exact = new BigDecimal(xs[i]).multiply(new BigDecimal("0.5"))
                        .multiply(BigDecimal.ONE.add(erf(xs[i] * SQRT1_2)), MathContext.DECIMAL128);
                double tol = 2 * Math.ulp(exact.doubleValue()) + Math.abs(xs[i]) * 0x1p-52;
                assertThat(Math.abs(gelu[i] - exact.doubleValue())).as("gelu(%s)", xs[i]).isLessThanOrEqualTo(tol);
                float e32 = (float) ErfSeries.erfDouble((float) xs[i]);
                assertThat(Math.abs(erf32[i] - e32)).as("erf(%sf)", (float) xs[i]).isLessThanOrEqualTo(Math.ulp(e32));
            }
        }
    }

    private static BigDecimal erf(double x) {
        return Math.abs(x) > 6 ? BigDecimal.valueOf(Math.signum(x)) : ErfSeries.erf(x);
    }

    /** {@code torch.*(x)} for x = NaN, ∞, −∞, −0, 0, −1, 1e-300, −800, 800, printed by PyTorch 2.13. */
    @Test
    void specialValuesAsPyTorch() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Tensor x = Tensor.of(nan, inf, -inf, -0.0, 0.0, -1.0, 1e-300, -800.0, 800.0);
        Map<String, double[]> torch = new LinkedHashMap<>();
        torch.put("log1p", new double[] {nan, inf, nan, -0.0, 0.0, -inf, 1e-300, nan, 6.68586094706836});
        torch.put("expm1", new double[] {nan, inf, -1.0, -0.0, 0.0, -0.6321205588285577, 1e-300, -1.0, inf});
        torch.put("rsqrt", new double[] {nan, 0.0, nan, -inf, inf, nan, 1e+150, nan, 0.035355339059327376});
        torch.put("reciprocal", new double[] {nan, 0.0, -0.0, -inf, inf, -1.0, 9.999999999999999e+299, -0.00125,
            0.00125});
        torch.put("erf", new double[] {nan, 1.0, -1.0, -0.0, 0.0, -0.8427007929497149, 1.1283791670955126e-300, -1.0,
            1.0});
        torch.put("sign", new double[] {0.0, 1.0, -1.0, 0.0, 0.0, -1.0, 1.0, -1.0, 1.0});
        torch.put("floor", new double[] {nan, inf, -inf, -0.0, 0.0, -1.0, 0.0, -800.0, 800.0});
        torch.put("ceil", new double[] {nan, inf, -inf, -0.0, 0.0, -1.0, 1.0, -800.0, 800.0});
        torch.put("round", new double[] {nan, inf, -inf, -0.0, 0.0, -1.0, 0.0, -800.0, 800.0});
        torch.put("gelu", new double[] {nan, inf, nan, -0.0, 0.0, -0.15865525393145702, 5e-301, -0.0, 800.0});
        torch.put("geluTanh", new double[] {nan, inf, nan, -0.0, 0.0, -0.15880800939172324, 5e-301, -0.0, 800.0});
        torch.put("silu", new double[] {nan, inf, nan, -0.0, 0.0, -0.2689414213699951, 5e-301, -0.0, 800.0});
        torch.put("softplus", new double[] {nan, inf, 0.0, 0.6931471805599453, 0.6931471805599453, 0.31326168751822286,
            0.6931471805599453, 0.0, 800.0});
        torch.put("leakyRelu", new double[] {nan, inf, -inf, -0.0, 0.0, -0.1, 1e-300, -80.0, 800.0});
        torch.put("square", new double[] {nan, inf, inf, 0.0, 0.0, 1.0, 0.0, 640000.0, 640000.0});
        Map<String, Function<Tensor, Tensor>> ops = Map.ofEntries(Map.entry("log1p", Tensor::log1p),
                Map.entry("expm1", Tensor::expm1), Map.entry("rsqrt", Tensor::rsqrt),
                Map.entry("reciprocal", Tensor::reciprocal), Map.entry("erf", Tensor::erf), Map.entry("sign", Tensor::sign),
                Map.entry("floor", Tensor::floor), Map.entry("ceil", Tensor::ceil), Map.entry("round", Tensor::round),
                Map.entry("gelu", Tensor::gelu), Map.entry("geluTanh", Tensor::geluTanh), Map.entry("silu", Tensor::silu),
                Map.entry("softplus", Tensor::softplus), Map.entry("leakyRelu", t -> t.leakyRelu(0.1)),
                Map.entry("square", Tensor::square));
        for (Map.Entry<String, double[]> e : torch.entrySet()) {
            double[] got = ops.get(e.getKey()).apply(x).toArray();
            for (int i = 0; i < got.length; i++) {
                // the same bits, signed zeros included (NaN compared as NaN)
                assertThat(Double.valueOf(got[i])).as("%s(%s)", e.getKey(), x.toArray()[i])
                        .isEqualTo(Double.valueOf(e.getValue()[i]));
            }
        }
    }

    @Test
    void roundIsHalfToEven() {
        Tensor x = Tensor.of(0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 4503599627370497.0, 0.49999999999999994);
        assertThat(x.round().toArray()).containsExactly(0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 2.0, 4503599627370497.0, 0.0);
        float[] f = Tensor.fromArray(new float[] {0.5f, 1.5f, 2.5f, -2.5f, 8388609f}, 5).round().toFloatArray();
        assertThat(f).containsExactly(0f, 2f, 2f, -2f, 8388609f);
    }

    @Test
    void dtypesAsPyTorch() {
        Tensor i = Tensor.fromArray(new long[] {3, -2, 0}, 3);
        Tensor b = Tensor.fromArray(new boolean[] {true, false, true}, 3);
        // float-only functions compute int64 and bool in float64
        for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Tensor::log1p, Tensor::expm1, Tensor::sin,
                Tensor::cos, Tensor::rsqrt, Tensor::erf, Tensor::reciprocal, Tensor::gelu, Tensor::geluTanh, Tensor::silu,
                Tensor::softplus, t -> t.leakyRelu(0.1))) {
            assertThat(f.apply(i).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(f.apply(b).dtype()).isEqualTo(DType.FLOAT64);
        }
        assertThat(i.reciprocal().toArray()).containsExactly(1 / 3.0, -0.5, Double.POSITIVE_INFINITY);
        assertThat(i.leakyRelu(0.5).toArray()).containsExactly(3.0, -1.0, 0.0);
        // integer-valued functions keep int64; bool: sign is the identity, square gives int64
        assertThat(i.sign().toLongArray()).containsExactly(1, -1, 0);
        assertThat(i.sign().dtype()).isEqualTo(DType.INT64);
        assertThat(i.floor().toLongArray()).containsExactly(3, -2, 0);
        assertThat(i.ceil().dtype()).isEqualTo(DType.INT64);
        assertThat(i.round().dtype()).isEqualTo(DType.INT64);
        assertThat(i.square().toLongArray()).containsExactly(9, 4, 0);
        assertThat(i.square().dtype()).isEqualTo(DType.INT64);
        assertThat(b.square().toLongArray()).containsExactly(1, 0, 1);
        assertThat(b.sign().toBooleanArray()).containsExactly(true, false, true);
        assertThat(b.sign().dtype()).isEqualTo(DType.BOOL);
        // clamps take double bounds: an int64 tensor gives float64 (as PyTorch with float bounds)
        assertThat(i.clamp(0.5, 2.5).toArray()).containsExactly(2.5, 0.5, 0.5);
        assertThat(i.clamp(0.5, 2.5).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(i.clampMin(0.5).dtype()).isEqualTo(DType.FLOAT64);
        // float32 bounds are compared in float32: the float nearest 0.1 is the bound
        Tensor x32 = Tensor.fromArray(new float[] {0.05f, 0.1f, 0.3f}, 3);
        assertThat(x32.clamp(0.1, 0.2).toFloatArray()).containsExactly(0.1f, 0.1f, 0.2f);
        assertThat(x32.clampMin(0.1).dtype()).isEqualTo(DType.FLOAT32);
    }

    // ------------------------------------------------------------------ clamps and leaky ReLU at the edges

    @Test
    void clampPropagatesNaNAndHandlesCrossedBounds() {
        Tensor x = Tensor.of(-1.0, 0.5, 3.0, Double.NaN);
        assertThat(x.clamp(2.0, 1.0).toArray()).containsExactly(1.0, 1.0, 1.0, Double.NaN);
        assertThat(x.clamp(Double.NaN, 1.0).toArray()).containsExactly(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertThat(x.clampMin(0.0).toArray()).containsExactly(0.0, 0.5, 3.0, Double.NaN);
        assertThat(x.clampMax(0.0).toArray()).containsExactly(-1.0, 0.0, 0.0, Double.NaN);
    }

    /** PyTorch's clamp passes the gradient where {@code min ≤ x ≤ max}, bounds included; 0 at NaN. */
    @Test
    void clampGradientIncludesTheBounds() {
        double[] values = {-0.5, 0.7, 0.1, -2.0, 3.0, Double.NaN};
        assertThat(grad(values, x -> x.clamp(-0.5, 0.7))).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(grad(values, x -> x.clampMin(-0.5))).containsExactly(1, 1, 1, 0, 1, 0);
        assertThat(grad(values, x -> x.clampMax(0.7))).containsExactly(1, 1, 1, 1, 0, 0);
        assertThat(grad(values, x -> x.clamp(1.0, -1.0))).as("crossed bounds: nothing inside")
                .containsExactly(0, 0, 0, 0, 0, 0);
    }

    /** At 0 and at NaN the gradient of leaky ReLU is the slope, as PyTorch's {@code self > 0 ? g : g·slope}. */
    @Test
    void leakyReluGradient() {
        assertThat(grad(new double[] {2.0, -2.0, 0.0, -0.0, Double.NaN}, x -> x.leakyRelu(0.25)))
                .containsExactly(1, 0.25, 0.25, 0.25, 0.25);
        Tensor x32 = Tensor.fromArray(new float[] {1f, -1f}, 2).requiresGrad(true);
        x32.leakyRelu(0.1).sum().backward();
        assertThat(x32.grad().toFloatArray()).containsExactly(1f, 0.1f);
    }

    @Test
    void zeroGradientFunctionsPassZeros() {
        for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Tensor::sign, Tensor::floor, Tensor::ceil,
                Tensor::round)) {
            assertThat(grad(new double[] {-1.5, 0.0, 2.5, Double.NaN}, f)).containsExactly(0, 0, 0, 0);
        }
    }

    @Test
    void softplusIsTheIdentityAboveTwentyWithGradientOne() {
        Tensor x = Tensor.of(20.0, 20.5, 100.0, 1000.0).requiresGrad(true);
        Tensor y = x.softplus();
        assertThat(y.toArray()).containsExactly(Math.log1p(Math.exp(20.0)), 20.5, 100.0, 1000.0);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1 / (1 + Math.exp(-20.0)), 1.0, 1.0, 1.0);
    }

    // ------------------------------------------------------------------ maximum and minimum

    @Test
    void maximumAndMinimumMatchLoopsOnRandomBroadcastShapes() {
        for (int trial = 0; trial < 200; trial++) {
            int[][] s = Loops.randomBroadcastPair(rng);
            Tensor a = small(s[0]);
            Tensor b = small(s[1]);
            checkBinary("maximum", a, b, Tensor::maximum, Math::max);
            checkBinary("minimum", a, b, Tensor::minimum, Math::min);
            Tensor a32 = a.to(DType.FLOAT32);
            Tensor b32 = b.to(DType.FLOAT32);
            assertThat(a32.maximum(b32).dtype()).isEqualTo(DType.FLOAT32);
            checkBinary("maximum f32", a32, b32, Tensor::maximum, Math::max);
            checkBinary("minimum f32", a32, b32, Tensor::minimum, Math::min);
            checkBinary("maximum i64", a.to(DType.INT64), b.to(DType.INT64), Tensor::maximum, Math::max);
        }
        Tensor i = Tensor.fromArray(new long[] {1, 5}, 2);
        Tensor f = Tensor.fromArray(new float[] {2.5f, 3f}, 2);
        assertThat(i.maximum(f).dtype()).as("int64 with float32 promotes to float32").isEqualTo(DType.FLOAT32);
        assertThat(i.maximum(f).toArray()).containsExactly(2.5, 5.0);
        Tensor p = Tensor.fromArray(new boolean[] {true, false, false}, 3);
        Tensor q = Tensor.fromArray(new boolean[] {false, false, true}, 3);
        assertThat(p.maximum(q).toBooleanArray()).containsExactly(true, false, true);
        assertThat(p.minimum(q).toBooleanArray()).containsExactly(false, false, false);
        Tensor nan = Tensor.of(Double.NaN, 1.0);
        assertThat(nan.maximum(Tensor.of(0.0, Double.NaN)).toArray()).containsExactly(Double.NaN, Double.NaN);
        assertThat(nan.minimum(Tensor.of(0.0, 2.0)).toArray()).containsExactly(Double.NaN, 1.0);
    }

    /** PyTorch: each operand gets half the gradient at a tie, the larger (smaller) one all of it, both all at NaN. */
    @Test
    void maximumAndMinimumSplitTheGradientAtTies() {
        for (boolean max : new boolean[] {true, false}) {
            Tensor a = Tensor.of(1.0, 2.0, 3.0, Double.NaN).requiresGrad(true);
            Tensor b = Tensor.of(1.0, 3.0, 2.0, 0.0).requiresGrad(true);
            (max ? a.maximum(b) : a.minimum(b)).backward(Tensor.of(2.0, 2.0, 2.0, 2.0));
            assertThat(a.grad().toArray()).containsExactly(1.0, max ? 0 : 2, max ? 2 : 0, 2.0);
            assertThat(b.grad().toArray()).containsExactly(1.0, max ? 2 : 0, max ? 0 : 2, 2.0);
        }
        // broadcast: the gradient of the (3,) operand is summed over the rows
        Tensor a = Tensor.of(new double[][] {{1, 5, 0}, {1, -1, 9}}).requiresGrad(true);
        Tensor b = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertThat(a.grad().toArray()).containsExactly(0.5, 1, 0, 0.5, 0, 1);
        assertThat(b.grad().toArray()).containsExactly(1.0, 1.0, 1.0);
    }

    // ------------------------------------------------------------------ comparisons and logic

    @Test
    void comparisonsMatchLoopsOnRandomBroadcastShapes() {
        Map<String, BiFunction<Tensor, Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("eq", Tensor::eq);
        ops.put("ne", Tensor::ne);
        ops.put("lt", Tensor::lt);
        ops.put("le", Tensor::le);
        ops.put("gt", Tensor::gt);
        ops.put("ge", Tensor::ge);
        Map<String, DoubleBinaryOperator> refs = Map.of("eq", (x, y) -> x == y ? 1 : 0, "ne", (x, y) -> x != y ? 1 : 0,
                "lt", (x, y) -> x < y ? 1 : 0, "le", (x, y) -> x <= y ? 1 : 0, "gt", (x, y) -> x > y ? 1 : 0,
                "ge", (x, y) -> x >= y ? 1 : 0);
        for (int trial = 0; trial < 200; trial++) {
            int[][] s = Loops.randomBroadcastPair(rng);
            Tensor a = small(s[0]);
            Tensor b = small(s[1]);
            for (String op : ops.keySet()) {
                checkBinary(op, a, b, ops.get(op), refs.get(op));
                checkBinary(op + " f32", a.to(DType.FLOAT32), b.to(DType.FLOAT32), ops.get(op), refs.get(op));
                checkBinary(op + " i64", a.to(DType.INT64), b.to(DType.INT64), ops.get(op), refs.get(op));
                assertThat(ops.get(op).apply(a, b).dtype()).isEqualTo(DType.BOOL);
            }
        }
    }

    @Test
    void comparisonsWithADoubleCompareInTheTensorsDtype() {
        Tensor x32 = Tensor.fromArray(new float[] {0.1f, 0.2f, 0.3f}, 3);
        assertThat(x32.eq(0.1).toBooleanArray()).as("0.1 is compared as 0.1f").containsExactly(true, false, false);
        assertThat(x32.to(DType.FLOAT64).eq(0.1).toBooleanArray()).as("0.1f widened is not 0.1")
                .containsExactly(false, false, false);
        assertThat(x32.ne(0.2).toBooleanArray()).containsExactly(true, false, true);
        assertThat(x32.lt(0.2).toBooleanArray()).containsExactly(true, false, false);
        assertThat(x32.le(0.2).toBooleanArray()).containsExactly(true, true, false);
        assertThat(x32.gt(0.2).toBooleanArray()).containsExactly(false, false, true);
        assertThat(x32.ge(0.2).toBooleanArray()).containsExactly(false, true, true);
        Tensor i = Tensor.fromArray(new long[] {0, 1, 2}, 3);
        assertThat(i.eq(0.5).toBooleanArray()).as("int64 against a fraction compares in float64")
                .containsExactly(false, false, false);
        assertThat(i.lt(1.5).toBooleanArray()).containsExactly(true, true, false);
        Tensor b = Tensor.fromArray(new boolean[] {true, false}, 2);
        assertThat(b.eq(1.0).toBooleanArray()).containsExactly(true, false);
        Tensor nan = Tensor.of(Double.NaN, 1.0);
        assertThat(nan.eq(nan).toBooleanArray()).containsExactly(false, true);
        assertThat(nan.ne(nan).toBooleanArray()).containsExactly(true, false);
        assertThat(nan.ge(Double.NaN).toBooleanArray()).containsExactly(false, false);
    }

    @Test
    void comparisonsAndLogicRecordNoGraph() {
        Tensor x = Tensor.of(1.0, -2.0).requiresGrad(true);
        for (Tensor r : new Tensor[] {x.eq(1.0), x.lt(x), x.gt(0.0), x.logicalNot(), x.logicalAnd(x), x.logicalOr(x)}) {
            assertThat(r.requiresGrad()).isFalse();
            assertThat(r.gradFn()).isNull();
            assertThat(r.dtype()).isEqualTo(DType.BOOL);
        }
    }

    @Test
    void logicalFunctionsReadNonZeroAsTrueForEveryDtype() {
        Tensor f = Tensor.of(0.0, Double.NaN, -0.0, 2.5);
        assertThat(f.logicalNot().toBooleanArray()).as("NaN is true, -0 is false").containsExactly(true, false, true, false);
        Tensor f32 = f.to(DType.FLOAT32);
        assertThat(f32.logicalNot().toBooleanArray()).containsExactly(true, false, true, false);
        Tensor i = Tensor.fromArray(new long[] {0, 3, -1, 0}, 4);
        Tensor b = Tensor.fromArray(new boolean[] {true, true, false, false}, 4);
        assertThat(i.logicalNot().toBooleanArray()).containsExactly(true, false, false, true);
        assertThat(b.logicalNot().toBooleanArray()).containsExactly(false, false, true, true);
        assertThat(i.logicalAnd(b).toBooleanArray()).containsExactly(false, true, false, false);
        assertThat(i.logicalOr(b).toBooleanArray()).containsExactly(true, true, true, false);
        assertThat(f.logicalAnd(i).toBooleanArray()).containsExactly(false, true, false, false);
        assertThat(f.logicalOr(f32).toBooleanArray()).containsExactly(false, true, false, true);
        assertThat(Tensor.scalar(0).logicalNot().shape()).isEqualTo(Shape.of());
        // broadcast
        Tensor col = Tensor.fromArray(new boolean[] {true, false}, 2, 1);
        Tensor row = Tensor.of(1.0, 0.0, 2.0);
        assertThat(col.logicalAnd(row).toBooleanArray()).containsExactly(true, false, true, false, false, false);
        assertThat(col.logicalOr(row).shape()).isEqualTo(Shape.of(2, 3));
        for (int trial = 0; trial < 100; trial++) {
            int[][] s = Loops.randomBroadcastPair(rng);
            Tensor a = small(s[0]).round();
            Tensor c = small(s[1]).round();
            checkBinary("logicalAnd", a, c, Tensor::logicalAnd, (x, y) -> x != 0 && y != 0 ? 1 : 0);
            checkBinary("logicalOr", a, c, Tensor::logicalOr, (x, y) -> x != 0 || y != 0 ? 1 : 0);
            assertThat(a.logicalNot().toArray()).containsExactly(map(a.toArray(), v -> v == 0 ? 1 : 0));
        }
    }

    // ------------------------------------------------------------------ node names

    @Test
    void everyMethodRecordsTheNodePyTorchNames() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor y = Tensor.of(new double[][] {{0.5, 1}, {2, 3}}).requiresGrad(true);
        Map<String, Supplier<Tensor>> calls = new LinkedHashMap<>();
        calls.put("Log1p", x::log1p);
        calls.put("Expm1", x::expm1);
        calls.put("Sin", x::sin);
        calls.put("Cos", x::cos);
        calls.put("Pow", x::square);
        calls.put("Rsqrt", x::rsqrt);
        calls.put("Reciprocal", x::reciprocal);
        calls.put("Erf", x::erf);
        calls.put("Sign", x::sign);
        calls.put("Floor", x::floor);
        calls.put("Ceil", x::ceil);
        calls.put("Round", x::round);
        calls.put("Gelu", x::gelu);
        calls.put("Gelu ", x::geluTanh);
        calls.put("Silu", x::silu);
        calls.put("Softplus", x::softplus);
        calls.put("LeakyRelu", () -> x.leakyRelu(0.1));
        calls.put("Clamp", () -> x.clamp(0, 1));
        calls.put("ClampMin", () -> x.clampMin(0));
        calls.put("ClampMax", () -> x.clampMax(0));
        calls.put("Maximum", () -> x.maximum(y));
        calls.put("Minimum", () -> x.minimum(y));
        calls.put("Sum", () -> x.sum(new int[] {0, 1}, false));
        calls.put("Mean", () -> x.mean(new int[] {1}, true));
        calls.put("Max", () -> x.max(1, true));
        calls.put("Min", x::min);
        calls.put("Min ", () -> x.min(0));
        calls.put("Min  ", () -> x.min(0, true));
        calls.put("Var", x::var);
        calls.put("Var ", () -> x.var(0, 0, true));
        calls.put("Var  ", () -> x.var(new int[] {0}, 1, false));
        calls.put("Std", x::std);
        calls.put("Std ", () -> x.std(0, 0, true));
        calls.put("Std  ", () -> x.std(new int[] {0}, 1, false));
        calls.put("Logsumexp", () -> x.logsumexp(1, false));
        calls.put("Cumsum", () -> x.cumsum(0));
        calls.put("Norm", x::norm);
        for (Map.Entry<String, Supplier<Tensor>> e : calls.entrySet()) {
            Tensor r = e.getValue().get();
            assertThat(r.gradFn()).as(e.getKey()).isNotNull();
            assertThat(r.gradFn().name()).isEqualTo(e.getKey().trim());
        }
    }

    // ------------------------------------------------------------------ helpers

    private void checkBinary(String op, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f, DoubleBinaryOperator g) {
        int[] out = Loops.broadcastShape(a.shape().toArray(), b.shape().toArray());
        double[] x = Loops.broadcastRead(a, out);
        double[] y = Loops.broadcastRead(b, out);
        double[] expected = new double[x.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = g.applyAsDouble(x[i], y[i]);
        }
        Tensor r = f.apply(a, b);
        assertThat(r.shape()).as("%s %s %s", op, a.shape(), b.shape()).isEqualTo(Shape.of(out));
        assertThat(r.toArray()).as("%s %s %s", op, a.shape(), b.shape()).containsExactly(expected);
    }

    // the gradient of Σ f(x) at the given values
    private static double[] grad(double[] values, Function<Tensor, Tensor> f) {
        Tensor x = Tensor.of(values).requiresGrad(true);
        f.apply(x).sum().backward();
        return x.grad().toArray();
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    // normal values scaled by 3, and some exact halves and integers (for round, floor, ceil and ties)
    private Tensor wide(int... shape) {
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(4) == 0 ? rng.nextInt(9) * 0.5 - 2 : 3 * rng.nextGaussian();
        }
        return Tensor.fromArray(d, shape);
    }

    private Tensor positive(int... shape) {
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.01 + 3 * rng.nextDouble();
        }
        return Tensor.fromArray(d, shape);
    }

    // integers and halves in [-2, 2], so that comparisons and extremes meet ties
    private Tensor small(int... shape) {
        double[] d = new double[Shape.of(shape).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(9) * 0.5 - 2;
        }
        return Tensor.fromArray(d, shape);
    }
}
