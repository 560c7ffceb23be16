package io.jgrad.data;

/**
 * A collection of samples addressed by index, as PyTorch's map-style {@code Dataset}: a size and a
 * way to get sample {@code i}. {@link DataLoader} batches a {@code Dataset<Sample>}.
 *
 * @param <T> the type of one sample
 */
public interface Dataset<T> {

    /** {@return the number of samples} */
    int size();

    /**
     * One sample.
     *
     * @param index in {@code [0, size())}
     * @return the sample
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    T get(int index);
}
