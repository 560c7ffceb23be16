package io.jgrad.examples;

import java.util.Arrays;
import java.util.Random;

/** Drawing the next token from a language model's logits, as nanoGPT's {@code generate}. */
final class Sampling {

    private Sampling() {
    }

    /**
     * A token id drawn from {@code softmax(logits)} restricted to the {@code topK} largest logits
     * (all when {@code topK} is 0 or at least the vocabulary; ties at the k-th value are kept, as
     * PyTorch's {@code logits < v[-1]} masking does): one {@code rng.nextDouble()} per draw, inverted
     * through the cumulative probabilities in id order.
     */
    static int sample(double[] logits, int topK, Random rng) {
        double cut = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            double[] sorted = logits.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = logits[i] < cut ? 0 : Math.exp(logits[i] - max);
            sum += p[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i; // rounding left u ≥ 0 after the last term: the last possible id
            }
        }
        return 0;
    }
}
