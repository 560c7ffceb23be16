package io.jgrad.data;

/**
 * A view of some samples of another data set, as PyTorch's {@code Subset}: sample {@code i} is
 * {@code dataset.get(indices[i])}. {@link Datasets#randomSplit} makes these.
 *
 * @param <T> the type of one sample
 */
public final class Subset<T> implements Dataset<T> {

    private final Dataset<T> dataset;
    private final int[] indices;

    /**
     * A view of the samples of {@code dataset} at {@code indices}, in that order.
     *
     * @param dataset the data set viewed
     * @param indices positions in {@code dataset}, copied; repeats are allowed
     * @throws IndexOutOfBoundsException if an index is not in {@code [0, dataset.size())}
     */
    public Subset(Dataset<T> dataset, int[] indices) {
        int n = dataset.size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("Subset: indices[" + i + "] = " + indices[i]
                        + " is out of range for a data set of " + n + " samples; use indices in [0, " + n + ")");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    /** @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())} */
    @Override
    public T get(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("Subset.get: index " + index + " is out of range for "
                    + indices.length + " samples; use an index in [0, " + indices.length + ")");
        }
        return dataset.get(indices[index]);
    }

    /** {@return the data set viewed} */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** {@return a copy of the positions in {@link #dataset()}} */
    public int[] indices() {
        return indices.clone();
    }

    /** The positions, shared, for the loader's row copies. */
    int[] indicesShared() {
        return indices;
    }
}
