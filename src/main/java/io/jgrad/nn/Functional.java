package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.ops.AdaptiveAvgPool2d;
import io.jgrad.ops.Attention;
import io.jgrad.ops.AvgPool2d;
import io.jgrad.ops.BinaryCrossEntropy;
import io.jgrad.ops.BinaryCrossEntropyWithLogits;
import io.jgrad.ops.ConstantPadNd;
import io.jgrad.ops.Conv2d;
import io.jgrad.ops.Embedding;
import io.jgrad.ops.LossFunctions;
import io.jgrad.ops.MaxPool2d;
import io.jgrad.ops.NativeBatchNorm;
import io.jgrad.ops.NativeLayerNorm;
import io.jgrad.ops.NllLoss;
import io.jgrad.ops.NnComposites;
import java.util.Random;

/**
 * Stateless neural-network functions, as PyTorch's {@code torch.nn.functional}: the layers of this
 * package call them with their parameters, and they can be called directly. Each is one line that
 * hands its arguments to an operation of {@code io.jgrad.ops}, where the forward and the backward
 * formula are; {@code docs/ops.md} lists them.
 *
 * <p>Image tensors are {@code (N, C, H, W)}, or {@code (C, H, W)} for a single image (the result then
 * has no batch dimension either). Kernel, stride, padding and dilation are {@code int[]{h, w}} pairs
 * (a single value stands for both), and the {@code int} overloads use the same value for both. The
 * image functions need a floating input (max and average pooling also take int64, without gradient).
 *
 * <p>Normalisation ({@link #layerNorm}, {@link #batchNorm}) runs fused kernels; attention and most
 * losses are compositions of other operations. The losses reduce by the mean (over the batch for
 * the class losses, over all elements for the others), as PyTorch's default {@code reduction='mean'},
 * and return a 0-d tensor; a mean over nothing is NaN.
 */
public final class Functional {

    private Functional() {
    }

    /**
     * Two-dimensional convolution (cross-correlation), as {@code F.conv2d}:
     * {@code out[n, o, y, x] = bias[o] + Σ_{c, i, j} weight[o, c, i, j] · input[n, g·C/groups + c, y·sh − ph + i·dh, x·sw − pw + j·dw]},
     * zero outside the image, {@code g} the group of filter {@code o}. Grad fn {@code Conv2d}
     * (PyTorch's {@code ConvolutionBackward0}); differentiable to any order in the input, the weight
     * and the bias.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32 or float64
     * @param weight {@code (O, C/groups, kh, kw)}, the input's dtype
     * @param bias {@code (O,)}, the input's dtype, or {@code null}
     * @param stride {@code {sh, sw}}, each ≥ 1
     * @param padding {@code {ph, pw}}: zeros added on each side, each ≥ 0
     * @param dilation {@code {dh, dw}}: spacing of the kernel's taps, each ≥ 1
     * @param groups splits the channels and the filters into this many independent convolutions; it
     *     must divide {@code C} and {@code O}
     * @return {@code (N, O, OH, OW)} (or {@code (O, OH, OW)}) with
     *     {@code OH = ⌊(H + 2·ph − dh·(kh − 1) − 1) / sh⌋ + 1} and {@code OW} likewise
     * @throws IllegalArgumentException if a rank, the channels ({@code C ≠ weight.shape[1]·groups}),
     *     {@code groups} ({@code O} not a multiple), the bias shape or the dtypes do not fit, if a
     *     stride or dilation is below 1 or a padding negative, or if the dilated kernel is larger than
     *     the padded input
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return Conv2d.apply(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)} with the same stride and
     * padding in both dimensions, no dilation and one group.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param weight {@code (O, C/groups, kh, kw)}
     * @param bias {@code (O,)} or {@code null}
     * @param stride the step between windows, down and across
     * @param padding added on every side (zeros)
     * @return {@code (N, O, H', W')} (no {@code N} for an unbatched input)
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return Conv2d.apply(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * Max pooling, as {@code F.max_pool2d}: the maximum of each window (the padding never wins; a
     * NaN in a window gives NaN). Grad fn {@code MaxPool2d}; the gradient goes to the first maximum of
     * each window.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32, float64 or int64
     * @param kernel {@code {kh, kw}}, each ≥ 1
     * @param stride {@code {sh, sw}}, each ≥ 1; {@code null} for the kernel size (PyTorch's default)
     * @param padding {@code {ph, pw}}, each in {@code [0, kernel/2]}
     * @return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}), {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}
     * @throws IllegalArgumentException if the rank or dtype does not fit, an argument is out of range,
     *     the channels or the plane are empty, or the kernel is larger than the padded input
     */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return MaxPool2d.apply(input, kernel, stride, padding);
    }

    /**
     * {@link #maxPool2d(Tensor, int[], int[], int[])} with a square kernel, stride = kernel and no
     * padding.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param kernel the window's height and width
     * @return {@code (N, C, H / kernel, W / kernel)} (rounded down; no {@code N} for an unbatched input)
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return MaxPool2d.apply(input, new int[] {kernel}, null, new int[] {0});
    }

    /**
     * Average pooling, as {@code F.avg_pool2d} with its defaults ({@code count_include_pad=True},
     * {@code ceil_mode=False}): the sum of each window divided by {@code kh·kw}, the padding counted
     * as zeros. Grad fn {@code AvgPool2d}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32, float64 or int64 (truncated
     *     towards zero)
     * @param kernel {@code {kh, kw}}, each ≥ 1
     * @param stride {@code {sh, sw}}, each ≥ 1; {@code null} for the kernel size
     * @param padding {@code {ph, pw}}, each in {@code [0, kernel/2]}
     * @return {@code (N, C, OH, OW)} (or {@code (C, OH, OW)}), {@code OH = ⌊(H + 2·ph − kh) / sh⌋ + 1}
     * @throws IllegalArgumentException as {@link #maxPool2d(Tensor, int[], int[], int[])}
     */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return AvgPool2d.apply(input, kernel, stride, padding);
    }

    /**
     * {@link #avgPool2d(Tensor, int[], int[], int[])} with a square kernel, stride = kernel and no
     * padding.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}
     * @param kernel the window's height and width
     * @return {@code (N, C, H / kernel, W / kernel)} (rounded down; no {@code N} for an unbatched input)
     * @throws IllegalArgumentException as the full form
     */
    public static Tensor avgPool2d(Tensor input, int kernel) {
        return AvgPool2d.apply(input, new int[] {kernel}, null, new int[] {0});
    }

    /**
     * Adaptive average pooling, as {@code F.adaptive_avg_pool2d}: output row {@code i} averages input
     * rows {@code ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉ − 1}, and columns likewise. Grad fn
     * {@code AdaptiveAvgPool2d}.
     *
     * @param input {@code (N, C, H, W)} or {@code (C, H, W)}, float32 or float64, {@code H, W ≥ 1}
     * @param outH output rows, ≥ 0
     * @param outW output columns, ≥ 0
     * @return {@code (N, C, outH, outW)} (or {@code (C, outH, outW)})
     * @throws IllegalArgumentException if the rank or dtype does not fit, an output size is negative,
     *     or the input plane is empty
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return AdaptiveAvgPool2d.apply(input, outH, outW);
    }

    /**
     * Constant padding, as {@code F.pad(input, pads, value=value)}: {@code pads} holds
     * {@code (before, after)} pairs for the last dimension, then the one before it, and so on; each
     * adds that many elements of {@code value}, or, when negative, crops that many. Grad fn
     * {@code ConstantPadNd}; the gradient is the output gradient with the padding cropped off and
     * the cropped elements as zeros.
     *
     * @param input any shape and dtype
     * @param pads an even number of values, at most {@code 2·rank}
     * @param value the fill, converted to the input's dtype as a Java cast does
     * @return the padded tensor, of the input's dtype
     * @throws IllegalArgumentException if {@code pads} is null, of odd length or too long, or crops
     *     more elements than a dimension has
     */
    public static Tensor pad(Tensor input, int[] pads, double value) {
        return ConstantPadNd.apply(input, pads, value);
    }

    // ------------------------------------------------------------------ normalisation

    /**
     * Layer normalisation, as {@code F.layer_norm}: over the trailing {@code normalizedShape} of each
     * sample, {@code out = (x − mean) / √(var + eps) · weight + bias} with the biased variance. Grad fn
     * {@code NativeLayerNorm}; differentiable to any order in the input, the weight and the bias.
     *
     * @param input {@code (*, normalizedShape…)}, float32 or float64
     * @param normalizedShape the trailing dimensions to normalise over, at least one
     * @param weight of {@code normalizedShape} and the input's dtype, or {@code null} (1)
     * @param bias of {@code normalizedShape} and the input's dtype, or {@code null} (0)
     * @param eps added to the variance (PyTorch's default is 1e-5)
     * @return the input's shape and dtype
     * @throws IllegalArgumentException if the input is not floating, {@code normalizedShape} is empty
     *     or not the end of the input's shape, or the weight or bias has another shape or dtype
     */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return NativeLayerNorm.apply(input, normalizedShape, weight, bias, eps);
    }

    /**
     * Batch normalisation, as {@code F.batch_norm}: per channel {@code c} (dimension 1),
     * {@code out = (x − mean_c) / √(var_c + eps) · weight[c] + bias[c]}. In training the statistics are
     * the batch's over every dimension but 1 (biased variance), and the running statistics, when
     * given, are updated in place: {@code running = (1 − momentum)·running + momentum·batch}, with the
     * unbiased batch variance for {@code runningVar} (the write bumps their versions); with
     * {@code training} false the running statistics are used. Grad fn {@code NativeBatchNorm};
     * differentiable to any order in the input, the weight and the bias.
     *
     * @param input {@code (N, C)}, {@code (N, C, L)} or {@code (N, C, H, W)} (any {@code (N, C, *)}),
     *     float32 or float64
     * @param runningMean {@code (C,)} of the input's dtype, or {@code null} (then runningVar too: the
     *     batch statistics are always used)
     * @param runningVar {@code (C,)} of the input's dtype, or {@code null}
     * @param weight {@code (C,)} or {@code null} (1)
     * @param bias {@code (C,)} or {@code null} (0)
     * @param training whether to normalise with (and update from) the batch statistics
     * @param momentum the update factor of the running statistics (PyTorch's default is 0.1)
     * @param eps added to the variance (PyTorch's default is 1e-5)
     * @return the input's shape and dtype
     * @throws IllegalArgumentException if the input has rank below 2 or is not floating, a per-channel
     *     tensor does not hold {@code C} values of the input's dtype, only one running statistic is
     *     given, the running statistics are missing when not training, or training sees only one value
     *     per channel
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return NativeBatchNorm.apply(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    // ------------------------------------------------------------------ embeddings, dropout, attention

    /**
     * A lookup table, as {@code F.embedding}: {@code out[i…, :] = weight[indices[i…], :]}. Grad fn
     * {@code Embedding}; the weight's gradient adds each output row's gradient into the row it came
     * from, so repeated indices accumulate.
     *
     * @param indices INT64, any shape, entries in {@code [0, numEmbeddings)}
     * @param weight {@code (numEmbeddings, dim)}
     * @return {@code indices.shape + (dim,)}, of the weight's dtype
     * @throws IllegalArgumentException if the indices are not INT64 or the weight is not 2-d
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return Embedding.apply(indices, weight);
    }

    /**
     * One-hot encoding, as {@code F.one_hot}: 1 at each index's class and 0 elsewhere; no graph.
     *
     * @param indices INT64, any shape, entries ≥ 0
     * @param numClasses the number of classes, or -1 for the largest index plus one
     * @return INT64 of shape {@code indices.shape + (numClasses,)}
     * @throws IllegalArgumentException if the indices are not INT64, an index is negative or not below
     *     {@code numClasses}, {@code numClasses} is neither -1 nor positive, or -1 is given for empty indices
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return NnComposites.oneHot(indices, numClasses);
    }

    /**
     * Inverted dropout, as {@code F.dropout}: in training each element is zeroed with probability
     * {@code p} ({@code rng.nextDouble() >= p} keeps it: one draw per element, in row-major order) and
     * the kept ones are scaled by {@code 1/(1 − p)}; otherwise, or with {@code p = 0}, the input itself
     * is returned. The same draws as the {@link Dropout} layer. Grad fn {@code Mul} (by the mask).
     *
     * @param input any shape
     * @param p the probability of zeroing an element, in {@code [0, 1]}
     * @param training whether to drop; {@code false} returns the input
     * @param rng the source of the mask ({@code null} allowed when not training)
     * @return the input's shape
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}, or {@code rng} is null in training
     */
    public static Tensor dropout(Tensor input, double p, boolean training, Random rng) {
        return NnComposites.dropout(input, p, training, rng);
    }

    /**
     * Scaled dot-product attention, as {@code F.scaled_dot_product_attention} (PyTorch's math backend):
     * {@code softmax(q·kᵀ/√E + mask)·v}. A BOOL mask lets position {@code (i, j)} attend where it is
     * true; a floating mask is added to the scores; {@code isCausal} lets query {@code i} attend keys
     * {@code j ≤ i}. A query row that may attend nowhere gives zeros (PyTorch's safe softmax). A
     * composition of {@code MatMul} (the product with {@code kᵀ} without copying it), {@code Mul},
     * {@code Where} or {@code Add}, and {@code Softmax}; differentiable to any order.
     *
     * @param q {@code (…, L, E)}, floating
     * @param k {@code (…, S, E)}, the same dtype
     * @param v {@code (…, S, Ev)}, the same dtype; the batch dimensions {@code …} of the three broadcast
     * @param attnMask {@code null}, BOOL, or of the query's dtype; broadcasts to {@code (…, L, S)}
     * @param isCausal whether to apply the causal (lower-triangular) mask
     * @return {@code (…, L, Ev)}
     * @throws IllegalArgumentException if an operand has fewer than 2 dimensions, the dtypes differ or
     *     are not floating, the sizes or batch dimensions do not fit, the mask has another dtype or does
     *     not broadcast to the scores, or a mask is given together with {@code isCausal}
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, boolean isCausal) {
        return Attention.scaledDotProductAttention(q, k, v, attnMask, isCausal);
    }

    // ------------------------------------------------------------------ losses

    /**
     * Cross-entropy of logits, as {@code F.cross_entropy} with its defaults (no label smoothing,
     * ignored index -100): {@link #crossEntropy(Tensor, Tensor, double, int)} with {@code 0.0, -100}.
     *
     * @param logits the unnormalised class scores
     * @param target {@code INT64} class indices {@code (N,)} or {@code ()}, or class probabilities of the logits' shape
     * @return the 0-d mean loss
     * @throws IllegalArgumentException as the full form
     * @throws IndexOutOfBoundsException as the full form
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return LossFunctions.crossEntropy(logits, target, 0.0, LossFunctions.DEFAULT_IGNORE_INDEX);
    }

    /**
     * Cross-entropy of logits, as {@code F.cross_entropy(logits, target, ignore_index=ignoreIndex,
     * label_smoothing=labelSmoothing)}, mean over the samples. With INT64 class indices {@code t}:
     * {@code (1 − ε)·Σ_i −log softmax(x_i)[t_i] / V + (ε/C)·Σ_i Σ_j −log softmax(x_i)[j] / V} over the
     * {@code V} samples whose target is not {@code ignoreIndex} (NaN when none is left); one fused
     * operation, grad fn {@code CrossEntropy}, stable for any finite logits. With floating class
     * probabilities {@code q}: {@code −Σ_i Σ_j q'_ij·log softmax(x_i)[j] / N} with
     * {@code q' = (1 − ε)·q + ε/C}, a composition (the target gets a gradient too).
     *
     * @param logits {@code (N, C)}, or {@code (C,)} for one sample; floating
     * @param target INT64 {@code (N,)} (or {@code ()}), or floating of the logits' shape
     * @param labelSmoothing {@code ε} in {@code [0, 1]}
     * @param ignoreIndex the class index whose samples are left out (class indices only; must stay
     *     -100 with probabilities)
     * @return a 0-d tensor
     * @throws IllegalArgumentException if a rank, shape or dtype does not fit, {@code ε} is outside
     *     {@code [0, 1]}, or {@code ignoreIndex} is not -100 with probabilities
     * @throws IndexOutOfBoundsException if a class index other than {@code ignoreIndex} is outside {@code [0, C)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, double labelSmoothing, int ignoreIndex) {
        return LossFunctions.crossEntropy(logits, target, labelSmoothing, ignoreIndex);
    }

    /**
     * Negative log-likelihood, as {@code F.nll_loss} with its defaults: {@code −Σ_i x[i, t_i] / V} over
     * the {@code V} samples whose target is not -100. Grad fn {@code NllLoss}.
     *
     * @param logProbs {@code (N, C)} or {@code (C,)}, floating (a {@code logSoftmax(1)})
     * @param target INT64 {@code (N,)} or {@code ()}, entries in {@code [0, C)} or -100
     * @return a 0-d tensor
     * @throws IllegalArgumentException if a rank, shape or dtype does not fit
     * @throws IndexOutOfBoundsException if a target is out of range
     */
    public static Tensor nllLoss(Tensor logProbs, Tensor target) {
        return NllLoss.apply(logProbs, target, LossFunctions.DEFAULT_IGNORE_INDEX);
    }

    /**
     * Mean squared error, as {@code F.mse_loss}: {@code Σ (input − target)² / n}; both get gradients.
     *
     * @param input floating, any shape
     * @param target floating, the same shape
     * @return a 0-d tensor
     * @throws IllegalArgumentException if the shapes differ (PyTorch broadcasts with a warning) or an
     *     argument is not floating
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return LossFunctions.mseLoss(input, target);
    }

    /**
     * Mean absolute error, as {@code F.l1_loss}: {@code Σ |input − target| / n}.
     *
     * @param input the prediction
     * @param target the target, of {@code input}'s shape
     * @return the 0-d mean loss
     * @throws IllegalArgumentException as {@link #mseLoss}
     */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return LossFunctions.l1Loss(input, target);
    }

    /**
     * Smooth L1 loss, as {@code F.smooth_l1_loss}: with {@code d = input − target}, the mean of
     * {@code 0.5·d²/β} where {@code |d| < β} and {@code |d| − 0.5·β} elsewhere ({@code β = 0}: the L1 loss).
     *
     * @param input the prediction
     * @param target the target, of {@code input}'s shape
     * @param beta the switch point, ≥ 0 (PyTorch's default is 1.0)
     * @return the 0-d mean loss
     * @throws IllegalArgumentException as {@link #mseLoss}, or if {@code beta} is negative
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, double beta) {
        return LossFunctions.smoothL1Loss(input, target, beta);
    }

    /**
     * Binary cross-entropy of probabilities, as {@code F.binary_cross_entropy}:
     * {@code −Σ [t·ln p + (1 − t)·ln(1 − p)] / n}, each logarithm clamped at −100 (so 0 and 1 give a
     * finite loss). Grad fn {@code BinaryCrossEntropy}.
     *
     * @param p probabilities in {@code [0, 1]}, floating
     * @param target of {@code p}'s shape and dtype, in {@code [0, 1]}
     * @return a 0-d tensor
     * @throws IllegalArgumentException if the shapes or dtypes differ, or an element of either is outside [0, 1]
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor target) {
        return BinaryCrossEntropy.apply(p, target);
    }

    /**
     * Binary cross-entropy of logits, as {@code F.binary_cross_entropy_with_logits}:
     * {@code Σ [max(x, 0) − x·t + log(1 + e^(−|x|))] / n}, stable for any finite logits; gradient
     * {@code (σ(x) − t)/n}. Grad fn {@code BinaryCrossEntropyWithLogits}.
     *
     * @param logits floating, any shape
     * @param target floating, the same shape
     * @return a 0-d tensor
     * @throws IllegalArgumentException if the shapes differ or an argument is not floating
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return BinaryCrossEntropyWithLogits.apply(logits, target);
    }
}
