package io.jgrad.data;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Movement;
import java.util.Random;

/**
 * Batches of a language model from one long sequence of token ids, as nanoGPT's {@code get_batch}:
 * {@code B} windows of {@code T} consecutive tokens starting at random offsets, and as targets the
 * same windows shifted by one token.
 *
 * <pre>{@code
 * TokenWindows train = new TokenWindows(vocab.encode(text), 64);
 * Batch b = train.sample(16, rng);    // b.x() and b.y(): (16, 64) int64
 * }</pre>
 */
public final class TokenWindows {

    private final Tensor tokens;
    private final int blockSize;

    /**
     * Windows of {@code blockSize} tokens over {@code tokens}.
     *
     * @param tokens a 1-d int64 tensor of token ids
     * @param blockSize the window length {@code T}, ≥ 1, less than the number of tokens
     * @throws IllegalArgumentException if {@code tokens} is not 1-d int64, or too short for one
     *     window and its target
     */
    public TokenWindows(Tensor tokens, int blockSize) {
        if (tokens.dim() != 1 || tokens.dtype() != DType.INT64) {
            throw new IllegalArgumentException("TokenWindows: tokens must be a 1-d int64 tensor, got "
                    + tokens.dtype().label() + " of shape " + tokens.shape());
        }
        if (blockSize < 1 || blockSize >= tokens.numel()) {
            throw new IllegalArgumentException("TokenWindows: blockSize " + blockSize + " must be in [1, "
                    + (tokens.numel() - 1) + "] for " + tokens.numel() + " tokens (a window and its target shifted by one)");
        }
        this.tokens = tokens.detach();
        this.blockSize = blockSize;
    }

    /** {@return the window length {@code T}} */
    public int blockSize() {
        return blockSize;
    }

    /** {@return the number of distinct windows: {@code tokens − T}} */
    public int windows() {
        return tokens.numel() - blockSize;
    }

    /**
     * A batch of {@code batchSize} windows at offsets {@code rng.nextInt(windows())}, drawn in order.
     *
     * @param batchSize samples per batch
     * @param rng the random generator to draw from
     * @return {@code x} and {@code y}, both {@code (batchSize, T)} int64, {@code y[b, t] = x[b, t + 1]}
     *     continued by the token after the window
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Batch sample(int batchSize, Random rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TokenWindows.sample: batchSize must be ≥ 1, got " + batchSize);
        }
        int[] starts = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            starts[i] = rng.nextInt(windows());
        }
        return at(starts);
    }

    /**
     * The batch of the windows starting at the given offsets (for evaluation over fixed windows).
     *
     * @param starts the offset of each window in the tokens
     * @return the batch of the windows starting at the given offsets (for evaluation over fixed windows)
     * @throws IndexOutOfBoundsException if an offset is not in {@code [0, windows())}
     */
    public Batch at(int[] starts) {
        int[] next = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < 0 || starts[i] >= windows()) {
                throw new IndexOutOfBoundsException("TokenWindows.at: offset " + starts[i] + " is out of range for "
                        + windows() + " windows; use offsets in [0, " + windows() + ")");
            }
            next[i] = starts[i] + 1;
        }
        return new Batch(Tensor.wrap(Movement.windows(tokens.array(), starts, blockSize)),
                Tensor.wrap(Movement.windows(tokens.array(), next, blockSize)));
    }
}
