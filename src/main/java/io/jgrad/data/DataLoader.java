package io.jgrad.data;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Batches of a data set, as PyTorch's {@code DataLoader(dataset, batch_size, shuffle, drop_last)}:
 * each pass ({@link #iterator()}, one epoch) yields {@link Batch}es of {@code batchSize} samples,
 * the last one smaller unless {@link #dropLast(boolean) dropLast} is set.
 *
 * <p>Without {@link #shuffle(Random)} the samples come in order. With it, every pass draws a new
 * permutation from the given {@code Random}, so the order differs from epoch to epoch yet the
 * whole sequence is the same on every run that starts from the same seed.
 *
 * <p>Batches are built when they are reached: the samples' features (and targets) are copied row
 * by row into one new array of shape {@code (B, …sample shape)}. From a {@link TensorDataset}, or
 * {@link Subset}s of one, the rows are copied straight from its tensors; from any other
 * {@code Dataset<Sample>} each sample is fetched with {@code get} and every sample must have the
 * shapes of the first.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 64).shuffle(new Random(42)).dropLast(true);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) { ... b.x() ... b.labels() ... }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {

    private final Dataset<Sample> dataset;
    private final int batchSize;
    private Random shuffle;
    private boolean dropLast;

    // Where rows can be copied straight from tensors: the TensorDataset under any Subsets, and the
    // positions in it of this loader's samples (null for 0 … N-1).
    private final TensorDataset base;
    private final int[] baseIndex;

    /**
     * A loader that yields the samples in order, the last batch possibly smaller.
     *
     * @param dataset the samples
     * @param batchSize samples per batch, at least 1
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public DataLoader(Dataset<Sample> dataset, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batchSize must be ≥ 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        int[] map = null;
        Dataset<?> d = dataset;
        while (d instanceof Subset<?> s) {
            int[] idx = s.indicesShared();
            if (map == null) {
                map = idx;
            } else {
                int[] composed = new int[map.length];
                for (int i = 0; i < map.length; i++) {
                    composed[i] = idx[map[i]];
                }
                map = composed;
            }
            d = s.dataset();
        }
        this.base = d instanceof TensorDataset td ? td : null;
        this.baseIndex = map;
    }

    /**
     * Shuffles the samples on every pass with permutations drawn from {@code rng}.
     *
     * @param rng the source of the permutations (e.g. {@code new Random(seed)}); {@code null} turns shuffling off
     * @return this loader
     */
    public DataLoader shuffle(Random rng) {
        this.shuffle = rng;
        return this;
    }

    /**
     * Whether to drop the last batch of a pass when it holds fewer than {@code batchSize} samples.
     *
     * @param drop whether to drop a short last batch (default {@code false})
     * @return this loader
     */
    public DataLoader dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /** {@return the data set} */
    public Dataset<Sample> dataset() {
        return dataset;
    }

    /** {@return the number of samples per batch (the last may have fewer unless dropLast is set)} */
    public int batchSize() {
        return batchSize;
    }

    /** {@return the number of batches per pass: {@code N / batchSize}, rounded up unless dropLast is set} */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * One pass over the data set. With shuffling on, this draws the pass's permutation from the
     * loader's {@code Random} now, so passes must be started in the same order to repeat a run.
     *
     * @return the batches of the pass; its {@code next()} throws {@code NoSuchElementException}
     *     after the last batch, and {@code IllegalArgumentException} when the samples of a batch
     *     differ in shape
     */
    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order = shuffle == null ? null : Datasets.permutation(n, shuffle);
        int batches = numBatches();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: the pass has ended after " + batches + " batches");
                }
                int start = next * batchSize;
                int[] positions = new int[Math.min(batchSize, n - start)];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = order == null ? start + i : order[start + i];
                }
                next++;
                return collate(positions);
            }
        };
    }

    /** Stacks the samples at the given positions of the data set into one batch. */
    private Batch collate(int[] positions) {
        if (base != null) {
            return new Batch(gather(base.features(), positions), gather(base.targets(), positions));
        }
        Sample first = dataset.get(positions[0]);
        Tensor x = stacked(first.x(), positions.length);
        Tensor y = stacked(first.y(), positions.length);
        for (int i = 0; i < positions.length; i++) {
            Sample s = i == 0 ? first : dataset.get(positions[i]);
            if (!s.x().shape().equals(first.x().shape()) || !s.y().shape().equals(first.y().shape())) {
                throw new IllegalArgumentException("DataLoader: sample " + positions[i] + " has x " + s.x().shape()
                        + " and y " + s.y().shape() + " but sample " + positions[0] + " has x " + first.x().shape()
                        + " and y " + first.y().shape() + "; every sample of a batch needs the same shapes");
            }
            copyInto(s.x(), x, i);
            copyInto(s.y(), y, i);
        }
        return new Batch(x, y);
    }

    /** Rows {@code baseIndex[positions[i]]} of {@code all}, stacked. */
    private Tensor gather(Tensor all, int[] positions) {
        int[] rows = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            rows[i] = baseIndex == null ? positions[i] : baseIndex[positions[i]];
        }
        return Tensor.wrap(Movement.rows(all.array(), rows));
    }

    // a batch of `count` samples shaped and typed as `sample`
    private static Tensor stacked(Tensor sample, int count) {
        int[] s = sample.shape().toArray();
        int[] dims = new int[s.length + 1];
        dims[0] = count;
        System.arraycopy(s, 0, dims, 1, s.length);
        return Tensor.zeros(sample.dtype(), dims);
    }

    private static void copyInto(Tensor sample, Tensor batch, int i) {
        Movement.copyInto(sample.array(), batch.array(), i * sample.numel());
    }
}
