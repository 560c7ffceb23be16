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
 * Every {@link Gemm} implementation against a plain triple loop, on shapes that reach every path:
 * empty and unit sizes, odd sizes that are not multiples of the vector length, blocks of k, the
 * edge tiles, the four transpose combinations and non-zero offsets; and the split across
 * threads, which must give the same bits as one thread.
 *
 * <p>Maven's test run adds the Vector API module (see the pom's surefire argLine) and sets
 * {@code jgrad.test.requireVector}, so there the vector tests fail, rather than skip, if the
 * module is missing. One test starts a JVM without the module to check the plain fallback.
 */
class GemmTest {

    /** Relative tolerance, against the sum of the absolute products (the sums' condition). */
    private static final double TOL = 1e-12;

    private static final int[][] SHAPES = {
        // m, n, k
        {0, 0, 0}, {0, 5, 3}, {4, 0, 3}, {3, 4, 0}, {1, 1, 1}, {1, 1, 7}, {1, 9, 1}, {1, 1, 300},
        {2, 3, 4}, {3, 5, 7}, {5, 3, 2}, {7, 7, 7}, {8, 8, 8}, {8, 24, 5}, {9, 25, 17}, {4, 16, 3},
        {13, 31, 33}, {17, 10, 65}, {31, 33, 129}, {33, 65, 31}, {64, 64, 64}, {65, 47, 130},
        {100, 130, 140}, {129, 23, 257}, {6, 800, 20}, {140, 9, 11}, {1, 300, 200}, {2, 70, 150},
        {70, 2, 150}, {200, 50, 40}, {12, 787, 9}, {33, 17, 300},
        // a transposed B with few rows takes the transposed-output path (tails of its 6-row B tiles
        // and 4-vector panels, several k blocks, several column blocks) or, for one row, the gemv
        {1, 13, 17}, {1, 800, 9}, {1, 7, 1000}, {2, 6, 3}, {31, 13, 513}, {64, 7, 1100}, {33, 800, 5},
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

    private static Gemm vector(int threads, long parallelWork) {
        assumeVector();
        try {
            return (Gemm) Class.forName("io.jgrad.ndarray.VectorGemm")
                    .getDeclaredConstructor(int.class, long.class).newInstance(threads, parallelWork);
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

    @ParameterizedTest(name = "ejml {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void ejmlMatchesTripleLoop(int m, int n, int k, boolean tA, boolean tB) {
        check(new EjmlGemm(), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "plain {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void plainMatchesTripleLoop(int m, int n, int k, boolean tA, boolean tB) {
        check(new PlainGemm(1, Long.MAX_VALUE), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "plain x2 {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void plainMultiThreadedIsBitIdentical(int m, int n, int k, boolean tA, boolean tB) {
        checkSplit(new PlainGemm(1, Long.MAX_VALUE), new PlainGemm(2, 1), m, n, k, tA, tB);
        checkSplit(new PlainGemm(1, Long.MAX_VALUE), new PlainGemm(3, 1), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "vector {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void vectorMatchesTripleLoop(int m, int n, int k, boolean tA, boolean tB) {
        check(vector(1, Long.MAX_VALUE), m, n, k, tA, tB);
    }

    @ParameterizedTest(name = "vector x2 {0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void vectorMultiThreadedIsBitIdentical(int m, int n, int k, boolean tA, boolean tB) {
        Gemm one = vector(1, Long.MAX_VALUE);
        check(vector(2, 1), m, n, k, tA, tB);
        checkSplit(one, vector(2, 1), m, n, k, tA, tB);
        checkSplit(one, vector(3, 1), m, n, k, tA, tB);
    }

    private static Gemm vector(int threads, long parallelWork, int transposedRows) {
        assumeVector();
        try {
            return (Gemm) Class.forName("io.jgrad.ndarray.VectorGemm")
                    .getDeclaredConstructor(int.class, long.class, int.class)
                    .newInstance(threads, parallelWork, transposedRows);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void transposedOutputPathGivesThePackedPathsBits() {
        // Cᵀ = B·op(A)ᵀ with B read in place computes each element by the same fma chain as the
        // packed path, so the two agree bit for bit (on one thread and split).
        int[] ms = {2, 3, 8, 9, 20, 31, 32, 33, 45, 64};   // panels of 1, 2, 3 and 4 vectors
        int[][] nk = {{1, 1}, {5, 7}, {6, 8}, {7, 17}, {13, 300}, {800, 9}, {10, 1100}};
        Gemm packed = vector(1, Long.MAX_VALUE, 0);
        Gemm transposed = vector(1, Long.MAX_VALUE, 64);
        Gemm split = vector(2, 1, 64);
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
    void oneRowTimesTransposedBIsExactOnSmallIntegers() {
        // The gemv's own order of summation: on small integers every order is exact.
        Gemm g = vector(1, Long.MAX_VALUE);
        for (int k : new int[] {1, 7, 8, 9, 16, 300, 1001}) {
            int n = 13;
            double[] a = new double[k + 2];
            double[] b = new double[n * k + 1];
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 7 - 3;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = i % 5 - 2;
            }
            double[] c = new double[n + 3];
            g.gemm(false, true, 1, n, k, a, 2, b, 1, c, 3);
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[2 + p] * b[1 + j * k + p];
                }
                assertThat(c[3 + j]).as("k=%d j=%d", k, j).isEqualTo(s);
            }
            assertThat(c[0]).isZero();
        }
    }

    @Test
    void largeProductsSplitByDefaultAndStayBitIdentical() {
        // Above 2^21 multiply-adds with the default policy: the real split, rows and columns; the
        // last, a C of over 2^17 elements in two blocks of k, is computed row of tiles by row.
        int[][] big = {{300, 150, 200}, {40, 700, 260}, {257, 255, 129}, {400, 340, 150}};
        for (int[] s : big) {
            for (int t = 0; t < 4; t++) {
                boolean tA = (t & 1) != 0;
                boolean tB = (t & 2) != 0;
                check(new PlainGemm(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                checkSplit(new PlainGemm(1, Long.MAX_VALUE), new PlainGemm(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                if (Kernels.vectorAvailable()) {
                    check(vector(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                    checkSplit(vector(1, Long.MAX_VALUE), vector(2, 1L << 21), s[0], s[1], s[2], tA, tB);
                }
            }
        }
    }

    @Test
    void vectorAgreesWithPlainAndEjmlOnMlpShapes() {
        // The shapes of a 784-256-10 MLP step at batch 32, in the forms autograd uses.
        int[][] mlp = {{32, 256, 784}, {784, 256, 32}, {32, 784, 256}, {32, 10, 256}, {256, 10, 32}, {32, 256, 10}};
        List<Gemm> gemms = new ArrayList<>(List.of(new EjmlGemm(), new PlainGemm(1, Long.MAX_VALUE), new PlainGemm(2, 1)));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(1, Long.MAX_VALUE));
            gemms.add(vector(2, 1));
        }
        for (int[] s : mlp) {
            for (int t = 0; t < 4; t++) {
                for (Gemm g : gemms) {
                    check(g, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0);
                }
            }
        }
    }

    @Test
    void kernelsUsesVectorWhenTheModuleIsPresent() {
        assumeTrue(System.getProperty("jgrad.kernels") == null, "kernel forced by jgrad.kernels");
        assumeVector();
        assertThat(Kernels.gemmName()).isEqualTo("VectorGemm");
        check((transA, transB, m, n, k, a, aOff, b, bOff, c, cOff)
                -> Kernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff), 37, 29, 41, true, false);
    }

    @Test
    void newGemmByName() {
        assertThat(Kernels.newGemm("ejml", 1)).isInstanceOf(EjmlGemm.class);
        assertThat(Kernels.newGemm(" Plain ", 2)).isInstanceOf(PlainGemm.class);
        if (Kernels.vectorAvailable()) {
            assertThat(Kernels.newGemm("vector", 2).getClass().getSimpleName()).isEqualTo("VectorGemm");
        }
        assertThatThrownBy(() -> Kernels.newGemm("blas", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kernels.newGemm("plain", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Kernels.threads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void negativeSizesAreRejected() {
        List<Gemm> gemms = new ArrayList<>(List.of(new PlainGemm()));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(2, 1));
        }
        for (Gemm g : gemms) {
            assertThatThrownBy(() -> g.gemm(false, false, -1, 2, 2, new double[4], 0, new double[4], 0, new double[4], 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailureInAnotherThreadReachesTheCaller() {
        List<Gemm> gemms = new ArrayList<>(List.of(new PlainGemm(2, 1)));
        if (Kernels.vectorAvailable()) {
            gemms.add(vector(2, 1));
        }
        for (Gemm g : gemms) {
            // C is one row short: the part holding the last rows fails.
            assertThatThrownBy(() -> g.gemm(false, false, 64, 64, 64, new double[64 * 64], 0,
                    new double[64 * 64], 0, new double[63 * 64], 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /**
     * Starts a JVM without the Vector API module: Kernels must load, pick PlainGemm and compute
     * correctly, which also shows that nothing links VectorGemm on a plain JVM.
     */
    @Test
    void plainJvmFallsBackToPlainGemm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PlainJvmMain.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).endsWith("PlainGemm ok");
    }

    /** Run in a child JVM by {@link #plainJvmFallsBackToPlainGemm}. */
    static final class PlainJvmMain {
        public static void main(String[] args) {
            double[] a = {1, 2, 3, 4, 5, 6};     // 2 x 3
            double[] b = {1, 0, 0, 1, 1, 1};     // 3 x 2
            double[] c = new double[4];
            Kernels.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0);
            boolean ok = Arrays.equals(c, new double[] {4, 5, 10, 11}) && !Kernels.vectorAvailable();
            System.out.println(Kernels.gemmName() + (ok ? " ok" : " WRONG " + Arrays.toString(c)));
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
        final double[] a;
        final double[] b;

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
            a = new double[aOff + m * k + 2];
            b = new double[bOff + k * n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextGaussian();
            }
        }

        double a(int i, int p) {
            return tA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        }

        double b(int p, int j) {
            return tB ? b[bOff + j * k + p] : b[bOff + p * n + j];
        }

        /** C prefilled with NaN (it must be written, never read) inside guards of -7. */
        double[] freshC() {
            double[] c = new double[cOff + m * n + 4];
            Arrays.fill(c, -7.0);
            Arrays.fill(c, cOff, cOff + m * n, Double.NaN);
            return c;
        }

        double[] run(Gemm g) {
            double[] aCopy = a.clone();
            double[] bCopy = b.clone();
            double[] c = freshC();
            g.gemm(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
            assertThat(a).as("A unchanged").isEqualTo(aCopy);
            assertThat(b).as("B unchanged").isEqualTo(bCopy);
            for (int i = 0; i < cOff; i++) {
                assertThat(c[i]).as("before C").isEqualTo(-7.0);
            }
            for (int i = cOff + m * n; i < c.length; i++) {
                assertThat(c[i]).as("after C").isEqualTo(-7.0);
            }
            return c;
        }
    }

    private static void check(Gemm g, int m, int n, int k, boolean tA, boolean tB) {
        Case cs = new Case(m, n, k, tA, tB);
        double[] c = cs.run(g);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = cs.a(i, p) * cs.b(p, j);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                double got = c[cs.cOff + i * n + j];
                if (!(Math.abs(got - sum) <= TOL * abs)) {
                    throw new AssertionError(String.format(
                            "%s %dx%dx%d tA=%b tB=%b: C[%d][%d] = %s, expected %s (sum |a·b| = %s)",
                            g.getClass().getSimpleName(), m, n, k, tA, tB, i, j, got, sum, abs));
                }
            }
        }
    }

    private static void checkSplit(Gemm one, Gemm many, int m, int n, int k, boolean tA, boolean tB) {
        Case cs = new Case(m, n, k, tA, tB);
        double[] c1 = cs.run(one);
        double[] c2 = cs.run(many);
        for (int i = 0; i < c1.length; i++) {
            if (Double.doubleToRawLongBits(c1[i]) != Double.doubleToRawLongBits(c2[i])) {
                throw new AssertionError(String.format("%dx%dx%d tA=%b tB=%b: element %d differs: %s vs %s",
                        m, n, k, tA, tB, i, c1[i], c2[i]));
            }
        }
    }
}
