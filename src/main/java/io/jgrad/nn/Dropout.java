package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.Random;

/**
 * Inverted dropout (PyTorch's {@code nn.Dropout}): in training mode each element of the input is
 * zeroed with probability {@code p} and the survivors are scaled by {@code 1/(1 − p)}, so the
 * expected output equals the input; in evaluation mode ({@link #eval()}) the input is returned
 * unchanged. Any input shape; the output has the same shape. No parameters.
 *
 * <pre>
 *   training:   y = x · m / (1 − p),  m[i] ~ Bernoulli(1 − p), one draw per element (rng.nextDouble() ≥ p)
 *   evaluation: y = x
 * </pre>
 *
 * <p>The mask is a constant of the graph (grad fn {@code Mul}), so {@code ∂x = g · m / (1 − p)}.
 * With {@code p = 1} every element is zeroed. The computation is
 * {@link Functional#dropout(Tensor, double, boolean, Random)}, with the same draws.
 * {@link #manualSeed(long)} (on this layer or a model holding it) replaces the generator by a new
 * {@code Random} of the derived seed; the one passed to the constructor is left as it is.
 */
public class Dropout extends Layer {

    private final double p;
    private Random rng;

    /**
     * Dropout with probability {@code p}, its masks drawn from a new, unseeded {@code Random}: use
     * {@link #Dropout(double, Random)} for reproducible masks.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public Dropout(double p) {
        this(p, new Random());
    }

    /**
     * Dropout with probability {@code p}, its masks drawn from {@code rng}.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1]} (PyTorch's default is 0.5)
     * @param rng the source of the masks
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or {@code rng} is null
     */
    public Dropout(double p, Random rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability p=" + p + " is outside [0, 1]; pass the"
                    + " probability of zeroing an element, e.g. 0.5");
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dropout: rng is null; pass a Random (seeded for reproducible masks)");
        }
        this.p = p;
        this.rng = rng;
    }

    /**
     * In training mode, the input with elements zeroed at random and the rest scaled by
     * {@code 1/(1 − p)}; in evaluation mode (or with {@code p = 0}), the input itself.
     *
     * @param input any shape
     * @return the same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining(), rng);
    }

    /**
     * Draws the following masks from a new {@code new Random(seed)}; called by
     * {@link #manualSeed(long)} with this layer's derived seed.
     *
     * @param seed the generator's seed
     */
    @Override
    protected void reseed(long seed) {
        rng = new Random(seed);
    }

    /** {@return the probability of zeroing an element} */
    public double p() {
        return p;
    }

    /** @return {@code p=0.5, inplace=False}, as PyTorch 2.13 prints it (there is no in-place dropout here) */
    @Override
    protected String extraRepr() {
        return "p=" + Repr.number(p) + ", inplace=False";
    }
}
