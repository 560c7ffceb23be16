package io.jgrad.ndarray;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kernels this JVM runs and on how many threads: the two system properties read, checked and
 * resolved once, on the first call that needs a kernel (see {@link Kernels#selection()}), and
 * logged once through {@link System.Logger}.
 *
 * <ul>
 *   <li>{@code jgrad.kernels}: unset (or blank) picks the Vector API kernels when the module
 *       {@code jdk.incubator.vector} is in the boot layer and its kernels load and pass a check
 *       on a small product, else the plain-Java ones; {@code vector}, {@code plain} or
 *       {@code ejml} (any case, spaces trimmed) forces a choice ({@code ejml}: EJML's float64
 *       product, the plain set for everything else).</li>
 *   <li>{@code jgrad.threads}: unset (or blank) is the number of processors available to the JVM,
 *       as PyTorch's default; otherwise a whole number ≥ 1.</li>
 * </ul>
 *
 * <p>A value that is neither is an {@link IllegalArgumentException} naming the property, the
 * value and the choices, thrown by that first call and by every later one (never an
 * {@link ExceptionInInitializerError}: nothing here runs in a static initialiser that can fail).
 *
 * @param kernels what {@code jgrad.kernels} asked for: {@code ""} (unset), {@code vector},
 *                {@code plain} or {@code ejml}
 * @param threads how many threads one large product may use
 * @param threadsSet whether {@code jgrad.threads} set {@code threads} (else: the processors)
 * @param set the kernel set of the element-wise, reduction, cast and update primitives
 * @param gemm the float64 matrix product
 * @param floatGemm the float32 matrix product
 * @param vectorProblem why the Vector API kernels are not used although nothing forced another
 *                      choice ({@code null} when they are used or another was forced)
 */
record KernelSelection(String kernels, int threads, boolean threadsSet, KernelSet set, Gemm gemm,
                       FloatGemm floatGemm, String vectorProblem) {

    /** The property that forces a kernel set. */
    static final String KERNELS = "jgrad.kernels";
    /** The property that sets the thread count. */
    static final String THREADS = "jgrad.threads";
    /** The module whose presence in the boot layer enables the SIMD kernels. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The one JVM option that adds it. */
    static final String VECTOR_FLAG = "--add-modules " + VECTOR_MODULE;

    /** From {@code m·n·k} on, a product is split across threads. */
    static final long PARALLEL_WORK = 1L << 21;

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());

    /**
     * Reads the two properties, loads the kernels they ask for and logs the choice.
     *
     * @return the selection
     * @throws IllegalArgumentException if a property has a value that is not one of its choices,
     *         or {@code jgrad.kernels=vector} in a JVM without the module
     * @throws IllegalStateException if {@code jgrad.kernels=vector} and the module is present but
     *         its kernels fail to load
     */
    static KernelSelection resolve() {
        String kernels = parseKernels(System.getProperty(KERNELS));
        int cores = Runtime.getRuntime().availableProcessors();
        String threadsValue = System.getProperty(THREADS);
        int threads = parseThreads(threadsValue, cores);
        boolean threadsSet = threadsValue != null && !threadsValue.isBlank();
        KernelSelection s = switch (kernels) {
            case "plain" -> new KernelSelection(kernels, threads, threadsSet, KernelSet.plain(),
                    new PlainGemm(threads, PARALLEL_WORK), new PlainFloatGemm(threads, PARALLEL_WORK), null);
            case "ejml" -> new KernelSelection(kernels, threads, threadsSet, KernelSet.plain(),
                    new EjmlGemm(), new PlainFloatGemm(threads, PARALLEL_WORK), null);
            case "vector" -> {
                if (vectorModule().isEmpty()) {
                    throw new IllegalArgumentException(KERNELS + "=vector: the Vector API kernels need the module "
                            + VECTOR_MODULE + ", which this JVM was started without; add " + VECTOR_FLAG
                            + " to the java command, or set " + KERNELS + " to plain or ejml (or leave it unset)");
                }
                try {
                    yield new KernelSelection(kernels, threads, threadsSet, loadVectorSet(),
                            loadVectorGemm(threads), loadVectorFloatGemm(threads), null);
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    throw new IllegalStateException(KERNELS + "=vector: the Vector API kernels failed to load: " + e, e);
                }
            }
            default -> automatic(threads, threadsSet);
        };
        s.log();
        return s;
    }

    /** The Vector API kernels if the module is there and they load, else the plain ones, with the reason. */
    private static KernelSelection automatic(int threads, boolean threadsSet) {
        if (vectorModule().isEmpty()) {
            return new KernelSelection("", threads, threadsSet, KernelSet.plain(), new PlainGemm(threads, PARALLEL_WORK),
                    new PlainFloatGemm(threads, PARALLEL_WORK), "absent");
        }
        try {
            return new KernelSelection("", threads, threadsSet, loadVectorSet(), loadVectorGemm(threads),
                    loadVectorFloatGemm(threads), null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new KernelSelection("", threads, threadsSet, KernelSet.plain(), new PlainGemm(threads, PARALLEL_WORK),
                    new PlainFloatGemm(threads, PARALLEL_WORK), e.toString());
        }
    }

    /**
     * Checks a value of {@code jgrad.kernels}.
     *
     * @param value the property's value, or {@code null} when it is not set
     * @return {@code ""} (unset or blank), {@code vector}, {@code plain} or {@code ejml}
     * @throws IllegalArgumentException for any other value, naming it and the choices
     */
    static String parseKernels(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String kind = value.trim().toLowerCase(Locale.ROOT);
        if (kind.equals("vector") || kind.equals("plain") || kind.equals("ejml")) {
            return kind;
        }
        throw new IllegalArgumentException(KERNELS + ": unknown value '" + value + "'; choose vector, plain or ejml,"
                + " or leave it unset (vector when the JVM has " + VECTOR_MODULE + ", else plain)");
    }

    /**
     * Checks a value of {@code jgrad.threads}.
     *
     * @param value the property's value, or {@code null} when it is not set
     * @param cores the processors available to the JVM, the default
     * @return the thread count, at least 1
     * @throws IllegalArgumentException if the value is not a whole number ≥ 1, naming it and the choices
     */
    static int parseThreads(String value, int cores) {
        if (value == null || value.isBlank()) {
            return Math.max(1, cores);
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(THREADS + ": '" + value + "' is not a thread count; give a whole number ≥ 1,"
                    + " or leave it unset (the " + cores + " processors available to this JVM)");
        }
        return n;
    }

    /**
     * The Vector API module if it is in the boot layer, made readable by this module first: on the
     * module path {@code io.jgrad} does not {@code requires} it (it is optional, and an incubator),
     * so the edge that lets the {@code Vector*} classes link is added here, at run time. On the
     * class path (the unnamed module reads every module) there is nothing to add.
     */
    static Optional<Module> vectorModule() {
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        Module self = KernelSelection.class.getModule();
        if (vector.isPresent() && self.isNamed()) {
            self.addReads(vector.get());
        }
        return vector;
    }

    /** {@code VectorKernels.create()}, by reflection so that a JVM without the module never links it. */
    private static KernelSet loadVectorSet() throws ReflectiveOperationException {
        Class<?> cls = Class.forName("io.jgrad.ndarray.VectorKernels");
        return (KernelSet) cls.getDeclaredMethod("create").invoke(null);
    }

    /** A new {@code VectorGemm}, checked on a small product. */
    static Gemm loadVectorGemm(int threads) throws ReflectiveOperationException {
        Class<?> cls = Class.forName("io.jgrad.ndarray.VectorGemm");
        Gemm g = (Gemm) cls.getDeclaredConstructor(int.class, long.class).newInstance(threads, PARALLEL_WORK);
        if (!selfTest(g)) {
            throw new IllegalStateException("VectorGemm failed its check on a 3×5 by 5×11 product");
        }
        return g;
    }

    /** A new {@code VectorFloatGemm}, checked on a small product. */
    static FloatGemm loadVectorFloatGemm(int threads) throws ReflectiveOperationException {
        Class<?> cls = Class.forName("io.jgrad.ndarray.VectorFloatGemm");
        FloatGemm g = (FloatGemm) cls.getDeclaredConstructor(int.class, long.class).newInstance(threads, PARALLEL_WORK);
        if (!selfTestFloat(g)) {
            throw new IllegalStateException("VectorFloatGemm failed its check on a 3×5 by 5×11 product");
        }
        return g;
    }

    /** Logs the selection, once: at INFO, or at WARNING when the Vector API module is there but failed. */
    private void log() {
        String how = kernels.isEmpty() ? "" : " (" + KERNELS + "=" + kernels + ")";
        String msg = "jgrad: " + set.name() + " kernels" + how + ", matrix products " + gemm.getClass().getSimpleName()
                + " (float64) and " + floatGemm.getClass().getSimpleName() + " (float32), " + threads
                + (threads == 1 ? " thread" : " threads") + (threadsSet ? " (" + THREADS + ")" : " (the available processors)");
        if ("absent".equals(vectorProblem)) {
            LOG.log(Level.INFO, msg + "; the SIMD kernels (about 3× faster) need the JVM option " + VECTOR_FLAG);
        } else if (vectorProblem != null) {
            LOG.log(Level.WARNING, msg + "; the module " + VECTOR_MODULE + " is present but its kernels failed to load: "
                    + vectorProblem);
        } else {
            LOG.log(Level.INFO, msg);
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

    /** As {@link #selfTest}, in single precision. */
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
