package io.jgrad.examples;

import io.jgrad.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * micrograd's demo in jgrad: a multi-layer perceptron built from single numbers — every weight,
 * every activation a 0-d tensor, as micrograd's {@code Value} — learns to separate two moons with
 * a max-margin loss and plain gradient descent. It shows that the engine handles graphs of tens
 * of thousands of scalar nodes; the other examples show the fast way, with matrices.
 *
 * <pre>
 * mvn -q test-compile exec:java@moons                     # defaults: 100 points, 100 steps, seed 0
 * </pre>
 */
public final class Moons {

    static final String USAGE = """
            usage: Moons [--points N] [--steps N] [--seed S]
              separates two moons with a scalar 2-16-16-1 MLP, as micrograd's demo
              --points N   points in all (default 100)
              --steps N    gradient steps (default 100)
              --seed S     seed of the data and the weights (default 0)""";

    /**
     * What a run produced.
     *
     * @param loss the final loss
     * @param accuracy the fraction of points on the right side
     */
    record Result(double loss, double accuracy) {
    }

    /** micrograd's {@code Neuron}: {@code relu(w · x + b)}, or without the ReLU for the output. */
    static final class Neuron {
        final Tensor[] w;
        final Tensor b;
        final boolean nonlinear;

        Neuron(int inputs, boolean nonlinear, Random rng) {
            w = new Tensor[inputs];
            for (int i = 0; i < inputs; i++) {
                w[i] = Tensor.scalar(2 * rng.nextDouble() - 1).requiresGrad(true);
            }
            b = Tensor.scalar(0).requiresGrad(true);
            this.nonlinear = nonlinear;
        }

        Tensor call(Tensor[] x) {
            Tensor act = b;
            for (int i = 0; i < w.length; i++) {
                act = act.add(w[i].mul(x[i]));
            }
            return nonlinear ? act.relu() : act;
        }
    }

    /** micrograd's {@code MLP}: layers of neurons, the last one linear. */
    static final class Mlp {
        final List<Neuron[]> layers = new ArrayList<>();

        Mlp(int inputs, int[] sizes, Random rng) {
            int in = inputs;
            for (int l = 0; l < sizes.length; l++) {
                Neuron[] layer = new Neuron[sizes[l]];
                for (int j = 0; j < layer.length; j++) {
                    layer[j] = new Neuron(in, l < sizes.length - 1, rng);
                }
                layers.add(layer);
                in = sizes[l];
            }
        }

        Tensor call(Tensor[] x) {
            for (Neuron[] layer : layers) {
                Tensor[] next = new Tensor[layer.length];
                for (int j = 0; j < layer.length; j++) {
                    next[j] = layer[j].call(x);
                }
                x = next;
            }
            return x[0];
        }

        List<Tensor> parameters() {
            List<Tensor> p = new ArrayList<>();
            for (Neuron[] layer : layers) {
                for (Neuron n : layer) {
                    p.addAll(List.of(n.w));
                    p.add(n.b);
                }
            }
            return p;
        }
    }

    private Moons() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) {
        long[] o = Args.parseOrExit(argv, USAGE, a -> new long[] {
            a.intValue("points", 100), a.intValue("steps", 100), a.longValue("seed", 0)});
        run((int) o[0], new int[] {16, 16, 1}, (int) o[1], o[2], System.out);
    }

    /**
     * Trains a scalar MLP of the given layer sizes on {@code points} moon points.
     *
     * @param sizes the neurons per layer, the last 1
     */
    static Result run(int points, int[] sizes, int steps, long seed, PrintStream out) {
        Random rng = new Random(seed);
        double[][] x = new double[points][];
        double[] y = new double[points];
        moons(points, 0.1, rng, x, y);
        Mlp model = new Mlp(2, sizes, rng);
        List<Tensor> params = model.parameters();
        out.printf(Locale.ROOT, "%d points, MLP 2-%s with %d scalar parameters%n", points,
                String.join("-", java.util.Arrays.stream(sizes).mapToObj(Integer::toString).toList()), params.size());

        double loss = Double.NaN;
        double accuracy = 0;
        for (int step = 0; step < steps; step++) {
            // forward: the max-margin loss relu(1 - y·score), averaged, plus L2 regularisation
            Tensor dataLoss = Tensor.scalar(0);
            int right = 0;
            for (int i = 0; i < points; i++) {
                Tensor[] in = {Tensor.scalar(x[i][0]), Tensor.scalar(x[i][1])};
                Tensor score = model.call(in);
                dataLoss = dataLoss.add(score.mul(-y[i]).add(1).relu());
                if ((score.item() > 0) == (y[i] > 0)) {
                    right++;
                }
            }
            Tensor reg = Tensor.scalar(0);
            for (Tensor p : params) {
                reg = reg.add(p.mul(p));
            }
            Tensor total = dataLoss.div(points).add(reg.mul(1e-4));
            loss = total.item();
            accuracy = (double) right / points;

            // backward, then micrograd's step with a learning rate decaying from 1.0 to 0.1
            for (Tensor p : params) {
                p.zeroGrad();
            }
            total.backward();
            double lr = 1.0 - 0.9 * step / steps;
            for (Tensor p : params) {
                p.array().data()[0] -= lr * p.grad().item();
            }
            if (step % 10 == 0 || step == steps - 1) {
                out.printf(Locale.ROOT, "step %3d  loss %.4f  accuracy %.0f%%%n", step, loss, 100 * accuracy);
            }
        }
        return new Result(loss, accuracy);
    }

    /**
     * scikit-learn's {@code make_moons}: half the points on the upper arc of the unit circle
     * (label −1), half on a lower arc shifted right and down (label +1), plus Gaussian noise.
     */
    static void moons(int points, double noise, Random rng, double[][] x, double[] y) {
        int outer = points / 2;
        int inner = points - outer;
        for (int i = 0; i < outer; i++) {
            double t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
            x[i] = new double[] {Math.cos(t) + noise * rng.nextGaussian(), Math.sin(t) + noise * rng.nextGaussian()};
            y[i] = -1;
        }
        for (int i = 0; i < inner; i++) {
            double t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
            x[outer + i] = new double[] {1 - Math.cos(t) + noise * rng.nextGaussian(),
                    0.5 - Math.sin(t) + noise * rng.nextGaussian()};
            y[outer + i] = 1;
        }
    }
}
