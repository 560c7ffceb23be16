package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel set against the plain-Java one, primitive by primitive and dtype by
 * dtype, on random data and on the lengths and shapes where SIMD code goes wrong: 0, 1, one below
 * and above multiples of 4, 8 and 16 lanes, blocks of vectors, non-zero offsets (with guard
 * elements around each output, which must stay untouched), all operand layouts, and special
 * values (NaN, ±0, ±∞, subnormals, the largest values, ties).
 *
 * <p>Element-wise arithmetic, comparisons, casts, optimizer updates, sums, extremes and float64
 * softmax must be bit-identical (NaNs match as NaN: Java leaves a NaN result's payload
 * unspecified). The float32 transcendental functions must be within 1 ulp of
 * {@code (float) Math.f(x)}, the float32 exact GELU and its backward within 1 ulp of the plain
 * ones (computed in double from {@code FdlibmErf.erfc}), and float32 softmax within {@value #SOFTMAX_ULPS} ulp of the plain
 * set's. Each check runs often enough for C2 to compile the kernels, so the compiled code is the
 * one tested (the Vector API's interpreted fallback computes lane by lane).
 *
 * <p>Maven's test run adds the Vector API module and sets {@code jgrad.test.requireVector}, so
 * there these tests fail, rather than skip, if the vector set is missing.
 */
class KernelTwinsTest {

    /** How far a float32 softmax may be from the plain one: exponentials 1 ulp apart, then a sum and a quotient. */
    static final int SOFTMAX_ULPS = 4;

    /** Lengths around multiples of 4, 8 and 16 lanes and of blocks of 4 vectors, and some long ones. */
    private static final int[] LENGTHS = {
        0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129, 255, 257, 1000,
    };

    private static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.BOOL};

    private static final double[] SPECIAL = {
        0.0, -0.0, 1.0, -1.0, 0.5, -2.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -3e-310, Double.MAX_VALUE, -Double.MAX_VALUE,
        Float.MIN_VALUE, -Float.MIN_NORMAL, 3e-40, Float.MAX_VALUE, 1e39, -1e-46, 88.7, -103.9, 710.0, -745.5,
    };

    private static KernelSet plain;
    private static KernelSet vector;
    /**
     * The vector comparisons, made directly: on JDK 17 the vector set keeps the plain ones (see
     * {@code VectorKernels.MASK_STORES}), but the class is still checked there.
     */
    private static CompareKernels vectorCompare;

    @BeforeAll
    static void sets() {
        plain = KernelSet.plain();
        vector = vectorSet();
        vectorCompare = vector == null ? null : vectorCompare();
    }

    /** The vector set made directly (as Kernels does), whatever set Kernels chose for this JVM. */
    private static KernelSet vectorSet() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (Boolean.getBoolean("jgrad.test.requireVector")) {
            assertThat(module).as("jdk.incubator.vector in the boot layer (--add-modules jdk.incubator.vector)")
                    .isTrue();
        }
        if (!module) {
            return null;
        }
        try {
            return (KernelSet) Class.forName("io.jgrad.ndarray.VectorKernels").getDeclaredMethod("create").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the vector kernel set failed to load", e);
        }
    }

    private static CompareKernels vectorCompare() {
        try {
            return (CompareKernels) Class.forName("io.jgrad.ndarray.VectorCompare").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("VectorCompare failed to load", e);
        }
    }

    private static void assumeVector() {
        assumeTrue(vector != null, "jdk.incubator.vector is not in this JVM");
    }

    /**
     * Kernels.set() is the vector set whenever the module is present and {@code jgrad.kernels} does not
     * say otherwise: Kernels falls back to the plain set silently if the vector set fails to load, and
     * this is where that would show.
     */
    @Test
    void kernelsRunsTheVectorSetUnlessToldOtherwise() {
        String forced = System.getProperty("jgrad.kernels", "").trim();
        if (forced.equalsIgnoreCase("plain") || forced.equalsIgnoreCase("ejml")) {
            assertThat(Kernels.setName()).isEqualTo("plain");
            return;
        }
        assumeVector();
        assertThat(vector.name()).isEqualTo("vector");
        assertThat(Kernels.setName()).isEqualTo("vector");
    }

    // ---- element-wise ----

    @Test
    void unaryIsBitIdenticalOrWithinOneUlp() {
        assumeVector();
        checkUnary(new Random(1), 40);
    }

    static void checkUnary(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
                for (UnaryOp op : UnaryOp.values()) {
                    if (dt == DType.INT64 && !op.integral()) {
                        continue;
                    }
                    for (int n : lengths(g)) {
                        int xo = g.nextInt(4);
                        int oo = g.nextInt(4);
                        Object x = random(dt, xo + n + 2, g);
                        Object out0 = random(dt, oo + n + 3, g);
                        Object out1 = copy(out0);
                        unary(plain, op, dt, x, xo, out0, oo, n);
                        unary(vector, op, dt, x, xo, out1, oo, n);
                        String what = "unary " + op + " " + dt.label() + " n=" + n + " xo=" + xo + " oo=" + oo;
                        if (dt == DType.FLOAT32 && transcendental(op)) {
                            assertWithinUlps(what, (float[]) out0, (float[]) out1, 1);
                        } else {
                            assertSameBits(what, out0, out1);
                        }
                        // in place, as Elementwise.unaryInPlace calls it
                        Object in0 = copy(x);
                        Object in1 = copy(x);
                        unary(plain, op, dt, in0, xo, in0, xo, n);
                        unary(vector, op, dt, in1, xo, in1, xo, n);
                        if (dt == DType.FLOAT32 && transcendental(op)) {
                            assertWithinUlps(what + " in place", (float[]) in0, (float[]) in1, 1);
                        } else {
                            assertSameBits(what + " in place", in0, in1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void float32TranscendentalsAreWithinOneUlpOfMath() {
        assumeVector();
        checkTranscendentals(new Random(2), 300);
    }

    static void checkTranscendentals(Random g, int reps) {
        int n = 1 << 14;
        float[] x = new float[n];
        float[] out = new float[n];
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < n; i++) {
                x[i] = switch (i % 4) {
                    case 0 -> (float) (g.nextGaussian() * 4);
                    case 1 -> (float) (g.nextDouble() * 200 - 100);
                    case 2 -> Float.intBitsToFloat(g.nextInt()); // any float: every exponent, NaNs, ±∞
                    default -> (float) SPECIAL[g.nextInt(SPECIAL.length)];
                };
            }
            for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID}) {
                vector.unary().unary(op, x, 0, out, 0, n);
                for (int i = 0; i < n; i++) {
                    float expected = switch (op) {
                        case EXP -> (float) Math.exp(x[i]);
                        case LOG -> (float) Math.log(x[i]);
                        case TANH -> (float) Math.tanh(x[i]);
                        default -> ScalarMath.sigmoid(x[i]);
                    };
                    if (ulps(expected, out[i]) > 1) {
                        fail(op + "(" + x[i] + ") = " + out[i] + ", Math gives " + expected);
                    }
                }
            }
            // exact GELU and its backward against the scalar functions of the plain set
            vector.unary().unary(UnaryOp.GELU, x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                if (ulps(ScalarMath.gelu(x[i]), out[i]) > 1) {
                    fail("GELU(" + x[i] + ") = " + out[i] + ", the scalar function gives " + ScalarMath.gelu(x[i]));
                }
            }
            float[] up = new float[n];
            for (int i = 0; i < n; i++) {
                up[i] = i % 5 == 0 ? x[(i * 7) % n] : (float) upstream(i);
            }
            vector.binary().binary(BinaryOp.GELU_BACKWARD, up, 0, 1, x, 0, 1, out, 0, n);
            for (int i = 0; i < n; i++) {
                float expected = ScalarMath.geluBackward(up[i], x[i]);
                if (ulps(expected, out[i]) > 1) {
                    fail("GELU backward(" + up[i] + ", " + x[i] + ") = " + out[i] + ", the scalar function gives "
                            + expected);
                }
            }
        }
    }

    // a deterministic upstream gradient of moderate size
    private static double upstream(int i) {
        return Math.sin(i * 0.37) * 3;
    }

    @Test
    void binaryIsBitIdenticalInEveryLayout() {
        assumeVector();
        checkBinary(new Random(3), 30);
    }

    static void checkBinary(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (DType dt : DTYPES) {
                for (BinaryOp op : BinaryOp.values()) {
                    for (int layout = 0; layout < 4; layout++) {
                        for (int n : lengths(g)) {
                            // run/run, run/repeated, repeated/run; both repeated with n = 1 (Elementwise does so)
                            int as = layout == 0 || layout == 1 ? 1 : 0;
                            int bs = layout == 0 || layout == 2 ? 1 : 0;
                            int len = layout == 3 ? Math.min(n, 1) : n;
                            int ao = g.nextInt(4);
                            int bo = g.nextInt(4);
                            int oo = g.nextInt(4);
                            Object a = random(dt, ao + len + 2, g);
                            Object b = random(dt, bo + len + 2, g);
                            if (op == BinaryOp.POW && dt == DType.INT64) {
                                nonNegative((long[]) b); // a negative exponent is refused before the kernel
                            }
                            Object out0 = random(dt, oo + len + 3, g);
                            Object out1 = copy(out0);
                            String what = "binary " + op + " " + dt.label() + " n=" + len + " strides " + as + "," + bs;
                            boolean defined = binary(plain, op, dt, a, ao, as, b, bo, bs, out0, oo, len);
                            if (!defined) {
                                assertThatThrownBy(() -> binary(vector, op, dt, a, ao, as, b, bo, bs, out1, oo, len))
                                        .as(what).isInstanceOf(UnsupportedOperationException.class);
                                continue;
                            }
                            binary(vector, op, dt, a, ao, as, b, bo, bs, out1, oo, len);
                            boolean withinUlp = op == BinaryOp.GELU_BACKWARD && dt == DType.FLOAT32;
                            if (withinUlp) {
                                assertWithinUlps(what, (float[]) out0, (float[]) out1, 1);
                            } else {
                                assertSameBits(what, out0, out1);
                            }
                            if (as == 1) {
                                // in place into a, as Elementwise.addInPlace does
                                Object a0 = copy(a);
                                Object a1 = copy(a);
                                binary(plain, op, dt, a0, ao, as, b, bo, bs, a0, ao, len);
                                binary(vector, op, dt, a1, ao, as, b, bo, bs, a1, ao, len);
                                if (withinUlp) {
                                    assertWithinUlps(what + " in place", (float[]) a0, (float[]) a1, 1);
                                } else {
                                    assertSameBits(what + " in place", a0, a1);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void compareIsBitIdenticalInEveryLayout() {
        assumeVector();
        checkCompare(new Random(4), 30);
    }

    static void checkCompare(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (DType dt : DTYPES) {
                for (CompareOp op : CompareOp.values()) {
                    for (int layout = 0; layout < 4; layout++) {
                        for (int n : lengths(g)) {
                            int as = layout == 0 || layout == 1 ? 1 : 0;
                            int bs = layout == 0 || layout == 2 ? 1 : 0;
                            int len = layout == 3 ? Math.min(n, 1) : n;
                            int ao = g.nextInt(4);
                            boolean pairs = g.nextBoolean(); // b a copy of a: many equal pairs
                            int bo = pairs ? ao : g.nextInt(4);
                            int oo = g.nextInt(4);
                            Object a = random(dt, ao + len + 2, g);
                            Object b = pairs ? copy(a) : random(dt, bo + len + 2, g);
                            boolean[] out0 = (boolean[]) random(DType.BOOL, oo + len + 3, g);
                            boolean[] out1 = out0.clone();
                            compare(plain.compare(), op, dt, a, ao, as, b, bo, bs, out0, oo, len);
                            compare(vectorCompare, op, dt, a, ao, as, b, bo, bs, out1, oo, len);
                            String what = "compare " + op + " " + dt.label() + " n=" + len + " strides " + as + ","
                                    + bs;
                            assertSameBits(what, out0, out1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void castsAreBitIdentical() {
        assumeVector();
        checkCasts(new Random(5), 60);
    }

    static void checkCasts(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (DType from : DTYPES) {
                for (DType to : DTYPES) {
                    for (int n : lengths(g)) {
                        int so = g.nextInt(4);
                        int dof = g.nextInt(4);
                        Object src = random(from, so + n + 2, g);
                        Object dst0 = random(to, dof + n + 3, g);
                        Object dst1 = copy(dst0);
                        plain.casts().convert(from, src, so, to, dst0, dof, n);
                        vector.casts().convert(from, src, so, to, dst1, dof, n);
                        assertSameBits("convert " + from.label() + " -> " + to.label() + " n=" + n, dst0, dst1);
                    }
                }
            }
        }
    }

    // ---- optimizer updates ----

    @Test
    void updatesAreBitIdentical() {
        assumeVector();
        checkUpdates(new Random(6), 20);
    }

    static void checkUpdates(Random g, int reps) {
        double[] decays = {0, 0.01, 1e-50}; // 1e-50 is 0 in float, not in double
        for (int rep = 0; rep < reps; rep++) {
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                for (int n : lengths(g)) {
                    for (double wd : decays) {
                        for (int mode = 0; mode < 6; mode++) {
                            // no momentum; momentum first/later, each with and without Nesterov
                            boolean momentum = mode > 0;
                            boolean first = mode == 1 || mode == 2;
                            boolean nesterov = mode == 2 || mode == 4;
                            double mu = momentum ? 0.9 : 0;
                            double damp = mode == 5 ? 0.1 : 0;
                            Object[] s0 = {random(dt, n, g), random(dt, n, g), momentum ? random(dt, n, g) : null};
                            Object[] s1 = {copy(s0[0]), s0[1], momentum ? copy(s0[2]) : null};
                            for (int step = 0; step < 2; step++) {
                                sgd(plain, dt, s0, first && step == 0, 0.1, wd, mu, damp, nesterov, n);
                                sgd(vector, dt, s1, first && step == 0, 0.1, wd, mu, damp, nesterov, n);
                            }
                            String what = "sgd " + dt.label() + " n=" + n + " wd=" + wd + " mode=" + mode;
                            assertSameBits(what + " w", s0[0], s1[0]);
                            if (momentum) {
                                assertSameBits(what + " b", s0[2], s1[2]);
                            }
                        }
                        for (double shrink : new double[] {1, 0.999}) {
                            Object w = random(dt, n, g);
                            Object[] s0 = {w, random(dt, n, g), random(dt, n, g), abs(random(dt, n, g))};
                            Object[] s1 = {copy(w), s0[1], copy(s0[2]), copy(s0[3])};
                            for (int step = 0; step < 2; step++) {
                                adam(plain, dt, s0, wd, shrink, n);
                                adam(vector, dt, s1, wd, shrink, n);
                            }
                            String what = "adam " + dt.label() + " n=" + n + " l2=" + wd + " shrink=" + shrink;
                            assertSameBits(what + " w", s0[0], s1[0]);
                            assertSameBits(what + " m", s0[2], s1[2]);
                            assertSameBits(what + " v", s0[3], s1[3]);
                        }
                    }
                }
            }
        }
    }

    // ---- reductions ----

    /** (outer, d, inner) around the vector widths, the blocks of sums, and with d = 0 and 1. */
    private static List<int[]> reductionShapes() {
        int[] outers = {1, 3};
        int[] ds = {0, 1, 2, 3, 7, 17, 40};
        int[] inners = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 129};
        List<int[]> shapes = new ArrayList<>();
        for (int o : outers) {
            for (int d : ds) {
                for (int i : inners) {
                    shapes.add(new int[] {o, d, i});
                }
            }
        }
        shapes.add(new int[] {2, 300, 1});
        shapes.add(new int[] {1, 1000, 37});
        return shapes;
    }

    @Test
    void sumsAndExtremesAreBitIdentical() {
        assumeVector();
        checkSumsAndExtremes(new Random(7), 8);
    }

    static void checkSumsAndExtremes(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (int[] s : reductionShapes()) {
                int outer = s[0];
                int d = s[1];
                int inner = s[2];
                int size = outer * d * inner;
                String shape = "(" + outer + ", " + d + ", " + inner + ")";
                for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
                    Object x = g.nextBoolean() ? random(dt, size, g) : ties(dt, size, g);
                    Object out0 = random(dt, outer * inner, g);
                    Object out1 = copy(out0);
                    sum(plain, dt, x, outer, d, inner, out0);
                    sum(vector, dt, x, outer, d, inner, out1);
                    assertSameBits("sum " + dt.label() + " " + shape, out0, out1);
                    if (d == 0) {
                        continue; // an extreme needs d ≥ 1
                    }
                    for (boolean min : new boolean[] {false, true}) {
                        int[] arg0 = new int[outer * inner];
                        int[] arg1 = new int[outer * inner];
                        extreme(plain, dt, x, outer, d, inner, min, out0, arg0);
                        extreme(vector, dt, x, outer, d, inner, min, out1, arg1);
                        String what = (min ? "min " : "max ") + dt.label() + " " + shape;
                        assertSameBits(what, out0, out1);
                        assertThat(arg1).as(what + " indices").isEqualTo(arg0);
                    }
                }
            }
        }
    }

    @Test
    void softmaxIsBitIdenticalInFloat64AndCloseInFloat32() {
        assumeVector();
        checkSoftmax(new Random(8), 8);
    }

    static void checkSoftmax(Random g, int reps) {
        for (int rep = 0; rep < reps; rep++) {
            for (int[] s : reductionShapes()) {
                int outer = s[0];
                int d = s[1];
                int inner = s[2];
                if (d == 0) {
                    continue;
                }
                int size = outer * d * inner;
                String shape = "(" + outer + ", " + d + ", " + inner + ")";
                double[] x = logits(size, g);
                if (rep % 2 == 1) {
                    Arrays.fill(x, 0, Math.min(size, d * inner), Double.NEGATIVE_INFINITY); // all -∞ slices
                }
                float[] xf = new float[size];
                for (int i = 0; i < size; i++) {
                    xf[i] = (float) x[i];
                }
                for (boolean log : new boolean[] {false, true}) {
                    String what = (log ? "logSoftmax " : "softmax ") + shape;
                    double[] d0 = new double[size];
                    double[] d1 = new double[size];
                    plain.reductions().softmax(x, outer, d, inner, log, d0);
                    vector.reductions().softmax(x, outer, d, inner, log, d1);
                    assertSameBits(what + " float64", d0, d1);
                    float[] f0 = new float[size];
                    float[] f1 = new float[size];
                    plain.reductions().softmax(xf, outer, d, inner, log, f0);
                    vector.reductions().softmax(xf, outer, d, inner, log, f1);
                    assertWithinUlps(what + " float32", f0, f1, SOFTMAX_ULPS);
                }
            }
        }
    }

    // ---- the compiled kernels ----

    /**
     * The checks again, in a JVM that compiles synchronously ({@code -XX:-BackgroundCompilation}):
     * there a kernel is compiled by C2, with the Vector API's intrinsics, as soon as it is hot, and
     * the later repetitions run that code. In this JVM the tests may well end before the compiler
     * reaches the kernels, and the Vector API's interpreted fallback computes lane by lane in plain
     * Java, so it would agree with the plain set whatever the intrinsics do.
     */
    @Test
    void compiledKernelsMatchToo() throws Exception {
        assumeVector();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "-XX:-BackgroundCompilation", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                HotMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).endsWith("kernel twins ok");
    }

    /** Run in a child JVM by {@link #compiledKernelsMatchToo}: every check, repeated past C2's compilation. */
    static final class HotMain {
        public static void main(String[] args) {
            plain = KernelSet.plain();
            vector = vectorSet();
            vectorCompare = vector == null ? null : vectorCompare();
            if (vector == null) {
                System.out.println("no vector kernel set in the child JVM");
                System.exit(1);
            }
            try {
                checkUnary(new Random(11), HOT_REPS);
                checkTranscendentals(new Random(12), 40);
                checkBinary(new Random(13), HOT_REPS);
                checkCompare(new Random(14), HOT_REPS);
                checkCasts(new Random(15), HOT_REPS);
                checkUpdates(new Random(16), HOT_REPS);
                checkSumsAndExtremes(new Random(17), HOT_REPS / 4);
                checkSoftmax(new Random(18), HOT_REPS / 4);
            } catch (AssertionError e) {
                e.printStackTrace(System.out);
                System.exit(1);
            }
            System.out.println("kernel twins ok");
        }
    }

    /** Repetitions of the element-wise checks in {@link HotMain}: each kernel is called a few thousand times. */
    static final int HOT_REPS = 50;

    // ---- data ----

    private static int[] lengths(Random g) {
        int[] n = Arrays.copyOf(LENGTHS, LENGTHS.length + 2);
        n[LENGTHS.length] = g.nextInt(300);
        n[LENGTHS.length + 1] = g.nextInt(40);
        return n;
    }

    /** A random double: mostly ordinary numbers over many scales, some special values and small integers. */
    private static double value(Random g) {
        int k = g.nextInt(20);
        if (k < 3) {
            return SPECIAL[g.nextInt(SPECIAL.length)];
        }
        if (k < 5) {
            return g.nextInt(7) - 3;
        }
        if (k < 7) {
            return Math.scalb(g.nextDouble() - 0.5, g.nextInt(2100) - 1080); // any exponent, subnormals too
        }
        return g.nextGaussian() * Math.pow(10, g.nextInt(7) - 3);
    }

    private static Object random(DType dt, int n, Random g) {
        switch (dt) {
            case FLOAT64: {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = value(g);
                }
                return a;
            }
            case FLOAT32: {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) value(g);
                }
                return a;
            }
            case INT64: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = g.nextInt(4) == 0 ? g.nextLong() : g.nextInt(21) - 10;
                }
                return a;
            }
            default: {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = g.nextBoolean();
                }
                return a;
            }
        }
    }

    /** Values from a handful, with ±0 and NaN among them, so that extremes tie often. */
    private static Object ties(DType dt, int n, Random g) {
        double[] few = {-1.0, 0.0, -0.0, 2.0, 2.0, 3.5, Double.NaN};
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = few[g.nextInt(g.nextInt(8) == 0 ? few.length : few.length - 1)];
        }
        if (dt == DType.FLOAT64) {
            return a;
        }
        if (dt == DType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = (long) a[i];
        }
        return l;
    }

    /** Logits: mostly moderate, some large, and a few ±∞ and NaN. */
    private static double[] logits(int n, Random g) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int k = g.nextInt(40);
            x[i] = k == 0 ? Double.NEGATIVE_INFINITY : k == 1 ? Double.POSITIVE_INFINITY : k == 2 ? Double.NaN
                    : k < 6 ? g.nextGaussian() * 50 : g.nextGaussian() * 3;
        }
        return x;
    }

    private static void nonNegative(long[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.floorMod(a[i], 70);
        }
    }

    private static Object abs(Object a) {
        if (a instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.abs(d[i]);
            }
        } else {
            float[] f = (float[]) a;
            for (int i = 0; i < f.length; i++) {
                f[i] = Math.abs(f[i]);
            }
        }
        return a;
    }

    private static Object copy(Object a) {
        if (a instanceof double[] d) {
            return d.clone();
        }
        if (a instanceof float[] f) {
            return f.clone();
        }
        if (a instanceof long[] l) {
            return l.clone();
        }
        return ((boolean[]) a).clone();
    }

    private static boolean transcendental(UnaryOp op) {
        return op == UnaryOp.EXP || op == UnaryOp.LOG || op == UnaryOp.TANH || op == UnaryOp.SIGMOID
                || op == UnaryOp.GELU;
    }

    // ---- calls by dtype ----

    private static void unary(KernelSet k, UnaryOp op, DType dt, Object x, int xo, Object out, int oo, int n) {
        switch (dt) {
            case FLOAT64 -> k.unary().unary(op, (double[]) x, xo, (double[]) out, oo, n);
            case FLOAT32 -> k.unary().unary(op, (float[]) x, xo, (float[]) out, oo, n);
            default -> k.unary().unary(op, (long[]) x, xo, (long[]) out, oo, n);
        }
    }

    /** @return false if the plain set does not define {@code op} on {@code dt} */
    private static boolean binary(KernelSet k, BinaryOp op, DType dt, Object a, int ao, int as, Object b, int bo,
                                  int bs, Object out, int oo, int n) {
        try {
            switch (dt) {
                case FLOAT64 ->
                    k.binary().binary(op, (double[]) a, ao, as, (double[]) b, bo, bs, (double[]) out, oo, n);
                case FLOAT32 -> k.binary().binary(op, (float[]) a, ao, as, (float[]) b, bo, bs, (float[]) out, oo, n);
                case INT64 -> k.binary().binary(op, (long[]) a, ao, as, (long[]) b, bo, bs, (long[]) out, oo, n);
                default -> k.binary().binary(op, (boolean[]) a, ao, as, (boolean[]) b, bo, bs, (boolean[]) out, oo, n);
            }
            return true;
        } catch (UnsupportedOperationException e) {
            if (k == vector) {
                throw e;
            }
            return false;
        }
    }

    private static void compare(CompareKernels k, CompareOp op, DType dt, Object a, int ao, int as, Object b,
                                int bo, int bs, boolean[] out, int oo, int n) {
        switch (dt) {
            case FLOAT64 -> k.compare(op, (double[]) a, ao, as, (double[]) b, bo, bs, out, oo, n);
            case FLOAT32 -> k.compare(op, (float[]) a, ao, as, (float[]) b, bo, bs, out, oo, n);
            case INT64 -> k.compare(op, (long[]) a, ao, as, (long[]) b, bo, bs, out, oo, n);
            default -> k.compare(op, (boolean[]) a, ao, as, (boolean[]) b, bo, bs, out, oo, n);
        }
    }

    private static void sgd(KernelSet k, DType dt, Object[] s, boolean first, double lr, double wd, double mu,
                            double damp, boolean nesterov, int n) {
        if (dt == DType.FLOAT64) {
            k.updates().sgd((double[]) s[0], (double[]) s[1], (double[]) s[2], first, lr, wd, mu, damp, nesterov, n);
        } else {
            k.updates().sgd((float[]) s[0], (float[]) s[1], (float[]) s[2], first, lr, wd, mu, damp, nesterov, n);
        }
    }

    private static void adam(KernelSet k, DType dt, Object[] s, double l2, double shrink, int n) {
        if (dt == DType.FLOAT64) {
            k.updates().adam((double[]) s[0], (double[]) s[1], (double[]) s[2], (double[]) s[3], l2, shrink, 0.9,
                    0.999, 1e-3, 0.3, 1e-8, n);
        } else {
            k.updates().adam((float[]) s[0], (float[]) s[1], (float[]) s[2], (float[]) s[3], l2, shrink, 0.9, 0.999,
                    1e-3, 0.3, 1e-8, n);
        }
    }

    private static void sum(KernelSet k, DType dt, Object x, int outer, int d, int inner, Object out) {
        switch (dt) {
            case FLOAT64 -> k.reductions().sum((double[]) x, outer, d, inner, (double[]) out);
            case FLOAT32 -> k.reductions().sum((float[]) x, outer, d, inner, (float[]) out);
            default -> k.reductions().sum((long[]) x, outer, d, inner, (long[]) out);
        }
    }

    private static void extreme(KernelSet k, DType dt, Object x, int outer, int d, int inner, boolean min,
                                Object out, int[] arg) {
        switch (dt) {
            case FLOAT64 -> k.reductions().extreme((double[]) x, outer, d, inner, min, (double[]) out, arg);
            case FLOAT32 -> k.reductions().extreme((float[]) x, outer, d, inner, min, (float[]) out, arg);
            default -> k.reductions().extreme((long[]) x, outer, d, inner, min, (long[]) out, arg);
        }
    }

    // ---- comparisons of results ----

    /** Equal element by element, floats by their bits (±0 differ) with every NaN equal to every NaN. */
    private static void assertSameBits(String what, Object expected, Object actual) {
        int n = java.lang.reflect.Array.getLength(expected);
        for (int i = 0; i < n; i++) {
            boolean same;
            if (expected instanceof double[] e) {
                same = Double.doubleToLongBits(e[i]) == Double.doubleToLongBits(((double[]) actual)[i]);
            } else if (expected instanceof float[] e) {
                same = Float.floatToIntBits(e[i]) == Float.floatToIntBits(((float[]) actual)[i]);
            } else if (expected instanceof long[] e) {
                same = e[i] == ((long[]) actual)[i];
            } else {
                same = ((boolean[]) expected)[i] == ((boolean[]) actual)[i];
            }
            if (!same) {
                fail(what + ": element " + i + " is " + java.lang.reflect.Array.get(actual, i) + ", plain gives "
                        + java.lang.reflect.Array.get(expected, i));
            }
        }
    }

    private static void assertWithinUlps(String what, float[] expected, float[] actual, int ulps) {
        for (int i = 0; i < expected.length; i++) {
            if (ulps(expected[i], actual[i]) > ulps) {
                fail(what + ": element " + i + " is " + actual[i] + ", plain gives " + expected[i] + " (more than "
                        + ulps + " ulp apart)");
            }
        }
    }

    /** Floats between {@code a} and {@code b} in the order of the reals (0 for equal bits or two NaNs). */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    // maps floats to integers in the same order, -0 just below +0, consecutive floats to consecutive integers
    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : -(long) (bits & 0x7fffffff) - 1;
    }
}
