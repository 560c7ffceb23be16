package io.jgrad.spark;

import java.io.Serializable;
import java.util.Random;

/**
 * Which rows each shard computes at each step: a pure function of {@code (rows N, shards K, batch
 * size B, shuffle, seed)}, the same on the driver and on every executor, whatever the cluster.
 *
 * <pre>
 *   shard of row i          i mod K                       (i: the row's position in the input)
 *   its place in the shard  i div K                       (relative order kept)
 *   size of shard s         n_s = N div K + [s &lt; N mod K]
 *   local batch             b = B / K rows
 *   steps of an epoch       ceil(n_0 / b)                 (shard 0 is the largest)
 *   shard s at step t       order_s(e)[t·b, min((t+1)·b, n_s))   — empty once the shard has run out
 *   order_s(e)              0 … n_s−1, shuffled (when shuffle) by Fisher–Yates with
 *                           new java.util.Random(mix(seed, SHUFFLE, e, s)): for j = n−1 … 1, swap j and nextInt(j+1)
 *   dropout at (e, t, s)    model.manualSeed(mix(seed, DROPOUT, e, t, s))
 *   mix(a, b, …)            h = a; for each further x: h = splitmix64(h + (x + 1)·0x9E3779B97F4A7C15)
 * </pre>
 * {@code java.util.Random}'s algorithm is fixed by its specification, so the orders are the same on
 * every JVM.
 */
final class Schedule implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long SHUFFLE = 1;
    private static final long DROPOUT = 2;

    final long rows;
    final int shards;
    final int localBatch;
    final boolean shuffle;
    final long seed;

    Schedule(long rows, int shards, int batchSize, boolean shuffle, long seed) {
        this.rows = rows;
        this.shards = shards;
        this.localBatch = batchSize / shards;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** @return {@code n_s}, the number of rows of shard {@code s} */
    int shardSize(int s) {
        return Math.toIntExact(rows / shards + (s < rows % shards ? 1 : 0));
    }

    /** @return the number of steps of every epoch, {@code ceil(n_0 / b)} */
    int stepsPerEpoch() {
        return (shardSize(0) + localBatch - 1) / localBatch;
    }

    /**
     * The positions within shard {@code s} (indices into its rows, in input order) of the rows it
     * computes at step {@code t} of epoch {@code e}.
     *
     * @return {@code b} positions, fewer at the shard's last batch, none once it has run out
     */
    int[] rowsAt(int epoch, int step, int s) {
        int n = shardSize(s);
        int from = Math.min(n, step * localBatch);
        int to = Math.min(n, from + localBatch);
        int[] out = new int[to - from];
        if (out.length == 0) {
            return out;
        }
        int[] order = order(epoch, s);
        System.arraycopy(order, from, out, 0, out.length);
        return out;
    }

    /** The shard's order of epoch {@code e}: {@code 0 … n_s−1}, shuffled when {@link #shuffle}. */
    int[] order(int epoch, int s) {
        int n = shardSize(s);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rng = new Random(mix(seed, SHUFFLE, epoch, s));
            for (int j = n - 1; j > 0; j--) {
                int k = rng.nextInt(j + 1);
                int tmp = order[j];
                order[j] = order[k];
                order[k] = tmp;
            }
        }
        return order;
    }

    /** @return the seed the model's random layers are given for shard {@code s} at step {@code t} of epoch {@code e} */
    long layerSeed(int epoch, int step, int s) {
        return mix(seed, DROPOUT, epoch, step, s);
    }

    static long mix(long first, long... more) {
        long h = first;
        for (long x : more) {
            h = splitMix64(h + (x + 1) * GAMMA);
        }
        return h;
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
