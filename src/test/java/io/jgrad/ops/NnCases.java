package io.jgrad.ops;

import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Functional;
import io.jgrad.ops.OpCases.Case;
import io.jgrad.ops.OpCases.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gradient-check cases of the normalisation, embedding, dropout, attention and loss functions of
 * {@link Functional} (contract v2). {@link OpCases} appends these lists to its own.
 *
 * <p>Constants that are not differentiated (class indices, bool masks, running statistics, the
 * dropout generator) are made inside the case's function, in the dtype of the inputs where they
 * are floating, so that {@code Float32Test} runs the cases in float32 unchanged. Batch norm's running
 * statistics are fresh at every call: training updates them in place, and a case must be a function.
 */
final class NnCases {

    private NnCases() {
    }

    /** @return the first-order cases */
    static List<Case> firstOrder() {
        Gen g = new Gen(7117);
        List<Case> c = new ArrayList<>();

        // layer norm: with and without the affine parameters, one or two normalised dims, 1-d, empty
        c.add(new Case("layerNorm (2, 3, 4) over (4,) with weight and bias",
                t -> Functional.layerNorm(t.get(0), new int[] {4}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(2, 3, 4), g.normal(4), g.normal(4))));
        c.add(new Case("layerNorm (2, 3, 4) over (3, 4) with weight and bias",
                t -> Functional.layerNorm(t.get(0), new int[] {3, 4}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(2, 3, 4), g.normal(3, 4), g.normal(3, 4))));
        c.add(unary("layerNorm (3, 5) over (5,) without weight and bias", g.normal(3, 5),
                x -> Functional.layerNorm(x, new int[] {5}, null, null, 1e-5)));
        c.add(new Case("layerNorm (2, 4) over (4,) weight only, eps 0.1",
                t -> Functional.layerNorm(t.get(0), new int[] {4}, t.get(1), null, 0.1),
                List.of(g.normal(2, 4), g.normal(4))));
        c.add(new Case("layerNorm (2, 4) over (4,) bias only",
                t -> Functional.layerNorm(t.get(0), new int[] {4}, null, t.get(1), 1e-5),
                List.of(g.normal(2, 4), g.normal(4))));
        c.add(new Case("layerNorm 1-d (6,) over (6,)",
                t -> Functional.layerNorm(t.get(0), new int[] {6}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(6), g.normal(6), g.normal(6))));
        c.add(new Case("layerNorm (3, 1) over (1,): every output is the bias",
                t -> Functional.layerNorm(t.get(0), new int[] {1}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(3, 1), g.normal(1), g.normal(1))));
        c.add(new Case("layerNorm empty batch (0, 3) over (3,)",
                t -> Functional.layerNorm(t.get(0), new int[] {3}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(0, 3), g.normal(3), g.normal(3))));

        // batch norm: training (with and without running statistics) and evaluation, every rank
        c.add(new Case("batchNorm training (4, 3) with running statistics, weight and bias",
                t -> batchNorm(t.get(0), true, true, t.get(1), t.get(2)),
                List.of(g.normal(4, 3), g.normal(3), g.normal(3))));
        c.add(new Case("batchNorm training (2, 3, 5) without running statistics",
                t -> batchNorm(t.get(0), false, true, t.get(1), t.get(2)),
                List.of(g.normal(2, 3, 5), g.normal(3), g.normal(3))));
        c.add(new Case("batchNorm training (2, 2, 3, 3) with running statistics",
                t -> batchNorm(t.get(0), true, true, t.get(1), t.get(2)),
                List.of(g.normal(2, 2, 3, 3), g.normal(2), g.normal(2))));
        c.add(unary("batchNorm training (3, 2) without weight and bias", g.normal(3, 2),
                x -> batchNorm(x, true, true, null, null)));
        c.add(new Case("batchNorm training (1, 2, 3) one sample, three values per channel",
                t -> batchNorm(t.get(0), false, true, t.get(1), null), List.of(g.normal(1, 2, 3), g.normal(2))));
        c.add(new Case("batchNorm evaluation (2, 3, 4) with weight and bias",
                t -> batchNorm(t.get(0), true, false, t.get(1), t.get(2)),
                List.of(g.normal(2, 3, 4), g.normal(3), g.normal(3))));
        c.add(unary("batchNorm evaluation (3, 3) without weight and bias", g.normal(3, 3),
                x -> batchNorm(x, true, false, null, null)));
        c.add(new Case("batchNorm training empty batch (0, 3)",
                t -> batchNorm(t.get(0), true, true, t.get(1), t.get(2)),
                List.of(g.normal(0, 3), g.normal(3), g.normal(3))));

        // embedding: repeated indices accumulate, 0-d and empty indices
        c.add(new Case("embedding (2, 3) indices with repeats into (5, 4)",
                t -> Functional.embedding(Tensor.fromArray(new long[] {1, 4, 1, 0, 1, 3}, 2, 3), t.get(0)),
                List.of(g.normal(5, 4))));
        c.add(new Case("embedding 0-d index into (3, 2)",
                t -> Functional.embedding(Tensor.fromArray(new long[] {2}).reshape(), t.get(0)),
                List.of(g.normal(3, 2))));
        c.add(new Case("embedding empty (0,) indices into (3, 2)",
                t -> Functional.embedding(Tensor.fromArray(new long[0], 0), t.get(0)), List.of(g.normal(3, 2))));

        // dropout: a fresh generator of the same seed, so every call draws the same mask
        c.add(unary("dropout p 0.3 training (3, 4)", g.normal(3, 4),
                x -> Functional.dropout(x, 0.3, true, new Random(11))));
        c.add(unary("dropout p 1 training (2, 3)", g.normal(2, 3),
                x -> Functional.dropout(x, 1.0, true, new Random(1))));

        // attention
        c.add(attention("attention (2, 3, 4) · (2, 5, 4) · (2, 5, 6)", g, new int[] {2, 3, 4}, new int[] {2, 5, 4},
                new int[] {2, 5, 6}, (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, false)));
        c.add(attention("attention causal (2, 4, 3) self-sized", g, new int[] {2, 4, 3}, new int[] {2, 4, 3},
                new int[] {2, 4, 3}, (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, true)));
        c.add(attention("attention causal L 4 > S 2 (4, 3) · (2, 3) · (2, 2)", g, new int[] {4, 3}, new int[] {2, 3},
                new int[] {2, 2}, (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, true)));
        c.add(attention("attention bool mask with a row that attends nowhere (3, 4) · (5, 4) · (5, 2)", g,
                new int[] {3, 4}, new int[] {5, 4}, new int[] {5, 2},
                (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, boolMask(), false)));
        c.add(attention("attention batch broadcast (2, 1, 3, 4) · (3, 5, 4) · (1, 5, 2)", g, new int[] {2, 1, 3, 4},
                new int[] {3, 5, 4}, new int[] {1, 5, 2},
                (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, false)));
        c.add(new Case("attention float mask (an input) (2, 3, 4) · (2, 3, 4) · (2, 3, 2) + (3, 3)",
                t -> Functional.scaledDotProductAttention(t.get(0), t.get(1), t.get(2), t.get(3), false),
                List.of(g.normal(2, 3, 4), g.normal(2, 3, 4), g.normal(2, 3, 2), g.normal(3, 3))));

        // losses
        c.add(unary("crossEntropy (3, 4) int64 targets [2, 0, 3]", g.normal(3, 4),
                x -> Functional.crossEntropy(x, longs(2, 0, 3))));
        c.add(unary("crossEntropy (4,) int64 target () 1", g.normal(4),
                x -> Functional.crossEntropy(x, longs(1).reshape())));
        c.add(unary("crossEntropy smoothing 0.2, target -100 ignored (4, 5)", g.normal(4, 5),
                x -> Functional.crossEntropy(x, longs(1, -100, 4, 0), 0.2, -100)));
        c.add(unary("crossEntropy ignoreIndex 1 (a class) (4, 3)", g.normal(4, 3),
                x -> Functional.crossEntropy(x, longs(1, 0, 2, 1), 0.0, 1)));
        c.add(unary("crossEntropy smoothing 1.0 (2, 3)", g.normal(2, 3),
                x -> Functional.crossEntropy(x, longs(2, 0), 1.0, -100)));
        c.add(binary("crossEntropy class probabilities (3, 4), both differentiated", g.normal(3, 4), g.positive(3, 4),
                Functional::crossEntropy));
        c.add(binary("crossEntropy class probabilities (4,) smoothing 0.1", g.normal(4), g.positive(4),
                (x, q) -> Functional.crossEntropy(x, q, 0.1, -100)));
        c.add(unary("CrossEntropyLoss().labelSmoothing(0.1).ignoreIndex(0) (3, 4)", g.normal(3, 4),
                x -> new CrossEntropyLoss().labelSmoothing(0.1).ignoreIndex(0).forward(x, longs(0, 3, 2))));
        c.add(unary("nllLoss (3, 4) targets [1, -100, 3]", g.normal(3, 4),
                x -> Functional.nllLoss(x, longs(1, -100, 3))));
        c.add(unary("nllLoss of logSoftmax (4,) target () 2", g.normal(4),
                x -> Functional.nllLoss(x.logSoftmax(0), longs(2).reshape())));
        Tensor a = g.normal(2, 3);
        c.add(binary("mseLoss (2, 3)", a, g.normal(2, 3), Functional::mseLoss));
        c.add(binary("l1Loss (2, 3), |a − b| ≥ 0.2", a, a.add(g.awayFromZero(2, 3)), Functional::l1Loss));
        Tensor d = Tensor.of(-1.3, -0.3, 0.1, 0.8, 0.25, -0.05);
        c.add(binary("smoothL1Loss beta 0.5, both branches (6,)", a.reshape(6), a.reshape(6).add(d),
                (x, y) -> Functional.smoothL1Loss(x, y, 0.5)));
        c.add(binary("smoothL1Loss beta 0 (6,)", a.reshape(6), a.reshape(6).add(d),
                (x, y) -> Functional.smoothL1Loss(x, y, 0.0)));
        c.add(binary("binaryCrossEntropy (2, 3)", g.positive(2, 3).div(2.5), g.positive(2, 3).div(2.5),
                Functional::binaryCrossEntropy));
        Tensor logits = Tensor.of(0.0, -2.5, 1.3, 4.0, -0.7, 0.2);
        c.add(binary("binaryCrossEntropyWithLogits (6,) with a logit at 0", logits, g.positive(6).div(2.5),
                Functional::binaryCrossEntropyWithLogits));
        return c;
    }

    /** @return the second-order cases */
    static List<Case> secondOrder() {
        Gen g = new Gen(1771);
        List<Case> c = new ArrayList<>();
        c.add(new Case("layerNorm (2, 3, 4) over (4,) with weight and bias",
                t -> Functional.layerNorm(t.get(0), new int[] {4}, t.get(1), t.get(2), 1e-5),
                List.of(g.normal(2, 3, 4), g.normal(4), g.normal(4))));
        c.add(unary("layerNorm (3, 5) over (5,) without weight and bias", g.normal(3, 5),
                x -> Functional.layerNorm(x, new int[] {5}, null, null, 1e-5)));
        c.add(new Case("layerNorm (2, 2, 3) over (2, 3) weight only",
                t -> Functional.layerNorm(t.get(0), new int[] {2, 3}, t.get(1), null, 1e-5),
                List.of(g.normal(2, 2, 3), g.normal(2, 3))));
        c.add(new Case("batchNorm training (4, 3) with weight and bias",
                t -> batchNorm(t.get(0), true, true, t.get(1), t.get(2)),
                List.of(g.normal(4, 3), g.normal(3), g.normal(3))));
        c.add(unary("batchNorm training (2, 2, 3) without weight and bias", g.normal(2, 2, 3),
                x -> batchNorm(x, false, true, null, null)));
        c.add(new Case("batchNorm evaluation (2, 3, 2) with weight and bias",
                t -> batchNorm(t.get(0), true, false, t.get(1), t.get(2)),
                List.of(g.normal(2, 3, 2), g.normal(3), g.normal(3))));
        c.add(new Case("embedding squared (2, 2) indices with a repeat into (3, 2)",
                t -> {
                    Tensor e = Functional.embedding(Tensor.fromArray(new long[] {2, 0, 2, 2}, 2, 2), t.get(0));
                    return e.mul(e);
                }, List.of(g.normal(3, 2))));
        c.add(attention("attention (2, 3, 4) · (2, 5, 4) · (2, 5, 3)", g, new int[] {2, 3, 4}, new int[] {2, 5, 4},
                new int[] {2, 5, 3}, (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, false)));
        c.add(attention("attention causal (3, 2) · (3, 2) · (3, 2)", g, new int[] {3, 2}, new int[] {3, 2},
                new int[] {3, 2}, (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, null, true)));
        c.add(attention("attention bool mask with a row that attends nowhere (3, 4) · (5, 4) · (5, 2)", g,
                new int[] {3, 4}, new int[] {5, 4}, new int[] {5, 2},
                (q, k, v) -> Functional.scaledDotProductAttention(q, k, v, boolMask(), false)));
        c.add(unary("crossEntropy smoothing 0.2, target -100 ignored (4, 5)", g.normal(4, 5),
                x -> Functional.crossEntropy(x, longs(1, -100, 4, 0), 0.2, -100)));
        c.add(binary("crossEntropy class probabilities (3, 4)", g.normal(3, 4), g.positive(3, 4),
                Functional::crossEntropy));
        c.add(unary("nllLoss of logSoftmax (3, 4) targets [1, -100, 3]", g.normal(3, 4),
                x -> Functional.nllLoss(x.logSoftmax(1), longs(1, -100, 3))));
        c.add(binary("mseLoss (2, 3)", g.normal(2, 3), g.normal(2, 3), Functional::mseLoss));
        Tensor a = g.normal(6);
        c.add(binary("smoothL1Loss beta 0.5 (6,)", a, a.add(Tensor.of(-1.3, -0.3, 0.1, 0.8, 0.25, -0.05)),
                (x, y) -> Functional.smoothL1Loss(x, y, 0.5)));
        c.add(binary("binaryCrossEntropy (2, 3)", g.positive(2, 3).div(2.5), g.positive(2, 3).div(2.5),
                Functional::binaryCrossEntropy));
        c.add(binary("binaryCrossEntropyWithLogits (2, 3)", g.normal(2, 3), g.positive(2, 3).div(2.5),
                Functional::binaryCrossEntropyWithLogits));
        return c;
    }

    /** A function of three tensors. */
    interface Tri {
        Tensor apply(Tensor q, Tensor k, Tensor v);
    }

    private static Case attention(String name, Gen g, int[] q, int[] k, int[] v, Tri f) {
        return new Case(name, t -> f.apply(t.get(0), t.get(1), t.get(2)),
                List.of(g.normal(q), g.normal(k), g.normal(v)));
    }

    // (3, 5): row 0 attends key 2 only, row 1 everything, row 2 nothing
    static Tensor boolMask() {
        boolean[] m = new boolean[15];
        m[2] = true;
        for (int j = 5; j < 10; j++) {
            m[j] = true;
        }
        return Tensor.fromArray(m, 3, 5);
    }

    // batch norm with fresh running statistics (mean 0.5, variance 2) of x's dtype when running
    private static Tensor batchNorm(Tensor x, boolean running, boolean training, Tensor w, Tensor b) {
        int c = x.shape().get(1);
        Tensor mean = running ? Tensor.full(0.5, x.dtype(), c) : null;
        Tensor var = running ? Tensor.full(2.0, x.dtype(), c) : null;
        return Functional.batchNorm(x, mean, var, w, b, training, 0.1, 1e-5);
    }

    static Tensor longs(long... v) {
        return Tensor.fromArray(v, v.length);
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }

    private static Case binary(String name, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0), t.get(1)), List.of(a, b));
    }
}
