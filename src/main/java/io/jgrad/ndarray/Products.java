package io.jgrad.ndarray;

import io.jgrad.Shape;
import java.util.Arrays;

/**
 * Batched matrix products on arrays of rank ≥ 2: {@code C[…] = op(A[…]) · op(B[…])} for every index of
 * the broadcast batch dimensions (all but the last two), each product by {@link Kernels#gemm}.
 */
public final class Products {

    private Products() {
    }

    /**
     * The batched product.
     *
     * @param a rank ≥ 2, {@code (…, m, k)}, or {@code (…, k, m)} when {@code transA}
     * @param b rank ≥ 2, {@code (…, k, n)}, or {@code (…, n, k)} when {@code transB}
     * @param out the result's shape {@code (…batch, m, n)}, batch dims broadcast from both
     */
    public static NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB, Shape out) {
        int[] ad = a.shape().toArray();
        int[] bd = b.shape().toArray();
        int[] od = out.toArray();
        int m = od[od.length - 2];
        int n = od[od.length - 1];
        int k = transA ? ad[ad.length - 2] : ad[ad.length - 1];
        double[] c = new double[out.numel()];
        int batchRank = od.length - 2;
        if (batchRank == 0) {
            Kernels.gemm(transA, transB, m, n, k, a.data(), 0, b.data(), 0, c, 0);
            return new NDArray(c, out);
        }
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
        for (int t = 0; t < count; t++) {
            Kernels.gemm(transA, transB, m, n, k, a.data(), offA * aMat, b.data(), offB * bMat, c, t * cMat);
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
        return new NDArray(c, out);
    }
}
