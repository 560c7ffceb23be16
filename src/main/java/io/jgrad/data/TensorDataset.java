package io.jgrad.data;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.Movement;
import java.util.Arrays;

/**
 * Samples stored as two tensors that share their first dimension, as PyTorch's
 * {@code TensorDataset(features, targets)}: sample {@code i} is {@code (features[i], targets[i])}.
 *
 * <p>Shapes: features {@code (N, …)}, targets {@code (N, …)}; for classification the targets are
 * {@code (N,)} class indices, which {@link #TensorDataset(Tensor, int[])} builds from an
 * {@code int[]}. The tensors are held, not copied (as PyTorch does), and must not be changed while
 * the data set is in use. {@link DataLoader} copies rows straight out of them.
 */
public final class TensorDataset implements Dataset<Sample> {

    private final Tensor features;
    private final Tensor targets;
    private final int size;
    private final int[] sampleDims;
    private final int[] targetDims;

    /**
     * A data set whose sample {@code i} is row {@code i} of {@code features} and of {@code targets}.
     *
     * @param features shape {@code (N, …)}
     * @param targets shape {@code (N, …)}, with the same {@code N}
     * @throws IllegalArgumentException if either tensor is 0-d or their first sizes differ
     */
    public TensorDataset(Tensor features, Tensor targets) {
        if (features.dim() == 0 || targets.dim() == 0) {
            throw new IllegalArgumentException("TensorDataset: features " + features.shape() + " and targets "
                    + targets.shape() + " must both have a first dimension that counts the samples");
        }
        if (features.shape().get(0) != targets.shape().get(0)) {
            throw new IllegalArgumentException("TensorDataset: features " + features.shape() + " hold "
                    + features.shape().get(0) + " samples but targets " + targets.shape() + " hold "
                    + targets.shape().get(0) + "; both need the same first size");
        }
        this.features = features.detach();
        this.targets = targets.detach();
        this.size = features.shape().get(0);
        int[] f = features.shape().toArray();
        int[] t = targets.shape().toArray();
        this.sampleDims = Arrays.copyOfRange(f, 1, f.length);
        this.targetDims = Arrays.copyOfRange(t, 1, t.length);
    }

    /**
     * A classification data set.
     *
     * @param features shape {@code (N, …)}
     * @param labels {@code N} class indices, copied into a {@code (N,)} int64 target tensor
     * @throws IllegalArgumentException if {@code features} is 0-d or does not hold {@code labels.length} samples
     */
    public TensorDataset(Tensor features, int[] labels) {
        this(features, labelTensor(labels));
    }

    private static Tensor labelTensor(int[] labels) {
        return Tensor.wrap(Casts.fromInts(labels));
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Sample {@code index}, copied out: {@code x} of shape {@link #sampleShape()}, {@code y} of shape
     * {@link #targetShape()}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    @Override
    public Sample get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("TensorDataset.get: index " + index
                    + " is out of range for " + size + " samples; use an index in [0, " + size + ")");
        }
        return new Sample(row(features, sampleDims, index), row(targets, targetDims, index));
    }

    private static Tensor row(Tensor all, int[] dims, int index) {
        return Tensor.wrap(Movement.rows(all.array(), new int[] {index}).reshape(Shape.of(dims)));
    }

    /** {@return the features tensor {@code (N, …)}, shared} */
    public Tensor features() {
        return features;
    }

    /** {@return the targets tensor {@code (N, …)}, shared} */
    public Tensor targets() {
        return targets;
    }

    /** {@return the shape of one sample's features: the features' shape without its first size} */
    public Shape sampleShape() {
        return Shape.of(sampleDims);
    }

    /** {@return the shape of one target: the targets' shape without its first size ({@code ()} for labels)} */
    public Shape targetShape() {
        return Shape.of(targetDims);
    }
}
