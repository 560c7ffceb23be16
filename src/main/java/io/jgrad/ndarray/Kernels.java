package io.jgrad.ndarray;

import java.util.Locale;

/**
 * The one entry point to the compute kernels that the rest of jgrad calls. Which implementation
 * serves a call is decided here, once, when the class loads:
 *
 * <ul>
 *   <li>{@code VectorGemm}, SIMD code on the JDK's Vector API, when the module
 *       {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 *       {@code --add-modules jdk.incubator.vector}) and the class loads and runs;</li>
 *   <li>otherwise {@code PlainGemm}, blocked plain Java that HotSpot vectorises itself (it beats
 *       EJML's {@code CommonOps_DDRM.mult} several times over, on every shape measured);</li>
 *   <li>{@code EjmlGemm} stays available as the reference.</li>
 * </ul>
 *
 * <p>The system property {@code jgrad.kernels} = {@code vector}, {@code plain} or {@code ejml}
 * forces a choice (for tests and benchmarks); forcing {@code vector} without the module fails
 * loudly. {@code jgrad.threads} sets how many threads a large product may use (default
 * {@code min(2, availableProcessors)}). Results never depend on the thread count.
 */
public final class Kernels {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "io.jgrad.ndarray.VectorGemm";

    private static final Gemm GEMM = select(System.getProperty("jgrad.kernels"));

    /**
     * The kernel set every element-wise, reduction, cast and update of the array layer runs on:
     * the Vector API set when the module is present (unless {@code jgrad.kernels} says
     * {@code plain} or {@code ejml}), else the plain-Java one.
     */
    static final KernelSet SET = selectSet(System.getProperty("jgrad.kernels"));

    private Kernels() {
    }

    /**
     * {@code C = op(A) · op(B)} on flat row-major arrays; see {@link Gemm#gemm}.
     * {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)}, {@code C} is {@code (m, n)}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        GEMM.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
    }

    /**
     * {@code C += op(A) · op(B)}: the product is computed as by {@link #gemm} into a buffer this
     * thread keeps and reuses, then added to {@code C} element by element, so each element of
     * {@code C} gets {@code c + (its product)}, the same bits as adding a freshly computed product.
     * Used to accumulate a gradient into a buffer kept across steps without allocating one per step.
     * The thread keeps a buffer of up to 2^21 doubles (16 MiB); a larger product gets a
     * temporary one.
     */
    public static void gemmAdd(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        int size = m * n;
        double[] t = scratch(size);
        GEMM.gemm(transA, transB, m, n, k, a, aOff, b, bOff, t, 0);
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

    /** The name of the kernel set in use ({@code plain} or {@code vector}), for benchmarks and logs. */
    public static String setName() {
        return SET.name();
    }

    private static KernelSet selectSet(String forced) {
        String kind = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        if (kind.equals("plain") || kind.equals("ejml")) {
            return KernelSet.plain();
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            try {
                Class<?> cls = Class.forName("io.jgrad.ndarray.VectorKernels");
                return (KernelSet) cls.getDeclaredMethod("create").invoke(null);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                if (kind.equals("vector")) {
                    throw new IllegalStateException("the Vector API kernel set failed to load", e);
                }
            }
        }
        return KernelSet.plain();
    }

    /** The name of the matrix-multiply implementation in use, for benchmarks and logs. */
    public static String gemmName() {
        return GEMM.getClass().getSimpleName();
    }

    /** How many threads one large product may use ({@code jgrad.threads}, default {@code min(2, cores)}). */
    public static int threads() {
        return GemmPool.THREADS;
    }

    /**
     * How many threads a large product started on the calling thread may use: 1 inside a
     * {@link #singleThreaded()} scope, {@link #threads()} otherwise.
     */
    public static int threadsHere() {
        return GemmPool.isSerial() ? 1 : GemmPool.THREADS;
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

    /** Whether the Vector API kernel can be used in this JVM. */
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
                return new PlainGemm(threads, 1L << 21);
            case "vector": {
                Gemm g = loadVector(threads);
                if (g == null) {
                    throw new IllegalStateException("the Vector API kernel needs the module " + VECTOR_MODULE
                            + " (start the JVM with --add-modules " + VECTOR_MODULE + ")");
                }
                return g;
            }
            default:
                throw new IllegalArgumentException("unknown gemm kind '" + kind + "' (vector, plain or ejml)");
        }
    }

    private static Gemm select(String forced) {
        if (forced != null && !forced.isBlank()) {
            return newGemm(forced, GemmPool.THREADS);
        }
        Gemm vector = loadVector(GemmPool.THREADS);
        return vector != null ? vector : new PlainGemm();
    }

    /**
     * Loads VectorGemm by reflection, so that a JVM without the module never links it, and checks
     * it on a small product; returns {@code null} when anything on the way fails.
     */
    private static Gemm loadVector(int threads) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        try {
            Class<?> cls = Class.forName(VECTOR_CLASS);
            Gemm g = (Gemm) cls.getDeclaredConstructor(int.class, long.class).newInstance(threads, 1L << 21);
            return selfTest(g) ? g : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** A 3×5 by 5×11 product, with every edge path of the kernel, against exact small integers. */
    private static boolean selfTest(Gemm g) {
        int m = 3;
        int n = 11;
        int k = 5;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 7 - 3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        double[] c = new double[m * n];
        g.gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                if (c[i * n + j] != s) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ float32 matrix products

    private static final String VECTOR_FLOAT_CLASS = "io.jgrad.ndarray.VectorFloatGemm";

    /** The float kernel, chosen on the first float product, so that programs in double never load it. */
    private static final class FloatKernel {
        static final FloatGemm GEMM = selectFloat(System.getProperty("jgrad.kernels"));
    }

    /**
     * {@code C = op(A) · op(B)} in single precision on flat row-major arrays; see
     * {@link FloatGemm#gemm}. {@code op(A)} is {@code (m, k)}, {@code op(B)} is {@code (k, n)},
     * {@code C} is {@code (m, n)} and is overwritten; products are accumulated in {@code float}.
     *
     * <p>The kernel is chosen as for doubles, on the first call: {@code VectorFloatGemm} when the
     * Vector API module is present and the kernel passes a check on a small product, otherwise
     * {@code PlainFloatGemm}; {@code jgrad.kernels=vector} or {@code plain} forces one, and
     * {@code ejml} selects {@code PlainFloatGemm} (EJML's float module is not a dependency).
     * Results never depend on the thread count.
     *
     * @throws IllegalArgumentException if {@code m}, {@code n} or {@code k} is negative
     * @throws IndexOutOfBoundsException if an array is too short for its matrix at its offset
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        FloatKernel.GEMM.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
    }

    /** The name of the float matrix-multiply implementation in use, for benchmarks and logs. */
    public static String floatGemmName() {
        return FloatKernel.GEMM.getClass().getSimpleName();
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
                return new PlainFloatGemm(threads, 1L << 21);
            case "vector": {
                FloatGemm g = loadVectorFloat(threads);
                if (g == null) {
                    throw new IllegalStateException("Kernels.newFloatGemm: the Vector API kernel needs the module "
                            + VECTOR_MODULE + " (start the JVM with --add-modules " + VECTOR_MODULE + ")");
                }
                return g;
            }
            default:
                throw new IllegalArgumentException("Kernels.newFloatGemm: unknown gemm kind '" + kind
                        + "' (vector, plain or ejml)");
        }
    }

    private static FloatGemm selectFloat(String forced) {
        if (forced != null && !forced.isBlank()) {
            return newFloatGemm(forced, GemmPool.THREADS);
        }
        FloatGemm vector = loadVectorFloat(GemmPool.THREADS);
        return vector != null ? vector : new PlainFloatGemm();
    }

    /** As {@link #loadVector}, for VectorFloatGemm. */
    private static FloatGemm loadVectorFloat(int threads) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        try {
            Class<?> cls = Class.forName(VECTOR_FLOAT_CLASS);
            FloatGemm g = (FloatGemm) cls.getDeclaredConstructor(int.class, long.class).newInstance(threads, 1L << 21);
            return selfTestFloat(g) ? g : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** A 3×5 by 5×11 product, with every edge path of the kernel, against exact small integers. */
    private static boolean selfTestFloat(FloatGemm g) {
        int m = 3;
        int n = 11;
        int k = 5;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 7 - 3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        float[] c = new float[m * n];
        g.gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                if (c[i * n + j] != s) {
                    return false;
                }
            }
        }
        return true;
    }
}
