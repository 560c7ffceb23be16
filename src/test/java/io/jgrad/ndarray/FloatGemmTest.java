package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link FloatGemm} implementation against a triple loop in double precision, on the shapes
 * of {@link GemmTest} and some more sized for sixteen floats to a vector: empty and unit sizes,
 * sizes that are not multiples of the vector length, blocks of k, the edge tiles, the four
 * transpose combinations and non-zero offsets; and the split across threads, which must give the
 * same bits as one thread.
 *
 * <p>As in {@link GemmTest}, Maven's test run adds the Vector API module and sets
 * {@code jgrad.test.requireVector}, so there the vector tests fail, rather than skip, if the
 * module is missing. One test starts a JVM without the module to check the plain fallback.
 */
class FloatGemmTest {

    /**
     * Relative tolerance, against the sum of the absolute products (the sums' condition): float's
     * unit roundoff is 6e-8, and a sum of k products in float is off by about √k of them, 2e-6
     * at the largest k here.
     */
    private static final double TOL = 1e-5;

    private static final int[][] SHAPES = {
        // m, n, k
        {0, 0, 0}, {0, 5, 3}, {4, 0, 3}, {3, 4, 0}, {1, 1, 1}, {1, 1, 7}, {1, 9, 1}, {1, 1, 300},
        {2, 3, 4}, {3, 5, 7}, {5, 3, 2}, {7, 7, 7}, {8, 8, 8}, {8, 24, 5}, {9, 25, 17}, {4, 16, 3},
        {13, 31, 33}, {17, 10, 65}, {31, 33, 129}, {33, 65, 31}, {64, 64, 64}, {65, 47, 130},
        {100, 130, 140}, {129, 23, 257}, {6, 800, 20}, {140, 9, 11}, {1, 300, 200}, {2, 70, 150},
        {70, 2, 150}, {200, 50, 40}, {12, 787, 9}, {33, 17, 300},
        // a transposed B with few rows takes the transposed-output path or, for one row, the gemv
        {1, 13, 17}, {1, 800, 9}, {1, 7, 1000}, {2, 6, 3}, {31, 13, 513}, {64, 7, 1100}, {33, 800, 5},
        // tiles of 16-float vectors: one, two and three vectors wide, full and ragged, 8, 4 and 1 rows
        {8, 48, 5}, {9, 49, 17}, {16, 96, 3}, {4, 32, 3}, {5, 33, 2}, {12, 15, 40}, {1, 17, 300},
        {3, 47, 1}, {24, 145, 600}, {1, 31, 33}, {65, 1, 70},
    };

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    private static FloatGemm vector(int threads, long parallelWork) {
        assumeVector();
        try {
            return (FloatGemm) Class.forName("io.jgrad.ndarray.VectorFloatGemm")
                    .getDeclaredConstructor(int.class, long.class).newInstance(threads, parallelWork);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static FloatGemm vector(int threads, long parallelWork, int transposedRows) {
        assumeVector();
        try {
            return (FloatGemm) Class.forName("io.jgrad.ndarray.VectorFloatGemm")
                    .getDeclaredConstructor(int.class, long.class, int.class)
                    .newInstance(threads, parallelWork, transposedRows);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void assumeVector() {
        boolean available = Kernels.vectorAvailable();
        if (Boolean.getBoolean("jgrad.test.requireVector")) {
            assertThat(available).as("Vector API kernel available (--add-modules jdk.incubator.vector)").isTrue();
        }
        assumeTrue(available, "jdk.incubator.vector is not in this JVM");
    }

    @ParameterizedTest(name = "plain {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void plainMatchesTripleLoop(int m, int n, int k, boolean tA, boolean tB) {
        check(new PlainFloatGemm(1, Long.MAX_VALUE), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "plain x2 {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void plainMultiThreadedIsBitIdentical(int m, int n, int k, boolean tA, boolean tB) {
        checkSplit(new PlainFloatGemm(1, Long.MAX_VALUE), new PlainFloatGemm(2, 1), m, n, k, tA, tB);
        checkSplit(new PlainFloatGemm(1, Long.MAX_VALUE), new PlainFloatGemm(3, 1), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "vector {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void vectorMatchesTripleLoop(int m, int n, int k, boolean tA, boolean tB) {
        check(vector(1, Long.MAX_VALUE), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "vector x2 {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void vectorMultiThreadedIsBitIdentical(int m, int n, int k, boolean tA, boolean tB) {
        FloatGemm one = vector(1, Long.MAX_VALUE);
        check(vector(2, 1), m, n, k, tA, tB);
        checkSplit(one, vector(2, 1), m, n, k, tA, tB);
        checkSplit(one, vector(3, 1), m, n, k, tA, tB);
    }

    @Test
    void transposedOutputPathGivesThePackedPathsBits() {
        // Cᵀ = B·op(A)ᵀ with B read in place computes each element by the same fma chain as the
        // packed path, so the two agree bit for bit (on one thread and split).
        int[] ms = {2, 3, 8, 9, 16, 17, 20, 31, 32, 33, 45, 48, 49, 64};   // panels of 1 to 4 vectors
        int[][] nk = {{1, 1}, {5, 7}, {6, 8}, {7, 17}, {13, 300}, {800, 9}, {10, 1100}};
        FloatGemm packed = vector(1, Long.MAX_VALUE, 0);
        FloatGemm transposed = vector(1, Long.MAX_VALUE, 64);
        FloatGemm split = vector(2, 1, 64);
        for (int m : ms) {
            for (int[] s : nk) {
                for (boolean tA : new boolean[] {false, true}) {
                    checkSplit(packed, transposed, m, s[0], s[1], tA, true);
                    checkSplit(packed, split, m, s[0], s[1], tA, true);
                }
            }
        }
        check(transposed, 33, 800, 1100, false, true);
    }

    @Test
    void vectorIsOneFmaChainInOrderOfP() {
        // Outside the gemv, each element is c = fma(a[i][p], b[p][j], c) in order of p, in float,
        // whatever the path (packed, B read in place, transposed output) and the block of k.
        Random r = new Random(6);
        int[][] shapes = {{9, 50, 1}, {9, 50, 300}, {70, 49, 700}, {3, 20, 130}, {40, 33, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0;
                boolean tB = (t & 2) != 0;
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
                float[] c = new float[m * n];
                vector(1, Long.MAX_VALUE).gemm(tA, tB, m, n, k, a, 0, b, 0, c, 0);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float e = 0.0f;
                        for (int p = 0; p < k; p++) {
                            e = Math.fma(tA ? a[p * m + i] : a[i * k + p], tB ? b[j * k + p] : b[p * n + j], e);
                        }
                        assertThat(c[i * n + j]).as("%dx%dx%d tA=%b tB=%b C[%d][%d]", m, n, k, tA, tB, i, j).isEqualTo(e);
                    }
                }
            }
        }
    }

    @Test
    void oneRowTimesTransposedBIsExactOnSmallIntegers() {
        // The gemv's own order of summation: on small integers every order is exact.
        FloatGemm g = vector(1, Long.MAX_VALUE);
        for (int k : new int[] {1, 7, 15, 16, 17, 32, 300, 1001}) {
            int n = 13;
            float[] a = new float[k + 2];
            float[] b = new float[n * k + 1];
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 7 - 3;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = i % 5 - 2;
            }
            float[] c = new float[n + 3];
            g.gemm(false, true, 1, n, k, a, 2, b, 1, c, 3);
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[2 + p] * b[1 + j * k + p];
                }
                assertThat(c[3 + j]).as("k=%d j=%d", k, j).isEqualTo(s);
            }
            assertThat(c[0]).isZero();
        }
    }

    @Test
    void plainSumsInFloatInOrderOfP() {
        // Each element is ((0 + a₀b₀) + a₁b₁) + …, every product and sum rounded to float, in
        // the blocks of three values of p and the single steps after them alike.
        Random r = new Random(5);
        for (int k : new int[] {1, 2, 3, 4, 7, 128, 129, 131, 300}) {
            int m = 6;
            int n = 21;
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextGaussian();
            }
            float[] c = new float[m * n];
            new PlainFloatGemm(1, Long.MAX_VALUE).gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0.0f;
                    for (int p = 0; p < k; p++) {
                        s += a[i * k + p] * b[p * n + j];
                    }
                    assertThat(c[i * n + j]).as("k=%d C[%d][%d]", k, i, j).isEqualTo(s);
                }
            }
        }
    }

    @Test
    void largeProductsSplitByDefaultAndStayBitIdentical() {
        int[][] big = {{300, 150, 200}, {40, 700, 260}, {257, 255, 129}, {400, 340, 150}};
        for (int[] s : big) {
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0;
                boolean tB = (t & 2) != 0;
                check(new PlainFloatGemm(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                checkSplit(new PlainFloatGemm(1, Long.MAX_VALUE), new PlainFloatGemm(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                if (Kernels.vectorAvailable()) {
                    check(vector(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                    checkSplit(vector(1, Long.MAX_VALUE), vector(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                }
            }
        }
    }

    @Test
    void vectorAgreesWithPlainOnMlpShapes() {
        // The shapes of a 784-256-10 MLP step at batch 32, in the forms autograd uses: each
        // kernel within the tolerance of the reference, and vector within twice it of plain.
        int[][] mlp = {{32, 256, 784}, {784, 256, 32}, {32, 784, 256}, {32, 10, 256}, {256, 10, 32}, {32, 256, 10}};
        List<FloatGemm> gemms = new ArrayList<>(List.of(new PlainFloatGemm(1, Long.MAX_VALUE), new PlainFloatGemm(2, 1)));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(1, Long.MAX_VALUE));
            gemms.add(vector(2, 1));
        }
        for (int[] s : mlp) {
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0;
                boolean tB = (t & 2) != 0;
                for (FloatGemm g : gemms) {
                    check(g, s[0], s[1], s[2], tA, tB);
                }
                if (Kernels.vectorAvailable()) {
                    Case cs = new Case(s[0], s[1], s[2], tA, tB);
                    float[] plain = cs.run(gemms.get(0));
                    float[] vector = cs.run(vector(1, Long.MAX_VALUE));
                    double[] abs = cs.absSums();
                    for (int i = 0; i < abs.length; i++) {
                        assertThat((double) Math.abs(plain[cs.cOff + i] - vector[cs.cOff + i]))
                                .as("%s element %d", Arrays.toString(s), i).isLessThanOrEqualTo(2 * TOL * abs[i]);
                    }
                }
            }
        }
    }

    @Test
    void kernelsUsesVectorWhenTheModuleIsPresent() {
        assumeTrue(System.getProperty("jgrad.kernels") == null, "kernel forced by jgrad.kernels");
        assumeVector();
        assertThat(Kernels.floatGemmName()).isEqualTo("VectorFloatGemm");
        check((transA, transB, m, n, k, a, aOff, b, bOff, c, cOff)
                -> Kernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff), 37, 29, 41, true, false);
    }

    @Test
    void newFloatGemmByName() {
        assertThat(Kernels.newFloatGemm("ejml", 1)).isInstanceOf(PlainFloatGemm.class);
        assertThat(Kernels.newFloatGemm(" Plain ", 2)).isInstanceOf(PlainFloatGemm.class);
        if (Kernels.vectorAvailable()) {
            assertThat(Kernels.newFloatGemm("vector", 2).getClass().getSimpleName()).isEqualTo("VectorFloatGemm");
        }
        assertThatThrownBy(() -> Kernels.newFloatGemm("blas", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'blas'");
        assertThatThrownBy(() -> Kernels.newFloatGemm("plain", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void negativeSizesAreRejected() {
        List<FloatGemm> gemms = new ArrayList<>(List.of(new PlainFloatGemm()));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(2, 1));
        }
        for (FloatGemm g : gemms) {
            assertThatThrownBy(() -> g.gemm(false, false, 2, -1, 2, new float[4], 0, new float[4], 0, new float[4], 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(g.getClass().getSimpleName())
                    .hasMessageContaining("n=-1");
        }
    }

    @Test
    void aFailureInAnotherThreadReachesTheCaller() {
        List<FloatGemm> gemms = new ArrayList<>(List.of(new PlainFloatGemm(2, 1)));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(2, 1));
        }
        for (FloatGemm g : gemms) {
            // C is one row short: the part holding the last rows fails.
            assertThatThrownBy(() -> g.gemm(false, false, 64, 64, 64, new float[64 * 64], 0,
                    new float[64 * 64], 0, new float[63 * 64], 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /**
     * Starts a JVM without the Vector API module: the float product must pick PlainFloatGemm and
     * compute correctly, which also shows that nothing links VectorFloatGemm on a plain JVM.
     */
    @Test
    void plainJvmFallsBackToPlainFloatGemm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PlainJvmMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).endsWith("PlainFloatGemm ok");
    }

    /** Run in a child JVM by {@link #plainJvmFallsBackToPlainFloatGemm}. */
    static final class PlainJvmMain {
        public static void main(String[] args) {
            float[] a = {1, 2, 3, 4, 5, 6};     // 2 x 3
            float[] b = {1, 0, 0, 1, 1, 1};     // 3 x 2
            float[] c = new float[4];
            Kernels.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0);
            boolean ok = Arrays.equals(c, new float[] {4, 5, 10, 11}) && !Kernels.vectorAvailable();
            System.out.println(Kernels.floatGemmName() + (ok ? " ok" : " WRONG " + Arrays.toString(c)));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final class Case {
        final int m;
        final int n;
        final int k;
        final boolean tA;
        final boolean tB;
        final int aOff;
        final int bOff;
        final int cOff;
        final float[] a;
        final float[] b;

        Case(int m, int n, int k, boolean tA, boolean tB) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.tA = tA;
            this.tB = tB;
            Random r = new Random(31L * (31L * (31L * m + n) + k) + (tA ? 2 : 0) + (tB ? 1 : 0));
            aOff = 1 + r.nextInt(5);
            bOff = r.nextInt(4);
            cOff = 3 + r.nextInt(3);
            a = new float[aOff + m * k + 2];
            b = new float[bOff + k * n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextGaussian();
            }
        }

        /** {@code Σ_p |op(A)[i][p]·op(B)[p][j]|} for every element, row-major. */
        double[] absSums() {
            double[] out = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        out[i * n + j] += Math.abs(a(i, p) * b(p, j));
                    }
                }
            }
            return out;
        }

        double a(int i, int p) {
            return tA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        }

        double b(int p, int j) {
            return tB ? b[bOff + j * k + p] : b[bOff + p * n + j];
        }

        /** C prefilled with NaN (it must be written, never read) inside guards of -7. */
        float[] freshC() {
            float[] c = new float[cOff + m * n + 4];
            Arrays.fill(c, -7.0f);
            Arrays.fill(c, cOff, cOff + m * n, Float.NaN);
            return c;
        }

        float[] run(FloatGemm g) {
            float[] aCopy = a.clone();
            float[] bCopy = b.clone();
            float[] c = freshC();
            g.gemm(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
            assertThat(a).as("A unchanged").isEqualTo(aCopy);
            assertThat(b).as("B unchanged").isEqualTo(bCopy);
            for (int i = 0; i < cOff; i++) {
                assertThat(c[i]).as("before C").isEqualTo(-7.0f);
            }
            for (int i = cOff + m * n; i < c.length; i++) {
                assertThat(c[i]).as("after C").isEqualTo(-7.0f);
            }
            return c;
        }
    }

    /** Checks {@code g} against the product summed in double from the same float operands. */
    static void check(FloatGemm g, int m, int n, int k, boolean tA, boolean tB) {
        Case cs = new Case(m, n, k, tA, tB);
        float[] c = cs.run(g);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = cs.a(i, p) * cs.b(p, j);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                float got = c[cs.cOff + i * n + j];
                if (!(Math.abs(got - sum) <= TOL * abs)) {
                    throw new AssertionError(String.format(
                            "%s %dx%dx%d tA=%b tB=%b: C[%d][%d] = %s, expected %s (sum |a·b| = %s)",
                            g.getClass().getSimpleName(), m, n, k, tA, tB, i, j, got, sum, abs));
                }
            }
        }
    }

    private static void checkSplit(FloatGemm one, FloatGemm many, int m, int n, int k, boolean tA, boolean tB) {
        Case cs = new Case(m, n, k, tA, tB);
        float[] c1 = cs.run(one);
        float[] c2 = cs.run(many);
        for (int i = 0; i < c1.length; i++) {
            if (Float.floatToRawIntBits(c1[i]) != Float.floatToRawIntBits(c2[i])) {
                throw new AssertionError(String.format("%s %dx%dx%d tA=%b tB=%b: element %d differs: %s vs %s",
                        many.getClass().getSimpleName(), m, n, k, tA, tB, i, c1[i], c2[i]));
            }
        }
    }
}
