package io.jgrad.ndarray;

import java.util.Arrays;

/**
 * {@link Gemm} in plain Java, for JVMs without the Vector API: {@code C = op(A) · op(B)} with
 * {@code op(A)} of shape {@code (m, k)}, {@code op(B)} of shape {@code (k, n)} and {@code C} of
 * shape {@code (m, n)}, all row-major at their offsets.
 *
 * <p>Loop order i-k-j, four rows of {@code C} at a time: for each {@code p}, one row of
 * {@code op(B)} is read once and added, scaled by {@code A[i][p]}, into four rows of {@code C}:
 * {@code C[i+r][j] += A[i+r][p] · B[p][j]}. The innermost loop is written so that HotSpot's C2
 * compiles it to SIMD code: every array in it is indexed by the bare loop counter {@code j}.
 * (With an offset, such as {@code c[cOff + j] += a · b[bOff + j]}, C2 on JDK 17 cannot rule out
 * that the two arrays overlap at a distance and keeps the loop scalar; that is EJML's speed.)
 * So the four rows of {@code C} are accumulated in row buffers, and a block of {@value #KC} rows by
 * {@value #NC} columns of {@code op(B)} is copied into one array per row, which is also where a
 * transposed {@code B} is transposed, once per block. {@code op(A)} is read in place, as scalars.
 *
 * <p>Every element is the sum {@code ((0 + a₀b₀) + a₁b₁) + …} in order of {@code p}, whatever
 * the blocking or the thread: products of at least 2^21 multiply-adds ({@code m·n·k}) are split
 * by rows across {@link GemmPool}, bit-identically.
 */
final class PlainGemm implements Gemm {

    /** Rows of op(B) per block. */
    static final int KC = 128;
    /** Columns per block: the four row buffers and the B block stay in L1/L2. */
    static final int NC = 512;
    /** Up to this many rows of C, a transposed B is packed by the loop suited to few rows. */
    private static final int FEW_ROWS = 64;
    /** Rows of C updated together. */
    private static final int MR = 4;
    /**
     * Extra length of every scratch row: {@code (NC + 6) · 8 + 16} bytes (the array header) is a
     * multiple of 64, so rows allocated one after the other share their alignment to a cache
     * line, and the one alignment that C2 gives the vector loop holds for all of them (rows at
     * different alignments ran at half the speed).
     */
    private static final int PAD = 6;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final int threads;
    private final long parallelWork;

    /** A kernel using {@link Kernels#threads()} threads for products of at least 2^21 multiply-adds. */
    PlainGemm() {
        this(Kernels.threads(), 1L << 21);
    }

    /**
     * A kernel with an explicit split policy (tests and benchmarks).
     *
     * @param threads the most parts a product is split into (1: never split)
     * @param parallelWork the smallest {@code m·n·k} that is split
     */
    PlainGemm(int threads, long parallelWork) {
        if (threads < 1) {
            throw new IllegalArgumentException("PlainGemm: threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.parallelWork = parallelWork;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("PlainGemm.gemm: sizes must be ≥ 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0.0);
            return;
        }
        int groups = (m + MR - 1) / MR;
        int parts = threads > 1 && (long) m * n * k >= parallelWork ? Math.min(threads, groups) : 1;
        if (parts > 1) {
            int per = (groups + parts - 1) / parts;
            int np = (groups + per - 1) / per;
            GemmPool.run(np, part -> {
                int i0 = part * per * MR;
                int i1 = Math.min(m, i0 + per * MR);
                compute(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1);
            });
        } else {
            compute(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
        }
    }

    /** Per-thread buffers: the packed rows of op(B) and the four rows of C. */
    private static final class Scratch {
        final double[][] b = new double[KC][NC + PAD];
        final double[][] c = new double[MR][NC + PAD];
    }

    /** Computes rows {@code [i0, i1)} of {@code C}. */
    private static void compute(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                int i0, int i1) {
        Scratch s = SCRATCH.get();
        double[][] bRows = s.b;
        double[] r0 = s.c[0];
        double[] r1 = s.c[1];
        double[] r2 = s.c[2];
        double[] r3 = s.c[3];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        // op(A)[i][p] = a[aOff + i * ai + p * ap]
        int ai = transA ? 1 : lda;
        int ap = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, m <= FEW_ROWS, b, bOff, ldb, pc, kc, jc, nc, bRows);
                boolean first = pc == 0;
                int i = i0;
                for (; i + MR <= i1; i += MR) {
                    int co = cOff + i * n + jc;
                    load(first, c, co, n, nc, r0, r1, r2, r3);
                    int a0 = aOff + i * ai + pc * ap;
                    for (int p = 0; p < kc; p++) {
                        int ao = a0 + p * ap;
                        rank1x4(nc, a[ao], a[ao + ai], a[ao + 2 * ai], a[ao + 3 * ai], bRows[p], r0, r1, r2, r3);
                    }
                    System.arraycopy(r0, 0, c, co, nc);
                    System.arraycopy(r1, 0, c, co + n, nc);
                    System.arraycopy(r2, 0, c, co + 2 * n, nc);
                    System.arraycopy(r3, 0, c, co + 3 * n, nc);
                }
                // Last rows one at a time; each element gets the same sum, in the same order.
                for (; i < i1; i++) {
                    int co = cOff + i * n + jc;
                    if (first) {
                        Arrays.fill(r0, 0, nc, 0.0);
                    } else {
                        System.arraycopy(c, co, r0, 0, nc);
                    }
                    int a0 = aOff + i * ai + pc * ap;
                    for (int p = 0; p < kc; p++) {
                        rank1x1(nc, a[a0 + p * ap], bRows[p], r0);
                    }
                    System.arraycopy(r0, 0, c, co, nc);
                }
            }
        }
    }

    private static void load(boolean zero, double[] c, int co, int ldc, int nc,
                             double[] r0, double[] r1, double[] r2, double[] r3) {
        if (zero) {
            Arrays.fill(r0, 0, nc, 0.0);
            Arrays.fill(r1, 0, nc, 0.0);
            Arrays.fill(r2, 0, nc, 0.0);
            Arrays.fill(r3, 0, nc, 0.0);
        } else {
            System.arraycopy(c, co, r0, 0, nc);
            System.arraycopy(c, co + ldc, r1, 0, nc);
            System.arraycopy(c, co + 2 * ldc, r2, 0, nc);
            System.arraycopy(c, co + 3 * ldc, r3, 0, nc);
        }
    }

    /** {@code r_q[j] += a_q · x[j]} for four rows; indexed by {@code j} alone so that C2 vectorises it. */
    private static void rank1x4(int nc, double a0, double a1, double a2, double a3, double[] x,
                                double[] r0, double[] r1, double[] r2, double[] r3) {
        for (int j = 0; j < nc; j++) {
            double xj = x[j];
            r0[j] += a0 * xj;
            r1[j] += a1 * xj;
            r2[j] += a2 * xj;
            r3[j] += a3 * xj;
        }
    }

    /** {@code r[j] += a · x[j]}. */
    private static void rank1x1(int nc, double a0, double[] x, double[] r0) {
        for (int j = 0; j < nc; j++) {
            r0[j] += a0 * x[j];
        }
    }

    /**
     * Copies {@code op(B)[pc:pc+kc, jc:jc+nc]} into {@code rows[0..kc)[0..nc)}.
     *
     * @param fewRows whether few rows of C ({@value #FEW_ROWS} or fewer) share the packed block
     */
    private static void packB(boolean transB, boolean fewRows, double[] b, int bOff, int ldb,
                              int pc, int kc, int jc, int nc, double[][] rows) {
        if (transB && fewRows) {
            // op(B)[p][j] = B[j][p], in tiles of 64 values of j by 8 of p: the cache lines read
            // from 64 rows of B stay in L1 while they serve 8 packed rows, each written
            // contiguously. This pays where the packing is most of the work, few rows of C
            // (1.5x faster for a single row); with many rows it is amortised, and the loop below
            // is kept.
            for (int j0 = 0; j0 < nc; j0 += 64) {
                int j1 = Math.min(nc, j0 + 64);
                int p0 = 0;
                for (; p0 + 8 <= kc; p0 += 8) {
                    double[] r0 = rows[p0];
                    double[] r1 = rows[p0 + 1];
                    double[] r2 = rows[p0 + 2];
                    double[] r3 = rows[p0 + 3];
                    double[] r4 = rows[p0 + 4];
                    double[] r5 = rows[p0 + 5];
                    double[] r6 = rows[p0 + 6];
                    double[] r7 = rows[p0 + 7];
                    int src = bOff + jc * ldb + pc + p0;
                    for (int j = j0; j < j1; j++) {
                        int sp = src + j * ldb;
                        r0[j] = b[sp];
                        r1[j] = b[sp + 1];
                        r2[j] = b[sp + 2];
                        r3[j] = b[sp + 3];
                        r4[j] = b[sp + 4];
                        r5[j] = b[sp + 5];
                        r6[j] = b[sp + 6];
                        r7[j] = b[sp + 7];
                    }
                }
                for (; p0 < kc; p0++) {
                    double[] r = rows[p0];
                    int src = bOff + jc * ldb + pc + p0;
                    for (int j = j0; j < j1; j++) {
                        r[j] = b[src + j * ldb];
                    }
                }
            }
        } else if (transB) {
            // op(B)[p][j] = B[j][p]: read B's rows contiguously, scatter over the packed rows.
            for (int j = 0; j < nc; j++) {
                int src = bOff + (jc + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    rows[p][j] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (pc + p) * ldb + jc, rows[p], 0, nc);
            }
        }
    }
}
