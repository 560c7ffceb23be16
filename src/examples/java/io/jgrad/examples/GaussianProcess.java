package io.jgrad.examples;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.linalg.Linalg;
import io.jgrad.optim.Adam;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Gaussian-process regression that fits its kernel's hyperparameters by maximising the log
 * marginal likelihood, with gradients through a Cholesky factorisation and a solve.
 *
 * <p>The data are {@code n} noisy samples {@code y = sin(x) + 0.3·sin(3x) + 0.1·ε} at uniform random
 * {@code x ∈ [−4, 4]}. The model is a zero-mean GP with the squared-exponential kernel
 * {@code k(x, x') = σ_f²·exp(−(x − x')² / 2ℓ²)} and Gaussian noise {@code σ_n}, so
 * {@code y ~ N(0, K)} with {@code K = k(X, X) + (σ_n² + 10⁻⁶)·I} (a little jitter, as GP libraries
 * add). Its log marginal likelihood, with {@code K = L·Lᵀ} and {@code z = L⁻¹·y}, is
 * <pre>
 *   log p(y) = −½·zᵀz − Σᵢ log Lᵢᵢ − (n/2)·log 2π      (Σᵢ log Lᵢᵢ = ½·log det K)
 * </pre>
 * Adam maximises it over {@code (log ℓ, log σ_f, log σ_n)} (logs keep them positive); each step's
 * gradient flows back through {@code Linalg.cholesky} and {@code Linalg.solve}. Then the posterior
 * mean and standard deviation of {@code f} at a few points are printed against the truth.
 *
 * <pre>
 * mvn -q test-compile exec:java@gp                               # defaults: 40 points, 200 steps, seed 0
 * mvn -q test-compile exec:java@gp -Dexec.args="--points 80 --steps 500 --seed 3"
 * </pre>
 *
 * <p>{@code src/test/python/gp_reference.py} runs the same optimisation in PyTorch on the same data
 * (it reproduces {@code java.util.Random}); {@code GaussianProcessTest} compares the two.
 */
public final class GaussianProcess {

    static final String USAGE = """
            usage: GaussianProcess [--points N] [--steps N] [--lr R] [--seed S]
              fits a Gaussian process's lengthscale, signal and noise by maximising the marginal likelihood
              --points N  noisy samples of sin(x) + 0.3 sin(3x) on [-4, 4] (default 40)
              --steps N   Adam steps (default 200)
              --lr R      Adam's learning rate (default 0.05)
              --seed S    seed of the data (default 0)""";

    /** The starting point: lengthscale, signal std and noise std. */
    static final double[] INITIAL = {0.3, 0.5, 0.5};
    static final double JITTER = 1e-6;
    static final double NOISE = 0.1;

    /**
     * What a run produced.
     *
     * @param lengthscale the fitted {@code ℓ}
     * @param signalStd the fitted {@code σ_f}
     * @param noiseStd the fitted {@code σ_n}
     * @param logLikelihood the log marginal likelihood at the fitted hyperparameters
     * @param initialLogLikelihood the log marginal likelihood at {@link #INITIAL}
     * @param initialGradient its gradient with respect to {@code (log ℓ, log σ_f, log σ_n)}
     */
    record Result(double lengthscale, double signalStd, double noiseStd, double logLikelihood,
                  double initialLogLikelihood, double[] initialGradient) {
    }

    private GaussianProcess() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) {
        Object[] o = Args.parseOrExit(argv, USAGE, a -> new Object[] {a.intValue("points", 40), a.intValue("steps", 200),
            a.doubleValue("lr", 0.05), a.longValue("seed", 0)});
        run((int) o[0], (int) o[1], (double) o[2], (long) o[3], System.out);
    }

    /** The true function the data sample. */
    static double truth(double x) {
        return Math.sin(x) + 0.3 * Math.sin(3 * x);
    }

    /**
     * Draws the data ({@code n} uniform {@code x}, then {@code n} standard normal noise draws, from one
     * {@code Random(seed)}), fits the hyperparameters with {@code steps} Adam steps, and prints the
     * progress, the fitted hyperparameters and log likelihood, and the posterior at a few points.
     */
    static Result run(int n, int steps, double lr, long seed, PrintStream out) {
        Random rng = new Random(seed);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -4 + 8 * rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            ys[i] = truth(xs[i]) + NOISE * rng.nextGaussian();
        }
        Tensor x = Tensor.of(xs);
        Tensor y = Tensor.of(ys);

        Tensor logLength = Tensor.scalar(Math.log(INITIAL[0])).requiresGrad(true);
        Tensor logSignal = Tensor.scalar(Math.log(INITIAL[1])).requiresGrad(true);
        Tensor logNoise = Tensor.scalar(Math.log(INITIAL[2])).requiresGrad(true);
        List<Tensor> params = List.of(logLength, logSignal, logNoise);
        Adam optimizer = new Adam(params, lr);

        out.printf(Locale.ROOT, "Gaussian-process regression: %d noisy samples of sin(x) + 0.3 sin(3x) on [-4, 4],"
                + " noise std %.2f%n", n, NOISE);
        double initial = Double.NaN;
        double[] initialGradient = new double[3];
        for (int step = 0; step <= steps; step++) {
            Tensor logLik = logMarginalLikelihood(x, y, logLength, logSignal, logNoise);
            if (step % 50 == 0 || step == steps) {
                out.printf(Locale.ROOT, "step %4d  log marginal likelihood %10.4f  lengthscale %.4f  signal std %.4f"
                        + "  noise std %.4f%n", step, logLik.item(), Math.exp(logLength.item()),
                        Math.exp(logSignal.item()), Math.exp(logNoise.item()));
            }
            if (step == steps) {
                break;
            }
            optimizer.zeroGrad();
            logLik.neg().backward(); // Adam minimises: the negative log likelihood
            if (step == 0) {
                initial = logLik.item();
                for (int i = 0; i < 3; i++) {
                    initialGradient[i] = -params.get(i).grad().item();
                }
            }
            optimizer.step();
        }

        Result r;
        try (var s = GradMode.noGrad()) {
            double fitted = logMarginalLikelihood(x, y, logLength, logSignal, logNoise).item();
            r = new Result(Math.exp(logLength.item()), Math.exp(logSignal.item()), Math.exp(logNoise.item()), fitted,
                    initial, initialGradient);
            out.printf(Locale.ROOT, "fitted hyperparameters: lengthscale %.4f  signal std %.4f  noise std %.4f%n",
                    r.lengthscale(), r.signalStd(), r.noiseStd());
            out.printf(Locale.ROOT, "log marginal likelihood: %.4f (at the start: %.4f)%n", fitted, initial);
            printPosterior(x, y, logLength, logSignal, logNoise, out);
        }
        return r;
    }

    /** {@code log p(y | X, ℓ, σ_f, σ_n)}, through the Cholesky factor of {@code K}. */
    static Tensor logMarginalLikelihood(Tensor x, Tensor y, Tensor logLength, Tensor logSignal, Tensor logNoise) {
        int n = x.numel();
        Tensor k = kernel(x, x, logLength, logSignal)
                .add(Tensor.eye(n).mul(logNoise.mul(2.0).exp().add(JITTER)));
        Tensor l = Linalg.cholesky(k);
        Tensor z = Linalg.solve(l, y); // L⁻¹·y (L is triangular; a general solve serves)
        Tensor logDetHalf = l.mul(Tensor.eye(n)).sum(1).log().sum(); // Σ log Lᵢᵢ = ½ log det K
        return z.mul(z).sum().mul(-0.5).sub(logDetHalf).sub(0.5 * n * Math.log(2 * Math.PI));
    }

    /** {@code k(a, b) = σ_f²·exp(−(a − b)² / 2ℓ²)} for 1-d {@code a}, {@code b}: {@code (len a, len b)}. */
    static Tensor kernel(Tensor a, Tensor b, Tensor logLength, Tensor logSignal) {
        Tensor diff = a.reshape(-1, 1).sub(b.reshape(1, -1));
        Tensor scaled = diff.mul(diff).mul(logLength.mul(-2.0).exp()).mul(-0.5);
        return scaled.exp().mul(logSignal.mul(2.0).exp());
    }

    /** The posterior of {@code f} at a few points: mean {@code K*ᵀ·K⁻¹·y}, variance {@code σ_f² − K*ᵀ·K⁻¹·K*}. */
    private static void printPosterior(Tensor x, Tensor y, Tensor logLength, Tensor logSignal, Tensor logNoise,
                                       PrintStream out) {
        int n = x.numel();
        Tensor l = Linalg.cholesky(kernel(x, x, logLength, logSignal)
                .add(Tensor.eye(n).mul(Math.exp(2 * logNoise.item()) + JITTER)));
        Tensor at = Tensor.of(-3, -1.5, 0, 1.5, 3);
        Tensor kStar = kernel(x, at, logLength, logSignal); // (n, 5)
        Tensor v = Linalg.solve(l, kStar); // L⁻¹·K*
        Tensor mean = v.t().matmul(Linalg.solve(l, y));
        Tensor var = v.mul(v).sum(0).neg().add(Math.exp(2 * logSignal.item()));
        out.println("     x | posterior mean ± 2 std | truth");
        for (int i = 0; i < at.numel(); i++) {
            out.printf(Locale.ROOT, " %5.2f | %9.4f ± %.4f     | %.4f%n", at.getDouble(i), mean.getDouble(i),
                    2 * Math.sqrt(Math.max(var.getDouble(i), 0)), truth(at.getDouble(i)));
        }
    }
}
