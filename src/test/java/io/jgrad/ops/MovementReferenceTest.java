package io.jgrad.ops;

import static io.jgrad.ops.MovementCases.bools;
import static io.jgrad.ops.MovementCases.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The movement and indexing operations of contract v2 against plain loops over multi-indices
 * written here, on every dtype (float64, float32, int64, bool: movement copies values, so the
 * references work on the values read as doubles and require the dtype to be kept), on shapes with
 * 0-d, size-1 and zero-size dimensions and negative dims. Also: the nodes each method records,
 * the dtypes {@code where} and {@code cat} promote to, and the order in which {@code scatterAdd}
 * accumulates.
 */
class MovementReferenceTest {

    private static final DType[] ALL = DType.values();
    private final Random rng = new Random(777);

    // ------------------------------------------------------------------ permute, reshapes, expand

    @Test
    void permuteMatchesLoops() {
        int[][] shapes = {{}, {3}, {2, 3}, {2, 3, 4}, {1, 0, 3}, {2, 1, 3, 2}};
        for (DType t : ALL) {
            for (int[] s : shapes) {
                Tensor x = random(t, s);
                for (int[] perm : permutations(s.length)) {
                    int[] out = new int[s.length];
                    int[] given = new int[s.length];
                    for (int i = 0; i < s.length; i++) {
                        out[i] = s[perm[i]];
                        given[i] = rng.nextBoolean() ? perm[i] - s.length : perm[i]; // negative dims too
                    }
                    double[] src = x.toArray();
                    double[] expected = new double[numel(out)];
                    for (int flat = 0; flat < expected.length; flat++) {
                        int[] idx = unravel(flat, out);
                        int[] from = new int[s.length];
                        for (int i = 0; i < s.length; i++) {
                            from[perm[i]] = idx[i];
                        }
                        expected[flat] = src[ravel(from, s)];
                    }
                    assertValues(x.permute(given), t, expected, out);
                }
            }
        }
    }

    @Test
    void squeezeUnsqueezeAndFlattenKeepRowMajorOrder() {
        for (DType t : ALL) {
            Tensor x = random(t, 1, 3, 1, 2);
            double[] v = x.toArray();
            assertValues(x.squeeze(), t, v, 3, 2);
            assertValues(x.squeeze(0), t, v, 3, 1, 2);
            assertValues(x.squeeze(-2), t, v, 1, 3, 2);
            assertValues(x.squeeze(1), t, v, 1, 3, 1, 2);
            assertValues(x.unsqueeze(0), t, v, 1, 1, 3, 1, 2);
            assertValues(x.unsqueeze(4), t, v, 1, 3, 1, 2, 1);
            assertValues(x.unsqueeze(-1), t, v, 1, 3, 1, 2, 1);
            assertValues(x.unsqueeze(-5), t, v, 1, 1, 3, 1, 2);
            assertValues(x.unsqueeze(2), t, v, 1, 3, 1, 1, 2);
            assertValues(x.flatten(), t, v, 6);
            assertValues(x.flatten(1, 2), t, v, 1, 3, 2);
            assertValues(x.flatten(-3, -1), t, v, 1, 6);
            assertValues(x.flatten(2, 2), t, v, 1, 3, 1, 2);

            Tensor s = random(t);
            double[] sv = s.toArray();
            assertValues(s.squeeze(), t, sv);
            assertValues(s.squeeze(0), t, sv);
            assertValues(s.squeeze(-1), t, sv);
            assertValues(s.unsqueeze(0), t, sv, 1);
            assertValues(s.unsqueeze(-1), t, sv, 1);
            assertValues(s.flatten(), t, sv, 1);
            assertValues(s.flatten(0, -1), t, sv, 1);

            Tensor e = random(t, 1, 0, 1);
            assertValues(e.squeeze(), t, new double[0], 0);
            assertValues(e.flatten(), t, new double[0], 0);
            assertValues(e.unsqueeze(1), t, new double[0], 1, 1, 0, 1);
        }
    }

    @Test
    void expandWithMinusOneMatchesLoops() {
        for (DType t : ALL) {
            Tensor x = random(t, 2, 1);
            assertValues(x.expand(-1, 3), t, broadcastRead(x, 2, 3), 2, 3);
            assertValues(x.expand(4, -1, -1), t, broadcastRead(x, 4, 2, 1), 4, 2, 1);
            assertValues(x.expand(4, 2, 3), t, broadcastRead(x, 4, 2, 3), 4, 2, 3);
            assertValues(x.expand(-1, 0), t, new double[0], 2, 0);
            Tensor s = random(t);
            assertValues(s.expand(2, 2), t, broadcastRead(s, 2, 2), 2, 2);
            assertValues(s.expand(), t, s.toArray());
        }
    }

    // ------------------------------------------------------------------ narrow, slice, select

    @Test
    void narrowSliceAndSelectMatchLoops() {
        int[][] shapes = {{5}, {2, 3}, {4, 1, 5}, {3, 0, 2}, {6, 2}};
        for (DType t : ALL) {
            for (int[] s : shapes) {
                Tensor x = random(t, s);
                for (int d = -s.length; d < s.length; d++) {
                    int dim = d < 0 ? d + s.length : d;
                    int size = s[dim];
                    for (int start = -size; start <= size; start++) {
                        int from = start < 0 ? start + size : start;
                        for (int length = 0; from + length <= size; length++) {
                            assertAlong(x.narrow(d, start, length), x, dim, range(from, from + length, 1), t);
                        }
                    }
                    for (int trial = 0; trial < 20; trial++) {
                        int start = rng.nextInt(2 * size + 5) - size - 2;
                        int end = rng.nextInt(2 * size + 5) - size - 2;
                        int step = 1 + rng.nextInt(4);
                        assertAlong(x.slice(d, start, end, step), x, dim, pythonSlice(size, start, end, step), t);
                    }
                    assertAlong(x.slice(d, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), x, dim,
                            pythonSlice(size, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE), t);
                    for (int index = -size; index < size; index++) {
                        Tensor sel = x.select(d, index);
                        int i = index < 0 ? index + size : index;
                        assertAlong(sel.unsqueeze(dim), x, dim, new int[] {i}, t);
                        assertThat(sel.shape()).isEqualTo(Shape.of(remove(s, dim)));
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ indexSelect, gather, scatterAdd

    @Test
    void indexSelectMatchesLoops() {
        int[][] shapes = {{5}, {2, 3}, {4, 1, 5}, {3, 0, 2}};
        for (DType t : ALL) {
            for (int[] s : shapes) {
                Tensor x = random(t, s);
                for (int d = -s.length; d < s.length; d++) {
                    int dim = d < 0 ? d + s.length : d;
                    int size = s[dim];
                    for (int k : new int[] {0, 1, 4}) {
                        if (size == 0 && k > 0) {
                            continue;
                        }
                        int[] idx = new int[k];
                        long[] lidx = new long[k];
                        for (int j = 0; j < k; j++) {
                            idx[j] = rng.nextInt(size);
                            lidx[j] = idx[j];
                        }
                        assertAlong(x.indexSelect(d, longs(lidx)), x, dim, idx, t);
                    }
                }
            }
            Tensor s = random(t);
            assertValues(s.indexSelect(0, longs(0)), t, s.toArray());
            assertValues(s.indexSelect(-1, longs(new long[] {0}, new int[0])), t, s.toArray());
            Tensor m = random(t, 3, 2);
            assertAlong(m.indexSelect(0, longs(new long[] {2}, new int[0])), m, 0, new int[] {2}, t);
        }
    }

    @Test
    void gatherMatchesLoops() {
        for (DType t : ALL) {
            for (int trial = 0; trial < 60; trial++) {
                int rank = 1 + rng.nextInt(3);
                int[] s = randomShape(rank, 0, 4);
                Tensor x = random(t, s);
                int dim = rng.nextInt(rank);
                int[] is = new int[rank];
                for (int i = 0; i < rank; i++) {
                    is[i] = i == dim ? rng.nextInt(5) : rng.nextInt(s[i] + 1);
                }
                if (s[dim] == 0) {
                    is[dim] = 0; // nothing to point at
                }
                long[] idx = new long[numel(is)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rng.nextInt(s[dim]);
                }
                double[] src = x.toArray();
                double[] expected = new double[idx.length];
                for (int flat = 0; flat < idx.length; flat++) {
                    int[] at = unravel(flat, is);
                    at[dim] = (int) idx[flat];
                    expected[flat] = src[ravel(at, s)];
                }
                int given = rng.nextBoolean() ? dim - rank : dim;
                assertValues(x.gather(given, longs(idx, is)), t, expected, is);
            }
            Tensor s = random(t);
            assertValues(s.gather(0, longs(new long[] {0}, new int[0])), t, s.toArray());
            assertValues(s.gather(0, longs(0, 0)), t, new double[] {s.toArray()[0], s.toArray()[0]}, 2);
        }
    }

    @Test
    void scatterAddMatchesLoopsInIndexOrder() {
        for (DType t : ALL) {
            for (int trial = 0; trial < 60; trial++) {
                int rank = 1 + rng.nextInt(3);
                int[] s = randomShape(rank, 1, 4);
                int dim = rng.nextInt(rank);
                int[] is = new int[rank];
                int[] ss = new int[rank];
                for (int i = 0; i < rank; i++) {
                    is[i] = i == dim ? rng.nextInt(6) : rng.nextInt(s[i] + 1);
                    ss[i] = is[i] + rng.nextInt(2);
                }
                Tensor self = random(t, s);
                Tensor src = random(t, ss);
                long[] idx = new long[numel(is)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rng.nextInt(s[dim]);
                }
                double[] expected = self.toArray();
                double[] sv = src.toArray();
                for (int flat = 0; flat < idx.length; flat++) { // row-major order of the index
                    int[] at = unravel(flat, is);
                    double v = sv[ravel(at, ss)];
                    at[dim] = (int) idx[flat];
                    int o = ravel(at, s);
                    expected[o] = add(t, expected[o], v);
                }
                int given = rng.nextBoolean() ? dim - rank : dim;
                assertValues(self.scatterAdd(given, longs(idx, is), src), t, expected, s);
            }
        }
        // float64 sums are not associative: (0 + 1e16) + 1 − 1e16 is 0, any other order gives 1 or 2
        Tensor r = Tensor.zeros(1).scatterAdd(0, longs(0, 0, 0), Tensor.of(1e16, 1, -1e16));
        assertThat(r.toArray()).containsExactly(0.0);
        Tensor b = Tensor.zeros(DType.BOOL, 3).scatterAdd(0, longs(0, 0, 2), bools(true, false, false));
        assertValues(b, DType.BOOL, new double[] {1, 0, 0}, 3);
        Tensor z = Tensor.scalar(1).scatterAdd(0, longs(new long[] {0}, new int[0]), Tensor.of(2, 3));
        assertValues(z, DType.FLOAT64, new double[] {3}); // a 0-d index is one entry
    }

    // ------------------------------------------------------------------ maskedFill, where

    @Test
    void maskedFillMatchesLoops() {
        for (DType t : ALL) {
            for (int trial = 0; trial < 60; trial++) {
                int[][] pair = randomBroadcastPair();
                Tensor x = random(t, pair[0]);
                Tensor mask = random(DType.BOOL, pair[1]);
                double value = rng.nextGaussian() * 10;
                int[] out = broadcastShape(pair[0], pair[1]);
                double[] xv = broadcastRead(x, out);
                double[] mv = broadcastRead(mask, out);
                double filled = cast(t, value);
                double[] expected = new double[xv.length];
                for (int i = 0; i < xv.length; i++) {
                    expected[i] = mv[i] != 0 ? filled : xv[i];
                }
                assertValues(x.maskedFill(mask, value), t, expected, out);
            }
        }
        assertThat(Tensor.fromArray(new long[] {1, 2}, 2).maskedFill(bools(true, false), 2.7).toLongArray())
                .containsExactly(2, 2);
        assertThat(Tensor.fromArray(new long[] {1, 2}, 2).maskedFill(bools(true, false), -1.7).toLongArray())
                .containsExactly(-1, 2);
        assertThat(Tensor.fromArray(new float[] {1, 2}, 2).maskedFill(bools(false, true), Double.NEGATIVE_INFINITY)
                .toFloatArray()).containsExactly(1f, Float.NEGATIVE_INFINITY);
        assertThat(bools(false, true).maskedFill(bools(true, true), 0.0).toBooleanArray()).containsExactly(false, false);
    }

    @Test
    void whereMatchesLoops() {
        for (DType t : ALL) {
            for (int trial = 0; trial < 60; trial++) {
                int[][] pair = randomBroadcastPair();
                int[] cs = operandOf(broadcastShape(pair[0], pair[1]));
                Tensor c = random(DType.BOOL, cs);
                Tensor a = random(t, pair[0]);
                Tensor b = random(t, pair[1]);
                int[] out = broadcastShape(cs, broadcastShape(pair[0], pair[1]));
                double[] cv = broadcastRead(c, out);
                double[] av = broadcastRead(a, out);
                double[] bv = broadcastRead(b, out);
                double[] expected = new double[cv.length];
                for (int i = 0; i < cv.length; i++) {
                    expected[i] = cv[i] != 0 ? av[i] : bv[i];
                }
                assertValues(Tensor.where(c, a, b), t, expected, out);
            }
        }
    }

    @Test
    void whereAndCatPromoteAsPyTorch() {
        Tensor f32 = Tensor.fromArray(new float[] {1, 2}, 2);
        Tensor f64 = Tensor.of(3, 4);
        Tensor i64 = Tensor.fromArray(new long[] {5, 6}, 2);
        Tensor b = bools(true, false);
        Tensor c = bools(true, false);
        assertThat(Tensor.where(c, f32, f32).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.where(c, f32, f64).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.where(c, f32, Tensor.scalar(2)).dtype()).as("a 0-d operand does not widen").isEqualTo(
                DType.FLOAT32);
        assertThat(Tensor.where(c, i64, Tensor.scalar(2)).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.where(c, b, i64).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.where(c, b, b).dtype()).isEqualTo(DType.BOOL);
        assertThat(Tensor.where(c, i64, f64).toArray()).containsExactly(5, 4);

        assertThat(Tensor.cat(List.of(f32, f64), 0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.cat(List.of(f32, i64), 0).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.cat(List.of(b, i64), 0).toLongArray()).containsExactly(1, 0, 5, 6);
        assertThat(Tensor.stack(List.of(f32, f64), 0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.cat(List.of(Tensor.zeros(DType.INT64, 0), Tensor.zeros(DType.FLOAT32, 2, 2)), 0).dtype())
                .as("a skipped empty tensor still takes part in the dtype").isEqualTo(DType.FLOAT32);
        assertThat(Tensor.cat(List.of(Tensor.zeros(0), Tensor.zeros(DType.FLOAT32, 0)), 5).shape())
                .as("only empty 1-d tensors: no dim to check").isEqualTo(Shape.of(0));
    }

    // ------------------------------------------------------------------ cat, stack, split, chunk

    @Test
    void catAndStackMatchLoops() {
        for (DType t : ALL) {
            for (int trial = 0; trial < 40; trial++) {
                int rank = 1 + rng.nextInt(3);
                int[] s = randomShape(rank, 0, 3);
                int dim = rng.nextInt(rank);
                int n = 1 + rng.nextInt(3);
                List<Tensor> parts = new ArrayList<>();
                List<Integer> source = new ArrayList<>(); // part, then position along dim, per output slice
                List<Integer> position = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    int[] ps = s.clone();
                    ps[dim] = rng.nextInt(4);
                    parts.add(random(t, ps));
                    for (int j = 0; j < ps[dim]; j++) {
                        source.add(p);
                        position.add(j);
                    }
                }
                int[] out = s.clone();
                out[dim] = source.size();
                double[] expected = new double[numel(out)];
                for (int flat = 0; flat < expected.length; flat++) {
                    int[] at = unravel(flat, out);
                    Tensor part = parts.get(source.get(at[dim]));
                    at[dim] = position.get(at[dim]);
                    expected[flat] = part.toArray()[ravel(at, part.shape().toArray())];
                }
                int given = rng.nextBoolean() ? dim - rank : dim;
                assertValues(Tensor.cat(parts, given), t, expected, out);

                List<Tensor> same = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    same.add(random(t, s));
                }
                int sd = rng.nextInt(rank + 1);
                int[] stacked = new int[rank + 1];
                for (int i = 0, j = 0; i <= rank; i++) {
                    stacked[i] = i == sd ? n : s[j++];
                }
                double[] sx = new double[numel(stacked)];
                for (int flat = 0; flat < sx.length; flat++) {
                    int[] at = unravel(flat, stacked);
                    sx[flat] = same.get(at[sd]).toArray()[ravel(remove(at, sd), s)];
                }
                assertValues(Tensor.stack(same, rng.nextBoolean() ? sd - rank - 1 : sd), t, sx, stacked);
            }
            // as PyTorch, empty 1-d tensors are skipped whatever the other shapes
            Tensor x = random(t, 2, 3);
            assertValues(Tensor.cat(List.of(random(t, 0), x, random(t, 0)), 1), t, x.toArray(), 2, 3);
            Tensor s0 = random(t);
            Tensor s1 = random(t);
            assertValues(Tensor.stack(List.of(s0, s1), 0), t, new double[] {s0.toArray()[0], s1.toArray()[0]}, 2);
            assertValues(Tensor.stack(List.of(random(t, 0), random(t, 0)), 1), t, new double[0], 0, 2);
        }
    }

    @Test
    void splitAndChunkFollowPyTorchSizes() {
        assertThat(sizes(Tensor.zeros(5, 4).split(2, 0), 0)).containsExactly(2, 2, 1);
        assertThat(sizes(Tensor.zeros(5, 4).split(2, -1), 1)).containsExactly(2, 2);
        assertThat(sizes(Tensor.zeros(5, 4).split(7, 0), 0)).containsExactly(5);
        assertThat(sizes(Tensor.zeros(0, 2).split(0, 0), 0)).containsExactly(0);
        assertThat(sizes(Tensor.zeros(0, 2).split(3, 0), 0)).containsExactly(0);
        assertThat(sizes(Tensor.zeros(5, 4).chunk(2, 0), 0)).containsExactly(3, 2);
        assertThat(sizes(Tensor.zeros(5, 4).chunk(4, 0), 0)).containsExactly(2, 2, 1);
        assertThat(sizes(Tensor.zeros(6).chunk(4, 0), 0)).as("fewer pieces than asked").containsExactly(2, 2, 2);
        assertThat(sizes(Tensor.zeros(6).chunk(10, 0), 0)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(sizes(Tensor.zeros(0).chunk(3, 0), 0)).containsExactly(0, 0, 0);

        for (DType t : ALL) {
            Tensor x = random(t, 7, 3);
            List<Tensor> pieces = x.split(3, 0);
            int start = 0;
            for (Tensor p : pieces) {
                int n = p.shape().get(0);
                assertAlong(p, x, 0, range(start, start + n, 1), t);
                start += n;
            }
            List<Tensor> chunks = x.chunk(2, -1);
            assertAlong(chunks.get(0), x, 1, new int[] {0, 1}, t);
            assertAlong(chunks.get(1), x, 1, new int[] {2}, t);
        }
    }

    // ------------------------------------------------------------------ tril, triu

    @Test
    void trilAndTriuMatchLoops() {
        int[][] shapes = {{2, 3}, {3, 2}, {4, 4}, {2, 3, 4}, {1, 1}, {0, 3}, {3, 0}, {2, 0, 3}};
        int[] diagonals = {-5, -2, -1, 0, 1, 2, 5, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (DType t : ALL) {
            for (int[] s : shapes) {
                Tensor x = random(t, s);
                double[] v = x.toArray();
                for (int k : diagonals) {
                    double[] lower = v.clone();
                    double[] upper = v.clone();
                    for (int flat = 0; flat < v.length; flat++) {
                        int[] at = unravel(flat, s);
                        long diff = (long) at[s.length - 1] - at[s.length - 2];
                        if (diff > k) {
                            lower[flat] = 0;
                        }
                        if (diff < k) {
                            upper[flat] = 0;
                        }
                    }
                    assertValues(x.tril(k), t, lower, s);
                    assertValues(x.triu(k), t, upper, s);
                }
                assertValues(x.tril(), t, x.tril(0).toArray(), s);
                assertValues(x.triu(), t, x.triu(0).toArray(), s);
            }
        }
        Tensor special = Tensor.of(new double[][] {{Double.NaN, Double.POSITIVE_INFINITY}, {1, Double.NaN}});
        assertThat(special.tril().toArray()).as("outside the triangle inf and NaN become 0, as PyTorch")
                .containsExactly(Double.NaN, 0, 1, Double.NaN);
        assertThat(special.triu(1).toArray()).containsExactly(0, Double.POSITIVE_INFINITY, 0, 0);
    }

    // ------------------------------------------------------------------ nodes and gradients

    @Test
    void everyMethodRecordsTheNamedNode() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor y = Tensor.of(new double[][] {{0.5, 1}, {2, 3}}).requiresGrad(true);
        Tensor idx = longs(new long[] {1, 0, 0, 1}, 2, 2);
        Tensor mask = bools(true, false);
        Map<String, Supplier<Tensor>> calls = new java.util.LinkedHashMap<>();
        calls.put("Permute", () -> x.permute(1, 0));
        calls.put("Reshape", x::squeeze);
        calls.put("Reshape ", () -> x.squeeze(0));
        calls.put("Reshape  ", () -> x.unsqueeze(0));
        calls.put("Reshape   ", x::flatten);
        calls.put("Reshape    ", () -> x.flatten(0, 1));
        calls.put("Reshape     ", () -> x.select(0, 1));
        calls.put("Expand", () -> x.expand(3, -1, -1));
        calls.put("Narrow", () -> x.narrow(0, 1, 1));
        calls.put("Narrow ", () -> x.slice(1, 0, 2, 2));
        calls.put("Narrow  ", () -> x.split(1, 0).get(1));
        calls.put("Narrow   ", () -> x.chunk(2, 1).get(0));
        calls.put("IndexSelect", () -> x.indexSelect(0, longs(1, 1)));
        calls.put("Gather", () -> x.gather(1, idx));
        calls.put("ScatterAdd", () -> x.scatterAdd(1, idx, y));
        calls.put("MaskedFill", () -> x.maskedFill(mask, 0));
        calls.put("MaskedFill ", x::tril);
        calls.put("MaskedFill  ", () -> x.triu(1));
        calls.put("Where", () -> Tensor.where(mask, x, y));
        calls.put("Cat", () -> Tensor.cat(List.of(x, y), 0));
        calls.put("Cat ", () -> Tensor.stack(List.of(x, y), 0));

        for (Map.Entry<String, Supplier<Tensor>> e : calls.entrySet()) {
            double[] before = x.toArray();
            Tensor r = e.getValue().get();
            assertThat(r.gradFn()).as(e.getKey()).isNotNull();
            assertThat(r.gradFn().name()).isEqualTo(e.getKey().trim());
            assertThat(r.requiresGrad()).isTrue();
            assertThat(x.toArray()).as("%s leaves its operand unchanged", e.getKey()).containsExactly(before);
        }
    }

    @Test
    void repeatedIndicesSumTheirGradients() {
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);
        x.indexSelect(0, longs(0, 0, 2)).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(2, 0, 1);

        Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        w.gather(1, longs(new long[] {1, 1, 1, 0}, 2, 2)).backward(Tensor.of(new double[][] {{1, 10}, {100, 1000}}));
        assertThat(w.grad().toArray()).containsExactly(0, 11, 1000, 100);

        Tensor self = Tensor.zeros(3).requiresGrad(true);
        Tensor src = Tensor.of(1, 2, 3, 4).requiresGrad(true);
        self.scatterAdd(0, longs(2, 2), src).backward(Tensor.of(5, 6, 7));
        assertThat(self.grad().toArray()).containsExactly(5, 6, 7);
        assertThat(src.grad().toArray()).as("src beyond the index gets 0").containsExactly(7, 7, 0, 0);
    }

    @Test
    void indexingOpsWorkInFloat32AndKeepTheDtypeOfTheirGradients() {
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = Tensor.where(bools(true, false), x.indexSelect(0, longs(1, 0)), x.tril())
                .maskedFill(bools(false, true), 0.5).gather(1, longs(new long[] {0, 0}, 2, 1));
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        y.sum().backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.grad().toArray()).containsExactly(1, 0, 1, 0);
    }

    // ------------------------------------------------------------------ references and helpers

    /** Asserts {@code r} is {@code x} at {@code positions} along {@code dim}, in {@code x}'s dtype. */
    private static void assertAlong(Tensor r, Tensor x, int dim, int[] positions, DType t) {
        int[] s = x.shape().toArray();
        int[] out = s.clone();
        out[dim] = positions.length;
        double[] src = x.toArray();
        double[] expected = new double[numel(out)];
        for (int flat = 0; flat < expected.length; flat++) {
            int[] at = unravel(flat, out);
            at[dim] = positions[at[dim]];
            expected[flat] = src[ravel(at, s)];
        }
        assertValues(r, t, expected, out);
    }

    private static void assertValues(Tensor r, DType t, double[] expected, int... dims) {
        assertThat(r.shape()).isEqualTo(Shape.of(dims));
        assertThat(r.dtype()).as("dtype of a result of shape %s", r.shape()).isEqualTo(t);
        assertThat(r.toArray()).as("%s %s", t, r.shape()).containsExactly(expected);
    }

    // Python's range(*slice(start, end, step).indices(size)) for step ≥ 1, written from its definition
    private static int[] pythonSlice(int size, int start, int end, int step) {
        long s = start < 0 ? Math.max((long) start + size, 0) : Math.min(start, size);
        long e = end < 0 ? Math.max((long) end + size, 0) : Math.min(end, size);
        List<Integer> out = new ArrayList<>();
        for (long i = s; i < e; i += step) {
            out.add((int) i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int from, int to, int step) {
        return pythonSlice(Integer.MAX_VALUE, from, to, step);
    }

    private static double add(DType t, double a, double b) {
        switch (t) {
            case FLOAT32:
                return (float) (a + b); // the double sum of two floats rounds once to the float sum
            case BOOL:
                return a != 0 || b != 0 ? 1 : 0;
            default:
                return a + b;
        }
    }

    private static double cast(DType t, double v) {
        switch (t) {
            case FLOAT32:
                return (float) v;
            case INT64:
                return (long) v;
            case BOOL:
                return v != 0 ? 1 : 0;
            default:
                return v;
        }
    }

    private static int[] sizes(List<Tensor> pieces, int dim) {
        return pieces.stream().mapToInt(p -> p.shape().get(dim)).toArray();
    }

    private Tensor random(DType t, int... shape) {
        int n = numel(shape);
        switch (t) {
            case FLOAT64:
                return Tensor.randn(rng, shape);
            case FLOAT32:
                return Tensor.randn(rng, DType.FLOAT32, shape);
            case INT64: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextInt(201) - 100;
                }
                return Tensor.fromArray(v, shape);
            }
            default: {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextBoolean();
                }
                return Tensor.fromArray(v, shape);
            }
        }
    }

    private int[] randomShape(int rank, int min, int max) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = min + rng.nextInt(max - min + 1);
        }
        return s;
    }

    private int[][] randomBroadcastPair() {
        int[] out = randomShape(rng.nextInt(4), 0, 3);
        return new int[][] {operandOf(out), operandOf(out)};
    }

    // a shape that broadcasts to out: a suffix of it with some sizes replaced by 1
    private int[] operandOf(int[] out) {
        int rank = rng.nextInt(out.length + 1);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = rng.nextInt(3) == 0 ? 1 : out[out.length - rank + i];
        }
        return s;
    }

    // NumPy's rule, written independently of Broadcast
    private static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int x = i <= a.length ? a[a.length - i] : 1;
            int y = i <= b.length ? b[b.length - i] : 1;
            out[rank - i] = x == 1 ? y : x;
        }
        return out;
    }

    /** The elements of {@code t} read as if broadcast to {@code to}, row-major over {@code to}. */
    private static double[] broadcastRead(Tensor t, int... to) {
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

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int k, List<int[]> out) {
        if (k == p.length) {
            out.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                used[i] = true;
                p[k] = i;
                permute(p, used, k + 1, out);
                used[i] = false;
            }
        }
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
}
