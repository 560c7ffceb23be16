package io.jgrad.bench;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The reference's {@code bench_micro}: a micrograd-style MLP built from 0-d tensors, 2-16-16-1 with
 * tanh on the hidden units, mean squared error over 16 samples, then {@code backward} and a plain
 * SGD update ({@code p -= 0.01 · p.grad}, outside the graph); ms per step and µs per graph node,
 * with the reference's node count. The initial values come from {@code java.util.Random(0)}
 * instead of Python's {@code random.Random(0)}: the same distributions and the same graph, other
 * numbers. The reference times {@code max(3, repeats / 2)} single steps after one warm-up step;
 * here the steps go through {@link Harness#timeit} like every other workload (warm-up, then
 * {@code repeats} repeats of a calibrated run of steps), so that the cost of collecting each
 * step's garbage is spread over the steps instead of landing on one of a few samples.
 */
final class MicroBench {

    private MicroBench() {
    }

    static void run(Harness h, Report r, int threads) {
        int nin = 2;
        int[] hidden = {16, 16};
        int nsamples = 16;
        Random rnd = new Random(0);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = nin;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        List<Tensor> params = new ArrayList<>();
        // layers[l][j] = {w_0 … w_{in-1}, bias} of neuron j
        Tensor[][][] layers = new Tensor[sizes.length - 1][][];
        for (int l = 0; l < sizes.length - 1; l++) {
            layers[l] = new Tensor[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++) {
                Tensor[] neuron = new Tensor[sizes[l] + 1];
                for (int i = 0; i < sizes[l]; i++) {
                    neuron[i] = Tensor.scalar(uniform(rnd, -1, 1)).requiresGrad(true);
                    params.add(neuron[i]);
                }
                neuron[sizes[l]] = Tensor.scalar(0.0).requiresGrad(true);
                params.add(neuron[sizes[l]]);
                layers[l][j] = neuron;
            }
        }
        Tensor[][] xs = new Tensor[nsamples][nin];
        Tensor[] ys = new Tensor[nsamples];
        for (int s = 0; s < nsamples; s++) {
            for (int i = 0; i < nin; i++) {
                xs[s][i] = Tensor.scalar(uniform(rnd, -2, 2));
            }
        }
        for (int s = 0; s < nsamples; s++) {
            ys[s] = Tensor.scalar(rnd.nextBoolean() ? 1.0 : -1.0);
        }
        int nodesPerSample = 0;
        for (int i = 0; i < sizes.length - 1; i++) {
            nodesPerSample += 2 * sizes[i] * sizes[i + 1] + (i < sizes.length - 2 ? sizes[i + 1] : 0);
        }
        int nNodes = nsamples * (nodesPerSample + 3) + 1;

        Runnable step = () -> {
            Tensor loss = Tensor.scalar(0.0);
            for (int s = 0; s < nsamples; s++) {
                Tensor d = forward(layers, xs[s]).sub(ys[s]);
                loss = loss.add(d.mul(d));
            }
            loss = loss.mul(1.0 / nsamples);
            for (Tensor p : params) {
                p.zeroGrad();
            }
            loss.backward();
            // in place on the arrays, outside the graph (the reference's torch.no_grad block)
            for (Tensor p : params) {
                p.array().data()[0] -= 0.01 * p.grad().item();
            }
        };
        double[] ts = h.timeit(step);
        Harness.Stats ms = Harness.Stats.of(Harness.map(ts, t -> t * 1e3));
        Harness.Stats usNode = Harness.Stats.of(Harness.map(ts, t -> t / nNodes * 1e6));
        String arch = archName(sizes);
        String w = arch + " x" + nsamples;
        r.add(Json.obj().put("section", "micro").put("workload", w).put("arch", arch).put("samples", nsamples)
                        .put("nodes", nNodes).put("params", params.size()).put("dtype", "float64")
                        .put("threads", threads).put("ms_per_step", ms).put("us_per_node", usNode),
                new Report.Row("micro", w + " step", threads, "ms", ms),
                new Report.Row("micro", w + " (" + nNodes + " nodes)", threads, "us/node", usNode));
    }

    private static Tensor forward(Tensor[][][] layers, Tensor[] x) {
        Tensor[] in = x;
        for (int l = 0; l < layers.length; l++) {
            Tensor[] next = new Tensor[layers[l].length];
            for (int j = 0; j < layers[l].length; j++) {
                Tensor[] neuron = layers[l][j];
                Tensor act = neuron[neuron.length - 1];
                for (int i = 0; i < in.length; i++) {
                    act = act.add(neuron[i].mul(in[i]));
                }
                next[j] = l < layers.length - 1 ? act.tanh() : act;
            }
            in = next;
        }
        return in[0];
    }

    private static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    static String archName(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb.toString();
    }
}
