package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorFloatGemm.L;
import static io.jgrad.ndarray.VectorFloatGemm.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked micro-kernels of {@link VectorFloatGemm}'s packed path: one block of
 * {@code C}, {@code rows} high (8, 4, 1) by {@code nv} vectors of {@code L} floats wide (1 to 3),
 * kept in vector registers while {@code kc} rank-1 updates are added to it.
 *
 * <p>Each kernel seeds its block with zeros (the first block of {@code k}) or with the partial sums
 * already in {@code C}, then for each {@code p} does {@code c[i][v] = fma(b[v], broadcast(a[i]), c[i][v])}:
 * every element of {@code C} is one chain of fused multiply-adds in order of {@code p}. {@code A} is
 * packed with a stride of {@code rows} per {@code p}; {@code B} advances by {@code bs} per {@code p}
 * (the packed panel's width, or {@code ldb} when {@code B} is read in place). The main kernel,
 * 8×3, holds 24 accumulators, 3 vectors of {@code B} and one broadcast in the 32 vector
 * registers of AVX-512.
 */
final class VectorFloatKernels {

    private VectorFloatKernels() {
    }

    /** Runs the kernel {@code rows} (8, 4, 1) high and {@code nv} (1 to 3) vectors wide. */
    static void kernel(int rows, int nv, int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                       float[] c, int co, int ldc, boolean load) {
        switch (rows * 8 + nv) {
            case 8 * 8 + 3: k8x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 8 * 8 + 2: k8x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 8 * 8 + 1: k8x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 8 + 3: k4x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 8 + 2: k4x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 4 * 8 + 1: k4x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 1 * 8 + 3: k1x3(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            case 1 * 8 + 2: k1x2(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
            default: k1x1(kc, ap, ao, bp, bo, bs, c, co, ldc, load); break;
        }
    }

    private static void k8x3(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
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
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, co + 6 * ldc + L);
            c62 = FloatVector.fromArray(S, c, co + 6 * ldc + 2 * L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, co + 7 * ldc + L);
            c72 = FloatVector.fromArray(S, c, co + 7 * ldc + 2 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z; c60 = z; c61 = z; c62 = z; c70 = z; c71 = z; c72 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41); c42 = b2.fma(a, c42);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51); c52 = b2.fma(a, c52);
            a = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60); c61 = b1.fma(a, c61); c62 = b2.fma(a, c62);
            a = FloatVector.broadcast(S, ap[ao + 7]);
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

    private static void k8x2(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        FloatVector c60, c61, c70, c71;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co); c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc); c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc); c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc); c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc); c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc); c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc); c61 = FloatVector.fromArray(S, c, co + 6 * ldc + L);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc); c71 = FloatVector.fromArray(S, c, co + 7 * ldc + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z; c40 = z; c41 = z; c50 = z; c51 = z;
            c60 = z; c61 = z; c70 = z; c71 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40); c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50); c51 = b1.fma(a, c51);
            a = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60); c61 = b1.fma(a, c61);
            a = FloatVector.broadcast(S, ap[ao + 7]);
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

    private static void k8x1(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c10, c20, c30, c40, c50, c60, c70;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z; c40 = z; c50 = z; c60 = z; c70 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30);
            a = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(a, c40);
            a = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(a, c50);
            a = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = b0.fma(a, c60);
            a = FloatVector.broadcast(S, ap[ao + 7]);
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

    private static void k4x3(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
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
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11); c12 = b2.fma(a, c12);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21); c22 = b2.fma(a, c22);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31); c32 = b2.fma(a, c32);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L); c12.intoArray(c, co + ldc + 2 * L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L); c22.intoArray(c, co + 2 * ldc + 2 * L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L); c32.intoArray(c, co + 3 * ldc + 2 * L);
    }

    private static void k4x2(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co); c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + ldc); c11 = FloatVector.fromArray(S, c, co + ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc); c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc); c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10); c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20); c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30); c31 = b1.fma(a, c31);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc); c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc); c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc); c31.intoArray(c, co + 3 * ldc + L);
    }

    private static void k4x1(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c10, c20, c30;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c10 = z; c20 = z; c30 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            a = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(a, c10);
            a = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(a, c20);
            a = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(a, c30);
            ao += 4;
            bo += bs;
        }
        c00.intoArray(c, co);
        c10.intoArray(c, co + ldc);
        c20.intoArray(c, co + 2 * ldc);
        c30.intoArray(c, co + 3 * ldc);
    }

    private static void k1x3(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01, c02;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c02 = FloatVector.fromArray(S, c, co + 2 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01); c02 = b2.fma(a, c02);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L);
    }

    private static void k1x2(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00, c01;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co); c01 = FloatVector.fromArray(S, c, co + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00); c01 = b1.fma(a, c01);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L);
    }

    private static void k1x1(int kc, float[] ap, int ao, float[] bp, int bo, int bs,
                             float[] c, int co, int ldc, boolean load) {
        FloatVector c00;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector a = FloatVector.broadcast(S, ap[ao]);
            c00 = b0.fma(a, c00);
            ao += 1;
            bo += bs;
        }
        c00.intoArray(c, co);
    }
}
