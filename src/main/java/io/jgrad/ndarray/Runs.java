package io.jgrad.ndarray;

/**
 * Cuts an iteration over an output of some shape, with up to two operands read at strides of
 * their own (0 along broadcast dimensions), into runs along the last dimension: PyTorch's
 * TensorIterator in miniature, the one loop driver of the element-wise and movement kernels.
 *
 * <p>Dimensions of size 1 are dropped and neighbouring dimensions that every operand reads
 * contiguously are merged first, so a same-shape operation is one run, and {@code (N, C) + (C,)}
 * is {@code N} runs of {@code C}. Iterative: any rank, no recursion.
 */
final class Runs {

    /** Receives one run: output elements {@code out … out+len-1}, operands at the given offsets and inner strides. */
    interface Visitor {
        void run(int out, int len, int offA, int strideA, int offB, int strideB);
    }

    private final int[] dims;
    private final int[] sa;
    private final int[] sb;

    /**
     * @param dims the output's sizes
     * @param sa operand a's strides in the output's coordinates (0 where broadcast)
     * @param sb operand b's strides likewise (pass {@code sa} again for one operand)
     */
    Runs(int[] dims, int[] sa, int[] sb) {
        int rank = dims.length;
        int[] d = new int[rank];
        int[] a = new int[rank];
        int[] b = new int[rank];
        int r = 0;
        for (int i = 0; i < rank; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (r > 0 && a[r - 1] == sa[i] * dims[i] && b[r - 1] == sb[i] * dims[i]) {
                // dimension i continues the previous one for both operands: merge them
                d[r - 1] *= dims[i];
                a[r - 1] = sa[i];
                b[r - 1] = sb[i];
                continue;
            }
            d[r] = dims[i];
            a[r] = sa[i];
            b[r] = sb[i];
            r++;
        }
        this.dims = java.util.Arrays.copyOf(d, r);
        this.sa = java.util.Arrays.copyOf(a, r);
        this.sb = java.util.Arrays.copyOf(b, r);
    }

    /** Calls {@code v} once per run, in row-major order of the output. */
    void forEach(Visitor v) {
        int rank = dims.length;
        for (int dd : dims) {
            if (dd == 0) {
                return;
            }
        }
        if (rank == 0) {
            v.run(0, 1, 0, 0, 0, 0);
            return;
        }
        int inner = dims[rank - 1];
        int n = 1;
        for (int dd : dims) {
            n *= dd;
        }
        int[] idx = new int[rank];
        int offA = 0;
        int offB = 0;
        for (int start = 0; start < n; start += inner) {
            v.run(start, inner, offA, sa[rank - 1], offB, sb[rank - 1]);
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                offA += sa[d];
                offB += sb[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                offA -= sa[d] * dims[d];
                offB -= sb[d] * dims[d];
                idx[d] = 0;
            }
        }
    }
}
