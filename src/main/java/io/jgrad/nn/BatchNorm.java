package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * The batch normalisation that {@link BatchNorm1d} and {@link BatchNorm2d} share, PyTorch's
 * {@code _BatchNorm}: {@code y = (x − μ) / √(σ² + eps) · weight + bias} per channel (dimension 1),
 * with the batch's mean and biased variance in training mode (and the running statistics updated in
 * place: {@code running = (1 − momentum)·running + momentum·batch}, the unbiased variance for
 * {@code running_var}; {@code num_batches_tracked} counts the updates), the running statistics in
 * evaluation mode.
 *
 * <p>Parameters {@code weight} (ones) and {@code bias} (zeros), {@code (C,)}; buffers
 * {@code running_mean} (zeros), {@code running_var} (ones), {@code num_batches_tracked} (0, int64),
 * in that order in the state dict, as PyTorch's.
 */
public abstract class BatchNorm extends Layer {

    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(String name, int features) {
        if (features < 1) {
            throw new IllegalArgumentException(name + ": features must be ≥ 1, got " + features);
        }
        this.features = features;
        this.eps = 1e-5;
        this.momentum = 0.1;
        this.weight = registerParameter("weight", Tensor.ones(features));
        this.bias = registerParameter("bias", Tensor.zeros(features));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));
    }

    /** Checks the input's rank for this layer's kind; throws naming the shape. */
    abstract void checkInput(Tensor input);

    /**
     * @param input {@code (N, C, …)} as the subclass states, {@code C} the layer's features
     * @return the normalised input, of its shape
     * @throws IllegalArgumentException if the input's rank or channel count does not fit, or (in
     *     training) a channel has a single value to normalise
     */
    @Override
    public Tensor forward(Tensor input) {
        checkInput(input);
        if (input.shape().get(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input of shape " + input.shape()
                    + " has " + input.shape().get(1) + " channels (dimension 1) but the layer has " + features);
        }
        if (isTraining()) {
            Elementwise.binaryInPlace(BinaryOp.ADD, numBatchesTracked.array(), NDArray.wrappedScalar(1));
        }
        return Functional.batchNorm(input, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
    }

    /** {@return the weight {@code (C,)}} */
    public Tensor weight() {
        return weight;
    }

    /** {@return the bias {@code (C,)}} */
    public Tensor bias() {
        return bias;
    }

    /** {@return the running mean {@code (C,)} (a buffer, updated in place in training)} */
    public Tensor runningMean() {
        return runningMean;
    }

    /** {@return the running variance {@code (C,)} (a buffer, updated in place in training)} */
    public Tensor runningVar() {
        return runningVar;
    }

    /** {@return how many training batches updated the running statistics (a 0-d int64 buffer)} */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    /** @return {@code 32, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True}, as PyTorch 2.13 prints it */
    @Override
    protected String extraRepr() {
        return features + ", eps=" + Repr.number(eps) + ", momentum=" + Repr.number(momentum)
                + ", affine=True, bias=True, track_running_stats=True";
    }
}
