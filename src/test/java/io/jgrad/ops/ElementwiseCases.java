package io.jgrad.ops;

import io.jgrad.Tensor;
import io.jgrad.ops.OpCases.Case;
import io.jgrad.ops.OpCases.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gradient-check cases of the element-wise functions and reductions of contract v2 (appended to
 * {@link OpCases}' lists, so {@code GradCheckTest}, {@code HigherOrderTest}, {@code Float32Test} and
 * the completeness test run them).
 *
 * <p>Inputs stay away from each function's kinks and singularities by at least 0.1 (the
 * finite-difference step is 1e-6): positive for {@code rsqrt} and {@code reciprocal}, above −1 for
 * {@code log1p}, away from 0 for {@code sign} and {@code leakyRelu}, away from integers and
 * half-integers for {@code floor}, {@code ceil} and {@code round}, away from the bounds for the
 * clamps, from 20 for {@code softplus}, and without ties for {@code maximum}, {@code minimum},
 * {@code max} and {@code min}. Bounds and slopes are Java doubles, so the float32 run keeps float32.
 */
final class ElementwiseCases {

    private ElementwiseCases() {
    }

    /** @return the first-order cases */
    static List<Case> firstOrder() {
        Gen g = new Gen(97531);
        List<Case> c = new ArrayList<>();

        // unary functions, each on (2, 3), 0-d and (1, 4, 1)
        for (int[] s : new int[][] {{2, 3}, {}, {1, 4, 1}}) {
            String sh = " " + OpCases.shape(s);
            c.add(unary("log1p" + sh, g.positive(s), Tensor::log1p));
            c.add(unary("expm1" + sh, g.normal(s), Tensor::expm1));
            c.add(unary("sin" + sh, g.normal(s), Tensor::sin));
            c.add(unary("cos" + sh, g.normal(s), Tensor::cos));
            c.add(unary("square" + sh, g.normal(s), Tensor::square));
            c.add(unary("rsqrt" + sh, g.positive(s), Tensor::rsqrt));
            c.add(unary("reciprocal" + sh, g.positive(s), Tensor::reciprocal));
            c.add(unary("erf" + sh, g.normal(s), Tensor::erf));
            c.add(unary("sign" + sh, g.awayFromZero(s), Tensor::sign));
            c.add(unary("floor" + sh, offInteger(g, s), Tensor::floor));
            c.add(unary("ceil" + sh, offInteger(g, s), Tensor::ceil));
            c.add(unary("round" + sh, offInteger(g, s), Tensor::round));
            c.add(unary("gelu" + sh, g.normal(s), Tensor::gelu));
            c.add(unary("geluTanh" + sh, g.normal(s), Tensor::geluTanh));
            c.add(unary("silu" + sh, g.normal(s), Tensor::silu));
            c.add(unary("softplus" + sh, g.normal(s), Tensor::softplus));
            c.add(unary("leakyRelu(0.01)" + sh, g.awayFromZero(s), x -> x.leakyRelu(0.01)));
        }
        c.add(unary("log1p of values in (-1, 0) (2, 3)", g.positive(2, 3).mul(0.4).sub(0.9), Tensor::log1p));
        c.add(unary("gelu of wide values (2, 4)", g.normal(2, 4).mul(4.0), Tensor::gelu));
        c.add(unary("geluTanh of wide values (2, 4)", g.normal(2, 4).mul(4.0), Tensor::geluTanh));
        c.add(unary("silu of wide values (2, 4)", g.normal(2, 4).mul(8.0), Tensor::silu));
        c.add(unary("softplus across the threshold (6,)", Tensor.of(-30, -3, 0.5, 19.5, 20.5, 35), Tensor::softplus));
        c.add(unary("leakyRelu(0.2) (2, 3)", g.awayFromZero(2, 3), x -> x.leakyRelu(0.2)));
        c.add(unary("leakyRelu(-0.5) (2, 3)", g.awayFromZero(2, 3), x -> x.leakyRelu(-0.5)));
        c.add(unary("leakyRelu(1.5) (2, 3)", g.awayFromZero(2, 3), x -> x.leakyRelu(1.5)));
        c.add(unary("sign (2, 3) then times x", g.awayFromZero(2, 3), x -> x.sign().mul(x)));

        // clamps: elements at least 0.1 from the bounds, inside and outside
        Tensor around = Tensor.of(new double[][] {{-1.25, -0.4, 0.1}, {0.35, 0.7, 2.0}});
        c.add(unary("clamp(-0.5, 0.5) (2, 3)", around, x -> x.clamp(-0.5, 0.5)));
        c.add(unary("clamp(0.2, 0.5) ()", Tensor.scalar(0.3), x -> x.clamp(0.2, 0.5)));
        c.add(unary("clamp(1.0, -1.0) min above max (2, 3)", around, x -> x.clamp(1.0, -1.0)));
        c.add(unary("clampMin(0.2) (2, 3)", around, x -> x.clampMin(0.2)));
        c.add(unary("clampMax(0.2) (2, 3)", around, x -> x.clampMax(0.2)));
        c.add(unary("clampMin(-2) () inside", Tensor.scalar(0.3), x -> x.clampMin(-2)));

        // maximum and minimum, broadcast, without ties
        int[][][] binaryShapes = {{{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 3}}, {{3}, {}}, {{}, {}}};
        for (int[][] s : binaryShapes) {
            c.add(binary("maximum", s, g.normal(s[0]), g.normal(s[1]), Tensor::maximum));
            c.add(binary("minimum", s, g.normal(s[0]), g.normal(s[1]), Tensor::minimum));
        }

        // sums and means over sets of dimensions
        int[][] dimSets = {{0, 2}, {-1, 0}, {1}, {}, {0, 1, 2}, {2, 1}};
        for (int[] dims : dimSets) {
            for (boolean keep : new boolean[] {false, true}) {
                String d = java.util.Arrays.toString(dims) + ", " + keep + ") (2, 3, 4)";
                c.add(unary("sum(" + d, g.normal(2, 3, 4), x -> x.sum(dims, keep)));
                c.add(unary("mean(" + d, g.normal(2, 3, 4), x -> x.mean(dims, keep)));
            }
        }
        c.add(unary("sum([0], false) ()", g.normal(), x -> x.sum(new int[] {0}, false)));
        c.add(unary("mean([-1], true) ()", g.normal(), x -> x.mean(new int[] {-1}, true)));
        c.add(unary("sum([0, 1], false) (2, 1, 3) size-1 inside", g.normal(2, 1, 3), x -> x.sum(new int[] {0, 1}, false)));
        c.add(unary("mean([0, 2], true) (2, 1, 3) size-1 between", g.normal(2, 1, 3), x -> x.mean(new int[] {0, 2}, true)));
        c.add(unary("sum([1], false) (2, 0, 3) empty", g.normal(2, 0, 3), x -> x.sum(new int[] {1}, false)));

        // max and min along a dim (with keepDim), min over all
        for (int dim : new int[] {0, 1, -1}) {
            c.add(unary("max(" + dim + ", true) (2, 3, 4)", g.distinct(2, 3, 4), x -> x.max(dim, true)));
            c.add(unary("min(" + dim + ") (2, 3, 4)", g.distinct(2, 3, 4), x -> x.min(dim)));
            c.add(unary("min(" + dim + ", true) (2, 3, 4)", g.distinct(2, 3, 4), x -> x.min(dim, true)));
            c.add(unary("min(" + dim + ", false) (2, 3, 4)", g.distinct(2, 3, 4), x -> x.min(dim, false)));
        }
        c.add(unary("min() (3, 4)", g.distinct(3, 4), Tensor::min));
        c.add(unary("min() ()", g.normal(), Tensor::min));
        c.add(unary("min(0) ()", g.normal(), x -> x.min(0)));
        c.add(unary("min(1) (3, 1)", g.normal(3, 1), x -> x.min(1)));

        // variance and standard deviation
        for (int correction : new int[] {0, 1, 2}) {
            c.add(unary("var(1, " + correction + ", false) (3, 5)", g.normal(3, 5), x -> x.var(1, correction, false)));
            c.add(unary("std(1, " + correction + ", false) (3, 5)", g.normal(3, 5), x -> x.std(1, correction, false)));
        }
        c.add(unary("var(0, 1, true) (3, 5)", g.normal(3, 5), x -> x.var(0, 1, true)));
        c.add(unary("std(-1, 0, true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.std(-1, 0, true)));
        c.add(unary("var([0, 2], 1, false) (2, 3, 4)", g.normal(2, 3, 4), x -> x.var(new int[] {0, 2}, 1, false)));
        c.add(unary("std([0, 2], 1, true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.std(new int[] {0, 2}, 1, true)));
        c.add(unary("var([], 0, true) (2, 3)", g.normal(2, 3), x -> x.var(new int[0], 0, true)));
        c.add(unary("var() (2, 3)", g.normal(2, 3), Tensor::var));
        c.add(unary("std() (2, 3)", g.normal(2, 3), Tensor::std));
        c.add(unary("var(0, 0, false) ()", g.normal(), x -> x.var(0, 0, false)));
        c.add(unary("std(0, 0, false) () is 0, gradient 0", g.normal(), x -> x.std(0, 0, false)));
        c.add(unary("std(1, 1, false) of a constant row (2, 3)", Tensor.of(new double[][] {{0.5, 0.5, 0.5}, {1, 2, 4}}),
                x -> x.std(1, 1, false)));

        // logsumexp
        for (int dim : new int[] {0, 1, -1}) {
            c.add(unary("logsumexp(" + dim + ", false) (2, 3, 4)", g.normal(2, 3, 4), x -> x.logsumexp(dim, false)));
            c.add(unary("logsumexp(" + dim + ", true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.logsumexp(dim, true)));
        }
        c.add(unary("logsumexp(0, false) ()", g.normal(), x -> x.logsumexp(0, false)));
        // logits around 30, not 500: central differences of an output near 500 carry rounding errors of
        // ulp(500)/h ≈ 1e-7, above the checker's tolerance; stability is checked on the forward values
        c.add(unary("logsumexp(1, false) of logits around 30 (2, 3)", g.normal(2, 3).mul(3.0).add(30.0),
                x -> x.logsumexp(1, false)));

        // cumsum
        for (int dim : new int[] {0, 1, -1}) {
            c.add(unary("cumsum(" + dim + ") (2, 3, 4)", g.normal(2, 3, 4), x -> x.cumsum(dim)));
        }
        c.add(unary("cumsum(0) (5,)", g.normal(5), x -> x.cumsum(0)));
        c.add(unary("cumsum(-1) ()", g.normal(), x -> x.cumsum(-1)));

        // norm
        c.add(unary("norm() (2, 3)", g.normal(2, 3), Tensor::norm));
        c.add(unary("norm() ()", g.normal(), Tensor::norm));
        c.add(unary("norm() of zeros (3,): gradient 0", Tensor.zeros(3), Tensor::norm));
        return c;
    }

    /**
     * @return the second-order cases: every function whose second derivative is not identically zero,
     *     and the piecewise-linear ones times {@code x}, so that their backward's backward runs
     */
    static List<Case> secondOrder() {
        Gen g = new Gen(86420);
        List<Case> c = new ArrayList<>();
        c.add(unary("log1p (2, 3)", g.positive(2, 3), Tensor::log1p));
        c.add(unary("expm1 (2, 3)", g.normal(2, 3), Tensor::expm1));
        c.add(unary("sin (2, 3)", g.normal(2, 3), Tensor::sin));
        c.add(unary("cos (2, 3)", g.normal(2, 3), Tensor::cos));
        c.add(unary("square (2, 3)", g.normal(2, 3), Tensor::square));
        c.add(unary("rsqrt (2, 3)", g.positive(2, 3), Tensor::rsqrt));
        c.add(unary("reciprocal (2, 3)", g.positive(2, 3), Tensor::reciprocal));
        c.add(unary("erf (2, 3)", g.normal(2, 3), Tensor::erf));
        c.add(unary("gelu (2, 3)", g.normal(2, 3).mul(2.0), Tensor::gelu));
        c.add(unary("geluTanh (2, 3)", g.normal(2, 3).mul(2.0), Tensor::geluTanh));
        c.add(unary("silu (2, 3)", g.normal(2, 3).mul(2.0), Tensor::silu));
        c.add(unary("softplus (2, 3)", g.normal(2, 3), Tensor::softplus));
        c.add(unary("softplus across the threshold (4,)", Tensor.of(-3, 0.5, 19.5, 20.5), Tensor::softplus));
        c.add(unary("sign, floor, ceil, round times x (2, 3)", offInteger(g, 2, 3),
                x -> x.sign().add(x.floor()).add(x.ceil()).add(x.round()).mul(x)));
        c.add(unary("leakyRelu(0.1) times x (2, 3)", g.awayFromZero(2, 3), x -> x.leakyRelu(0.1).mul(x)));
        Tensor around = Tensor.of(new double[][] {{-1.25, -0.4, 0.1}, {0.35, 0.7, 2.0}});
        c.add(unary("clamp(-0.5, 0.5) times x (2, 3)", around, x -> x.clamp(-0.5, 0.5).mul(x)));
        c.add(unary("clampMin(0.2) times x (2, 3)", around, x -> x.clampMin(0.2).mul(x)));
        c.add(unary("clampMax(0.2) times x (2, 3)", around, x -> x.clampMax(0.2).mul(x)));
        c.add(binary("maximum times x (2, 3), (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3), g.normal(3),
                (x, y) -> x.maximum(y).mul(x)));
        c.add(binary("minimum times y (2, 3), (3,)", new int[][] {{2, 3}, {3}}, g.normal(2, 3), g.normal(3),
                (x, y) -> x.minimum(y).mul(y)));
        c.add(unary("sum([0, 2], true) of squares (2, 3, 4)", g.normal(2, 3, 4), x -> x.mul(x).sum(new int[] {0, 2}, true)));
        c.add(unary("mean([2, 0], false) of cubes (2, 3, 4)", g.normal(2, 3, 4),
                x -> x.pow(3.0).mean(new int[] {2, 0}, false)));
        c.add(unary("max(1, true) of squares (3, 4)", g.distinct(3, 4), x -> x.mul(x).max(1, true)));
        c.add(unary("min(1) of squares (3, 4)", g.distinct(3, 4), x -> x.mul(x).min(1)));
        c.add(unary("min() of cubes (3, 4)", g.distinct(3, 4), x -> x.pow(3.0).min()));
        c.add(unary("var(1, 1, false) (3, 5)", g.normal(3, 5), x -> x.var(1, 1, false)));
        c.add(unary("var([0, 2], 0, true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.var(new int[] {0, 2}, 0, true)));
        c.add(unary("var() (2, 3)", g.normal(2, 3), Tensor::var));
        c.add(unary("std(1, 1, false) (3, 5)", g.normal(3, 5), x -> x.std(1, 1, false)));
        c.add(unary("std([0, 2], 0, true) (2, 3, 4)", g.normal(2, 3, 4), x -> x.std(new int[] {0, 2}, 0, true)));
        c.add(unary("std() (2, 3)", g.normal(2, 3), Tensor::std));
        c.add(unary("logsumexp(1, false) (2, 4)", g.normal(2, 4), x -> x.logsumexp(1, false)));
        c.add(unary("logsumexp(0, true) (3, 2)", g.normal(3, 2), x -> x.logsumexp(0, true)));
        c.add(unary("cumsum(1) of squares (2, 3)", g.normal(2, 3), x -> x.mul(x).cumsum(1)));
        c.add(unary("cumsum(0) times x (4,)", g.normal(4), x -> x.cumsum(0).mul(x)));
        c.add(unary("norm() (2, 3)", g.normal(2, 3), Tensor::norm));
        c.add(unary("norm() ()", g.normal(), Tensor::norm));
        return c;
    }

    // n + 0.3 + 0.1·u for integers n in [-3, 3): at least 0.3 from an integer, 0.1 from a half-integer
    private static Tensor offInteger(Gen g, int... shape) {
        Tensor u = g.positive(shape); // in [0.5, 2]
        Tensor n = g.normal(shape).mul(1.5).round();
        return n.add(u.sub(0.5).div(15.0).add(0.3));
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }

    private static Case binary(String op, int[][] shapes, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f) {
        String name = op.contains("(") ? op : op + " " + OpCases.shape(shapes[0]) + ", " + OpCases.shape(shapes[1]);
        return new Case(name, t -> f.apply(t.get(0), t.get(1)), List.of(a, b));
    }
}
