package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorFloatGemm.L;
import static io.jgrad.ndarray.VectorFloatGemm.MR;
import static io.jgrad.ndarray.VectorFloatGemm.NR;
import static io.jgrad.ndarray.VectorFloatGemm.S;

import jdk.incubator.vector.FloatVector;

/**
 * The packing of {@link VectorFloatGemm}'s packed path: blocks of {@code op(A)} and {@code op(B)}
 * copied into the layout the micro-kernels ({@link VectorFloatKernels}) read with unit stride, so
 * that they see one layout only whatever the transposes. Panels are padded with zeros to whole
 * tiles; a padded row or column only ever produces values that are discarded.
 */
final class VectorFloatPacking {

    /**
     * Whether a transposed B is packed with gather loads ({@code L} rows of B at once); they are
     * compiled to hardware gathers on AVX2/AVX-512, but would be emulated, slowly, on short vectors.
     */
    private static final boolean GATHER = L >= 8;

    private VectorFloatPacking() {
    }

    /**
     * Packs {@code op(A)[ic:ic+mc, pc:pc+kc]} into tiles of MR rows (4 or 1 for a short last
     * tile, see {@link VectorFloatGemm#tileRows}), tile {@code t} at {@code t·MR·kc}, element
     * {@code (i, p)} of a tile of height {@code r} at {@code p·r + i}; rows past the end of a tile
     * are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda,
                      int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int h = Math.min(MR, mc - ir);
            int rows = VectorFloatGemm.tileRows(h);
            int dst = ir * kc;
            if (transA) {
                // op(A)[i][p] = A[p][i]: a tile column is contiguous in A.
                int src = aOff + pc * lda + ic + ir;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * rows;
                    System.arraycopy(a, src + p * lda, ap, d, h);
                    for (int i = h; i < rows; i++) {
                        ap[d + i] = 0.0f;
                    }
                }
            } else if (h == MR) {
                // p outer, MR rows of A read side by side: the stores are contiguous (one row at
                // a time, they would go one cache line apart).
                int s0 = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * MR;
                    int sp = s0 + p;
                    for (int i = 0; i < MR; i++) {
                        ap[d + i] = a[sp + i * lda];
                    }
                }
            } else {
                int s0 = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * rows;
                    for (int i = 0; i < h; i++) {
                        ap[d + i] = a[s0 + i * lda + p];
                    }
                    for (int i = h; i < rows; i++) {
                        ap[d + i] = 0.0f;
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
    static void packB(boolean transB, float[] b, int bOff, int ldb,
                      int pc, int kc, int jc, int nc, float[] bp, boolean lastOnly) {
        for (int jr = 0; jr < nc; jr += NR) {
            int w = Math.min(NR, nc - jr);
            if (lastOnly && w == NR) {
                continue;
            }
            int wp = (w + L - 1) / L * L;
            int dst = jr * kc;
            if (transB) {
                packBT(b, bOff, ldb, pc, kc, jc + jr, w, wp, bp, dst);
            } else {
                int src = bOff + pc * ldb + jc + jr;
                if (w == wp) {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * ldb;
                        int d = dst + p * wp;
                        for (int j = 0; j < wp; j += L) {
                            FloatVector.fromArray(S, b, sp + j).intoArray(bp, d + j);
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * ldb;
                        int d = dst + p * wp;
                        System.arraycopy(b, sp, bp, d, w);
                        for (int j = w; j < wp; j++) {
                            bp[d + j] = 0.0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * One panel of a transposed B: {@code op(B)[p][j] = B[j][p]}, so a panel row is a column of
     * B, for the {@code w} columns of {@code op(B)} from {@code j0}, zero-padded to {@code wp}.
     */
    private static void packBT(float[] b, int bOff, int ldb, int pc, int kc, int j0, int w, int wp,
                               float[] bp, int dst) {
        int j = 0;
        if (GATHER && w >= L) {
            int[] idx = new int[L];
            for (int t = 0; t < L; t++) {
                idx[t] = t * ldb;
            }
            for (; j + L <= w; j += L) {
                int s0 = bOff + (j0 + j) * ldb + pc;
                int d = dst + j;
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(S, b, s0 + p, idx, 0).intoArray(bp, d + p * wp);
                }
            }
        }
        // Four rows of B at a time, so that each packed row gets four adjacent stores per pass.
        for (; j + 4 <= w; j += 4) {
            int s0 = bOff + (j0 + j) * ldb + pc;
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
            int sp = bOff + (j0 + j) * ldb + pc;
            int d = dst + j;
            for (int p = 0; p < kc; p++) {
                bp[d + p * wp] = b[sp + p];
            }
        }
        for (j = w; j < wp; j++) {
            int d = dst + j;
            for (int p = 0; p < kc; p++) {
                bp[d + p * wp] = 0.0f;
            }
        }
    }

    /**
     * Packs {@code op(A)[i0:i0+rows, pc:pc+kc]} transposed for the transposed-output path, into
     * panels of {@link VectorFloatGemm#TW} rows of A (the last one rounded up to whole vectors,
     * zero-padded): panel {@code q} of width {@code w} at {@code q·TW·kc}, element {@code (i, p)}
     * at {@code p·w + i}.
     */
    static void packAT(boolean transA, float[] a, int aOff, int m, int k,
                       int i0, int rows, int pc, int kc, float[] ap) {
        for (int ip = 0; ip < rows; ip += VectorFloatGemm.TW) {
            int h = Math.min(VectorFloatGemm.TW, rows - ip);
            int w = VectorFloatGemm.roundUp(h, L);
            int dst = ip * kc;
            if (transA) {
                // op(A)[i][p] = A[p][i]: a panel row is a piece of a row of A.
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * w;
                    System.arraycopy(a, aOff + (pc + p) * m + i0 + ip, ap, d, h);
                    for (int i = h; i < w; i++) {
                        ap[d + i] = 0.0f;
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
                        ap[d + i] = 0.0f;
                    }
                }
            }
        }
    }
}
