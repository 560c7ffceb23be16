package io.jgrad.ndarray;

import java.util.Arrays;

/**
 * {@link FloatGemm} in plain Java, for JVMs without the Vector API: {@code C = op(A) · op(B)} in
 * single precision with {@code op(A)} of shape {@code (m, k)}, {@code op(B)} of shape
 * {@code (k, n)} and {@code C} of shape {@code (m, n)}, all row-major at their offsets.
 *
 * <p>The scheme is {@link PlainGemm}'s: loop order i-k-j, four rows of {@code C} at a time,
 * accumulated in row buffers, with a block of {@value #KC} rows by {@value #NC} columns of
 * {@code op(B)} copied into one array per row (where a transposed {@code B} is transposed), so
 * that every array in the innermost loop is indexed by the bare loop counter and HotSpot's C2
 * compiles it to SIMD code. One difference: the innermost loop takes three values of {@code p} at
 * once, {@code C[i][j] = ((C[i][j] + A[i][p]·B[p][j]) + A[i][p+1]·B[p+1][j]) + A[i][p+2]·B[p+2][j]},
 * so each element of the row buffers is loaded and stored once per three multiply-adds instead of
 * once per multiply-add: with sixteen floats to a vector the stores were the bottleneck (41
 * GFLOP/s at 512 × 512 on one Zen 4 core, against about 70).
 *
 * <p>Products are accumulated in {@code float}, as BLAS's {@code sgemm} does. Every element is
 * the sum {@code ((0 + a₀b₀) + a₁b₁) + …} in order of {@code p}, each product and each sum
 * rounded to {@code float} (Java never fuses them), whatever the blocking or the thread: products
 * of at least 2^21 multiply-adds ({@code m·n·k}) are split by rows across {@link GemmPool},
 * bit-identically.
 */
final class PlainFloatGemm implements FloatGemm {

    /** Rows of op(B) per block. */
    static final int KC = 128;
    /** Columns per block: the four row buffers and the B block stay in L1/L2. */
    static final int NC = 512;
    /** Up to this many rows of C, a transposed B is packed by the loop suited to few rows. */
    private static final int FEW_ROWS = 64;
    /** Rows of C updated together. */
    private static final int MR = 4;
    /**
     * Values of p taken together by the innermost loop. Four rows by three values of p is a
     * body that C2 still unrolls far enough to vectorise with 16 floats to a vector (JDK 17 and
     * 25); four by four stayed scalar on JDK 17 (11 GFLOP/s at 512 × 512, against about 70).
     */
    private static final int PR = 3;
    /**
     * Extra length of every scratch row: {@code (NC + 12) · 4 + 16} bytes (the array header) is a
     * multiple of 64, so rows allocated one after the other share their alignment to a cache
     * line, and the one alignment that C2 gives the vector loop holds for all of them. When the
     * garbage collector moves the rows it may break that (nothing in plain Java keeps it):
     * 512 × 512 then runs at 40–50 GFLOP/s instead of 70–78 on Zen 4 (measured with
     * {@code -XX:ObjectAlignmentInBytes=64}, which keeps every row aligned). {@link PlainGemm}
     * shares this.
     */
    private static final int PAD = 12;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final int threads;
    private final long parallelWork;

    /** A kernel using {@link Kernels#threads()} threads for products of at least 2^21 multiply-adds. */
    PlainFloatGemm() {
        this(Kernels.threads(), 1L << 21);
    }

    /**
     * A kernel with an explicit split policy (tests and benchmarks).
     *
     * @param threads the most parts a product is split into (1: never split)
     * @param parallelWork the smallest {@code m·n·k} that is split
     */
    PlainFloatGemm(int threads, long parallelWork) {
        if (threads < 1) {
            throw new IllegalArgumentException("PlainFloatGemm: threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.parallelWork = parallelWork;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("PlainFloatGemm.gemm: sizes must be ≥ 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0.0f);
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
        final float[][] b = new float[KC][NC + PAD];
        final float[][] c = new float[MR][NC + PAD];
    }

    /** Computes rows {@code [i0, i1)} of {@code C}. */
    private static void compute(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                int i0, int i1) {
        Scratch s = SCRATCH.get();
        float[][] bRows = s.b;
        float[] r0 = s.c[0];
        float[] r1 = s.c[1];
        float[] r2 = s.c[2];
        float[] r3 = s.c[3];
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
                    int p = 0;
                    for (; p + PR <= kc; p += PR) {
                        int ao = a0 + p * ap;
                        int a1 = ao + ap;
                        int a2 = a1 + ap;
                        rank3x4(nc, bRows[p], bRows[p + 1], bRows[p + 2],
                                a[ao], a[a1], a[a2], a[ao + ai], a[a1 + ai], a[a2 + ai],
                                a[ao + 2 * ai], a[a1 + 2 * ai], a[a2 + 2 * ai], a[ao + 3 * ai], a[a1 + 3 * ai], a[a2 + 3 * ai],
                                r0, r1, r2, r3);
                    }
                    for (; p < kc; p++) {
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
                        Arrays.fill(r0, 0, nc, 0.0f);
                    } else {
                        System.arraycopy(c, co, r0, 0, nc);
                    }
                    int a0 = aOff + i * ai + pc * ap;
                    int p = 0;
                    for (; p + PR <= kc; p += PR) {
                        int ao = a0 + p * ap;
                        rank3x1(nc, bRows[p], bRows[p + 1], bRows[p + 2], a[ao], a[ao + ap], a[ao + 2 * ap], r0);
                    }
                    for (; p < kc; p++) {
                        rank1x1(nc, a[a0 + p * ap], bRows[p], r0);
                    }
                    System.arraycopy(r0, 0, c, co, nc);
                }
            }
        }
    }

    private static void load(boolean zero, float[] c, int co, int ldc, int nc,
                             float[] r0, float[] r1, float[] r2, float[] r3) {
        if (zero) {
            Arrays.fill(r0, 0, nc, 0.0f);
            Arrays.fill(r1, 0, nc, 0.0f);
            Arrays.fill(r2, 0, nc, 0.0f);
            Arrays.fill(r3, 0, nc, 0.0f);
        } else {
            System.arraycopy(c, co, r0, 0, nc);
            System.arraycopy(c, co + ldc, r1, 0, nc);
            System.arraycopy(c, co + 2 * ldc, r2, 0, nc);
            System.arraycopy(c, co + 3 * ldc, r3, 0, nc);
        }
    }

    /**
     * {@code r_q[j] = ((r_q[j] + a_q0·x0[j]) + a_q1·x1[j]) + a_q2·x2[j]} for four rows: three
     * steps of each row's chain, in order, with one load and one store of {@code r_q[j]};
     * indexed by {@code j} alone so that C2 vectorises it.
     */
    private static void rank3x4(int nc, float[] x0, float[] x1, float[] x2,
                                float a00, float a01, float a02, float a10, float a11, float a12,
                                float a20, float a21, float a22, float a30, float a31, float a32,
                                float[] r0, float[] r1, float[] r2, float[] r3) {
        for (int j = 0; j < nc; j++) {
            float b0 = x0[j];
            float b1 = x1[j];
            float b2 = x2[j];
            r0[j] = ((r0[j] + a00 * b0) + a01 * b1) + a02 * b2;
            r1[j] = ((r1[j] + a10 * b0) + a11 * b1) + a12 * b2;
            r2[j] = ((r2[j] + a20 * b0) + a21 * b1) + a22 * b2;
            r3[j] = ((r3[j] + a30 * b0) + a31 * b1) + a32 * b2;
        }
    }

    /** {@code r_q[j] += a_q · x[j]} for four rows. */
    private static void rank1x4(int nc, float a0, float a1, float a2, float a3, float[] x,
                                float[] r0, float[] r1, float[] r2, float[] r3) {
        for (int j = 0; j < nc; j++) {
            float xj = x[j];
            r0[j] += a0 * xj;
            r1[j] += a1 * xj;
            r2[j] += a2 * xj;
            r3[j] += a3 * xj;
        }
    }

    /** {@code r[j] = ((r[j] + a0·x0[j]) + a1·x1[j]) + a2·x2[j]}. */
    private static void rank3x1(int nc, float[] x0, float[] x1, float[] x2, float a0, float a1, float a2,
                                float[] r0) {
        for (int j = 0; j < nc; j++) {
            r0[j] = ((r0[j] + a0 * x0[j]) + a1 * x1[j]) + a2 * x2[j];
        }
    }

    /** {@code r[j] += a · x[j]}. */
    private static void rank1x1(int nc, float a0, float[] x, float[] r0) {
        for (int j = 0; j < nc; j++) {
            r0[j] += a0 * x[j];
        }
    }

    /**
     * Copies {@code op(B)[pc:pc+kc, jc:jc+nc]} into {@code rows[0..kc)[0..nc)}.
     *
     * @param fewRows whether few rows of C ({@value #FEW_ROWS} or fewer) share the packed block
     */
    private static void packB(boolean transB, boolean fewRows, float[] b, int bOff, int ldb,
                              int pc, int kc, int jc, int nc, float[][] rows) {
        if (transB && fewRows) {
            // op(B)[p][j] = B[j][p], in tiles of 64 values of j by 8 of p: the cache lines read
            // from 64 rows of B stay in L1 while they serve 8 packed rows, each written
            // contiguously (see PlainGemm).
            for (int j0 = 0; j0 < nc; j0 += 64) {
                int j1 = Math.min(nc, j0 + 64);
                int p0 = 0;
                for (; p0 + 8 <= kc; p0 += 8) {
                    float[] r0 = rows[p0];
                    float[] r1 = rows[p0 + 1];
                    float[] r2 = rows[p0 + 2];
                    float[] r3 = rows[p0 + 3];
                    float[] r4 = rows[p0 + 4];
                    float[] r5 = rows[p0 + 5];
                    float[] r6 = rows[p0 + 6];
                    float[] r7 = rows[p0 + 7];
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
                    float[] r = rows[p0];
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
