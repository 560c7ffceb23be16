package io.jgrad.ndarray;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link Gemm} on EJML's {@code CommonOps_DDRM}: the arrays are wrapped as {@code DMatrixRMaj}
 * without copying, and the transposed forms use {@code multTransA}, {@code multTransB} and
 * {@code multTransAB}, so no transpose is ever materialised. EJML's matrices start at index 0, so a
 * matrix at a non-zero offset is copied into a scratch array first (batched matmul only).
 */
final class EjmlGemm implements Gemm {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
            return;
        }
        DMatrixRMaj ma = wrap(transA ? k : m, transA ? m : k, a, aOff);
        DMatrixRMaj mb = wrap(transB ? n : k, transB ? k : n, b, bOff);
        DMatrixRMaj mc = cOff == 0 ? DMatrixRMaj.wrap(m, n, c) : new DMatrixRMaj(m, n);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(ma, mb, mc);
        } else if (transA) {
            CommonOps_DDRM.multTransA(ma, mb, mc);
        } else if (transB) {
            CommonOps_DDRM.multTransB(ma, mb, mc);
        } else {
            CommonOps_DDRM.mult(ma, mb, mc);
        }
        if (cOff != 0) {
            System.arraycopy(mc.data, 0, c, cOff, m * n);
        }
    }

    private static DMatrixRMaj wrap(int rows, int cols, double[] data, int off) {
        if (off == 0) {
            return DMatrixRMaj.wrap(rows, cols, data);
        }
        double[] copy = new double[rows * cols];
        System.arraycopy(data, off, copy, 0, rows * cols);
        return DMatrixRMaj.wrap(rows, cols, copy);
    }
}
