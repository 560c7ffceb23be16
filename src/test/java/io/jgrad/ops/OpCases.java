package io.jgrad.ops;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gradient-check cases of every operation of the {@link Tensor} API: first order (checked by
 * {@code GradCheckTest}) and second order (checked by {@code io.jgrad.HigherOrderTest}). Both lists
 * are also run by {@code GradCheckTest#everyOperationHasAGradientCheck}, which requires every
 * {@code GradFn} of this package to appear in the graphs they differentiate.
 *
 * <p>The fused operations that the layers call directly ({@code AddMm}, {@code CrossEntropy}) have
 * cases here too, called through their {@code apply}.
 *
 * <p>Inputs are drawn from a fixed seed and kept where the function is smooth: positive where a
 * logarithm, square root or fractional power needs it, at least 0.2 away from 0 for {@code relu}
 * and {@code abs}, and with distinct values (no ties) for {@code max}.
 */
public final class OpCases {

    /**
     * One case: a function of some tensors, and the point at which to check it.
     *
     * @param name shown by the test runner and in failure messages
     * @param f the function
     * @param inputs the point
     */
    public record Case(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    private OpCases() {
    }

    /** @return the first-order cases, every operation over several shapes */
    public static List<Case> firstOrder() {
        Gen g = new Gen(1234);
        List<Case> c = new ArrayList<>();

        // element-wise binary, with broadcasting, size-1 and 0-d operands
        int[][][] binaryShapes = {
            {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 3}}, {{3}, {}}, {{}, {}},
            {{4, 1, 3}, {2, 1}}, {{1}, {2, 2}},
        };
        for (int[][] s : binaryShapes) {
            c.add(binary("add", s, g.normal(s[0]), g.normal(s[1]), Tensor::add));
            c.add(binary("sub", s, g.normal(s[0]), g.normal(s[1]), Tensor::sub));
            c.add(binary("mul", s, g.normal(s[0]), g.normal(s[1]), Tensor::mul));
            c.add(binary("div", s, g.normal(s[0]), g.positive(s[1]), Tensor::div));
            c.add(binary("pow", s, g.positive(s[0]), g.normal(s[1]), Tensor::pow));
        }
        // the double overloads record the same nodes
        c.add(unary("add(2.5)", g.normal(2, 3), x -> x.add(2.5)));
        c.add(unary("sub(1.5)", g.normal(2, 3), x -> x.sub(1.5)));
        c.add(unary("mul(-3.0)", g.normal(2, 3), x -> x.mul(-3.0)));
        c.add(unary("div(2.5)", g.normal(2, 3), x -> x.div(2.5)));
        for (double e : new double[] {4.0, 0.5, -1.5, 3.0}) {
            c.add(unary("pow(" + e + ") (2, 3)", g.positive(2, 3), x -> x.pow(e)));
        }
        c.add(unary("pow(2.0) of negative and positive bases", g.normal(2, 3), x -> x.pow(2.0)));
        c.add(unary("pow(3.0) 0-d", g.normal(), x -> x.pow(3.0)));

        // element-wise unary
        int[][] unaryShapes = {{2, 3}, {}, {1, 4, 1}};
        for (int[] s : unaryShapes) {
            String sh = " " + shape(s);
            c.add(unary("neg" + sh, g.normal(s), Tensor::neg));
            c.add(unary("exp" + sh, g.normal(s), Tensor::exp));
            c.add(unary("log" + sh, g.positive(s), Tensor::log));
            c.add(unary("relu" + sh, g.awayFromZero(s), Tensor::relu));
            c.add(unary("tanh" + sh, g.normal(s), Tensor::tanh));
            c.add(unary("sigmoid" + sh, g.normal(s), Tensor::sigmoid));
            c.add(unary("sqrt" + sh, g.positive(s), Tensor::sqrt));
            c.add(unary("abs" + sh, g.awayFromZero(s), Tensor::abs));
        }

        // matmul in all its rank combinations, with batch broadcasting
        int[][][] matmulShapes = {
            {{3}, {3}}, {{2, 3}, {3, 4}}, {{2, 3}, {3}}, {{3}, {3, 4}}, {{1, 3}, {3, 1}}, {{1}, {1}},
            {{2, 2, 3}, {3, 4}}, {{2, 3}, {2, 3, 4}}, {{2, 2, 3}, {2, 3, 4}}, {{2, 1, 2, 3}, {3, 3, 2}},
            {{4}, {2, 4, 3}}, {{2, 3, 4}, {4}}, {{1, 2, 3}, {4, 3, 2}},
        };
        for (int[][] s : matmulShapes) {
            c.add(binary("matmul", s, g.normal(s[0]), g.normal(s[1]), Tensor::matmul));
        }

        // reductions
        for (int[] s : new int[][] {{2, 3}, {}, {4}, {2, 3, 4}}) {
            c.add(unary("sum() " + shape(s), g.normal(s), Tensor::sum));
            c.add(unary("mean() " + shape(s), g.normal(s), Tensor::mean));
        }
        c.add(unary("max() (3, 4)", g.distinct(3, 4), Tensor::max));
        c.add(unary("max() ()", g.normal(), Tensor::max));
        int[][] dimCases = {{0}, {1}, {-1}}; // dims of a (2, 3, 4) and of a (3,)
        for (int[] d : dimCases) {
            int dim = d[0];
            c.add(unary("sum(" + dim + ") (2, 3, 4)", g.normal(2, 3, 4), x -> x.sum(dim)));
            c.add(unary("sum(" + dim + ", true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.sum(dim, true)));
            c.add(unary("sum(" + dim + ", false) (2, 3, 4)", g.normal(2, 3, 4), x -> x.sum(dim, false)));
            c.add(unary("mean(" + dim + ") (2, 3, 4)", g.normal(2, 3, 4), x -> x.mean(dim)));
            c.add(unary("mean(" + dim + ", true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.mean(dim, true)));
            c.add(unary("max(" + dim + ") (2, 3, 4)", g.distinct(2, 3, 4), x -> x.max(dim)));
        }
        c.add(unary("sum(0) (3,) to 0-d", g.normal(3), x -> x.sum(0)));
        c.add(unary("sum(1) (2, 1)", g.normal(2, 1), x -> x.sum(1)));
        c.add(unary("mean(-1, true) (3,)", g.normal(3), x -> x.mean(-1, true)));
        c.add(unary("max(0) (5,)", g.distinct(5), x -> x.max(0)));
        c.add(unary("max(1) (3, 1)", g.normal(3, 1), x -> x.max(1)));

        // indexing and movement
        c.add(unary("get(1) (3, 4)", g.normal(3, 4), x -> x.get(1)));
        c.add(unary("get(-1, 2) (3, 4)", g.normal(3, 4), x -> x.get(-1, 2)));
        c.add(unary("get(1, 0) (2, 3, 4)", g.normal(2, 3, 4), x -> x.get(1, 0)));
        c.add(unary("get(2) (5,)", g.normal(5), x -> x.get(2)));
        c.add(unary("get() (2, 2)", g.normal(2, 2), x -> x.get()));
        c.add(unary("get(0, 1) twice (2, 2)", g.normal(2, 2), x -> x.get(0, 1).add(x.get(0, 1).mul(x.get(1, 0)))));
        c.add(unary("reshape(3, 2) (2, 3)", g.normal(2, 3), x -> x.reshape(3, 2)));
        c.add(unary("reshape(-1) (2, 3)", g.normal(2, 3), x -> x.reshape(-1)));
        c.add(unary("reshape(1, 2, 3) (6,)", g.normal(6), x -> x.reshape(1, 2, 3)));
        c.add(unary("reshape(1, 1) ()", g.normal(), x -> x.reshape(1, 1)));
        c.add(unary("reshape() (1, 1)", g.normal(1, 1), x -> x.reshape()));
        c.add(unary("transpose(0, 2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.transpose(0, 2)));
        c.add(unary("transpose(-1, -2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.transpose(-1, -2)));
        c.add(unary("transpose(1, 1) (2, 3)", g.normal(2, 3), x -> x.transpose(1, 1)));
        c.add(unary("t() (2, 3)", g.normal(2, 3), Tensor::t));
        c.add(unary("t() (3,) then exp", g.normal(3), x -> x.t().exp()));
        c.add(unary("expand(2, 3) (3,)", g.normal(3), x -> x.expand(2, 3)));
        c.add(unary("expand(2, 4) (2, 1)", g.normal(2, 1), x -> x.expand(2, 4)));
        c.add(unary("expand(2, 2) ()", g.normal(), x -> x.expand(2, 2)));
        c.add(unary("expand(2, 2, 3) (1, 3)", g.normal(1, 3), x -> x.expand(2, 2, 3)));
        c.add(unary("expand(2, 3) (2, 3)", g.normal(2, 3), x -> x.expand(2, 3)));

        // softmax family
        int[][] softmaxCases = {{2, 4, 1}, {2, 4, 0}, {2, 4, -1}, {5, 0}, {1, 0}};
        for (int[] s : softmaxCases) {
            int dim = s[s.length - 1];
            int[] sh = Arrays.copyOf(s, s.length - 1);
            c.add(unary("softmax(" + dim + ") " + shape(sh), g.normal(sh), x -> x.softmax(dim)));
            c.add(unary("logSoftmax(" + dim + ") " + shape(sh), g.normal(sh), x -> x.logSoftmax(dim)));
        }
        c.add(unary("softmax(1) (2, 3, 4)", g.normal(2, 3, 4), x -> x.softmax(1)));
        c.add(unary("logSoftmax(1) (2, 3, 4)", g.normal(2, 3, 4), x -> x.logSoftmax(1)));
        c.add(unary("softmax(1) of large logits (2, 3)", g.normal(2, 3).mul(100.0).add(500.0), x -> x.softmax(1)));
        c.add(unary("logSoftmax(1) of large logits (2, 3)", g.normal(2, 3).mul(100.0).add(500.0),
                x -> x.logSoftmax(1)));

        // operations that the layers call directly rather than through Tensor
        c.add(new Case("AddMm x·Wᵀ + b (4, 3), (2, 3), (2,)",
                t -> AddMm.apply(t.get(0), t.get(1), t.get(2)), List.of(g.normal(4, 3), g.normal(2, 3), g.normal(2))));
        c.add(new Case("AddMm x·Wᵀ without bias (1, 3), (2, 3)",
                t -> AddMm.apply(t.get(0), t.get(1), null), List.of(g.normal(1, 3), g.normal(2, 3))));
        c.add(unary("CrossEntropy (3, 4) targets [2, 0, 3]", g.normal(3, 4),
                x -> CrossEntropy.apply(x, new int[] {2, 0, 3})));
        c.add(unary("CrossEntropy of large logits (2, 3)", g.normal(2, 3).mul(50.0).add(1000.0),
                x -> CrossEntropy.apply(x, new int[] {1, 1})));

        // dtype conversion: float32 keeps values near 0 to 2^-24 of the 1e-6 step, so central
        // differences through it stay within the checker's tolerance
        c.add(unary("to(FLOAT32).to(FLOAT64) near 0 (2, 3)", g.normal(2, 3).mul(1e-6),
                x -> x.to(io.jgrad.DType.FLOAT32).to(io.jgrad.DType.FLOAT64).mul(3.0)));
        c.add(binary("float32 · float64 promotes, the gradient returns as float32 (2, 3), (3,)",
                new int[][] {{2, 3}, {3}}, g.normal(2, 3).mul(1e-6), g.normal(3),
                (x, y) -> x.to(io.jgrad.DType.FLOAT32).mul(y)));

        // composites: shared subexpressions and several paths into one leaf
        c.add(binary("x·y + x/y - x (2, 3), (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3), g.positive(3),
                (x, y) -> x.mul(y).add(x.div(y)).sub(x)));
        c.add(binary("tanh(x @ W).sum(1).mean() (4, 3), (3, 2)", new int[][] {{4, 3}, {3, 2}}, g.normal(4, 3),
                g.normal(3, 2), (x, w) -> x.matmul(w).tanh().sum(1).mean()));
        c.addAll(MovementCases.firstOrder());
        c.addAll(ImageCases.firstOrder());
        c.addAll(ElementwiseCases.firstOrder());
        c.addAll(NnCases.firstOrder());
        return c;
    }

    /**
     * The second-order cases: every operation whose second derivative is not identically zero, and
     * the backward-only helpers ({@code SumTo}, {@code IndexBackward}, the transposed {@code MatMul})
     * reached through them.
     */
    public static List<Case> secondOrder() {
        Gen g = new Gen(5678);
        List<Case> c = new ArrayList<>();
        c.add(binary("mul (2, 3) * (2, 3)", new int[][] {{2, 3}, {2, 3}}, g.normal(2, 3), g.normal(2, 3), Tensor::mul));
        c.add(binary("mul (2, 3) * (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3), g.normal(3), Tensor::mul));
        c.add(unary("mul x * x (2, 3)", g.normal(2, 3), x -> x.mul(x)));
        c.add(binary("div (2, 3) / (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3), g.positive(3), Tensor::div));
        c.add(binary("div () / (2, 2)", new int[][] {{}, {2, 2}}, g.normal(), g.positive(2, 2), Tensor::div));
        c.add(binary("pow (2, 3) ^ (2, 3)", new int[][] {{2, 3}, {2, 3}}, g.positive(2, 3), g.normal(2, 3),
                Tensor::pow));
        c.add(binary("pow (2, 3) ^ ()", new int[][] {{2, 3}, {}}, g.positive(2, 3), g.normal(), Tensor::pow));
        c.add(unary("pow(3.0) (2, 3)", g.normal(2, 3), x -> x.pow(3.0)));
        c.add(unary("pow(-1.5) (2, 3)", g.positive(2, 3), x -> x.pow(-1.5)));
        c.add(unary("exp (2, 3)", g.normal(2, 3), Tensor::exp));
        c.add(unary("log (2, 3)", g.positive(2, 3), Tensor::log));
        c.add(unary("tanh (2, 3)", g.normal(2, 3), Tensor::tanh));
        c.add(unary("sigmoid (2, 3)", g.normal(2, 3), Tensor::sigmoid));
        c.add(unary("sqrt (2, 3)", g.positive(2, 3), Tensor::sqrt));
        c.add(unary("neg then square (3,)", g.normal(3), x -> x.neg().mul(x)));
        c.add(unary("relu times x (2, 3)", g.awayFromZero(2, 3), x -> x.relu().mul(x)));
        c.add(unary("abs times x (2, 3)", g.awayFromZero(2, 3), x -> x.abs().mul(x)));
        c.add(unary("sub then square (2, 3)", g.normal(2, 3), x -> x.sub(x.mean()).pow(2.0)));
        c.add(unary("add then square (2, 3)", g.normal(2, 3), x -> x.add(x.sum(0)).mul(x)));

        int[][][] matmulShapes = {
            {{3}, {3}}, {{2, 3}, {3, 4}}, {{2, 3}, {3}}, {{3}, {3, 4}}, {{2, 2, 3}, {3, 4}}, {{2, 1, 2, 3}, {3, 3, 2}},
            {{4}, {2, 4, 3}},
        };
        for (int[][] s : matmulShapes) {
            c.add(binary("matmul", s, g.normal(s[0]), g.normal(s[1]), Tensor::matmul));
        }
        c.add(unary("matmul x @ x (3, 3)", g.normal(3, 3), x -> x.matmul(x)));
        c.add(unary("matmul xᵀ @ x (2, 3)", g.normal(2, 3), x -> x.t().matmul(x)));
        c.add(unary("matmul x @ xᵀ batched (2, 2, 3)", g.normal(2, 2, 3), x -> x.matmul(x.transpose(1, 2))));

        c.add(unary("softmax(1) (2, 4)", g.normal(2, 4), x -> x.softmax(1)));
        c.add(unary("softmax(0) (3, 2)", g.normal(3, 2), x -> x.softmax(0)));
        c.add(unary("logSoftmax(1) (2, 4)", g.normal(2, 4), x -> x.logSoftmax(1)));
        c.add(unary("logSoftmax(-1) (2, 3, 4)", g.normal(2, 3, 4), x -> x.logSoftmax(-1)));

        // linear ops between products: their backward appears inside the gradient's graph
        c.add(binary("sum(1) of a product (2, 3)", new int[][] {{2, 3}, {2, 3}}, g.normal(2, 3), g.normal(2, 3),
                (x, y) -> x.mul(y).sum(1)));
        c.add(unary("sum() of squares (2, 3)", g.normal(2, 3), x -> x.mul(x).sum()));
        c.add(unary("mean(0, true) of squares (2, 3)", g.normal(2, 3), x -> x.mul(x).mean(0, true)));
        c.add(unary("mean() of cubes (2, 3)", g.normal(2, 3), x -> x.pow(3.0).mean()));
        c.add(unary("max(1) of squares (3, 4)", g.distinct(3, 4), x -> x.mul(x).max(1)));
        c.add(unary("max() of cubes (3, 4)", g.distinct(3, 4), x -> x.pow(3.0).max()));
        c.add(unary("get(1) squared (3, 2)", g.normal(3, 2), x -> x.get(1).mul(x.get(1))));
        c.add(unary("get(0, 1) times x (2, 2)", g.normal(2, 2), x -> x.mul(x.get(0, 1))));
        c.add(unary("reshape of squares (2, 3)", g.normal(2, 3), x -> x.reshape(3, 2).mul(x.reshape(3, 2))));
        c.add(unary("transpose times x (2, 3, 2)", g.normal(2, 3, 2), x -> x.transpose(0, 2).exp()));
        c.add(binary("broadcast add then square (2, 3) + (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3),
                g.normal(3), (x, y) -> x.add(y).pow(2.0)));
        c.add(binary("broadcast mul (2, 1) * (1, 3)", new int[][] {{2, 1}, {1, 3}}, g.normal(2, 1), g.normal(1, 3),
                (x, y) -> x.mul(y).exp()));
        c.add(unary("expand then square (3,)", g.normal(3), x -> x.expand(2, 3).pow(2.0)));
        c.add(binary("tanh(x @ W).sum(1).mean() (4, 3), (3, 2)", new int[][] {{4, 3}, {3, 2}}, g.normal(4, 3),
                g.normal(3, 2), (x, w) -> x.matmul(w).tanh().sum(1).mean()));
        c.add(new Case("AddMm x·Wᵀ + b (4, 3), (2, 3), (2,)",
                t -> AddMm.apply(t.get(0), t.get(1), t.get(2)), List.of(g.normal(4, 3), g.normal(2, 3), g.normal(2))));
        c.add(unary("CrossEntropy (3, 4) targets [2, 0, 3]", g.normal(3, 4),
                x -> CrossEntropy.apply(x, new int[] {2, 0, 3})));
        c.addAll(MovementCases.secondOrder());
        c.addAll(ImageCases.secondOrder());
        c.addAll(ElementwiseCases.secondOrder());
        c.addAll(NnCases.secondOrder());
        return c;
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }

    private static Case binary(String op, int[][] shapes, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f) {
        String name = op.contains("(") ? op : op + " " + shape(shapes[0]) + ", " + shape(shapes[1]);
        return new Case(name, t -> f.apply(t.get(0), t.get(1)), List.of(a, b));
    }

    static String shape(int[] s) {
        return io.jgrad.Shape.of(s).toString();
    }

    /** Inputs drawn from one seeded generator, so that every run checks the same points. */
    static final class Gen {
        private final Random rng;

        Gen(long seed) {
            rng = new Random(seed);
        }

        Tensor normal(int... shape) {
            return fill(shape, rng::nextGaussian);
        }

        /** Uniform in [0.5, 2]: away from the singularities of log, sqrt, 1/x and x^e. */
        Tensor positive(int... shape) {
            return fill(shape, () -> 0.5 + 1.5 * rng.nextDouble());
        }

        /** |x| ≥ 0.2, random sign: away from the kinks of relu and abs. */
        Tensor awayFromZero(int... shape) {
            return fill(shape, () -> (rng.nextBoolean() ? 1 : -1) * (0.2 + Math.abs(rng.nextGaussian())));
        }

        /** A random permutation of values 0.1 apart, plus small noise: no ties for max. */
        Tensor distinct(int... shape) {
            int n = io.jgrad.Shape.of(shape).numel();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, rng);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = -1.0 + 0.1 * order.get(i) + 0.01 * rng.nextDouble();
            }
            return Tensor.fromArray(d, shape);
        }

        private Tensor fill(int[] shape, java.util.function.DoubleSupplier s) {
            double[] d = new double[io.jgrad.Shape.of(shape).numel()];
            for (int i = 0; i < d.length; i++) {
                d[i] = s.getAsDouble();
            }
            return Tensor.fromArray(d, shape);
        }
    }
}
