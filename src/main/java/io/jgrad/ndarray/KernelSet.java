package io.jgrad.ndarray;

/**
 * One implementation of every primitive the array layer needs, for one instruction set: what a
 * new kernel set (a GPU, say, or another SIMD API) provides, and all it provides. {@link Kernels}
 * picks one set when it loads; the array classes ({@link Elementwise}, {@link Reductions},
 * {@link Casts}, {@link Updates}, {@link Products}) resolve the dtype and the layout and hand the
 * set flat, typed runs.
 *
 * @param name the set's name, for logs and benchmarks ({@code plain}, {@code vector})
 * @param unary element-wise functions of one argument
 * @param binary element-wise arithmetic of two arguments
 * @param compare element-wise comparisons
 * @param reductions sums, extremes and softmax along a dimension
 * @param casts dtype conversions
 * @param updates optimizer updates
 */
record KernelSet(String name, UnaryKernels unary, BinaryKernels binary, CompareKernels compare,
                 ReductionKernels reductions, CastKernels casts, UpdateKernels updates) {

    /** @return the plain-Java set, which every JVM runs */
    static KernelSet plain() {
        return new KernelSet("plain", new PlainUnary(), new PlainBinary(), new PlainCompare(),
                new PlainReductions(), new PlainCasts(), new PlainUpdates());
    }
}
