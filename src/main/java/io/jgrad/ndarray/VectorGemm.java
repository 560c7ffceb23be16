package io.jgrad.ndarray;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the JDK's Vector API ({@code jdk.incubator.vector}): {@code C = op(A) · op(B)}
 * with {@code op(A)} of shape {@code (m, k)}, {@code op(B)} of shape {@code (k, n)} and {@code C}
 * of shape {@code (m, n)}, all row-major at their offsets.
 *
 * <p>Structure (the classic packed, blocked scheme): the {@code k} range is cut into equal blocks
 * of at most {@value #KC}; for each, {@code op(B)} is copied in blocks of 768 columns into panels
 * {@code NR = 3·L} columns wide ({@code L} = doubles per preferred vector, 8 with AVX-512), row
 * after row, and {@code op(A)} in blocks of {@value #MC} rows into tiles of {@value #MR} rows,
 * column after column. The packing is where the transposes are absorbed (a transposed B with
 * gather loads), so the inner kernels see one layout only and read both operands with unit
 * stride; when few rows of {@code C} share a B that is not transposed, the kernels read B in
 * place instead (see {@link #DIRECT_B_ROWS}). A kernel keeps an
 * {@code MR × NR} block of {@code C} in 24 vector registers and, for each {@code p}, does
 * {@code C[i][j] = fma(A[i][p], B[p][j], C[i][j])}. Tiles at the bottom and right edges use
 * kernels 4 or 1 rows high and 1 or 2 vectors wide, padding the last vector (and rows up to the
 * kernel's height) with zeros; their results go through a small buffer so nothing outside
 * {@code C} is written.
 *
 * <p>Two paths avoid packing a transposed B, which would copy (and transpose) all of B for few
 * rows of C, as in a linear layer's forward {@code x·Wᵀ} at a small batch:
 * <ul>
 *   <li>up to {@value #T_ROWS} rows, {@link #computeT} computes {@code Cᵀ = B·op(A)ᵀ}, reading
 *       B in place as the broadcast operand and packing only the small A;</li>
 *   <li>a single row ({@code m = 1}) takes {@link #gemv}: dot products along {@code k}.</li>
 * </ul>
 *
 * <p>Determinism: every element of {@code C} is the chain
 * {@code c = fma(a[i][k-1], b[k-1][j], … fma(a[i][0], b[0][j], 0))} in this exact order, whatever
 * the blocking, the kernel that computed it (the transposed-output path included: {@code fma}
 * does not depend on the order of its factors) or the thread that ran it (a block after the first
 * reloads the partial sums and continues the chain). The one exception is {@link #gemv}, whose
 * fixed order is given there; which path serves a product depends on its shape alone. Results
 * are therefore bit-identical for every thread count and every split.
 *
 * <p>Threads: products with {@code m·n·k} at least {@link #DEFAULT_PARALLEL_WORK} are split
 * across {@link GemmPool} by rows of {@code C}, or by columns when {@code C} is wider than tall
 * (see {@link GemmSplit}, shared with {@code VectorFloatGemm}). Scratch
 * buffers are per thread and reused, since first-touching fresh memory is slow.
 *
 * <p>This class links against {@code jdk.incubator.vector}; {@link Kernels} only ever loads it by
 * reflection, after checking that the module is in the boot layer.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    private static final int L = S.length();
    /** Rows of the main kernel. */
    static final int MR = 8;
    /** Columns of the main kernel: three vectors. */
    private static final int NR = 3 * L;
    /**
     * Most {@code k} per block (blocks are made equal: 784 = 4 × 196). The main kernel's B panel,
     * {@code KC × NR} doubles, is then 48 KiB with AVX-512 and lives in L2 (or a 48 KiB L1), as
     * the float32 kernel's does: 128 (24 KiB, within a 32 KiB L1) loads and stores each tile of C
     * twice as often, and measured 5–7% slower at 256 to 1024 square and no faster at the MLP's
     * products (Zen 4, one thread).
     */
    static final int KC = 256;
    /** Rows of a packed block of A ({@code MC × KC}, 256 KiB, meant for L2). A multiple of {@link #MR}. */
    static final int MC = 128;
    /** Columns of a packed block of B, a multiple of NR. */
    static final int NC = roundUp(768, NR);
    /**
     * Up to this many rows of C (per thread), a B that is not transposed is read in place rather
     * than packed: packing costs as much as the arithmetic when few rows reuse it (1.3× faster at
     * 32 × 784 · 784 × 256, 2× at 4 rows). Only a last panel narrower than NR is still packed.
     */
    static final int DIRECT_B_ROWS = 64;
    /**
     * A C of at least this many elements (1 MiB), or written in one block of k, is computed row
     * of tiles by row of tiles rather than column panel by column panel (see {@code compute}).
     */
    static final int ROW_ORDER_ELEMENTS = 1 << 17;

    /**
     * Up to this many rows of C, a product with a transposed B ({@code x·Wᵀ}, a linear layer's
     * forward) is computed as its transpose with B read in place (see {@link #computeT}) instead
     * of packing Bᵀ: packing transposes all of B, which costs as much as the arithmetic when few
     * rows of C reuse it.
     */
    static final int T_ROWS = 64;
    /** Columns of Cᵀ (rows of C) per panel of the transposed-output kernels: four vectors. */
    private static final int TW = 4 * L;
    /** Most {@code k} per block of the transposed-output path (blocks are made equal). */
    static final int KT = 512;

    /**
     * Whether transposed B is packed with gather loads (8 rows of B at once); they are compiled
     * to hardware gathers on AVX2/AVX-512, but would be emulated, slowly, on short vectors.
     */
    private static final boolean GATHER = L >= 4;

    /** Default {@code m·n·k} from which a product is split across threads (2^21). */
    static final long DEFAULT_PARALLEL_WORK = 1L << 21;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final int threads;
    private final long parallelWork;
    private final int transposedRows;

    /** A kernel using {@link Kernels#threads()} threads for products of at least 2^21 multiply-adds. */
    VectorGemm() {
        this(Kernels.threads(), DEFAULT_PARALLEL_WORK);
    }

    /**
     * A kernel with an explicit split policy (tests and benchmarks).
     *
     * @param threads the most parts a product is split into (1: never split)
     * @param parallelWork the smallest {@code m·n·k} that is split
     */
    VectorGemm(int threads, long parallelWork) {
        this(threads, parallelWork, T_ROWS);
    }

    /**
     * A kernel with an explicit split policy and bound for the transposed-output path (tests,
     * which compare it with the packed path).
     *
     * @param transposedRows up to this many rows of C, a product with a transposed B is computed
     *     by {@link #computeT} (0: never; a single row still takes {@link #gemv})
     */
    VectorGemm(int threads, long parallelWork, int transposedRows) {
        if (threads < 1) {
            throw new IllegalArgumentException("VectorGemm: threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.parallelWork = parallelWork;
        this.transposedRows = transposedRows;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("VectorGemm.gemm: sizes must be ≥ 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0.0);
            return;
        }
        int parts = 1;
        if (threads > 1 && (long) m * n * k >= parallelWork) {
            parts = threads;
        }
        // The path is chosen from the whole product's shape, never per part, so that every
        // element is computed the same way whatever the split.
        int path = !transB ? PACKED : m == 1 ? GEMV : m <= transposedRows ? TRANSPOSED : PACKED;
        if (parts > 1) {
            GemmSplit.run(parts, m, n, path == PACKED ? MR : TW, path == PACKED ? NR : 6,
                    (i0, i1, j0, j1) -> compute(path, transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1, j0, j1));
        } else {
            compute(path, transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m, 0, n);
        }
    }

    private static final int PACKED = 0;
    private static final int TRANSPOSED = 1;
    private static final int GEMV = 2;

    /** Computes the block {@code C[i0:i1, j0:j1]} on the calling thread, by the given path. */
    private static void compute(int path, boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                int i0, int i1, int j0, int j1) {
        if (path == GEMV) {
            // A single row: op(A) is k contiguous values whether transposed or not.
            gemv(k, a, aOff, b, bOff, c, cOff, j0, j1);
        } else if (path == TRANSPOSED) {
            computeT(transA, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1, j0, j1);
        } else {
            compute(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1, j0, j1);
        }
    }

    /** Per-thread packing buffers, grown on demand and then reused. */
    private static final class Scratch {
        double[] ap = new double[0];
        double[] bp = new double[0];
        final double[] tile = new double[MR * NR];
        final double[] acc = new double[6 * L];

        double[] ap(int size) {
            if (ap.length < size) {
                ap = new double[size];
            }
            return ap;
        }

        double[] bp(int size) {
            if (bp.length < size) {
                bp = new double[size];
            }
            return bp;
        }
    }

    /** Computes the block {@code C[i0:i1, j0:j1]} by the packed path. */
    private static void compute(boolean transA, boolean transB, int m, int n, int k,
                                double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        boolean directB = !transB && i1 - i0 <= DIRECT_B_ROWS;
        // Equal k blocks (784 = 4 x 196, not 3 x 256 + 16): a short last block would pay the
        // kernels' load and store of C for little work.
        int kBlock = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);
        double[] ap = s.ap(Math.min(roundUp(i1 - i0, MR), MC) * kBlock);
        double[] bp = s.bp(Math.min(roundUp(j1 - j0, NR), NC) * kBlock);
        // Tile order. Column panel by column panel, a panel of B stays in cache while the tiles of
        // A pass by. Row of tiles by row of tiles instead, C is written in eight sequential
        // streams, which the hardware prefetches: that pays when C is written once (one block
        // of k, as in a weight gradient gᵀ·x) or is too large for the caches, so that the writes
        // go to memory. Measured (m, n, k): the MLP step at batch 32, whose (256, 784, 32) weight
        // gradient goes to fresh memory, 8–10% faster; (256, 784, 256) 3% faster;
        // (256, 256, 784), whose C stays in L2, 6% slower, so it keeps the column order.
        boolean rowOrder = k <= KC || (long) m * n >= ROW_ORDER_ELEMENTS;
        for (int pc = 0; pc < k; pc += kBlock) {
            int kc = Math.min(kBlock, k - pc);
            boolean load = pc > 0;
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                if (directB) {
                    packB(false, b, bOff, ldb, pc, kc, jc, nc, bp, true);
                } else {
                    packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp, false);
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    if (rowOrder) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            for (int jr = 0; jr < nc; jr += NR) {
                                tile(s, directB, kc, pc, jc, jr, nc, ic, ir, mc, ap, b, bOff, ldb, bp, c, cOff, n, load);
                            }
                        }
                    } else {
                        for (int jr = 0; jr < nc; jr += NR) {
                            for (int ir = 0; ir < mc; ir += MR) {
                                tile(s, directB, kc, pc, jc, jr, nc, ic, ir, mc, ap, b, bOff, ldb, bp, c, cOff, n, load);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One tile of C: rows {@code ic+ir…} (up to MR), columns {@code jc+jr…} (up to NR). */
    private static void tile(Scratch s, boolean directB, int kc, int pc, int jc, int jr, int nc, int ic, int ir, int mc,
                             double[] ap, double[] b, int bOff, int ldb, double[] bp,
                             double[] c, int cOff, int n, boolean load) {
        int w = Math.min(NR, nc - jr);
        int nv = (w + L - 1) / L;
        int wp = nv * L;
        double[] bArr;
        int bo;
        int bs;
        if (directB && w == NR) {
            bArr = b;
            bo = bOff + pc * ldb + jc + jr;
            bs = ldb;
        } else {
            bArr = bp;
            bo = jr * kc;
            bs = wp;
        }
        int h = Math.min(MR, mc - ir);
        int rows = h >= 5 ? 8 : h >= 2 ? 4 : 1;
        int ao = ir * kc;
        int co = cOff + (ic + ir) * n + jc + jr;
        if (h == rows && w == wp) {
            kernel(rows, nv, kc, ap, ao, bArr, bo, bs, c, co, n, load);
        } else {
            double[] t = s.tile;
            if (load) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(c, co + i * n, t, i * wp, w);
                }
            }
            kernel(rows, nv, kc, ap, ao, bArr, bo, bs, t, 0, wp, load);
            for (int i = 0; i < h; i++) {
                System.arraycopy(t, i * wp, c, co + i * n, w);
            }
        }
    }

    /**
     * {@code C[0, j0:j1] = a·Bᵀ} for a single row {@code a} of {@code k} values and B stored
     * {@code (n, k)}: six dot products at a time, each with one vector accumulator along
     * {@code k}, reading {@code a} and B in place. This is the one path whose order of summation
     * differs from the chain of the others (a single row gives the packed kernels one useful
     * lane in eight): per element, {@code acc[l] = fma(a[p], B[j][p], acc[l])} for the
     * {@code p ≡ l (mod L)} below {@code kv = k − k mod L}, then
     * {@code c = ((acc[0] + acc[1]) + …) + acc[L−1]}, then {@code c = fma(a[p], B[j][p], c)} for
     * the last {@code k mod L} values of {@code p}: a fixed order, the same for every split.
     * Rows past the end of B repeat its last row and are discarded.
     */
    private static void gemv(int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                             int j0, int j1) {
        double[] acc = SCRATCH.get().acc;
        int kv = k / L * L;
        int last = j1 - 1;
        for (int jr = j0; jr < j1; jr += 6) {
            if (kv > 0) {
                dot1x6(kv, a, aOff, b, bOff + jr * k, bOff + Math.min(jr + 1, last) * k,
                        bOff + Math.min(jr + 2, last) * k, bOff + Math.min(jr + 3, last) * k,
                        bOff + Math.min(jr + 4, last) * k, bOff + Math.min(jr + 5, last) * k, acc);
            }
            int w = Math.min(6, j1 - jr);
            for (int t = 0; t < w; t++) {
                double sum = 0.0;
                if (kv > 0) {
                    sum = acc[t * L];
                    for (int l = 1; l < L; l++) {
                        sum += acc[t * L + l];
                    }
                }
                int bj = bOff + (jr + t) * k;
                for (int p = kv; p < k; p++) {
                    sum = Math.fma(a[aOff + p], b[bj + p], sum);
                }
                c[cOff + jr + t] = sum;
            }
        }
    }

    /** Six vector dot products of {@code a[a0..a0+kv)} with rows of B at b0..b5, into acc[s·L..]. */
    private static void dot1x6(int kv, double[] a, int a0,
                               double[] b, int b0, int b1, int b2, int b3, int b4, int b5, double[] acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        for (int p = 0; p < kv; p += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, a0 + p);
            c0 = x.fma(DoubleVector.fromArray(S, b, b0 + p), c0);
            c1 = x.fma(DoubleVector.fromArray(S, b, b1 + p), c1);
            c2 = x.fma(DoubleVector.fromArray(S, b, b2 + p), c2);
            c3 = x.fma(DoubleVector.fromArray(S, b, b3 + p), c3);
            c4 = x.fma(DoubleVector.fromArray(S, b, b4 + p), c4);
            c5 = x.fma(DoubleVector.fromArray(S, b, b5 + p), c5);
        }
        c0.intoArray(acc, 0);
        c1.intoArray(acc, L);
        c2.intoArray(acc, 2 * L);
        c3.intoArray(acc, 3 * L);
        c4.intoArray(acc, 4 * L);
        c5.intoArray(acc, 5 * L);
    }

    /**
     * Computes {@code C[i0:i1, j0:j1] = op(A)·Bᵀ} for a B stored {@code (n, k)}, as its transpose
     * {@code Cᵀ = B·op(A)ᵀ}: the broadcast operand is B itself, read in place, six rows at a time,
     * and the vector operand is {@code op(A)ᵀ}, packed into panels {@value #TW} rows of C wide.
     * Only A, the small operand, is copied; packing B would transpose all of it, which costs as
     * much as the arithmetic when few rows of C reuse it. The products accumulate in a per-thread
     * buffer holding {@code Cᵀ} for {@value #NC} columns of C at a time, copied into C at the end.
     *
     * <p>Each element is the same chain {@code c = fma(a[i][p], b[p][j], c)} in order of p as in
     * the packed path ({@code fma} does not depend on the order of its factors), so the results
     * are bit-identical to it. Rows past the end of B's last tile repeat its last row and are
     * discarded; columns past the end of A's last panel are zero and discarded.
     */
    private static void computeT(boolean transA, int m, int n, int k,
                                 double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                 int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        int rows = i1 - i0;
        int wt = roundUp(rows, L);                       // row stride of the Cᵀ buffer
        int kBlock = (k + (k + KT - 1) / KT - 1) / ((k + KT - 1) / KT);
        double[] ap = s.ap(wt * kBlock);
        // The last tile of six rows of B may reach past nc (repeated rows, stored then discarded).
        double[] t = s.bp(roundUp(Math.min(NC, j1 - j0), 6) * wt);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int last = jc + nc - 1;
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                boolean load = pc > 0;
                packAT(transA, a, aOff, m, k, i0, rows, pc, kc, ap);
                for (int jr = jc; jr <= last; jr += 6) {
                    int x0 = bOff + jr * k + pc;
                    int x1 = bOff + Math.min(jr + 1, last) * k + pc;
                    int x2 = bOff + Math.min(jr + 2, last) * k + pc;
                    int x3 = bOff + Math.min(jr + 3, last) * k + pc;
                    int x4 = bOff + Math.min(jr + 4, last) * k + pc;
                    int x5 = bOff + Math.min(jr + 5, last) * k + pc;
                    int co = (jr - jc) * wt;
                    for (int ip = 0; ip < rows; ip += TW) {
                        int nv = Math.min(TW, rows - ip + L - 1) / L;
                        int ao = ip * kc;
                        int cp = co + ip;
                        switch (nv) {
                            case 4: k6x4t(kc, b, x0, x1, x2, x3, x4, x5, ap, ao, t, cp, wt, load); break;
                            case 3: k6x3t(kc, b, x0, x1, x2, x3, x4, x5, ap, ao, t, cp, wt, load); break;
                            case 2: k6x2t(kc, b, x0, x1, x2, x3, x4, x5, ap, ao, t, cp, wt, load); break;
                            default: k6x1t(kc, b, x0, x1, x2, x3, x4, x5, ap, ao, t, cp, wt, load); break;
                        }
                    }
                }
            }
            // Cᵀ back into C, eight rows of C at a time: each pass over the buffer reads eight
            // adjacent values of a row of Cᵀ (one cache line) and writes them down a column of
            // eight rows of C. Row by row, every value read came from another line of a buffer
            // too large for L1 (measured at 64 × 784 · 256: 2–8% faster in float32, ~1% in
            // float64).
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                int co = cOff + (i0 + i) * n + jc;
                for (int j = 0; j < nc; j++) {
                    int tj = j * wt + i;
                    c[co + j] = t[tj];
                    c[co + n + j] = t[tj + 1];
                    c[co + 2 * n + j] = t[tj + 2];
                    c[co + 3 * n + j] = t[tj + 3];
                    c[co + 4 * n + j] = t[tj + 4];
                    c[co + 5 * n + j] = t[tj + 5];
                    c[co + 6 * n + j] = t[tj + 6];
                    c[co + 7 * n + j] = t[tj + 7];
                }
            }
            for (; i < rows; i++) {
                int co = cOff + (i0 + i) * n + jc;
                for (int j = 0; j < nc; j++) {
                    c[co + j] = t[j * wt + i];
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[i0:i0+rows, pc:pc+kc]} transposed into panels of {@value #TW} rows of A
     * (the last one rounded up to whole vectors, zero-padded): panel {@code q} of width {@code w}
     * at {@code q·TW·kc}, element {@code (i, p)} at {@code p·w + i}.
     */
    private static void packAT(boolean transA, double[] a, int aOff, int m, int k,
                               int i0, int rows, int pc, int kc, double[] ap) {
        for (int ip = 0; ip < rows; ip += TW) {
            int h = Math.min(TW, rows - ip);
            int w = roundUp(h, L);
            int dst = ip * kc;
            if (transA) {
                // op(A)[i][p] = A[p][i]: a panel row is a piece of a row of A.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * m + i0 + ip;
                    int d = dst + p * w;
                    for (int i = 0; i < h; i++) {
                        ap[d + i] = a[src + i];
                    }
                    for (int i = h; i < w; i++) {
                        ap[d + i] = 0.0;
                    }
                }
            } else {
                // p outer, so that the stores are contiguous: strided stores (one cache line
                // each, at a stride of 2^k bytes) ran several times slower.
                int src = aOff + (i0 + ip) * k + pc;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * w;
                    int sp = src + p;
                    for (int i = 0; i < h; i++) {
                        ap[d + i] = a[sp + i * k];
                    }
                    for (int i = h; i < w; i++) {
                        ap[d + i] = 0.0;
                    }
                }
            }
        }
    }

    // The transposed-output kernels: 6 rows of Cᵀ (rows of B, broadcast from B in place at the
    // offsets x0..x5, advancing by 1 per p) by {V} vectors of columns of Cᵀ (the packed panel of
    // op(A)ᵀ, advancing by V·L per p), kept in registers and stored at c[co + r·ldc + v·L].

    private static void k6x4t(int kc, double[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                               double[] ap, int ao, double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c02 = DoubleVector.fromArray(S, c, co + 2 * L);
            c03 = DoubleVector.fromArray(S, c, co + 3 * L);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c12 = DoubleVector.fromArray(S, c, co + ldc + 2 * L);
            c13 = DoubleVector.fromArray(S, c, co + ldc + 3 * L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c23 = DoubleVector.fromArray(S, c, co + 2 * ldc + 3 * L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c33 = DoubleVector.fromArray(S, c, co + 3 * ldc + 3 * L);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
            c42 = DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c43 = DoubleVector.fromArray(S, c, co + 4 * ldc + 3 * L);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
            c52 = DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            c53 = DoubleVector.fromArray(S, c, co + 5 * ldc + 3 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c02 = z; c03 = z; c10 = z; c11 = z; c12 = z; c13 = z; c20 = z; c21 = z; c22 = z; c23 = z; c30 = z; c31 = z; c32 = z; c33 = z; c40 = z; c41 = z; c42 = z; c43 = z; c50 = z; c51 = z; c52 = z; c53 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 4 * L;
            DoubleVector b0 = DoubleVector.fromArray(S, ap, q);
            DoubleVector b1 = DoubleVector.fromArray(S, ap, q + L);
            DoubleVector b2 = DoubleVector.fromArray(S, ap, q + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, ap, q + 3 * L);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02); c03 = b3.fma(a, c03);
            a = DoubleVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12); c13 = b3.fma(a, c13);
            a = DoubleVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22); c23 = b3.fma(a, c23);
            a = DoubleVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32); c33 = b3.fma(a, c33);
            a = DoubleVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42); c43 = b3.fma(a, c43);
            a = DoubleVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52); c53 = b3.fma(a, c53);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L); c13.intoArray(c, co + ldc + 3 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L); c23.intoArray(c, co + 2 * ldc + 3 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L); c33.intoArray(c, co + 3 * ldc + 3 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L); c42.intoArray(c, co + 4 * ldc + 2 * L); c43.intoArray(c, co + 4 * ldc + 3 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L); c52.intoArray(c, co + 5 * ldc + 2 * L); c53.intoArray(c, co + 5 * ldc + 3 * L);
    }

    private static void k6x3t(int kc, double[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                               double[] ap, int ao, double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c02 = DoubleVector.fromArray(S, c, co + 2 * L);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c12 = DoubleVector.fromArray(S, c, co + ldc + 2 * L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
            c42 = DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
            c52 = DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z; c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 3 * L;
            DoubleVector b0 = DoubleVector.fromArray(S, ap, q);
            DoubleVector b1 = DoubleVector.fromArray(S, ap, q + L);
            DoubleVector b2 = DoubleVector.fromArray(S, ap, q + 2 * L);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = DoubleVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = DoubleVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = DoubleVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            a = DoubleVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42);
            a = DoubleVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L); c42.intoArray(c, co + 4 * ldc + 2 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L); c52.intoArray(c, co + 5 * ldc + 2 * L);
    }

    private static void k6x2t(int kc, double[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                               double[] ap, int ao, double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 2 * L;
            DoubleVector b0 = DoubleVector.fromArray(S, ap, q);
            DoubleVector b1 = DoubleVector.fromArray(S, ap, q + L);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = DoubleVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = DoubleVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = DoubleVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = DoubleVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = DoubleVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
    }

    private static void k6x1t(int kc, double[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                               double[] ap, int ao, double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c10, c20, c30, c40, c50;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z; c40 = z; c50 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * L;
            DoubleVector b0 = DoubleVector.fromArray(S, ap, q);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00);
            a = DoubleVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10);
            a = DoubleVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20);
            a = DoubleVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30);
            a = DoubleVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40);
            a = DoubleVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50);
        }
        c00.intoArray(c, co);
        c10.intoArray(c, co + ldc);
        c20.intoArray(c, co + 2 * ldc);
        c30.intoArray(c, co + 3 * ldc);
        c40.intoArray(c, co + 4 * ldc);
        c50.intoArray(c, co + 5 * ldc);
    }

    /**
     * Packs {@code op(A)[ic:ic+mc, pc:pc+kc]} into tiles of MR rows (4 or 1 for a short last tile),
     * tile {@code t} at {@code t·MR·kc}, element {@code (i, p)} of a tile of height {@code r} at
     * {@code p·r + i}; rows past the end of a tile are zero.
     */
    private static void packA(boolean transA, double[] a, int aOff, int lda,
                              int ic, int mc, int pc, int kc, double[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int h = Math.min(MR, mc - ir);
            int rows = h >= 5 ? 8 : h >= 2 ? 4 : 1;
            int dst = ir * kc;
            if (transA) {
                // op(A)[i][p] = A[p][i]: a tile column is contiguous in A.
                int src = aOff + pc * lda + ic + ir;
                if (h == MR && rows == MR && L == MR) {
                    for (int p = 0; p < kc; p++) {
                        DoubleVector.fromArray(S, a, src + p * lda).intoArray(ap, dst + p * MR);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int d = dst + p * rows;
                        int sp = src + p * lda;
                        for (int i = 0; i < h; i++) {
                            ap[d + i] = a[sp + i];
                        }
                        for (int i = h; i < rows; i++) {
                            ap[d + i] = 0.0;
                        }
                    }
                }
            } else if (h == MR) {
                // p outer, eight rows of A read side by side: the stores are contiguous (one
                // row at a time, they went one cache line apart and ran several times slower).
                int s0 = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * MR;
                    int sp = s0 + p;
                    ap[d] = a[sp];
                    ap[d + 1] = a[sp + lda];
                    ap[d + 2] = a[sp + 2 * lda];
                    ap[d + 3] = a[sp + 3 * lda];
                    ap[d + 4] = a[sp + 4 * lda];
                    ap[d + 5] = a[sp + 5 * lda];
                    ap[d + 6] = a[sp + 6 * lda];
                    ap[d + 7] = a[sp + 7 * lda];
                }
            } else {
                int s0 = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * rows;
                    for (int i = 0; i < h; i++) {
                        ap[d + i] = a[s0 + i * lda + p];
                    }
                    for (int i = h; i < rows; i++) {
                        ap[d + i] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[pc:pc+kc, jc:jc+nc]} into panels NR wide (the last one rounded up to
     * whole vectors, padded with zeros), panel {@code t} at {@code t·NR·kc}, element {@code (p, j)}
     * of a panel of width {@code wp} at {@code p·wp + j}. With {@code lastOnly}, only a last panel
     * narrower than NR is packed (the full ones are read in place).
     */
    private static void packB(boolean transB, double[] b, int bOff, int ldb,
                              int pc, int kc, int jc, int nc, double[] bp, boolean lastOnly) {
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr);
            if (lastOnly && w == NR) {
                continue;
            }
            int wp = (w + L - 1) / L * L;
            int dst = jr * kc;
            if (transB) {
                // op(B)[p][j] = B[j][p]: a panel row is a column of B. Four rows of B at a time,
                // so that each packed row gets four adjacent stores per pass.
                int j = 0;
                if (GATHER && w >= L) {
                    int[] idx = new int[L];
                    for (int t = 0; t < L; t++) {
                        idx[t] = t * ldb;
                    }
                    for (; j + L <= w; j += L) {
                        int s0 = bOff + (jc + jr + j) * ldb + pc;
                        int d = dst + j;
                        for (int p = 0; p < kc; p++) {
                            DoubleVector.fromArray(S, b, s0 + p, idx, 0).intoArray(bp, d + p * wp);
                        }
                    }
                }
                for (; j + 4 <= w; j += 4) {
                    int s0 = bOff + (jc + jr + j) * ldb + pc;
                    int s1 = s0 + ldb;
                    int s2 = s1 + ldb;
                    int s3 = s2 + ldb;
                    int d = dst + j;
                    for (int p = 0; p < kc; p++) {
                        int dp = d + p * wp;
                        bp[dp] = b[s0 + p];
                        bp[dp + 1] = b[s1 + p];
                        bp[dp + 2] = b[s2 + p];
                        bp[dp + 3] = b[s3 + p];
                    }
                }
                for (; j < w; j++) {
                    int sp = bOff + (jc + jr + j) * ldb + pc;
                    int d = dst + j;
                    for (int p = 0; p < kc; p++) {
                        bp[d + p * wp] = b[sp + p];
                    }
                }
                for (j = w; j < wp; j++) {
                    int d = dst + j;
                    for (int p = 0; p < kc; p++) {
                        bp[d + p * wp] = 0.0;
                    }
                }
            } else {
                int src = bOff + pc * ldb + jc + jr;
                if (w == wp) {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * ldb;
                        int d = dst + p * wp;
                        for (int j = 0; j < wp; j += L) {
                            DoubleVector.fromArray(S, b, sp + j).intoArray(bp, d + j);
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * ldb;
                        int d = dst + p * wp;
                        for (int j = 0; j < w; j++) {
                            bp[d + j] = b[sp + j];
                        }
                        for (int j = w; j < wp; j++) {
                            bp[d + j] = 0.0;
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Runs the kernel {@code rows} (8, 4 or 1) high and {@code nv} (1 to 3) vectors wide. */
    private static void kernel(int rows, int nv, int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                               double[] c, int co, int ldc, boolean load) {
        switch (rows * 4 + nv) {
            case 8 * 4 + 3: k8x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 8 * 4 + 2: k8x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 8 * 4 + 1: k8x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 4 + 3: k4x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 4 + 2: k4x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 4 + 1: k4x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 1 * 4 + 3: k1x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 1 * 4 + 2: k1x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            default: k1x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
        }
    }

    // The kernels: {rows} x {vectors}. Each keeps its block of C in registers, seeded with zeros
    // (first k block) or with the partial sums already in C, and adds one rank-1 update per p:
    // c[i][v] = fma(b[v], broadcast(a[i]), c[i][v]). A is packed with a stride of `rows` per p,
    // B advances by `bs` per p (the packed panel's width, or ldb when B is read in place).

    private static void k8x3(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        DoubleVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c02 = DoubleVector.fromArray(S, c, co + 2 * L);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c12 = DoubleVector.fromArray(S, c, co + ldc + 2 * L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
            c42 = DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
            c52 = DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            c60 = DoubleVector.fromArray(S, c, co + 6 * ldc);
            c61 = DoubleVector.fromArray(S, c, co + 6 * ldc + L);
            c62 = DoubleVector.fromArray(S, c, co + 6 * ldc + 2 * L);
            c70 = DoubleVector.fromArray(S, c, co + 7 * ldc);
            c71 = DoubleVector.fromArray(S, c, co + 7 * ldc + L);
            c72 = DoubleVector.fromArray(S, c, co + 7 * ldc + 2 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z; c60 = z; c61 = z; c62 = z; c70 = z; c71 = z; c72 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bo + 2 * L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            a = DoubleVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42);
            a = DoubleVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52);
            a = DoubleVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60); c61 = b1.fma(a, c61); c62 = b2.fma(a, c62);
            a = DoubleVector.broadcast(S, ap[ao + 7]);
            c70 = b0.fma(a, c70); c71 = b1.fma(a, c71); c72 = b2.fma(a, c72);
            ao += 8;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L); c42.intoArray(c, co + 4 * ldc + 2 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L); c52.intoArray(c, co + 5 * ldc + 2 * L);
        c60.intoArray(c, co + 6 * ldc); c61.intoArray(c, co + 6 * ldc + L); c62.intoArray(c, co + 6 * ldc + 2 * L);
        c70.intoArray(c, co + 7 * ldc); c71.intoArray(c, co + 7 * ldc + L); c72.intoArray(c, co + 7 * ldc + 2 * L);
    }

    private static void k8x2(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        DoubleVector c60, c61, c70, c71;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co); c01 = DoubleVector.fromArray(S, c, co + L);
            c10 = DoubleVector.fromArray(S, c, co + ldc); c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc); c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc); c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc); c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc); c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
            c60 = DoubleVector.fromArray(S, c, co + 6 * ldc); c61 = DoubleVector.fromArray(S, c, co + 6 * ldc + L);
            c70 = DoubleVector.fromArray(S, c, co + 7 * ldc); c71 = DoubleVector.fromArray(S, c, co + 7 * ldc + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
            c60 = z; c61 = z; c70 = z; c71 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = DoubleVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = DoubleVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
            a = DoubleVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60); c61 = b1.fma(a, c61);
            a = DoubleVector.broadcast(S, ap[ao + 7]);
            c70 = b0.fma(a, c70); c71 = b1.fma(a, c71);
            ao += 8;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc); c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc); c71.intoArray(c, co + 7 * ldc + L);
    }

    private static void k8x1(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c10, c20, c30, c40, c50, c60, c70;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            c60 = DoubleVector.fromArray(S, c, co + 6 * ldc);
            c70 = DoubleVector.fromArray(S, c, co + 7 * ldc);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z; c40 = z; c50 = z; c60 = z; c70 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30);
            a = DoubleVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40);
            a = DoubleVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50);
            a = DoubleVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60);
            a = DoubleVector.broadcast(S, ap[ao + 7]);
            c70 = b0.fma(a, c70);
            ao += 8;
            bo += bs;
        }
        c00.intoArray(c, co);
        c10.intoArray(c, co + ldc);
        c20.intoArray(c, co + 2 * ldc);
        c30.intoArray(c, co + 3 * ldc);
        c40.intoArray(c, co + 4 * ldc);
        c50.intoArray(c, co + 5 * ldc);
        c60.intoArray(c, co + 6 * ldc);
        c70.intoArray(c, co + 7 * ldc);
    }

    private static void k4x3(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c02 = DoubleVector.fromArray(S, c, co + 2 * L);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c12 = DoubleVector.fromArray(S, c, co + ldc + 2 * L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bo + 2 * L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L);
    }

    private static void k4x2(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co); c01 = DoubleVector.fromArray(S, c, co + L);
            c10 = DoubleVector.fromArray(S, c, co + ldc); c11 = DoubleVector.fromArray(S, c, co + ldc + L);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc); c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc); c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
    }

    private static void k4x1(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c10, c20, c30;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c10 = DoubleVector.fromArray(S, c, co + ldc);
            c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co);
        c10.intoArray(c, co + ldc);
        c20.intoArray(c, co + 2 * ldc);
        c30.intoArray(c, co + 3 * ldc);
    }

    private static void k1x3(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01, c02;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
            c01 = DoubleVector.fromArray(S, c, co + L);
            c02 = DoubleVector.fromArray(S, c, co + 2 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z; c02 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bo + 2 * L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
    }

    private static void k1x2(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00, c01;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co); c01 = DoubleVector.fromArray(S, c, co + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z; c01 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
    }

    private static void k1x1(int kc, double[] ap, int ao, double[] bp, int bo, int bs,
                             double[] c, int co, int ldc, boolean load) {
        DoubleVector c00;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, co);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z;
        }
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
            DoubleVector a = DoubleVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co);
    }
}
