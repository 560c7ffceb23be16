package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.util.Random;

/**
 * The reference's MLP training step on jgrad: {@code Linear} layers with {@code ReLU} between
 * them, mean cross-entropy, {@code backward}, an SGD step ({@code lr = 1e-4}, small so that
 * thousands of steps neither memorise nor drift), gradients reset each step either to {@code null},
 * as the reference's {@code zero_grad(set_to_none=True)}, or, with {@code keepGrads}, to zeros in
 * place ({@code zeroGrad(false)}), which keeps the gradient arrays across steps. The input batch and
 * its labels are fixed, as the reference's. Float64 unless a dtype is given (the parameters are
 * initialised in float64 and converted, {@code Layer.to}).
 */
final class MlpModel {

    /** The reference's {@code MLP_CONFIGS}: layer widths and batch size. */
    static final int[][] ARCHS = {{784, 256, 10}, {784, 256, 10}, {784, 256, 10}, {64, 128, 128, 10}};
    static final int[] BATCHES = {1, 32, 256, 32};
    /** The mlp section's configurations: the reference's, with 784-256-10 at batch 64 (the float32 MLP target's). */
    static final int[][] STEP_ARCHS = {{784, 256, 10}, {784, 256, 10}, {784, 256, 10}, {784, 256, 10},
        {64, 128, 128, 10}};
    static final int[] STEP_BATCHES = {1, 32, 64, 256, 32};

    final int[] layers;
    final int batch;
    final boolean keepGrads;
    final DType dtype;
    final Sequential model;
    final SGD opt;
    final CrossEntropyLoss lossFn = new CrossEntropyLoss();
    final Tensor x;
    final int[] y;

    MlpModel(int[] layers, int batch, long seed) {
        this(layers, batch, seed, false);
    }

    MlpModel(int[] layers, int batch, long seed, boolean keepGrads) {
        this(layers, batch, seed, keepGrads, DType.FLOAT64);
    }

    MlpModel(int[] layers, int batch, long seed, boolean keepGrads, DType dtype) {
        this.dtype = dtype;
        this.layers = layers.clone();
        this.batch = batch;
        this.keepGrads = keepGrads;
        Random rng = new Random(seed);
        Layer[] mods = new Layer[2 * (layers.length - 1) - 1];
        int k = 0;
        for (int i = 0; i < layers.length - 1; i++) {
            mods[k++] = new Linear(layers[i], layers[i + 1], rng);
            if (i < layers.length - 2) {
                mods[k++] = new ReLU();
            }
        }
        model = new Sequential(mods);
        model.to(dtype);
        opt = new SGD(model.parameters(), 1e-4);
        x = Tensor.randn(rng, dtype, batch, layers[0]);
        y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(layers[layers.length - 1]);
        }
    }

    /** One training step; returns the loss (before the update). */
    double step() {
        zeroGrad();
        Tensor loss = lossFn.forward(model.forward(x), y);
        loss.backward();
        opt.step();
        return loss.item();
    }

    /** Resets the gradients as this model's step does. */
    void zeroGrad() {
        opt.zeroGrad(!keepGrads);
    }

    /** @return how the step resets gradients, for reports: {@code set_to_none} or {@code in_place} */
    String zeroGradMode() {
        return keepGrads ? "in_place" : "set_to_none";
    }

    /** @return the architecture as the reference names it, e.g. {@code 784-256-10} */
    String arch() {
        return MicroBench.archName(layers);
    }

    /** @return the multiply-adds × 2 of the dense layers' forward and backward: {@code 6 · batch · Σ in·out} */
    double denseFlops() {
        double s = 0;
        for (int i = 0; i < layers.length - 1; i++) {
            s += (double) layers[i] * layers[i + 1];
        }
        return 6.0 * batch * s;
    }

    /** @return bytes of the forward activations: each Linear's output and each ReLU's, in the model's dtype */
    long activationBytes() {
        long n = 0;
        for (int i = 1; i < layers.length; i++) {
            n += (long) batch * layers[i] * (i < layers.length - 1 ? 2 : 1);
        }
        return itemSize() * n;
    }

    /** @return bytes of the parameters (and so of one set of their gradients), in the model's dtype */
    long parameterBytes() {
        long n = 0;
        for (int i = 0; i < layers.length - 1; i++) {
            n += (long) layers[i] * layers[i + 1] + layers[i + 1];
        }
        return itemSize() * n;
    }

    private long itemSize() {
        return dtype == DType.FLOAT32 ? 4 : 8;
    }
}
