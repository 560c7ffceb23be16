package io.jgrad.ndarray;

import java.util.Locale;

/**
 * The one entry point to the compute kernels that the rest of jgrad calls. Which implementation
 * serves a call is decided once per JVM, on the first call that needs a kernel, and logged once
 * (through {@link System.Logger}, logger {@code io.jgrad.ndarray.Kernels}, at {@code INFO}):
 *
 * <ul>
 *   <li>the Vector API kernels ({@code VectorGemm}, {@code VectorFloatGemm} and the
 *       {@code vector} kernel set), SIMD code on the JDK's incubating Vector API, when the module
 *       {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *       {@code --add-modules jdk.incubator.vector}) and they load and pass a check;</li>
 *   <li>otherwise the plain-Java ones ({@code PlainGemm}, {@code PlainFloatGemm}, the
 *       {@code plain} set), blocked loops that HotSpot vectorises itself (the float64 product
 *       beats EJML's {@code CommonOps_DDRM.mult} several times over, on every shape measured); the
 *       log line then names the JVM option that turns the SIMD kernels on;</li>
 *   <li>{@code EjmlGemm} stays available as the reference.</li>
 * </ul>
 *
 * <p>The system property {@code jgrad.kernels} = {@code vector}, {@code plain} or {@code ejml}
 * forces a choice (for tests and benchmarks). {@code jgrad.threads} sets how many threads a large
 * product may use (default: {@link Runtime#availableProcessors()}, as PyTorch's). Results never
 * depend on the thread count: every element of a product is computed whole by one thread, in the
 * same order. A value of either property that is not one of its choices makes that first call, and
 * every later one, throw an {@link IllegalArgumentException} naming the property, the value and
 * the choices.
 */
public final class Kernels {

    /** The selection, made when this holder is first touched; its failure is kept, not thrown. */
    private static final class Chosen {
        static final KernelSelection SELECTION;
        static final RuntimeException FAILURE;

        static {
            KernelSelection s = null;
            RuntimeException f = null;
            try {
                s = KernelSelection.resolve();
            } catch (IllegalArgumentException | IllegalStateException e) {
                f = e;
            }
            SELECTION = s;
            FAILURE = f;
        }
    }

    /**
     * The kernels of this JVM, chosen on the first call (the JIT folds the lookup to a constant).
     *
     * @throws IllegalArgumentException if {@code jgrad.kernels} or {@code jgrad.threads} has a value
     *         that is not one of its choices (on this call and every later one)
     * @throws IllegalStateException if {@code jgrad.kernels=vector} and the Vector API kernels fail to load
     */
    static KernelSelection selection() {
        KernelSelection s = Chosen.SELECTION;
        if (s == null) {
            // A fresh exception for every caller, with the stack of this call; the first is its cause.
            RuntimeException f = Chosen.FAILURE;
            if (f instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(f.getMessage(), f);
            }
            throw new IllegalStateException(f.getMessage(), f);
        }
        return s;
    }

    /** The kernel set every element-wise, reduction, cast and update of the array layer runs on. */
    static KernelSet set() {
        return selection().set();
    }

    private Kernels() {
    }

    /**
     * {@code C = op(A) · op(B)} on flat row-major arrays; see {@link Gemm#gemm}.
     * {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)}, {@code C} is {@code (m, n)}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a the elements of {@code A}, row-major
     * @param aOff where {@code A} starts in {@code a}
     * @param b the elements of {@code B}, row-major
     * @param bOff where {@code B} starts in {@code b}
     * @param c receives {@code C}, row-major
     * @param cOff where {@code C} starts in {@code c}
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        selection().gemm().gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
    }

    /**
     * {@code C += op(A) · op(B)}: the product is computed as by {@link #gemm} into a buffer this
     * thread keeps and reuses, then added to {@code C} element by element, so each element of
     * {@code C} gets {@code c + (its product)}, the same bits as adding a freshly computed product.
     * Used to accumulate a gradient into a buffer kept across steps without allocating one per step.
     * The thread keeps a buffer of up to 2^21 doubles (16 MiB); a larger product gets a
     * temporary one.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a the elements of {@code A}, row-major
     * @param aOff where {@code A} starts in {@code a}
     * @param b the elements of {@code B}, row-major
     * @param bOff where {@code B} starts in {@code b}
     * @param c holds {@code C}, row-major, and receives {@code C + op(A) · op(B)}
     * @param cOff where {@code C} starts in {@code c}
     */
    public static void gemmAdd(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        int size = m * n;
        double[] t = scratch(size);
        selection().gemm().gemm(transA, transB, m, n, k, a, aOff, b, bOff, t, 0);
        for (int i = 0; i < size; i++) {
            c[cOff + i] += t[i];
        }
    }

    /**
     * A buffer of at least {@code size} doubles for {@link #gemmAdd}: the one this thread keeps,
     * grown when needed, or, above {@link #SCRATCH_LIMIT}, a temporary one that is not kept.
     */
    static double[] scratch(int size) {
        double[] t = SCRATCH.get();
        if (t.length < size) {
            t = new double[size];
            if (size <= SCRATCH_LIMIT) {
                SCRATCH.set(t);
            }
        }
        return t;
    }

    /** The largest product buffer, in doubles, that {@link #gemmAdd} keeps per thread. */
    static final int SCRATCH_LIMIT = 1 << 21;

    // the product buffers of gemmAdd; grow to the largest product up to SCRATCH_LIMIT seen on the thread
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<float[]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * {@code C += op(A) · op(B)} on float32 arrays, as the float64 form (the product into a buffer
     * this thread keeps, of up to 2^21 floats, then added).
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a the elements of {@code A}, row-major
     * @param aOff where {@code A} starts in {@code a}
     * @param b the elements of {@code B}, row-major
     * @param bOff where {@code B} starts in {@code b}
     * @param c holds {@code C}, row-major, and receives {@code C + op(A) · op(B)}
     * @param cOff where {@code C} starts in {@code c}
     */
    public static void gemmAdd(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        int size = m * n;
        float[] t = FLOAT_SCRATCH.get();
        if (t.length < size) {
            t = new float[size];
            if (size <= SCRATCH_LIMIT) {
                FLOAT_SCRATCH.set(t);
            }
        }
        gemm(transA, transB, m, n, k, a, aOff, b, bOff, t, 0);
        for (int i = 0; i < size; i++) {
            c[cOff + i] += t[i];
        }
    }

    /**
     * {@return the name of the kernel set in use, {@code plain} or {@code vector}, for benchmarks and logs}
     *
     * @throws IllegalArgumentException if {@code jgrad.kernels} or {@code jgrad.threads} has a value that
     *     is not one of its choices (see the class description)
     */
    public static String setName() {
        return set().name();
    }

    /**
     * {@return the class name of the float64 matrix product in use, e.g. {@code VectorGemm}, for benchmarks and logs}
     *
     * @throws IllegalArgumentException if {@code jgrad.kernels} or {@code jgrad.threads} has a value that
     *     is not one of its choices (see the class description)
     */
    public static String gemmName() {
        return selection().gemm().getClass().getSimpleName();
    }

    /**
     * {@return how many threads one large product may use: {@code jgrad.threads}, by default the
     * processors available to the JVM}
     *
     * @throws IllegalArgumentException if {@code jgrad.kernels} or {@code jgrad.threads} has a value that
     *     is not one of its choices (see the class description)
     */
    public static int threads() {
        return selection().threads();
    }

    /**
     * How many threads a large product started on the calling thread may use: 1 inside a
     * {@link #singleThreaded()} scope, {@link #threads()} otherwise.
     *
     * @return how many threads a large product started on the calling thread may use
     */
    public static int threadsHere() {
        return GemmPool.isSerial() ? 1 : threads();
    }

    /**
     * Runs every matrix product that the calling thread starts on that thread alone until the
     * returned scope is closed: a product that would be split over the pool ({@code jgrad.threads})
     * computes its parts one after another on the caller instead, so the result has the same bits.
     * For hosts that already run one jgrad computation per core, such as the task slots of a Spark
     * executor, where the pool's threads would oversubscribe the cores. Other threads are not
     * affected; scopes nest, and the setting is in force while any is open.
     *
     * <pre>{@code
     * try (Kernels.SingleThreaded scope = Kernels.singleThreaded()) {
     *     loss.backward();   // products on this thread only
     * }
     * }</pre>
     *
     * @return the scope; closing it ends it (closing twice is harmless)
     */
    public static SingleThreaded singleThreaded() {
        GemmPool.serial(+1);
        return new SingleThreaded(Thread.currentThread());
    }

    /** A scope of {@link #singleThreaded()}; close it on the thread that opened it. */
    public static final class SingleThreaded implements AutoCloseable {
        private final Thread owner;
        private boolean closed;

        private SingleThreaded(Thread owner) {
            this.owner = owner;
        }

        /**
         * Ends this scope.
         *
         * @throws IllegalStateException if called on another thread than the one that opened it
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("Kernels.singleThreaded: the scope was opened on thread '" + owner.getName()
                        + "' but closed on '" + Thread.currentThread().getName() + "'; close it on the thread that opened it");
            }
            closed = true;
            GemmPool.serial(-1);
        }
    }

    /**
     * Whether the Vector API kernels can be used in this JVM: the module is present and they load
     * and pass their check (checked once, on first use, whatever {@code jgrad.kernels} says).
     *
     * @return whether {@code newGemm("vector", …)} would succeed
     */
    public static boolean vectorAvailable() {
        return VectorCheck.AVAILABLE;
    }

    /** Checked once, on first use. */
    private static final class VectorCheck {
        static final boolean AVAILABLE = loadVector(1) != null;
    }

    /**
     * A new, independent matrix-multiply implementation, for tests and benchmarks that compare
     * them side by side; {@link #gemm} is what the library itself uses.
     *
     * @param kind {@code "vector"}, {@code "plain"} or {@code "ejml"} (EJML is single-threaded)
     * @param threads the most threads one product may use; a product is split only from 2^21
     *                multiply-adds ({@code m·n·k}) on
     * @return the new kernel
     * @throws IllegalArgumentException for an unknown kind or {@code threads < 1}
     * @throws IllegalStateException for {@code "vector"} when the Vector API is not available
     */
    public static Gemm newGemm(String kind, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Kernels.newGemm: threads must be ≥ 1, got " + threads);
        }
        switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
                return new EjmlGemm();
            case "plain":
                return new PlainGemm(threads, KernelSelection.PARALLEL_WORK);
            case "vector": {
                Gemm g = loadVector(threads);
                if (g == null) {
                    throw new IllegalStateException("Kernels.newGemm: the Vector API kernel needs the module "
                            + KernelSelection.VECTOR_MODULE + " (start the JVM with " + KernelSelection.VECTOR_FLAG + ")");
                }
                return g;
            }
            default:
                throw new IllegalArgumentException("Kernels.newGemm: unknown gemm kind '" + kind + "' (vector, plain or ejml)");
        }
    }

    /** A checked {@code VectorGemm}, or {@code null} when the module is absent or anything on the way fails. */
    private static Gemm loadVector(int threads) {
        if (KernelSelection.vectorModule().isEmpty()) {
            return null;
        }
        try {
            return KernelSelection.loadVectorGemm(threads);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ float32 matrix products

    /**
     * {@code C = op(A) · op(B)} in single precision on flat row-major arrays; see
     * {@link FloatGemm#gemm}. {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)},
     * {@code C} is {@code (m, n)} and is overwritten; products are accumulated in {@code float}.
     *
     * <p>The kernel is chosen with the others: {@code VectorFloatGemm} with the Vector API
     * kernels, otherwise {@code PlainFloatGemm} (also for {@code jgrad.kernels=ejml}: EJML's float
     * module is not a dependency). Results never depend on the thread count.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a the elements of {@code A}, row-major
     * @param aOff where {@code A} starts in {@code a}
     * @param b the elements of {@code B}, row-major
     * @param bOff where {@code B} starts in {@code b}
     * @param c receives {@code C}, row-major
     * @param cOff where {@code C} starts in {@code c}
     * @throws IllegalArgumentException if {@code m}, {@code n} or {@code k} is negative
     * @throws IndexOutOfBoundsException if an array is too short for its matrix at its offset
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        selection().floatGemm().gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
    }

    /**
     * The name of the float matrix-multiply implementation in use, for benchmarks and logs.
     *
     * @return the kernel's class name, e.g. {@code VectorFloatGemm}
     */
    public static String floatGemmName() {
        return selection().floatGemm().getClass().getSimpleName();
    }

    /**
     * A new, independent float matrix-multiply implementation, for tests and benchmarks that
     * compare them side by side; {@link #gemm(boolean, boolean, int, int, int, float[], int,
     * float[], int, float[], int)} is what the library itself uses.
     *
     * @param kind {@code "vector"}, {@code "plain"} or {@code "ejml"}; EJML's float module is not
     *             a dependency, so {@code "ejml"} gives the plain kernel
     * @param threads the most threads one product may use; a product is split only from 2^21
     *                multiply-adds ({@code m·n·k}) on
     * @return the new kernel
     * @throws IllegalArgumentException for an unknown kind or {@code threads < 1}
     * @throws IllegalStateException for {@code "vector"} when the Vector API is not available
     */
    public static FloatGemm newFloatGemm(String kind, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Kernels.newFloatGemm: threads must be ≥ 1, got " + threads);
        }
        switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
            case "plain":
                return new PlainFloatGemm(threads, KernelSelection.PARALLEL_WORK);
            case "vector": {
                FloatGemm g = null;
                if (KernelSelection.vectorModule().isPresent()) {
                    try {
                        g = KernelSelection.loadVectorFloatGemm(threads);
                    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                        g = null;
                    }
                }
                if (g == null) {
                    throw new IllegalStateException("Kernels.newFloatGemm: the Vector API kernel needs the module "
                            + KernelSelection.VECTOR_MODULE + " (start the JVM with " + KernelSelection.VECTOR_FLAG + ")");
                }
                return g;
            }
            default:
                throw new IllegalArgumentException("Kernels.newFloatGemm: unknown gemm kind '" + kind
                        + "' (vector, plain or ejml)");
        }
    }
}
