package io.jgrad.ndarray;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatGemm} on the JDK's Vector API ({@code jdk.incubator.vector}): {@code C = op(A) · op(B)}
 * in single precision with {@code op(A)} of shape {@code (m, k)}, {@code op(B)} of shape
 * {@code (k, n)} and {@code C} of shape {@code (m, n)}, all row-major at their offsets. The design
 * is {@link VectorGemm}'s, in four files, one per idea:
 *
 * <ul>
 *   <li>this class: the choice of path, the split across threads ({@link GemmSplit}, shared with
 *       {@code VectorGemm}) and the loops of the packed path around the micro-kernels;</li>
 *   <li>{@link VectorFloatPacking}: copying blocks of {@code op(A)} and {@code op(B)} into the
 *       panels the micro-kernels read, which is where the transposes are absorbed;</li>
 *   <li>{@link VectorFloatKernels}: the register-blocked micro-kernels, an {@value #MR} ×
 *       {@code 3·L} block of {@code C} in 24 vector registers ({@code L} = floats per preferred
 *       vector, 16 with AVX-512);</li>
 *   <li>{@link VectorFloatSmallBatch}: the two paths that avoid packing a transposed B for few rows
 *       of {@code C} (a linear layer's forward {@code x·Wᵀ} at a small batch): {@code Cᵀ = B·op(A)ᵀ}
 *       with B read in place up to {@value #T_ROWS} rows, and a gemv for a single row.</li>
 * </ul>
 *
 * <p>Packed path: the {@code k} range is cut into equal blocks of at most {@value #KC}; for each,
 * {@code op(B)} is packed in blocks of {@link #NC} columns into panels {@code NR = 3·L} wide, and
 * {@code op(A)} in blocks of {@value #MC} rows into tiles of {@value #MR} rows. When few rows of
 * {@code C} share a B that is not transposed, the kernels read B in place instead (see
 * {@link #DIRECT_B_ROWS}). Tiles at the bottom and right edges use kernels 4 or 1 rows high and 1
 * or 2 vectors wide, padding the last vector (and rows up to the kernel's height) with zeros;
 * their results go through a small buffer so nothing outside {@code C} is written.
 *
 * <p>Determinism: every element of {@code C} is the chain
 * {@code c = fma(a[i][k-1], b[k-1][j], … fma(a[i][0], b[0][j], 0))} in {@code float}, in this exact
 * order, whatever the blocking, the kernel that computed it (the transposed-output path included:
 * {@code fma} does not depend on the order of its factors) or the thread that ran it (a block
 * after the first reloads the partial sums and continues the chain). The one exception is the
 * gemv, whose fixed order is given in {@link VectorFloatSmallBatch#gemv}; which path serves a
 * product depends on its shape alone. Results are therefore bit-identical for every thread count
 * and every split. (They differ in the last bits from {@link PlainFloatGemm}, which rounds each
 * product before adding it.)
 *
 * <p>Threads: products with {@code m·n·k} at least {@link #DEFAULT_PARALLEL_WORK} are split
 * across {@link GemmPool} by rows of {@code C}, or by columns when {@code C} is wider than tall.
 * Scratch buffers are per thread and reused, since first-touching fresh memory is slow.
 *
 * <p>These classes link against {@code jdk.incubator.vector}; {@link Kernels} only ever loads this
 * one by reflection, after checking that the module is in the boot layer.
 */
final class VectorFloatGemm implements FloatGemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int L = S.length();
    /**
     * Rows of the main kernel. 8 × 3 vectors (24 accumulators, 3 loads of B and 8 broadcasts of A
     * per {@code p}) measured faster than 6 × 4 and 12 × 2 at 512 × 512 on Zen 4 (medians of
     * three runs: 96, 86 and 81 GFLOP/s).
     */
    static final int MR = 8;
    /** Columns of the main kernel: three vectors. */
    static final int NR = 3 * L;
    /**
     * Most {@code k} per block (blocks are made equal). With floats the B panel of the main
     * kernel, {@code KC × NR}, is 48 KiB at 256 and lives in L2: 128 (24 KiB, in L1, as for
     * doubles, but with twice the loads and stores of C) was 4% slower at 512 × 512; 512 was no
     * faster.
     */
    static final int KC = 256;
    /** Rows of a packed block of A ({@code MC × KC} floats, meant for L2). A multiple of {@link #MR}. */
    static final int MC = 128;
    /** Columns of a packed block of B, a multiple of NR. */
    static final int NC = roundUp(768, NR);
    /**
     * Up to this many rows of C (per thread), a B that is not transposed is read in place rather
     * than packed: packing costs as much as the arithmetic when few rows reuse it. Only a last
     * panel narrower than NR is still packed.
     */
    static final int DIRECT_B_ROWS = 64;
    /**
     * A C of at least this many elements, or written in one block of k, is computed row of tiles
     * by row of tiles rather than column panel by column panel (see {@code compute}).
     */
    static final int ROW_ORDER_ELEMENTS = 1 << 17;
    /**
     * Up to this many rows of C, a product with a transposed B is computed as its transpose with
     * B read in place (see {@link VectorFloatSmallBatch#computeT}) instead of packing Bᵀ.
     */
    static final int T_ROWS = 64;
    /** Columns of Cᵀ (rows of C) per panel of the transposed-output kernels: four vectors. */
    static final int TW = 4 * L;
    /** Most {@code k} per block of the transposed-output path (blocks are made equal). */
    static final int KT = 512;

    /** Default {@code m·n·k} from which a product is split across threads (2^21). */
    static final long DEFAULT_PARALLEL_WORK = 1L << 21;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final int PACKED = 0;
    private static final int TRANSPOSED = 1;
    private static final int GEMV = 2;

    private final int threads;
    private final long parallelWork;
    private final int transposedRows;

    /** A kernel using {@link Kernels#threads()} threads for products of at least 2^21 multiply-adds. */
    VectorFloatGemm() {
        this(Kernels.threads(), DEFAULT_PARALLEL_WORK);
    }

    /**
     * A kernel with an explicit split policy (tests and benchmarks).
     *
     * @param threads the most parts a product is split into (1: never split)
     * @param parallelWork the smallest {@code m·n·k} that is split
     */
    VectorFloatGemm(int threads, long parallelWork) {
        this(threads, parallelWork, T_ROWS);
    }

    /**
     * A kernel with an explicit split policy and bound for the transposed-output path (tests,
     * which compare it with the packed path).
     *
     * @param transposedRows up to this many rows of C, a product with a transposed B is computed
     *     by the transposed-output path (0: never; a single row still takes the gemv)
     */
    VectorFloatGemm(int threads, long parallelWork, int transposedRows) {
        if (threads < 1) {
            throw new IllegalArgumentException("VectorFloatGemm: threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.parallelWork = parallelWork;
        this.transposedRows = transposedRows;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("VectorFloatGemm.gemm: sizes must be ≥ 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, cOff, cOff + m * n, 0.0f);
            return;
        }
        int parts = threads > 1 && (long) m * n * k >= parallelWork ? threads : 1;
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

    /** Computes the block {@code C[i0:i1, j0:j1]} on the calling thread, by the given path. */
    private static void compute(int path, boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                int i0, int i1, int j0, int j1) {
        if (path == GEMV) {
            // A single row: op(A) is k contiguous values whether transposed or not.
            VectorFloatSmallBatch.gemv(k, a, aOff, b, bOff, c, cOff, j0, j1);
        } else if (path == TRANSPOSED) {
            VectorFloatSmallBatch.computeT(transA, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1, j0, j1);
        } else {
            compute(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, i0, i1, j0, j1);
        }
    }

    /** Per-thread packing buffers, grown on demand and then reused. */
    static final class Scratch {
        private float[] ap = new float[0];
        private float[] bp = new float[0];
        /** An edge tile of C, so that nothing outside C is written. */
        final float[] tile = new float[MR * NR];
        /** The gemv's six vector accumulators. */
        final float[] acc = new float[6 * L];
        /** Offsets of the twelve rows of B of a transposed-output tile. */
        final int[] rowsOfB = new int[12];

        float[] ap(int size) {
            if (ap.length < size) {
                ap = new float[size];
            }
            return ap;
        }

        float[] bp(int size) {
            if (bp.length < size) {
                bp = new float[size];
            }
            return bp;
        }
    }

    /** This thread's scratch buffers. */
    static Scratch scratch() {
        return SCRATCH.get();
    }

    /** Computes the block {@code C[i0:i1, j0:j1]} by the packed path. */
    private static void compute(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        boolean directB = !transB && i1 - i0 <= DIRECT_B_ROWS;
        // Equal k blocks: a short last block would pay the kernels' load and store of C for
        // little work.
        int kBlock = equalBlock(k, KC);
        float[] ap = s.ap(Math.min(roundUp(i1 - i0, MR), MC) * kBlock);
        float[] bp = s.bp(Math.min(roundUp(j1 - j0, NR), NC) * kBlock);
        // Tile order, as in VectorGemm: column panel by column panel, a panel of B stays in L1
        // while the tiles of A pass by; row of tiles by row of tiles, C is written in MR
        // sequential streams that the hardware prefetches, which pays when C is written once or
        // is too large for the caches.
        boolean rowOrder = k <= KC || (long) m * n >= ROW_ORDER_ELEMENTS;
        for (int pc = 0; pc < k; pc += kBlock) {
            int kc = Math.min(kBlock, k - pc);
            boolean load = pc > 0;
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                VectorFloatPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp, directB);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    VectorFloatPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
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
                             float[] ap, float[] b, int bOff, int ldb, float[] bp,
                             float[] c, int cOff, int n, boolean load) {
        int w = Math.min(NR, nc - jr);
        int nv = (w + L - 1) / L;
        int wp = nv * L;
        float[] bArr;
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
        int rows = tileRows(h);
        int ao = ir * kc;
        int co = cOff + (ic + ir) * n + jc + jr;
        if (h == rows && w == wp) {
            VectorFloatKernels.kernel(rows, nv, kc, ap, ao, bArr, bo, bs, c, co, n, load);
        } else {
            float[] t = s.tile;
            if (load) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(c, co + i * n, t, i * wp, w);
                }
            }
            VectorFloatKernels.kernel(rows, nv, kc, ap, ao, bArr, bo, bs, t, 0, wp, load);
            for (int i = 0; i < h; i++) {
                System.arraycopy(t, i * wp, c, co + i * n, w);
            }
        }
    }

    /** The height of the kernel that computes a tile of {@code h ≤ MR} rows: MR, 4 or 1. */
    static int tileRows(int h) {
        return h > 4 ? MR : h > 1 ? 4 : 1;
    }

    /** The size of the equal blocks that cut {@code k} into as few blocks of at most {@code most}. */
    static int equalBlock(int k, int most) {
        int blocks = (k + most - 1) / most;
        return (k + blocks - 1) / blocks;
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
