package io.jgrad;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks a function's gradients against central differences, PyTorch's {@code gradcheck} and
 * {@code gradgradcheck}, for users' own operations ({@link CustomFunction}) and compositions.
 *
 * <p>{@link #check} compares, for every output element {@code k} and every element {@code j} of
 * every input that requires grad, the analytic Jacobian entry {@code ∂y_k/∂x_j} (from backward
 * passes) with the numerical one {@code (y_k(x + eps·e_j) − y_k(x − eps·e_j)) / 2eps}, and passes
 * when {@code |analytic − numerical| ≤ atol + rtol·|numerical|} everywhere. Inputs must be float64
 * (central differences in single precision are too coarse to check anything), as PyTorch insists.
 * {@link #checkSecondOrder} checks the gradient of the gradient: the function
 * {@code x ↦ Σ_i ⟨v_i, ∂⟨u, f(x)⟩/∂x_i⟩} for fixed random {@code u}, {@code v} (the first
 * gradient made with {@code createGraph}) is checked by {@link #check}.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Random(0), 3, 2).requiresGrad(true);
 * Gradcheck.check(in -> cube.apply(in.get(0)), List.of(x));   // throws if the backward is wrong
 * }</pre>
 */
public final class Gradcheck {

    /** PyTorch's default finite-difference step. */
    public static final double EPS = 1e-6;
    /** PyTorch's default absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** PyTorch's default relative tolerance. */
    public static final double RTOL = 1e-3;

    private Gradcheck() {
    }

    /**
     * {@link #check(Function, List, double, double, double)} with PyTorch's defaults: eps 1e-6,
     * atol 1e-5, rtol 1e-3.
     *
     * @param fn the function, of the inputs in the order given
     * @param inputs the inputs
     */
    public static void check(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        check(fn, inputs, EPS, ATOL, RTOL);
    }

    /**
     * Checks the first derivatives of {@code fn} at {@code inputs}. Only the inputs that require
     * grad are differentiated; the others are passed through unchanged. The numerical derivatives
     * evaluate {@code fn} on perturbed copies; the caller's tensors are not changed.
     *
     * @param fn the function; it must be deterministic and not keep state between calls
     * @param inputs the point
     * @param eps the finite-difference step
     * @param atol the absolute tolerance
     * @param rtol the relative tolerance
     * @throws IllegalArgumentException if no input requires grad, an input that does is not
     *     float64, or {@code eps}, {@code atol} or {@code rtol} is not positive (tolerances may be 0)
     * @throws IllegalStateException naming the input, the output and input element, the analytic
     *     and the numerical value, if they disagree
     */
    public static void check(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, double eps, double atol,
                             double rtol) {
        checkArguments("Gradcheck.check", inputs, eps, atol, rtol);
        checkFirstOrder("Gradcheck.check", fn, inputs, eps, atol, rtol);
    }

    /**
     * {@link #checkSecondOrder(Function, List, double, double, double)} with PyTorch's defaults.
     *
     * @param fn the function, of the inputs in the order given
     * @param inputs the inputs
     */
    public static void checkSecondOrder(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        checkSecondOrder(fn, inputs, EPS, ATOL, RTOL);
    }

    /**
     * Checks the second derivatives of {@code fn} at {@code inputs}: the gradient of a random
     * projection of the first gradient (see the class description), by {@link #check}'s rule.
     *
     * @param fn the function, of the inputs in the order given
     * @param inputs the inputs
     * @param eps the finite-difference step
     * @param atol the absolute tolerance
     * @param rtol the relative tolerance
     * @throws IllegalArgumentException as {@link #check}
     * @throws IllegalStateException naming the input and element where the second derivative disagrees
     */
    public static void checkSecondOrder(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, double eps,
                                        double atol, double rtol) {
        checkArguments("Gradcheck.checkSecondOrder", inputs, eps, atol, rtol);
        Random rng = new Random(42);
        Tensor y0;
        try (GradMode.Scope off = GradMode.noGrad()) {
            y0 = fn.apply(inputs);
        }
        Tensor u = random(rng, y0);
        List<Tensor> v = new ArrayList<>();
        for (Tensor in : inputs) {
            v.add(in.requiresGrad() ? random(rng, in) : null);
        }
        Function<List<Tensor>, Tensor> firstGradient = xs -> {
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor x : xs) {
                if (x.requiresGrad()) {
                    wrt.add(x);
                }
            }
            Tensor objective = fn.apply(xs).mul(u).sum();
            List<Tensor> grads = Autograd.grad(objective, wrt, true);
            Tensor total = Tensor.scalar(0);
            int k = 0;
            for (int i = 0; i < xs.size(); i++) {
                if (xs.get(i).requiresGrad()) {
                    total = total.add(grads.get(k++).mul(v.get(i)).sum());
                }
            }
            return total;
        };
        checkFirstOrder("Gradcheck.checkSecondOrder", firstGradient, inputs, eps, atol, rtol);
    }

    private static void checkArguments(String op, List<Tensor> inputs, double eps, double atol, double rtol) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException(op + ": eps must be > 0 and atol, rtol ≥ 0, got eps " + eps + ", atol "
                    + atol + ", rtol " + rtol);
        }
        boolean any = false;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t == null) {
                throw new IllegalArgumentException(op + ": input " + i + " is null");
            }
            if (!t.requiresGrad()) {
                continue;
            }
            any = true;
            if (!t.isLeaf()) {
                throw new IllegalArgumentException(op + ": input " + i + " of shape " + t.shape() + " was made by "
                        + t.gradFn().name() + "; pass leaves (detach().requiresGrad(true))");
            }
            if (t.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException(op + ": input " + i + " of shape " + t.shape() + " is "
                        + t.dtype().label() + "; central differences need float64 inputs: pass to(DType.FLOAT64)");
            }
        }
        if (!any) {
            throw new IllegalArgumentException(op + ": no input requires grad, so there is nothing to check; call"
                    + " requiresGrad(true) on the inputs to differentiate");
        }
    }

    private static void checkFirstOrder(String op, Function<List<Tensor>, Tensor> fn, List<Tensor> inputs,
                                        double eps, double atol, double rtol) {
        int outputs = fn.apply(inputs).numel();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                continue;
            }
            double[][] analytic = analyticJacobian(fn, inputs, i, outputs);
            double[] x = in.toArray();
            for (int j = 0; j < x.length; j++) {
                double[] plus = evaluate(fn, inputs, i, x, j, x[j] + eps);
                double[] minus = evaluate(fn, inputs, i, x, j, x[j] - eps);
                for (int k = 0; k < outputs; k++) {
                    double numeric = (plus[k] - minus[k]) / (2 * eps);
                    double a = analytic[k][j];
                    if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
                        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                                "%s: Jacobian mismatch for input %d (shape %s), element %d, output element %d:"
                                        + " analytic %.10g, numerical %.10g (difference %.3g, tolerance %.3g = atol %s"
                                        + " + rtol %s · |numerical|)", op, i, in.shape(), j, k, a, numeric,
                                Math.abs(a - numeric), atol + rtol * Math.abs(numeric), atol, rtol));
                    }
                }
            }
        }
    }

    // ∂y_k/∂x_j of input `which`, row k by one backward pass each (zeros where y does not depend on it)
    private static double[][] analyticJacobian(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, int which,
                                               int outputs) {
        Tensor in = inputs.get(which);
        double[][] rows = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            Tensor y = fn.apply(inputs);
            rows[k] = y.requiresGrad()
                    ? Autograd.grad(y.reshape(-1).get(k), List.of(in), false).get(0).toArray()
                    : new double[in.numel()];
        }
        return rows;
    }

    // fn at the inputs with element j of input `which` set to v (a copy: the caller's tensors are untouched)
    private static double[] evaluate(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, int which, double[] x,
                                     int j, double v) {
        double[] moved = x.clone();
        moved[j] = v;
        Tensor in = inputs.get(which);
        List<Tensor> xs = new ArrayList<>(inputs);
        xs.set(which, Tensor.fromArray(moved, in.shape().toArray()).requiresGrad(true));
        return fn.apply(xs).toArray();
    }

    // values in ±[0.5, 1.5), never near zero, so no element of the projection is silently unchecked
    private static Tensor random(Random rng, Tensor like) {
        double[] d = new double[like.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
        }
        return Tensor.fromArray(d, like.shape().toArray()).to(like.dtype());
    }
}
