package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.Arrays;

/**
 * Batched matrix products on arrays of rank ≥ 2: {@code C[…] = op(A[…]) · op(B[…])} for every index of
 * the broadcast batch dimensions (all but the last two), each product by {@link Kernels#gemm} in the
 * operands' dtype (float64, float32, or int64 by a plain loop).
 */
public final class Products {

    private Products() {
    }

    /**
     * The batched product; both operands have the same dtype (the caller checks it).
     *
     * @param a rank ≥ 2, {@code (…, m, k)}, or {@code (…, k, m)} when {@code transA}
     * @param b rank ≥ 2, {@code (…, k, n)}, or {@code (…, n, k)} when {@code transB}
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param out the result's shape {@code (…batch, m, n)}, batch dims broadcast from both
     * @return a new array of the operands' dtype
     * @throws IllegalArgumentException if the dtypes differ or are bool
     */
    public static NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB, Shape out) {
        DType t = a.dtype();
        if (b.dtype() != t || t == DType.BOOL) {
            throw new IllegalArgumentException("matmul: dtypes " + a.dtype().label() + " and " + b.dtype().label()
                    + " (shapes " + a.shape() + " and " + b.shape() + ") cannot be multiplied; convert both to one"
                    + " numeric dtype with to(DType)");
        }
        int[] ad = a.shape().toArray();
        int[] bd = b.shape().toArray();
        int[] od = out.toArray();
        int m = od[od.length - 2];
        int n = od[od.length - 1];
        int k = transA ? ad[ad.length - 2] : ad[ad.length - 1];
        NDArray c = NDArray.zeros(t, out);
        int batchRank = od.length - 2;
        int[] batch = Arrays.copyOf(od, batchRank);
        int[] sa = Broadcast.stridesFor(Arrays.copyOf(ad, ad.length - 2), batch);
        int[] sb = Broadcast.stridesFor(Arrays.copyOf(bd, bd.length - 2), batch);
        int aMat = m * k;
        int bMat = k * n;
        int cMat = m * n;
        int count = 1;
        for (int d : batch) {
            count *= d;
        }
        int[] idx = new int[batchRank];
        int offA = 0;
        int offB = 0;
        for (int p = 0; p < count; p++) {
            gemm(t, transA, transB, m, n, k, a, offA * aMat, b, offB * bMat, c, p * cMat);
            for (int d = batchRank - 1; d >= 0; d--) {
                idx[d]++;
                offA += sa[d];
                offB += sb[d];
                if (idx[d] < batch[d]) {
                    break;
                }
                offA -= sa[d] * batch[d];
                offB -= sb[d] * batch[d];
                idx[d] = 0;
            }
        }
        return c;
    }

    /**
     * A linear layer's forward, fused: {@code x·Wᵀ + b} with {@code x} {@code (M, K)}, {@code W}
     * {@code (N, K)} and {@code b} {@code (N,)} or {@code null}, all of one floating dtype (checked
     * by the caller); the bias is added row by row to the product.
     *
     * @param x the input array
     * @param w {@code W}, {@code (N, K)}
     * @param bias {@code b}, {@code (N,)}, or null for none
     * @return a new {@code (M, N)} array
     */
    public static NDArray addmm(NDArray x, NDArray w, NDArray bias) {
        int m = x.shape().get(0);
        int k = x.shape().get(1);
        int n = w.shape().get(0);
        NDArray out = NDArray.zeros(x.dtype(), Shape.of(m, n));
        gemm(x.dtype(), false, true, m, n, k, x, 0, w, 0, out, 0);
        if (bias != null) {
            NDArray row = bias.reshape(Shape.of(1, n));
            BinaryKernels kb = Kernels.set().binary();
            for (int i = 0; i < m; i++) {
                if (x.dtype() == DType.FLOAT64) {
                    kb.binary(BinaryOp.ADD, out.data(), i * n, 1, row.data(), 0, 1, out.data(), i * n, n);
                } else {
                    kb.binary(BinaryOp.ADD, out.floats(), i * n, 1, row.floats(), 0, 1, out.floats(), i * n, n);
                }
            }
        }
        return out;
    }

    /**
     * {@code C += op(A)·op(B)} into an existing 2-d array {@code c} of one floating dtype with
     * {@code a} and {@code b} (the product computed as by {@link #matmul}, then added element by
     * element, so each element gets the same bits as adding a fresh product); records the write
     * in {@code c}'s version.
     *
     * @param a the elements of {@code A}, row-major
     * @param b the elements of {@code B}, row-major
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param c receives {@code C}, row-major
     */
    public static void gemmAdd(NDArray a, NDArray b, boolean transA, boolean transB, NDArray c) {
        int m = c.shape().get(0);
        int n = c.shape().get(1);
        int k = transA ? a.shape().get(0) : a.shape().get(1);
        if (c.dtype() == DType.FLOAT64) {
            Kernels.gemmAdd(transA, transB, m, n, k, a.data(), 0, b.data(), 0, c.data(), 0);
        } else {
            Kernels.gemmAdd(transA, transB, m, n, k, a.floats(), 0, b.floats(), 0, c.floats(), 0);
        }
        c.bumpVersion();
    }

    private static void gemm(DType t, boolean transA, boolean transB, int m, int n, int k,
                             NDArray a, int aOff, NDArray b, int bOff, NDArray c, int cOff) {
        switch (t) {
            case FLOAT64:
                Kernels.gemm(transA, transB, m, n, k, a.data(), aOff, b.data(), bOff, c.data(), cOff);
                return;
            case FLOAT32:
                Kernels.gemm(transA, transB, m, n, k, a.floats(), aOff, b.floats(), bOff, c.floats(), cOff);
                return;
            case INT64:
                longGemm(transA, transB, m, n, k, a.longs(), aOff, b.longs(), bOff, c.longs(), cOff);
                return;
            default:
                throw new AssertionError(t);
        }
    }

    /**
     * {@code C = op(A)·op(B)} on int64 values (wrapping), row by row: {@code C[i][j] += A[i][p]·B[p][j]}
     * in {@code p} order. Integer products are rare enough in models not to need a blocked kernel.
     */
    private static void longGemm(boolean transA, boolean transB, int m, int n, int k,
                                 long[] a, int aOff, long[] b, int bOff, long[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int p = 0; p < k; p++) {
                long av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bOff + j * k + p];
                    }
                } else {
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            }
        }
    }
}
