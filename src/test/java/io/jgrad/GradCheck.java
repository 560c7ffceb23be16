package io.jgrad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * A central-difference gradient checker for tests, in float64.
 *
 * <p>For {@code y = f(x₀, x₁, …)} and a random upstream gradient {@code u} of {@code y}'s shape, the
 * analytic gradient {@code ∂⟨u, y⟩/∂xᵢ} (from {@link Tensor#backward(Tensor)}) is compared with
 * the numerical one, {@code Σₖ uₖ (yₖ(x + h eⱼ) − yₖ(x − h eⱼ)) / 2h} for every element {@code j}
 * of every input, with {@code h = 1e-6}. A random {@code u} rather than ones catches backward
 * formulas that are right only for a uniform upstream gradient (a missing factor of {@code g},
 * a sum over the wrong dimension).
 *
 * <p>An element passes when {@code |analytic − numeric| ≤ RTOL · max(|analytic|, |numeric|) + ATOL}.
 * With {@code h = 1e-6} the truncation error is {@code O(h²) ≈ 1e-12} and the rounding error about
 * {@code ε·|y|/h ≈ 1e-10·|y|}, so on inputs kept away from kinks and singularities
 * {@code RTOL = 1e-6} is tight and still never flaky; {@code ATOL} only covers gradients that
 * are zero or nearly so.
 *
 * <p>{@link #secondOrder} checks a gradient itself: it turns {@code f} into the function
 * {@code x ↦ Σᵢ ⟨vᵢ, ∂⟨u, f(x)⟩/∂xᵢ⟩} (the first gradient computed with {@code createGraph}),
 * whose analytic gradient runs the backward formulas' own backward.
 *
 * <p>Every check returns the names of the {@link GradFn}s recorded in the graph it differentiated,
 * so that a completeness test can require every operation to have been checked.
 */
public final class GradCheck {

    /** The finite-difference step. */
    public static final double H = 1e-6;
    /** The relative tolerance. */
    public static final double RTOL = 1e-6;
    /** The absolute tolerance, for gradients that are (nearly) zero. */
    public static final double ATOL = 1e-8;

    private GradCheck() {
    }

    /**
     * Checks the first derivative of {@code f} at {@code inputs}.
     *
     * @param label names the case in failure messages
     * @param f the function; it must not keep state between calls
     * @param inputs the point, as tensors whose values are copied (their flags are ignored)
     * @param seed seeds the random upstream gradient
     * @return the names of the operations recorded in {@code f}'s graph
     * @throws AssertionError naming the input, the element and both values when a gradient differs
     */
    public static Set<String> check(String label, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
        Random rng = new Random(seed);
        List<Tensor> leaves = leaves(inputs, true);
        Tensor out = f.apply(leaves);
        if (!out.requiresGrad()) {
            throw new AssertionError(label + ": the output does not require grad, so nothing is checked");
        }
        Set<String> ops = opsOf(out);
        Tensor u = upstream(rng, out.shape());
        out.backward(u);

        for (int i = 0; i < inputs.size(); i++) {
            double[] x = inputs.get(i).toArray();
            Tensor g = leaves.get(i).grad();
            if (g != null && !g.shape().equals(inputs.get(i).shape())) {
                throw new AssertionError(label + ": the gradient of input " + i + " has shape " + g.shape()
                        + " but the input has shape " + inputs.get(i).shape());
            }
            double[] analytic = g == null ? new double[x.length] : g.toArray();
            double[] numeric = numericGradient(f, inputs, i, u);
            compare(label, i, analytic, numeric);
        }
        return ops;
    }

    /**
     * Checks the second derivative of {@code f} at {@code inputs}: the first gradient (made with
     * {@code createGraph}) is itself checked by {@link #check}.
     *
     * @return the names of the operations recorded in the graph of the first gradient, which
     *     includes the nodes that the backward formulas record
     */
    public static Set<String> secondOrder(String label, Function<List<Tensor>, Tensor> f, List<Tensor> inputs,
                                          long seed) {
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        Tensor u;
        try (var s = GradMode.noGrad()) {
            u = upstream(rng, f.apply(leaves(inputs, false)).shape());
        }
        List<Tensor> v = new ArrayList<>();
        for (Tensor in : inputs) {
            v.add(upstream(rng, in.shape()));
        }
        Function<List<Tensor>, Tensor> firstGradient = xs -> {
            // the checker passes leaves that require grad (analytic pass) or plain values (numerical
            // pass); the latter need their own leaves for the first gradient to exist at all
            List<Tensor> ys = new ArrayList<>();
            for (Tensor x : xs) {
                ys.add(x.requiresGrad() ? x : x.detach().requiresGrad(true));
            }
            Tensor objective = f.apply(ys).mul(u).sum();
            List<Tensor> grads = Autograd.grad(objective, ys, true);
            Tensor total = Tensor.scalar(0);
            for (int i = 0; i < grads.size(); i++) {
                total = total.add(grads.get(i).mul(v.get(i)).sum());
            }
            return total;
        };
        return check(label + " (second order)", firstGradient, inputs, seed);
    }

    /**
     * The names of the operations recorded in the graph behind {@code out}, found iteratively.
     *
     * @return the names, in the order first met
     */
    public static Set<String> opsOf(Tensor out) {
        Set<String> names = new LinkedHashSet<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Tensor> stack = new ArrayList<>();
        stack.add(out);
        while (!stack.isEmpty()) {
            Tensor t = stack.remove(stack.size() - 1);
            if (seen.put(t, Boolean.TRUE) != null || t.gradFn() == null) {
                continue;
            }
            names.add(t.gradFn().name());
            Collections.addAll(stack, t.gradFn().inputs);
        }
        return names;
    }

    // non-trivial, and never near zero, so that no element of the output is silently unchecked
    private static Tensor upstream(Random rng, Shape shape) {
        double[] u = new double[shape.numel()];
        for (int i = 0; i < u.length; i++) {
            u[i] = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
        }
        return Tensor.fromArray(u, shape.toArray());
    }

    private static List<Tensor> leaves(List<Tensor> inputs, boolean requiresGrad) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : inputs) {
            out.add(Tensor.fromArray(t.toArray(), t.shape().toArray()).requiresGrad(requiresGrad));
        }
        return out;
    }

    private static double[] numericGradient(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int which,
                                            Tensor u) {
        double[] ud = u.toArray();
        double[] x = inputs.get(which).toArray();
        double[] grad = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] plus = eval(f, inputs, which, j, x[j] + H);
            double[] minus = eval(f, inputs, which, j, x[j] - H);
            double s = 0;
            for (int k = 0; k < ud.length; k++) {
                s += ud[k] * (plus[k] - minus[k]); // difference first: no cancellation of large sums
            }
            grad[j] = s / (2 * H);
        }
        return grad;
    }

    private static double[] eval(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int which, int j, double v) {
        List<Tensor> xs = leaves(inputs, false);
        double[] d = inputs.get(which).toArray();
        d[j] = v;
        xs.set(which, Tensor.fromArray(d, inputs.get(which).shape().toArray()));
        return f.apply(xs).toArray();
    }

    private static void compare(String label, int input, double[] analytic, double[] numeric) {
        for (int j = 0; j < analytic.length; j++) {
            double a = analytic[j];
            double n = numeric[j];
            double tol = RTOL * Math.max(Math.abs(a), Math.abs(n)) + ATOL;
            if (!(Math.abs(a - n) <= tol)) {
                throw new AssertionError(String.format(
                        "%s: gradient of input %d, element %d: analytic %.12g, numerical %.12g (difference %.3g,"
                                + " tolerance %.3g)", label, input, j, a, n, Math.abs(a - n), tol));
            }
        }
    }
}
