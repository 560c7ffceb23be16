package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorFloatGemm.L;
import static io.jgrad.ndarray.VectorFloatGemm.S;
import static io.jgrad.ndarray.VectorFloatGemm.TW;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorFloatGemm}'s two paths for a transposed B ({@code x·Wᵀ}, a linear layer's forward)
 * with few rows of {@code C}, where packing Bᵀ would copy and transpose all of B for little reuse:
 * {@link #computeT}, which computes {@code Cᵀ = B·op(A)ᵀ} with B read in place, and {@link #gemv}
 * for a single row.
 */
final class VectorFloatSmallBatch {

    private VectorFloatSmallBatch() {
    }

    /**
     * Computes {@code C[i0:i1, j0:j1] = op(A)·Bᵀ} for a B stored {@code (n, k)}, as its transpose
     * {@code Cᵀ = B·op(A)ᵀ}: the broadcast operand is B itself, read in place, six rows at a time
     * (twelve when the rows of C fill one panel of two vectors),
     * and the vector operand is {@code op(A)ᵀ}, packed into panels {@value VectorFloatGemm#TW} rows
     * of C wide. Only A, the small operand, is copied. The products accumulate in a per-thread
     * buffer holding {@code Cᵀ} for {@link VectorFloatGemm#NC} columns of C at a time, copied into
     * C at the end.
     *
     * <p>Each element is the same chain {@code c = fma(a[i][p], b[p][j], c)} in order of p as in
     * the packed path ({@code fma} does not depend on the order of its factors), so the results
     * are bit-identical to it. Rows past the end of B's last tile repeat its last row and are
     * discarded; columns past the end of A's last panel are zero and discarded.
     */
    static void computeT(boolean transA, int m, int n, int k,
                         float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                         int i0, int i1, int j0, int j1) {
        VectorFloatGemm.Scratch s = VectorFloatGemm.scratch();
        int rows = i1 - i0;
        int wt = VectorFloatGemm.roundUp(rows, L);           // row stride of the Cᵀ buffer
        int kBlock = VectorFloatGemm.equalBlock(k, VectorFloatGemm.KT);
        float[] ap = s.ap(wt * kBlock);
        // The last tile of six rows of B may reach past nc (repeated rows, stored then discarded).
        float[] t = s.bp(VectorFloatGemm.roundUp(Math.min(VectorFloatGemm.NC, j1 - j0), 12) * wt);
        // Rows of C that fill one panel of two vectors (17 to 32 with AVX-512) take tiles of
        // twelve rows of B, so that each p loads two vectors for 24 fmas instead of 12.
        boolean twelve = rows > L && rows <= 2 * L;
        int[] xo = s.rowsOfB;
        for (int jc = j0; jc < j1; jc += VectorFloatGemm.NC) {
            int nc = Math.min(VectorFloatGemm.NC, j1 - jc);
            int last = jc + nc - 1;
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                boolean load = pc > 0;
                VectorFloatPacking.packAT(transA, a, aOff, m, k, i0, rows, pc, kc, ap);
                if (twelve) {
                    for (int jr = jc; jr <= last; jr += 12) {
                        for (int r = 0; r < 12; r++) {
                            xo[r] = bOff + Math.min(jr + r, last) * k + pc;
                        }
                        k12x2t(kc, b, xo, ap, t, (jr - jc) * wt, wt, load);
                    }
                    continue;
                }
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
     * {@code C[0, j0:j1] = a·Bᵀ} for a single row {@code a} of {@code k} values and B stored
     * {@code (n, k)}: six dot products at a time, each with one vector accumulator along
     * {@code k}, reading {@code a} and B in place. This is the one path whose order of summation
     * differs from the chain of the others (a single row gives the packed kernels one useful
     * lane in sixteen): per element, {@code acc[l] = fma(a[p], B[j][p], acc[l])} for the
     * {@code p ≡ l (mod L)} below {@code kv = k − k mod L}, then
     * {@code c = ((acc[0] + acc[1]) + …) + acc[L−1]}, then {@code c = fma(a[p], B[j][p], c)} for
     * the last {@code k mod L} values of {@code p}, all in {@code float}: a fixed order, the same
     * for every split. Rows past the end of B repeat its last row and are discarded.
     */
    static void gemv(int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int j0, int j1) {
        float[] acc = VectorFloatGemm.scratch().acc;
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
                float sum = 0.0f;
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
    private static void dot1x6(int kv, float[] a, int a0,
                               float[] b, int b0, int b1, int b2, int b3, int b4, int b5, float[] acc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        for (int p = 0; p < kv; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            c0 = x.fma(FloatVector.fromArray(S, b, b0 + p), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, b1 + p), c1);
            c2 = x.fma(FloatVector.fromArray(S, b, b2 + p), c2);
            c3 = x.fma(FloatVector.fromArray(S, b, b3 + p), c3);
            c4 = x.fma(FloatVector.fromArray(S, b, b4 + p), c4);
            c5 = x.fma(FloatVector.fromArray(S, b, b5 + p), c5);
        }
        c0.intoArray(acc, 0);
        c1.intoArray(acc, L);
        c2.intoArray(acc, 2 * L);
        c3.intoArray(acc, 3 * L);
        c4.intoArray(acc, 4 * L);
        c5.intoArray(acc, 5 * L);
    }

    // The transposed-output kernels: 6 rows of Cᵀ (rows of B, broadcast from B in place at the
    // offsets x0..x5, advancing by 1 per p) by {V} vectors of columns of Cᵀ (the packed panel of
    // op(A)ᵀ, advancing by V·L per p), kept in registers and stored at c[co + r·ldc + v·L].

    private static void k6x4t(int kc, float[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                              float[] ap, int ao, float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23;
        FloatVector c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c02 = FloatVector.fromArray(S, c, co + 2 * L);
            c03 = FloatVector.fromArray(S, c, co + 3 * L);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
            c13 = FloatVector.fromArray(S, c, co + ldc + 3 * L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c23 = FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c33 = FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c43 = FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
            c52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            c53 = FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z; c03 = z; c10 = z; c11 = z; c12 = z; c13 = z; c20 = z; c21 = z; c22 = z; c23 = z;
            c30 = z; c31 = z; c32 = z; c33 = z; c40 = z; c41 = z; c42 = z; c43 = z; c50 = z; c51 = z; c52 = z; c53 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 4 * L;
            FloatVector b0 = FloatVector.fromArray(S, ap, q);
            FloatVector b1 = FloatVector.fromArray(S, ap, q + L);
            FloatVector b2 = FloatVector.fromArray(S, ap, q + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, ap, q + 3 * L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02); c03 = b3.fma(a, c03);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12); c13 = b3.fma(a, c13);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22); c23 = b3.fma(a, c23);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32); c33 = b3.fma(a, c33);
            a = FloatVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42); c43 = b3.fma(a, c43);
            a = FloatVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52); c53 = b3.fma(a, c53);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L); c13.intoArray(c, co + ldc + 3 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L); c23.intoArray(c, co + 2 * ldc + 3 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L); c33.intoArray(c, co + 3 * ldc + 3 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L); c42.intoArray(c, co + 4 * ldc + 2 * L); c43.intoArray(c, co + 4 * ldc + 3 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L); c52.intoArray(c, co + 5 * ldc + 2 * L); c53.intoArray(c, co + 5 * ldc + 3 * L);
    }

    private static void k6x3t(int kc, float[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                              float[] ap, int ao, float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c02 = FloatVector.fromArray(S, c, co + 2 * L);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
            c52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 3 * L;
            FloatVector b0 = FloatVector.fromArray(S, ap, q);
            FloatVector b1 = FloatVector.fromArray(S, ap, q + L);
            FloatVector b2 = FloatVector.fromArray(S, ap, q + 2 * L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            a = FloatVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42);
            a = FloatVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L); c42.intoArray(c, co + 4 * ldc + 2 * L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L); c52.intoArray(c, co + 5 * ldc + 2 * L);
    }

    private static void k6x2t(int kc, float[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                              float[] ap, int ao, float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co); c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc); c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc); c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc); c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc); c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc); c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, ap, q);
            FloatVector b1 = FloatVector.fromArray(S, ap, q + L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc); c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc); c51.intoArray(c, co + 5 * ldc + L);
    }

    /**
     * The transposed-output kernel for one panel of two vectors: 12 rows of Cᵀ (rows of B,
     * broadcast from B in place at the offsets {@code xo[0..12)}, advancing by 1 per p) by two
     * vectors of columns of Cᵀ, stored at {@code c[co + r·ldc + v·L]}.
     */
    private static void k12x2t(int kc, float[] x, int[] xo, float[] ap, float[] c, int co, int ldc, boolean load) {
        int x0 = xo[0]; int x1 = xo[1]; int x2 = xo[2]; int x3 = xo[3]; int x4 = xo[4]; int x5 = xo[5];
        int x6 = xo[6]; int x7 = xo[7]; int x8 = xo[8]; int x9 = xo[9]; int x10 = xo[10]; int x11 = xo[11];
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91, c100, c101, c110, c111;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co + 0 * ldc + 0 * L); c01 = FloatVector.fromArray(S, c, co + 0 * ldc + 1 * L);
            c10 = FloatVector.fromArray(S, c, co + 1 * ldc + 0 * L); c11 = FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc + 0 * L); c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc + 0 * L); c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc + 0 * L); c41 = FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc + 0 * L); c51 = FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc + 0 * L); c61 = FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc + 0 * L); c71 = FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L);
            c80 = FloatVector.fromArray(S, c, co + 8 * ldc + 0 * L); c81 = FloatVector.fromArray(S, c, co + 8 * ldc + 1 * L);
            c90 = FloatVector.fromArray(S, c, co + 9 * ldc + 0 * L); c91 = FloatVector.fromArray(S, c, co + 9 * ldc + 1 * L);
            c100 = FloatVector.fromArray(S, c, co + 10 * ldc + 0 * L); c101 = FloatVector.fromArray(S, c, co + 10 * ldc + 1 * L);
            c110 = FloatVector.fromArray(S, c, co + 11 * ldc + 0 * L); c111 = FloatVector.fromArray(S, c, co + 11 * ldc + 1 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z; c60 = z; c61 = z; c70 = z; c71 = z; c80 = z; c81 = z; c90 = z; c91 = z; c100 = z; c101 = z; c110 = z; c111 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = p * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, ap, q);
            FloatVector b1 = FloatVector.fromArray(S, ap, q + L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
            a = FloatVector.broadcast(S, x[x6 + p]);
            c60 = b0.fma(a, c60); c61 = b1.fma(a, c61);
            a = FloatVector.broadcast(S, x[x7 + p]);
            c70 = b0.fma(a, c70); c71 = b1.fma(a, c71);
            a = FloatVector.broadcast(S, x[x8 + p]);
            c80 = b0.fma(a, c80); c81 = b1.fma(a, c81);
            a = FloatVector.broadcast(S, x[x9 + p]);
            c90 = b0.fma(a, c90); c91 = b1.fma(a, c91);
            a = FloatVector.broadcast(S, x[x10 + p]);
            c100 = b0.fma(a, c100); c101 = b1.fma(a, c101);
            a = FloatVector.broadcast(S, x[x11 + p]);
            c110 = b0.fma(a, c110); c111 = b1.fma(a, c111);
        }
        c00.intoArray(c, co + 0 * ldc + 0 * L); c01.intoArray(c, co + 0 * ldc + 1 * L);
        c10.intoArray(c, co + 1 * ldc + 0 * L); c11.intoArray(c, co + 1 * ldc + 1 * L);
        c20.intoArray(c, co + 2 * ldc + 0 * L); c21.intoArray(c, co + 2 * ldc + 1 * L);
        c30.intoArray(c, co + 3 * ldc + 0 * L); c31.intoArray(c, co + 3 * ldc + 1 * L);
        c40.intoArray(c, co + 4 * ldc + 0 * L); c41.intoArray(c, co + 4 * ldc + 1 * L);
        c50.intoArray(c, co + 5 * ldc + 0 * L); c51.intoArray(c, co + 5 * ldc + 1 * L);
        c60.intoArray(c, co + 6 * ldc + 0 * L); c61.intoArray(c, co + 6 * ldc + 1 * L);
        c70.intoArray(c, co + 7 * ldc + 0 * L); c71.intoArray(c, co + 7 * ldc + 1 * L);
        c80.intoArray(c, co + 8 * ldc + 0 * L); c81.intoArray(c, co + 8 * ldc + 1 * L);
        c90.intoArray(c, co + 9 * ldc + 0 * L); c91.intoArray(c, co + 9 * ldc + 1 * L);
        c100.intoArray(c, co + 10 * ldc + 0 * L); c101.intoArray(c, co + 10 * ldc + 1 * L);
        c110.intoArray(c, co + 11 * ldc + 0 * L); c111.intoArray(c, co + 11 * ldc + 1 * L);
    }

    private static void k6x1t(int kc, float[] x, int x0, int x1, int x2, int x3, int x4, int x5,
                              float[] ap, int ao, float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c10, c20, c30, c40, c50;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z; c40 = z; c50 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = ao + p * L;
            FloatVector b0 = FloatVector.fromArray(S, ap, q);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = b0.fma(a, c00);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = b0.fma(a, c10);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = b0.fma(a, c20);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = b0.fma(a, c30);
            a = FloatVector.broadcast(S, x[x4 + p]);
            c40 = b0.fma(a, c40);
            a = FloatVector.broadcast(S, x[x5 + p]);
            c50 = b0.fma(a, c50);
        }
        c00.intoArray(c, co);
        c10.intoArray(c, co + ldc);
        c20.intoArray(c, co + 2 * ldc);
        c30.intoArray(c, co + 3 * ldc);
        c40.intoArray(c, co + 4 * ldc);
        c50.intoArray(c, co + 5 * ldc);
    }
}
