package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Every operation's forward against a second implementation written here with plain loops over
 * multi-indices (and, for {@code matmul}, against EJML's {@code CommonOps_DDRM.mult}), on random
 * shapes that include broadcasting, size-1, 0-d and zero-size dimensions.
 */
class ForwardReferenceTest {

    private final Random rng = new Random(20240611);

    // ------------------------------------------------------------------ element-wise

    @Test
    void binaryOpsMatchLoopsOnRandomBroadcastShapes() {
        for (int trial = 0; trial < 300; trial++) {
            int[][] s = randomBroadcastPair();
            Tensor a = random(s[0]);
            Tensor b = random(s[1]);
            Tensor bPositive = positive(s[1]);
            Tensor aPositive = positive(s[0]);
            checkBinary("add", a, b, Tensor::add, Double::sum);
            checkBinary("sub", a, b, Tensor::sub, (x, y) -> x - y);
            checkBinary("mul", a, b, Tensor::mul, (x, y) -> x * y);
            checkBinary("div", a, bPositive, Tensor::div, (x, y) -> x / y);
            checkBinary("pow", aPositive, b, Tensor::pow, Math::pow);
        }
    }

    @Test
    void doubleOverloadsMatchLoops() {
        Tensor a = random(2, 3);
        double[] x = a.toArray();

        assertExact(a.add(2.5), map(x, v -> v + 2.5), 2, 3);
        assertExact(a.sub(2.5), map(x, v -> v - 2.5), 2, 3);
        assertExact(a.mul(2.5), map(x, v -> v * 2.5), 2, 3);
        assertExact(a.div(2.5), map(x, v -> v / 2.5), 2, 3);
        assertExact(positive(2, 3).pow(0.0), map(x, v -> 1.0), 2, 3);
        Tensor p = positive(2, 3);
        assertExact(p.pow(-1.5), map(p.toArray(), v -> Math.pow(v, -1.5)), 2, 3);
    }

    @Test
    void reluOfSpecialValuesKeepsNaNAndGivesPositiveZero() {
        Tensor x = Tensor.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1.0, 2.0);
        double[] y = x.relu().toArray();
        assertThat(y).containsExactly(Double.NaN, 0.0, 0.0, 0.0, Double.POSITIVE_INFINITY, 0.0, 2.0);
        assertThat(Double.doubleToRawLongBits(y[1])).as("relu(-0) is +0, as NumPy's maximum").isZero();
    }

    @Test
    void unaryOpsMatchLoops() {
        int[][] shapes = {{}, {1}, {3}, {2, 3}, {1, 4, 1}, {0}, {2, 0, 3}};
        for (int[] s : shapes) {
            Tensor a = random(s);
            Tensor p = positive(s);
            double[] x = a.toArray();
            double[] px = p.toArray();
            assertExact(a.neg(), map(x, v -> -v), s);
            assertExact(a.exp(), map(x, Math::exp), s);
            assertExact(p.log(), map(px, Math::log), s);
            assertExact(a.relu(), map(x, v -> v > 0 ? v : 0), s);
            assertExact(a.tanh(), map(x, Math::tanh), s);
            assertClose(a.sigmoid(), map(x, v -> 1 / (1 + Math.exp(-v))), s, 1e-15);
            assertExact(p.sqrt(), map(px, Math::sqrt), s);
            assertExact(a.abs(), map(x, Math::abs), s);
        }
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        Tensor s = Tensor.of(-1000, -40, 0, 40, 1000).sigmoid();

        assertClose(s, new double[] {0.0, 1 / (1 + Math.exp(40)), 0.5, 1 / (1 + Math.exp(-40)), 1.0}, new int[] {5},
                1e-15);
        assertThat(s.getDouble(1)).isCloseTo(1 / (1 + Math.exp(40)), org.assertj.core.api.Assertions.withinPercentage(1e-12));
        assertThat(s.toArray()).doesNotContain(Double.NaN);
    }

    // ------------------------------------------------------------------ matmul

    @Test
    void matmul2dMatchesEjmlOnRandomShapes() {
        for (int trial = 0; trial < 200; trial++) {
            int m = rng.nextInt(8);
            int k = rng.nextInt(8);
            int n = rng.nextInt(8);
            Tensor a = random(m, k);
            Tensor b = random(k, n);
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            CommonOps_DDRM.mult(DMatrixRMaj.wrap(m, k, a.toArray()), DMatrixRMaj.wrap(k, n, b.toArray()), c);

            assertClose(a.matmul(b), c.data, new int[] {m, n}, 1e-12);
            assertClose(a.matmul(b), tripleLoop(a.toArray(), b.toArray(), m, k, n), new int[] {m, n}, 1e-12);
        }
    }

    @Test
    void matmulOfLargerMatricesMatchesEjml() {
        int[][] sizes = {{64, 64, 64}, {33, 70, 17}, {1, 200, 1}, {128, 3, 96}};
        for (int[] s : sizes) {
            Tensor a = random(s[0], s[1]);
            Tensor b = random(s[1], s[2]);
            DMatrixRMaj c = new DMatrixRMaj(s[0], s[2]);
            CommonOps_DDRM.mult(DMatrixRMaj.wrap(s[0], s[1], a.toArray()), DMatrixRMaj.wrap(s[1], s[2], b.toArray()), c);

            assertClose(a.matmul(b), c.data, new int[] {s[0], s[2]}, 1e-12);
        }
    }

    @Test
    void matmulOfAnyRanksMatchesTorchRulesBuiltOnEjml() {
        for (int trial = 0; trial < 300; trial++) {
            int rankA = 1 + rng.nextInt(4);
            int rankB = 1 + rng.nextInt(4);
            int m = rng.nextInt(4);
            int k = rng.nextInt(4);
            int n = rng.nextInt(4);
            int batchRank = Math.max(rankA, rankB) - 2;
            int[] batch = new int[Math.max(batchRank, 0)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = 1 + rng.nextInt(3);
            }
            int[] sa = operandShape(rankA, batch, m, k, true);
            int[] sb = operandShape(rankB, batch, k, n, false);
            Tensor a = random(sa);
            Tensor b = random(sb);
            Reference ref = referenceMatmul(a, b);

            assertClose(a.matmul(b), ref.values, ref.dims, 1e-12);
        }
    }

    @Test
    void matmulRankCombinationsHaveTorchShapes() {
        assertThat(random(3).matmul(random(3)).shape()).isEqualTo(Shape.of());
        assertThat(random(2, 3).matmul(random(3)).shape()).isEqualTo(Shape.of(2));
        assertThat(random(3).matmul(random(3, 4)).shape()).isEqualTo(Shape.of(4));
        assertThat(random(5, 2, 3).matmul(random(3)).shape()).isEqualTo(Shape.of(5, 2));
        assertThat(random(3).matmul(random(5, 3, 4)).shape()).isEqualTo(Shape.of(5, 4));
        assertThat(random(2, 1, 2, 3).matmul(random(4, 3, 5)).shape()).isEqualTo(Shape.of(2, 4, 2, 5));
        assertThat(Tensor.of(1, 2, 3).matmul(Tensor.of(4, 5, 6)).item()).isEqualTo(32.0);
    }

    // ------------------------------------------------------------------ reductions

    @Test
    void reductionsAlongADimMatchLoops() {
        int[][] shapes = {{4}, {2, 3}, {3, 1}, {2, 3, 4}, {1, 2, 1, 3}, {0, 3}, {2, 0}, {2, 0, 3}};
        for (int[] s : shapes) {
            Tensor a = random(s);
            for (int d = -s.length; d < s.length; d++) {
                int dim = d < 0 ? d + s.length : d;
                for (boolean keep : new boolean[] {false, true}) {
                    Reference sum = reduce(a, dim, keep, "sum");
                    Reference mean = reduce(a, dim, keep, "mean");
                    assertClose(a.sum(d, keep), sum.values, sum.dims, 1e-13);
                    assertClose(a.mean(d, keep), mean.values, mean.dims, 1e-13);
                }
                Reference sum = reduce(a, dim, false, "sum");
                assertClose(a.sum(d), sum.values, sum.dims, 1e-13);
                assertClose(a.mean(d), reduce(a, dim, false, "mean").values, sum.dims, 1e-13);
                if (s[dim] > 0) {
                    Reference max = reduce(a, dim, false, "max");
                    assertExact(a.max(d), max.values, max.dims);
                }
            }
        }
    }

    @Test
    void fullReductionsMatchLoops() {
        int[][] shapes = {{}, {1}, {5}, {2, 3}, {2, 3, 4}};
        for (int[] s : shapes) {
            Tensor a = random(s);
            double[] x = a.toArray();
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                sum += v;
                max = Math.max(max, v);
            }
            assertClose(a.sum(), new double[] {sum}, new int[0], 1e-14);
            assertClose(a.mean(), new double[] {sum / x.length}, new int[0], 1e-14);
            assertExact(a.max(), new double[] {max}, new int[0]);
        }
    }

    @Test
    void maxTakesTheFirstOfTiedMaximaAlongADimAndSharesTheGradientOverAll() {
        Tensor a = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 0}}).requiresGrad(true);
        Tensor m = a.max(1);
        m.sum().backward();

        assertThat(m.toArray()).containsExactly(3, 2);
        assertThat(a.grad().toArray()).containsExactly(0, 1, 0, 1, 0, 0);

        Tensor b = Tensor.of(new double[][] {{1, 3, 3}, {2, 3, 0}}).requiresGrad(true);
        b.max().backward();
        assertThat(b.grad().toArray()).containsExactly(0, 1. / 3, 1. / 3, 0, 1. / 3, 0);
    }

    // ------------------------------------------------------------------ movement

    @Test
    void getMatchesLoops() {
        int[] s = {3, 4, 2};
        Tensor a = random(s);
        for (int i = -3; i < 3; i++) {
            assertExact(a.get(i), block(a, new int[] {i}), 4, 2);
            for (int j = -4; j < 4; j++) {
                assertExact(a.get(i, j), block(a, new int[] {i, j}), 2);
                assertExact(a.get(i, j, 1), block(a, new int[] {i, j, 1}));
            }
        }
        assertExact(a.get(), a.toArray(), s);
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        Tensor a = random(2, 3, 4);

        assertExact(a.reshape(4, 6), a.toArray(), 4, 6);
        assertExact(a.reshape(-1), a.toArray(), 24);
        assertExact(a.reshape(2, -1, 2), a.toArray(), 2, 6, 2);
        assertExact(Tensor.scalar(3).reshape(1, 1, 1), new double[] {3}, 1, 1, 1);
        assertExact(random(0, 3).reshape(3, 0), new double[0], 3, 0);
        assertExact(random(0, 3).reshape(-1, 6), new double[0], 0, 6);
    }

    @Test
    void transposeMatchesLoops() {
        int[][] shapes = {{2, 3}, {2, 3, 4}, {1, 2, 3, 2}, {0, 3}, {3, 1}};
        for (int[] s : shapes) {
            Tensor a = random(s);
            for (int d0 = 0; d0 < s.length; d0++) {
                for (int d1 = 0; d1 < s.length; d1++) {
                    Reference ref = transpose(a, d0, d1);
                    assertExact(a.transpose(d0, d1), ref.values, ref.dims);
                    assertExact(a.transpose(d0 - s.length, d1), ref.values, ref.dims);
                }
            }
        }
    }

    @Test
    void expandMatchesLoops() {
        for (int trial = 0; trial < 100; trial++) {
            int[][] s = randomBroadcastPair();
            int[] to = broadcastShape(s[0], s[1]);
            Tensor a = random(s[0]);
            assertExact(a.expand(to), broadcastRead(a, to), to);
        }
    }

    // ------------------------------------------------------------------ softmax family

    @Test
    void softmaxAndLogSoftmaxMatchLoops() {
        int[][] shapes = {{5}, {2, 4}, {3, 1}, {2, 3, 4}, {0, 3}, {3, 0}};
        for (int[] s : shapes) {
            Tensor a = random(s);
            for (int dim = 0; dim < s.length; dim++) {
                assertClose(a.softmax(dim), softmax(a, dim, false), s, 1e-14);
                assertClose(a.logSoftmax(dim), softmax(a, dim, true), s, 1e-14);
                assertClose(a.softmax(dim - s.length), softmax(a, dim, false), s, 1e-14);
            }
        }
    }

    @Test
    void softmaxFamilyIsStableForLargeLogits() {
        Tensor a = Tensor.of(1000, 1001, 999);
        Tensor shifted = Tensor.of(1, 2, 0);

        assertClose(a.softmax(0), shifted.softmax(0).toArray(), new int[] {3}, 1e-15);
        assertClose(a.logSoftmax(0), shifted.logSoftmax(0).toArray(), new int[] {3}, 1e-13);
        assertThat(Tensor.of(-1e308, 1e308).logSoftmax(0).toArray()).containsExactly(Double.NEGATIVE_INFINITY, 0.0);
    }

    // ------------------------------------------------------------------ fused ops used by the layers

    @Test
    void addMmMatchesLoops() {
        Tensor x = random(4, 3);
        Tensor w = random(5, 3);
        Tensor b = random(5);
        double[] expected = new double[20];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                double s = b.getDouble(j);
                for (int k = 0; k < 3; k++) {
                    s += x.getDouble(i, k) * w.getDouble(j, k);
                }
                expected[i * 5 + j] = s;
            }
        }

        assertClose(AddMm.apply(x, w, b), expected, new int[] {4, 5}, 1e-13);
        assertClose(AddMm.apply(x, w, null), x.matmul(w.t()).toArray(), new int[] {4, 5}, 1e-13);
    }

    @Test
    void crossEntropyMatchesLoops() {
        Tensor logits = random(3, 4);
        int[] targets = {2, 0, 3};
        double total = 0;
        for (int i = 0; i < 3; i++) {
            double z = 0;
            for (int j = 0; j < 4; j++) {
                z += Math.exp(logits.getDouble(i, j));
            }
            total += Math.log(z) - logits.getDouble(i, targets[i]);
        }

        assertClose(CrossEntropy.apply(logits, targets), new double[] {total / 3}, new int[0], 1e-14);
    }

    // ------------------------------------------------------------------ zero-size dimensions

    @Test
    void zeroSizeDimensions() {
        assertExact(Tensor.zeros(0, 3).add(Tensor.of(1, 2, 3)), new double[0], 0, 3);
        assertExact(Tensor.zeros(0, 3).mul(Tensor.zeros(1, 3)), new double[0], 0, 3);
        assertExact(Tensor.zeros(0, 3).sum(0), new double[] {0, 0, 0}, 3);
        assertExact(Tensor.zeros(0, 3).sum(1), new double[0], 0);
        assertExact(Tensor.zeros(0, 3).sum(), new double[] {0}, new int[0]);
        assertExact(Tensor.zeros(2, 0).sum(1, true), new double[] {0, 0}, 2, 1);
        assertThat(Tensor.zeros(0, 3).mean(0).toArray()).containsOnly(Double.NaN);
        assertExact(random(2, 0).matmul(random(0, 3)), new double[6], 2, 3);
        assertExact(random(0, 3).matmul(random(3, 2)), new double[0], 0, 2);
        assertExact(random(2, 3).matmul(random(3, 0)), new double[0], 2, 0);
        assertExact(random(0).matmul(random(0)), new double[] {0}, new int[0]);
        assertExact(random(4, 2, 0).matmul(random(0, 3)), new double[24], 4, 2, 3);
        assertExact(random(0, 2, 3).matmul(random(3, 2)), new double[0], 0, 2, 2);
        assertExact(Tensor.zeros(0, 1).expand(0, 4), new double[0], 0, 4);
        assertExact(Tensor.zeros(0, 3).transpose(0, 1), new double[0], 3, 0);
        assertExact(Tensor.zeros(0, 3).softmax(1), new double[0], 0, 3);
        assertExact(Tensor.zeros(2, 0, 3).get(1), new double[0], 0, 3);
    }

    @Test
    void gradientsThroughZeroSizeDimensions() {
        Tensor a = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor b = Tensor.of(1, 2, 3).requiresGrad(true);
        a.add(b).sum().backward();

        assertThat(a.grad().shape()).isEqualTo(Shape.of(0, 3));
        assertThat(b.grad().toArray()).containsExactly(0, 0, 0);

        Tensor x = random(2, 0).requiresGrad(true);
        Tensor y = random(0, 3).requiresGrad(true);
        x.matmul(y).sum().backward();
        assertThat(x.grad().shape()).isEqualTo(Shape.of(2, 0));
        assertThat(y.grad().shape()).isEqualTo(Shape.of(0, 3));
    }

    // ------------------------------------------------------------------ the references

    /** Values and shape computed by a reference. */
    private record Reference(double[] values, int[] dims) {
    }

    private void checkBinary(String op, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f,
                             DoubleBinaryOperator g) {
        int[] out = broadcastShape(a.shape().toArray(), b.shape().toArray());
        double[] x = broadcastRead(a, out);
        double[] y = broadcastRead(b, out);
        double[] expected = new double[x.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = g.applyAsDouble(x[i], y[i]);
        }
        Tensor r = f.apply(a, b);
        assertThat(r.shape()).as("%s %s %s", op, a.shape(), b.shape()).isEqualTo(Shape.of(out));
        assertThat(r.toArray()).as("%s %s %s", op, a.shape(), b.shape()).containsExactly(expected);
    }

    // NumPy's rule, written independently of Broadcast: align right, each pair equal or one is 1
    private static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int x = i <= a.length ? a[a.length - i] : 1;
            int y = i <= b.length ? b[b.length - i] : 1;
            if (x != y && x != 1 && y != 1) {
                throw new AssertionError("test bug: no broadcast");
            }
            out[rank - i] = x == 1 ? y : x;
        }
        return out;
    }

    /** The elements of {@code t} read as if broadcast to {@code to}, row-major over {@code to}. */
    private static double[] broadcastRead(Tensor t, int[] to) {
        int[] from = t.shape().toArray();
        double[] src = t.toArray();
        double[] out = new double[numel(to)];
        int lead = to.length - from.length;
        for (int flat = 0; flat < out.length; flat++) {
            int[] idx = unravel(flat, to);
            int[] srcIdx = new int[from.length];
            for (int i = 0; i < from.length; i++) {
                srcIdx[i] = from[i] == 1 ? 0 : idx[lead + i];
            }
            out[flat] = src[ravel(srcIdx, from)];
        }
        return out;
    }

    private static double[] tripleLoop(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    // a matmul operand (…batch, rows, cols); 1-d it is the inner size alone: cols on the left, rows on the right
    private int[] operandShape(int rank, int[] batch, int rows, int cols, boolean left) {
        if (rank == 1) {
            return new int[] {left ? cols : rows};
        }
        int[] s = new int[rank];
        int nb = rank - 2;
        for (int i = 0; i < nb; i++) {
            int b = batch[batch.length - nb + i];
            s[i] = rng.nextInt(3) == 0 ? 1 : b;
        }
        s[rank - 2] = rows;
        s[rank - 1] = cols;
        return s;
    }

    /**
     * {@code torch.matmul}: 1-d operands promoted ({@code (k,)} → {@code (1, k)} on the left,
     * {@code (k, 1)} on the right), batch dims broadcast, each matrix product by EJML, promoted
     * dims removed.
     */
    private static Reference referenceMatmul(Tensor a, Tensor b) {
        int[] sa = a.shape().toArray();
        int[] sb = b.shape().toArray();
        int[] pa = sa.length == 1 ? new int[] {1, sa[0]} : sa;
        int[] pb = sb.length == 1 ? new int[] {sb[0], 1} : sb;
        int m = pa[pa.length - 2];
        int k = pa[pa.length - 1];
        int n = pb[pb.length - 1];
        int[] batchA = Arrays.copyOf(pa, pa.length - 2);
        int[] batchB = Arrays.copyOf(pb, pb.length - 2);
        int[] batch = broadcastShape(batchA, batchB);
        int count = numel(batch);
        double[] out = new double[count * m * n];
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int t = 0; t < count; t++) {
            int[] idx = unravel(t, batch);
            int ia = ravel(project(idx, batchA), batchA);
            int ib = ravel(project(idx, batchB), batchB);
            DMatrixRMaj ma = new DMatrixRMaj(m, k);
            DMatrixRMaj mb = new DMatrixRMaj(k, n);
            System.arraycopy(x, ia * m * k, ma.data, 0, m * k);
            System.arraycopy(y, ib * k * n, mb.data, 0, k * n);
            DMatrixRMaj mc = new DMatrixRMaj(m, n);
            CommonOps_DDRM.mult(ma, mb, mc);
            if (k == 0) {
                mc.zero();
            }
            System.arraycopy(mc.data, 0, out, t * m * n, m * n);
        }
        int[] dims = Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = m;
        dims[batch.length + 1] = n;
        if (sa.length == 1 && sb.length == 1) {
            dims = new int[0];
        } else if (sa.length == 1) {
            dims = remove(dims, dims.length - 2);
        } else if (sb.length == 1) {
            dims = remove(dims, dims.length - 1);
        }
        return new Reference(out, dims);
    }

    // the index into a (right-aligned, possibly size-1) operand of a broadcast index
    private static int[] project(int[] idx, int[] dims) {
        int[] out = new int[dims.length];
        int lead = idx.length - dims.length;
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i] == 1 ? 0 : idx[lead + i];
        }
        return out;
    }

    private static Reference reduce(Tensor a, int dim, boolean keep, String how) {
        int[] s = a.shape().toArray();
        int[] kept = s.clone();
        kept[dim] = 1;
        double[] x = a.toArray();
        double[] out = new double[numel(kept)];
        for (int flat = 0; flat < out.length; flat++) {
            int[] idx = unravel(flat, kept);
            double acc = how.equals("max") ? Double.NEGATIVE_INFINITY : 0;
            for (int j = 0; j < s[dim]; j++) {
                idx[dim] = j;
                double v = x[ravel(idx, s)];
                acc = how.equals("max") ? Math.max(acc, v) : acc + v;
            }
            out[flat] = how.equals("mean") ? acc / s[dim] : acc;
        }
        return new Reference(out, keep ? kept : remove(s, dim));
    }

    private static double[] block(Tensor a, int[] index) {
        int[] s = a.shape().toArray();
        int[] rest = Arrays.copyOfRange(s, index.length, s.length);
        double[] x = a.toArray();
        double[] out = new double[numel(rest)];
        for (int flat = 0; flat < out.length; flat++) {
            int[] tail = unravel(flat, rest);
            int[] full = new int[s.length];
            for (int i = 0; i < index.length; i++) {
                full[i] = index[i] < 0 ? index[i] + s[i] : index[i];
            }
            System.arraycopy(tail, 0, full, index.length, tail.length);
            out[flat] = x[ravel(full, s)];
        }
        return out;
    }

    private static Reference transpose(Tensor a, int d0, int d1) {
        int[] s = a.shape().toArray();
        int[] o = s.clone();
        o[d0] = s[d1];
        o[d1] = s[d0];
        double[] x = a.toArray();
        double[] out = new double[x.length];
        for (int flat = 0; flat < out.length; flat++) {
            int[] idx = unravel(flat, o);
            int tmp = idx[d0];
            idx[d0] = idx[d1];
            idx[d1] = tmp;
            out[flat] = x[ravel(idx, s)];
        }
        return new Reference(out, o);
    }

    // the textbook formula, without the max subtracted: fine for the small logits used here
    private static double[] softmax(Tensor a, int dim, boolean log) {
        int[] s = a.shape().toArray();
        double[] x = a.toArray();
        double[] out = new double[x.length];
        for (int flat = 0; flat < x.length; flat++) {
            int[] idx = unravel(flat, s);
            double z = 0;
            for (int j = 0; j < s[dim]; j++) {
                int[] other = idx.clone();
                other[dim] = j;
                z += Math.exp(x[ravel(other, s)]);
            }
            out[flat] = log ? x[flat] - Math.log(z) : Math.exp(x[flat]) / z;
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private int[][] randomBroadcastPair() {
        int rank = rng.nextInt(5);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = rng.nextInt(10) == 0 ? 0 : 1 + rng.nextInt(3);
        }
        return new int[][] {operandOf(out), operandOf(out)};
    }

    // a shape that broadcasts to `out`: a suffix of it, with some sizes replaced by 1
    private int[] operandOf(int[] out) {
        int drop = rng.nextInt(out.length + 1);
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int i = 0; i < s.length; i++) {
            if (rng.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    private Tensor random(int... shape) {
        return Tensor.randn(rng, shape);
    }

    private Tensor positive(int... shape) {
        return Tensor.rand(rng, shape).mul(1.5).add(0.5);
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        return Arrays.stream(x).map(f).toArray();
    }

    private static int numel(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    private static int ravel(int[] idx, int[] dims) {
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            flat = flat * dims[i] + idx[i];
        }
        return flat;
    }

    private static int[] remove(int[] dims, int i) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, i);
        System.arraycopy(dims, i + 1, out, i, dims.length - i - 1);
        return out;
    }

    private static void assertExact(Tensor actual, double[] expected, int... dims) {
        assertThat(actual.shape()).isEqualTo(Shape.of(dims));
        assertThat(actual.toArray()).containsExactly(expected);
    }

    private static void assertClose(Tensor actual, double[] expected, int[] dims, double rtol) {
        assertThat(actual.shape()).isEqualTo(Shape.of(dims));
        double[] got = actual.toArray();
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            if (Double.isNaN(expected[i])) { // a mean over an empty dimension
                assertThat(got[i]).as("element %d of %s", i, actual.shape()).isNaN();
                continue;
            }
            double tol = rtol * Math.max(1, Math.abs(expected[i]));
            assertThat(Math.abs(got[i] - expected[i]))
                    .as("element %d of %s: %s vs %s", i, actual.shape(), got[i], expected[i])
                    .isLessThanOrEqualTo(tol);
        }
    }
}
