package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Factories;
import java.util.Random;

/** The default initialisations of PyTorch's layers, one place for the layers that share them. */
final class Init {

    private Init() {
    }

    /**
     * A float64 tensor uniform in {@code [-bound, bound)}, drawn row-major from {@code rng} as
     * {@code -bound + 2·bound·rng.nextDouble()} (PyTorch's {@code uniform_}).
     */
    static Tensor uniform(Random rng, double bound, int... shape) {
        return Tensor.wrap(Factories.uniform(rng, DType.FLOAT64, Shape.of(shape), -bound, bound));
    }

    /**
     * PyTorch's bound for Kaiming-uniform with {@code a = √5}, the default of {@code Linear} and
     * {@code Conv2d} weights and biases: {@code 1/√fanIn}, 0 for an empty fan-in.
     */
    static double kaimingBound(int fanIn) {
        return fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
    }

    /** @return {@code rng}, or an exception naming the layer if it is null */
    static Random check(String layer, Random rng) {
        if (rng == null) {
            throw new IllegalArgumentException(layer + ": rng is null; pass a Random (seeded for reproducible weights)");
        }
        return rng;
    }
}
