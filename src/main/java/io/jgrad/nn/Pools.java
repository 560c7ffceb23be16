package io.jgrad.nn;

/** The argument checks the pooling layers share. */
final class Pools {

    private Pools() {
    }

    static void check(String layer, int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(layer + ": kernel " + kernel + " and stride " + stride + " must be ≥ 1"
                    + " and padding " + padding + " between 0 and half the kernel");
        }
    }
}
