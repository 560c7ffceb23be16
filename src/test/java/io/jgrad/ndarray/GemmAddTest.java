package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Kernels#gemmAdd} against {@code c + gemm(…)} computed apart, element by element. */
class GemmAddTest {

    @Test
    void addsTheProductToWhatCHoldsWithTheBitsOfAFreshProduct() {
        Random rng = new Random(9);
        int[][] shapes = {{3, 5, 4}, {17, 9, 33}, {1, 1, 1}, {0, 3, 2}, {4, 0, 3}, {2, 3, 0}, {64, 40, 8}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    int aOff = 2;
                    int bOff = 3;
                    int cOff = 1;
                    double[] a = random(rng, aOff + m * k);
                    double[] b = random(rng, bOff + k * n);
                    double[] c = random(rng, cOff + m * n + 2);
                    double[] product = new double[m * n];
                    Kernels.gemm(transA, transB, m, n, k, a, aOff, b, bOff, product, 0);
                    double[] expected = c.clone();
                    for (int i = 0; i < m * n; i++) {
                        expected[cOff + i] = c[cOff + i] + product[i];
                    }
                    Kernels.gemmAdd(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
                    assertThat(c).as("m=%d n=%d k=%d transA=%b transB=%b", m, n, k, transA, transB)
                            .containsExactly(expected);
                }
            }
        }
    }

    @Test
    void theThreadKeepsItsProductBufferUpToTheLimitOnly() {
        double[] kept = Kernels.scratch(1000);
        assertThat(kept.length).isGreaterThanOrEqualTo(1000);
        assertThat(Kernels.scratch(10)).isSameAs(kept);
        double[] large = Kernels.scratch(Kernels.SCRATCH_LIMIT + 1);
        assertThat(large).hasSizeGreaterThan(Kernels.SCRATCH_LIMIT);
        assertThat(Kernels.scratch(10)).as("the large buffer is not kept").isNotSameAs(large);
        double[] grown = Kernels.scratch(Math.max(kept.length + 1, 5000));
        assertThat(Kernels.scratch(10)).as("a grown buffer within the limit is kept").isSameAs(grown);
    }

    private static double[] random(Random rng, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        return d;
    }
}
