package io.jgrad.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded splits of a data set: {@link #randomSplit(Dataset, int[], Random)} as PyTorch's
 * {@code random_split}, and {@link #trainTestSplit} as scikit-learn's {@code train_test_split}.
 * The same data set, sizes and seed give the same split on every run.
 */
public final class Datasets {

    private Datasets() {
    }

    /**
     * A split into a training and a test part.
     *
     * @param train the training samples
     * @param test the test samples
     * @param <T> the type of one sample
     */
    public record Split<T>(Subset<T> train, Subset<T> test) {
    }

    /**
     * Splits {@code dataset} into non-overlapping random parts of the given sizes.
     *
     * @param <T> the type of the samples
     * @param dataset the dataset
     * @param lengths the size of each part; they must add up to {@code dataset.size()}
     * @param rng the source of the permutation (a Fisher–Yates shuffle of {@code 0 … N-1})
     * @return one {@link Subset} per length, in order
     * @throws IllegalArgumentException if a length is negative or they do not add up to the size
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Random rng) {
        long total = 0;
        for (int len : lengths) {
            if (len < 0) {
                throw new IllegalArgumentException("randomSplit: lengths must be ≥ 0, got " + len);
            }
            total += len;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: lengths add up to " + total
                    + " but the data set has " + dataset.size() + " samples; make them add up to the size");
        }
        int[] perm = permutation(dataset.size(), rng);
        List<Subset<T>> parts = new ArrayList<>(lengths.length);
        int start = 0;
        for (int len : lengths) {
            int[] idx = new int[len];
            System.arraycopy(perm, start, idx, 0, len);
            parts.add(new Subset<>(dataset, idx));
            start += len;
        }
        return parts;
    }

    /**
     * Splits {@code dataset} into random parts holding the given fractions of it, as PyTorch's
     * {@code random_split} with fractions: each part gets {@code floor(f · N)} samples, and the
     * samples left over go one each to the parts in order.
     *
     * @param <T> the type of the samples
     * @param dataset the dataset
     * @param fractions each in {@code [0, 1]}, adding up to 1
     * @param rng the random generator to draw from
     * @return the parts, in the order of {@code fractions}
     * @throws IllegalArgumentException if a fraction is out of range or they do not add up to 1
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Random rng) {
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("randomSplit: fractions must be in [0, 1], got " + f);
            }
            sum += f;
        }
        if (fractions.length == 0 || Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("randomSplit: fractions add up to " + sum
                    + "; they must add up to 1");
        }
        int n = dataset.size();
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(fractions[i] * n);
            assigned += lengths[i];
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length) {
            lengths[i]++;
            assigned++;
        }
        return randomSplit(dataset, lengths, rng);
    }

    /**
     * Splits {@code dataset} into a shuffled training and test part, the test part holding
     * {@code ceil(testFraction · N)} samples (as scikit-learn rounds it).
     *
     * @param <T> the type of the samples
     * @param dataset the dataset
     * @param testFraction in {@code [0, 1]}
     * @param rng the source of the permutation
     * @return the training and the test part
     * @throws IllegalArgumentException if {@code testFraction} is outside {@code [0, 1]}
     */
    public static <T> Split<T> trainTestSplit(Dataset<T> dataset, double testFraction, Random rng) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("trainTestSplit: testFraction must be in [0, 1], got " + testFraction);
        }
        int n = dataset.size();
        int test = (int) Math.ceil(testFraction * n);
        List<Subset<T>> parts = randomSplit(dataset, new int[] {n - test, test}, rng);
        return new Split<>(parts.get(0), parts.get(1));
    }

    /** A uniformly random permutation of {@code 0 … n-1} (Fisher–Yates). */
    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
