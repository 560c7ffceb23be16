package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Functional;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every error of the normalisation, embedding, dropout, attention and loss functions of
 * {@link Functional}, with its whole message: the operation, the shapes, the rule broken and the fix.
 * The classes follow PyTorch's (its RuntimeError and ValueError → {@code IllegalArgumentException},
 * IndexError → {@code IndexOutOfBoundsException}).
 */
class NnErrorsTest {

    /** Errors: a non-floating input, an empty or mismatched normalizedShape, parameters of another shape or dtype. */
    @Test
    void layerNormErrors() {
        Tensor x = Tensor.zeros(2, 3, 4);
        fails(() -> Functional.layerNorm(x.to(DType.INT64), new int[] {4}, null, null, 1e-5),
                "layerNorm: input of shape (2, 3, 4) is int64; pass a floating tensor (to(DType.FLOAT64))");
        fails(() -> Functional.layerNorm(x, new int[0], null, null, 1e-5),
                "layerNorm: normalizedShape is empty; pass at least one trailing dimension of the input of shape (2, "
                        + "3, 4) to normalise over");
        fails(() -> Functional.layerNorm(x, null, null, null, 1e-5),
                "layerNorm: normalizedShape is null; pass at least one trailing dimension of the input of shape (2, "
                        + "3, 4) to normalise over");
        fails(() -> Functional.layerNorm(x, new int[] {4, 3}, null, null, 1e-5),
                "layerNorm: normalizedShape (4, 3) does not match the last dimensions of the input of shape (2, 3, "
                        + "4); the input must have shape (*, 4, 3)");
        fails(() -> Functional.layerNorm(x, new int[] {2, 3, 4, 5}, null, null, 1e-5),
                "layerNorm: normalizedShape (2, 3, 4, 5) does not match the last dimensions of the input of shape "
                        + "(2, 3, 4); the input must have shape (*, 2, 3, 4, 5)");
        fails(() -> Functional.layerNorm(x, new int[] {4}, Tensor.ones(3), null, 1e-5),
                "layerNorm: weight of shape (3,) does not match normalizedShape (4,); pass a weight of shape (4,) or "
                        + "null");
        fails(() -> Functional.layerNorm(x, new int[] {3, 4}, null, Tensor.ones(4), 1e-5),
                "layerNorm: bias of shape (4,) does not match normalizedShape (3, 4); pass a bias of shape (3, 4) or "
                        + "null");
        fails(() -> Functional.layerNorm(x, new int[] {4}, Tensor.ones(DType.FLOAT32, 4), null, 1e-5),
                "layerNorm: weight of shape (4,) is float32 but the input of shape (2, 3, 4) is float64; convert it "
                        + "with to(DType.FLOAT64)");
    }

    /**
     * Errors: the rank, the dtype, one running statistic without the other, evaluation without them,
     * per-channel sizes and dtypes, one value per channel in training.
     */
    @Test
    void batchNormErrors() {
        Tensor rm = Tensor.zeros(3);
        Tensor rv = Tensor.ones(3);
        fails(() -> Functional.batchNorm(Tensor.zeros(3), rm, rv, null, null, true, 0.1, 1e-5),
                "batchNorm: input of shape (3,) has rank 1; pass (N, C), (N, C, L) or (N, C, H, W)");
        fails(() -> Functional.batchNorm(Tensor.zeros(DType.INT64, 2, 3), rm, rv, null, null, true, 0.1, 1e-5),
                "batchNorm: input of shape (2, 3) is int64; pass a floating tensor (to(DType.FLOAT64))");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 3), rm, null, null, null, true, 0.1, 1e-5),
                "batchNorm: runningMean and runningVar must both be null or both be given; got runningMean alone");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 3), null, rv, null, null, true, 0.1, 1e-5),
                "batchNorm: runningMean and runningVar must both be null or both be given; got runningVar alone");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 3), null, null, null, null, false, 0.1, 1e-5),
                "batchNorm: evaluation (training false) normalises with the running statistics, but runningMean and "
                        + "runningVar are null; pass them, or use training true");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 4), rm, Tensor.ones(4), null, null, true, 0.1, 1e-5),
                "batchNorm: runningMean of shape (3,) must hold one value per channel: the input of shape (2, 4) has "
                        + "4 channels (dimension 1)");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 3), rm, rv, Tensor.ones(4), null, true, 0.1, 1e-5),
                "batchNorm: weight of shape (4,) must hold one value per channel: the input of shape (2, 3) has 3 "
                        + "channels (dimension 1)");
        fails(() -> Functional.batchNorm(Tensor.zeros(2, 3), rm, rv, null, Tensor.ones(2, 2), true, 0.1, 1e-5),
                "batchNorm: bias of shape (2, 2) must hold one value per channel: the input of shape (2, 3) has 3 "
                        + "channels (dimension 1)");
        fails(() -> Functional.batchNorm(Tensor.zeros(DType.FLOAT32, 2, 3), rm, rv, null, null, true, 0.1, 1e-5),
                "batchNorm: runningMean of shape (3,) is float64 but the input of shape (2, 3) is float32; convert "
                        + "it with to(DType.FLOAT32)");
        fails(() -> Functional.batchNorm(Tensor.zeros(1, 3), rm, rv, null, null, true, 0.1, 1e-5),
                "batchNorm: expected more than 1 value per channel when training, got input of shape (1, 3); use a "
                        + "batch of more than one sample, or evaluation (training false)");
        fails(() -> Functional.batchNorm(Tensor.zeros(1, 3, 1), null, null, null, null, true, 0.1, 1e-5),
                "batchNorm: expected more than 1 value per channel when training, got input of shape (1, 3, 1); use "
                        + "a batch of more than one sample, or evaluation (training false)");
    }

    /** Errors: index dtypes, the weight's rank, indices out of range, numClasses. */
    @Test
    void embeddingAndOneHotErrors() {
        Tensor w = Tensor.zeros(5, 3);
        fails(() -> Functional.embedding(Tensor.of(1.0), w),
                "embedding: indices must be int64, got float64 of shape (1,); convert them with to(DType.INT64)");
        fails(() -> Functional.embedding(l(1), Tensor.zeros(5)),
                "embedding: weight must be 2-d (numEmbeddings, dim), got shape (5,)");
        failsIndex(() -> Functional.embedding(Tensor.fromArray(new long[] {0, 1, 5, 2}, 2, 2), w),
                "embedding: index 5 at flat position 2 of the indices of shape (2, 2) is out of range for 5 "
                        + "embeddings (weight of shape (5, 3)); indices must be in [0, 5)");
        failsIndex(() -> Functional.embedding(l(-1), w),
                "embedding: index -1 at flat position 0 of the indices of shape (1,) is out of range for 5 "
                        + "embeddings (weight of shape (5, 3)); indices must be in [0, 5)");
        fails(() -> Functional.oneHot(Tensor.of(1.0), 3),
                "oneHot: indices must be int64, got float64 of shape (1,); convert them with to(DType.INT64)");
        fails(() -> Functional.oneHot(l(1), 0),
                "oneHot: numClasses must be positive, or -1 to infer it from the largest index, got 0 (indices of "
                        + "shape (1,))");
        fails(() -> Functional.oneHot(l(1), -2),
                "oneHot: numClasses must be positive, or -1 to infer it from the largest index, got -2 (indices of "
                        + "shape (1,))");
        fails(() -> Functional.oneHot(l(0, -2, 1), 4),
                "oneHot: index -2 at flat position 1 of the indices of shape (3,) is negative; class values must be "
                        + "≥ 0");
        fails(() -> Functional.oneHot(l(0, 2, 1), 2),
                "oneHot: index 2 at flat position 1 of the indices of shape (3,) is not below numClasses 2; pass a "
                        + "larger numClasses, or -1 to infer it");
        fails(() -> Functional.oneHot(Tensor.fromArray(new long[0], 0), -1),
                "oneHot: cannot infer the number of classes from empty indices of shape (0,); pass numClasses");
    }

    /** Errors: a probability outside [0, 1] (NaN included), no generator in training. */
    @Test
    void dropoutErrors() {
        Tensor x = Tensor.zeros(2, 3, 4);
        fails(() -> Functional.dropout(x, 1.5, true, new Random()),
                "dropout: probability p=1.5 is outside [0, 1]; pass the probability of zeroing an element, e.g. 0.5");
        fails(() -> Functional.dropout(x, Double.NaN, false, new Random()),
                "dropout: probability p=NaN is outside [0, 1]; pass the probability of zeroing an element, e.g. 0.5");
        fails(() -> Functional.dropout(x, 0.5, true, null),
                "dropout: rng is null; pass a Random (seeded for reproducible masks) to draw the mask for the input "
                        + "of shape (2, 3, 4)");
    }

    /** Errors: ranks, dtypes, sizes, batch dimensions, masks. */
    @Test
    void scaledDotProductAttentionErrors() {
        Tensor q = Tensor.zeros(2, 3, 4);
        Tensor k = Tensor.zeros(2, 5, 4);
        Tensor v = Tensor.zeros(2, 5, 6);
        fails(() -> Functional.scaledDotProductAttention(Tensor.zeros(4),
                Tensor.zeros(4), Tensor.zeros(4), null, false),
                "scaledDotProductAttention: query (4,), key (4,) and value (4,) must each have at least 2 "
                        + "dimensions, (…, L, E), (…, S, E) and (…, S, Ev)");
        fails(() -> Functional.scaledDotProductAttention(q.to(DType.FLOAT32), k, v, null, false),
                "scaledDotProductAttention: query (2, 3, 4), key (2, 5, 4) and value (2, 5, 6) have dtypes float32, "
                        + "float64 and float64; they need one floating dtype (convert with to(DType))");
        fails(() -> Functional.scaledDotProductAttention(q.to(DType.INT64),
                k.to(DType.INT64), v.to(DType.INT64), null, false),
                "scaledDotProductAttention: query (2, 3, 4), key (2, 5, 4) and value (2, 5, 6) have dtypes int64, "
                        + "int64 and int64; they need one floating dtype (convert with to(DType))");
        fails(() -> Functional.scaledDotProductAttention(q, Tensor.zeros(2, 5, 3), v, null, false),
                "scaledDotProductAttention: query (2, 3, 4), key (2, 5, 3) and value (2, 5, 6): query and key have "
                        + "embedding sizes 4 and 3 (their last dimensions); they must be equal");
        fails(() -> Functional.scaledDotProductAttention(q, k, Tensor.zeros(2, 4, 6), null, false),
                "scaledDotProductAttention: query (2, 3, 4), key (2, 5, 4) and value (2, 4, 6): key and value hold 5 "
                        + "and 4 positions (their second-to-last dimensions); they must be equal");
        fails(() -> Functional.scaledDotProductAttention(q, Tensor.zeros(3, 5, 4), Tensor.zeros(3, 5, 6), null, false),
                "scaledDotProductAttention: the batch dimensions of query (2, 3, 4), key (3, 5, 4) and value (3, 5, "
                        + "6) do not broadcast");
        fails(() -> Functional.scaledDotProductAttention(q, k, v, Tensor.zeros(3, 5), true),
                "scaledDotProductAttention: an explicit attnMask (shape (3, 5)) should not be given with isCausal "
                        + "true; pass one or the other");
        fails(() -> Functional.scaledDotProductAttention(q, k, v, Tensor.zeros(DType.INT64, 3, 5), false),
                "scaledDotProductAttention: attnMask of shape (3, 5) is int64; pass a bool mask (true = may attend) "
                        + "or one of the query's dtype float64 to add to the scores");
        fails(() -> Functional.scaledDotProductAttention(q, k, v, Tensor.zeros(DType.FLOAT32, 3, 5), false),
                "scaledDotProductAttention: attnMask of shape (3, 5) is float32; pass a bool mask (true = may "
                        + "attend) or one of the query's dtype float64 to add to the scores");
        fails(() -> Functional.scaledDotProductAttention(q, k, v, Tensor.zeros(4, 5), false),
                "scaledDotProductAttention: attnMask of shape (4, 5) does not broadcast to the attention scores' "
                        + "shape (2, 3, 5) (…, L, S) of query (2, 3, 4), key (2, 5, 4) and value (2, 5, 6)");
        fails(() -> Functional.scaledDotProductAttention(q, k, v, Tensor.zeros(DType.BOOL, 3, 2, 3, 5), false),
                "scaledDotProductAttention: attnMask of shape (3, 2, 3, 5) does not broadcast to the attention "
                        + "scores' shape (2, 3, 5) (…, L, S) of query (2, 3, 4), key (2, 5, 4) and value (2, 5, 6)");
    }

    /** Errors: label smoothing, ranks, dtypes, target shapes, class indices out of range, probabilities. */
    @Test
    void crossEntropyAndNllLossErrors() {
        Tensor lg = Tensor.zeros(3, 4);
        fails(() -> Functional.crossEntropy(lg, l(0, 1, 2), 1.5, -100),
                "crossEntropy: labelSmoothing must be in [0, 1], got 1.5 (for logits of shape (3, 4)); 0 turns it "
                        + "off, 0.1 is usual");
        fails(() -> Functional.crossEntropy(lg, l(0, 1, 2), Double.NaN, -100),
                "crossEntropy: labelSmoothing must be in [0, 1], got NaN (for logits of shape (3, 4)); 0 turns it "
                        + "off, 0.1 is usual");
        fails(() -> Functional.crossEntropy(Tensor.scalar(1), l(0)),
                "crossEntropy: input of shape () has rank 0; pass (N, C) class scores, one row per sample, or (C,) "
                        + "for one sample");
        fails(() -> Functional.crossEntropy(Tensor.zeros(2, 3, 4), l(0, 1)),
                "crossEntropy: input of shape (2, 3, 4) has rank 3; pass (N, C) class scores, one row per sample, or "
                        + "(C,) for one sample");
        fails(() -> Functional.crossEntropy(lg.to(DType.INT64), l(0, 1, 2)),
                "crossEntropy: input of shape (3, 4) is int64; pass a floating tensor (to(DType.FLOAT64))");
        fails(() -> Functional.crossEntropy(lg, l(0, 1)),
                "crossEntropy: target of shape (2,) does not fit the input of shape (3, 4); pass one class index per "
                        + "row, of shape (3,)");
        fails(() -> Functional.crossEntropy(lg, Tensor.fromArray(new long[] {0, 1, 2}, 1, 3)),
                "crossEntropy: target of shape (1, 3) does not fit the input of shape (3, 4); pass one class index "
                        + "per row, of shape (3,)");
        fails(() -> Functional.crossEntropy(Tensor.zeros(4), l(2)),
                "crossEntropy: target of shape (1,) does not fit the input of shape (4,); pass one class index per "
                        + "row, of shape ()");
        fails(() -> Functional.crossEntropy(lg, Tensor.fromArray(new boolean[] {true, false, true}, 3)),
                "crossEntropy: target of shape (3,) is bool; pass int64 class indices or floating class probabilities");
        failsIndex(() -> Functional.crossEntropy(lg, l(0, 4, 1)),
                "crossEntropy: target 4 of sample 1 is out of range for 4 classes (input of shape (3, 4)); use a "
                        + "class index in [0, 3] or the ignored index -100");
        failsIndex(() -> Functional.crossEntropy(lg, l(0, 1, -1)),
                "crossEntropy: target -1 of sample 2 is out of range for 4 classes (input of shape (3, 4)); use a "
                        + "class index in [0, 3] or the ignored index -100");
        failsIndex(() -> Functional.crossEntropy(Tensor.zeros(4), Tensor.fromArray(new long[] {7})),
                "crossEntropy: target 7 is out of range for 4 classes (input of shape (4,)); use a class index in "
                        + "[0, 3] or the ignored index -100");
        failsIndex(() -> Functional.crossEntropy(Tensor.zeros(2, 0), l(0, 0)),
                "crossEntropy: target 0 of sample 0 is out of range for 0 classes (input of shape (2, 0)); with no "
                        + "classes every target must be the ignored index -100");
        fails(() -> Functional.crossEntropy(lg, Tensor.zeros(3, 5)),
                "crossEntropy: class probabilities of shape (3, 5) must have the shape of the logits (3, 4)");
        fails(() -> Functional.crossEntropy(lg, Tensor.zeros(3, 4), 0.0, 1),
                "crossEntropy: ignoreIndex 1 applies to class-index targets, not to the class probabilities of shape "
                        + "(3, 4); leave it at -100");
        fails(() -> new CrossEntropyLoss().labelSmoothing(-0.5),
                "CrossEntropyLoss: labelSmoothing must be in [0, 1], got -0.5; 0 turns it off, 0.1 is usual");
        failsIndex(() -> new CrossEntropyLoss().forward(lg, new int[] {0, -100, 1}),
                "crossEntropy: target -100 of sample 1 is out of range for 4 classes (logits of shape (3, 4)); use a "
                        + "class index in [0, 3]");
        fails(() -> Functional.nllLoss(lg, Tensor.of(0, 1, 2)),
                "nllLoss: target of shape (3,) is float64; pass int64 class indices (to(DType.INT64))");
        failsIndex(() -> Functional.nllLoss(lg, l(0, 5, 1)),
                "nllLoss: target 5 of sample 1 is out of range for 4 classes (input of shape (3, 4)); use a class "
                        + "index in [0, 3] or the ignored index -100");
        fails(() -> Functional.nllLoss(lg, l(0, 1)),
                "nllLoss: target of shape (2,) does not fit the input of shape (3, 4); pass one class index per row, "
                        + "of shape (3,)");
        fails(() -> Functional.nllLoss(Tensor.zeros(2, 3, 4), l(0, 1)),
                "nllLoss: input of shape (2, 3, 4) has rank 3; pass (N, C) class scores, one row per sample, or (C,) "
                        + "for one sample");
    }

    /** Errors: shapes, dtypes, beta, probabilities outside [0, 1]. */
    @Test
    void regressionAndBinaryLossesErrors() {
        fails(() -> Functional.mseLoss(Tensor.zeros(2, 3), Tensor.zeros(3)),
                "mseLoss: target of shape (3,) differs from the input of shape (2, 3); the shapes must be equal "
                        + "(reshape one of them)");
        fails(() -> Functional.mseLoss(Tensor.zeros(DType.INT64, 2, 3), Tensor.zeros(DType.INT64, 2, 3)),
                "mseLoss: input of shape (2, 3) is int64; pass a floating tensor (to(DType.FLOAT64))");
        fails(() -> Functional.mseLoss(Tensor.zeros(2, 3), Tensor.zeros(DType.INT64, 2, 3)),
                "mseLoss: target of shape (2, 3) is int64; pass a floating tensor (to(DType.FLOAT64))");
        fails(() -> Functional.l1Loss(Tensor.zeros(2, 3), Tensor.zeros(3, 2)),
                "l1Loss: target of shape (3, 2) differs from the input of shape (2, 3); the shapes must be equal "
                        + "(reshape one of them)");
        fails(() -> Functional.smoothL1Loss(Tensor.zeros(2, 3), Tensor.zeros(2, 3), -1),
                "smoothL1Loss: beta must be ≥ 0, got -1.0 (for inputs of shape (2, 3)); 0 gives the L1 loss, "
                        + "PyTorch's default is 1.0");
        fails(() -> Functional.smoothL1Loss(Tensor.zeros(2, 3), Tensor.zeros(2, 1), 1),
                "smoothL1Loss: target of shape (2, 1) differs from the input of shape (2, 3); the shapes must be "
                        + "equal (reshape one of them)");
        fails(() -> Functional.binaryCrossEntropy(Tensor.zeros(2), Tensor.zeros(3)),
                "binaryCrossEntropy: target of shape (3,) differs from the input of shape (2,); the shapes must be "
                        + "equal (reshape one of them)");
        fails(() -> Functional.binaryCrossEntropy(Tensor.zeros(2), Tensor.zeros(DType.FLOAT32, 2)),
                "binaryCrossEntropy: target of shape (2,) is float32 but the input is float64; convert the target "
                        + "with to(DType.FLOAT64)");
        fails(() -> Functional.binaryCrossEntropy(Tensor.of(0.5, 1.5), Tensor.of(0, 1)),
                "binaryCrossEntropy: every element of the input (shape (2,)) must be in [0, 1], but element 1 is "
                        + "1.5; pass probabilities (sigmoid of the logits), or use binaryCrossEntropyWithLogits on "
                        + "the logits");
        fails(() -> Functional.binaryCrossEntropy(Tensor.of(0.5, Double.NaN), Tensor.of(0, 1)),
                "binaryCrossEntropy: every element of the input (shape (2,)) must be in [0, 1], but element 1 is "
                        + "NaN; pass probabilities (sigmoid of the logits), or use binaryCrossEntropyWithLogits on "
                        + "the logits");
        fails(() -> Functional.binaryCrossEntropy(Tensor.of(0.5, 0.5), Tensor.of(0, -0.25)),
                "binaryCrossEntropy: every element of the target (shape (2,)) must be in [0, 1], but element 1 is "
                        + "-0.25");
        fails(() -> Functional.binaryCrossEntropy(Tensor.zeros(DType.INT64, 2), Tensor.zeros(DType.INT64, 2)),
                "binaryCrossEntropy: input of shape (2,) is int64; pass a floating tensor (to(DType.FLOAT64))");
    }

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static void failsIndex(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IndexOutOfBoundsException.class).hasMessage(message);
    }

    private static Tensor l(long... v) {
        return Tensor.fromArray(v, v.length);
    }
}
