package io.jgrad.bench;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.examples.Gpt;
import io.jgrad.optim.AdamW;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The GPT training step of the {@code gpt} and {@code gptmem} sections: the examples' {@link Gpt}
 * (nanoGPT's layout) with {@value #LAYERS} layers, {@value #HEADS} heads, {@value #CHANNELS}
 * channels, block {@value #BLOCK}, vocabulary {@value #VOCAB}, dropout 0, in float32, initialised
 * from {@code new Random(0)}; {@link AdamW} as the {@code CharGpt} example sets it up (nanoGPT's
 * rule) but at {@code lr = 3e-4}: betas 0.9/0.99, weight decay 0.1 on the matrices (the parameters
 * of two or more dimensions) and 0 on the rest, one optimizer for each group (PyTorch's two
 * parameter groups); no gradient clipping. A step is: gradients reset to {@code null}, forward and
 * mean cross-entropy of the next-token logits ({@link Gpt#loss}), backward, AdamW step. Its inputs are {@value #POOL} batches
 * of {@value #BATCH} × {@value #BLOCK} uniformly random token ids and random targets drawn once from
 * {@code new Random(1)}, used in turn (so that drawing them is not timed).
 */
final class GptStep {

    static final int LAYERS = 4;
    static final int HEADS = 4;
    static final int CHANNELS = 128;
    static final int BLOCK = 64;
    static final int BATCH = 16;
    static final int VOCAB = 65;
    static final double LR = 3e-4;
    static final int POOL = 8;
    /** The workload's name in the results. */
    static final String WORKLOAD = "gpt step L" + LAYERS + " H" + HEADS + " C" + CHANNELS + " T" + BLOCK + " B"
            + BATCH + " V" + VOCAB;

    final Gpt model;
    private final AdamW decay;
    private final AdamW noDecay;
    private final Tensor[] inputs = new Tensor[POOL];
    private final Tensor[] targets = new Tensor[POOL];
    private int next;

    GptStep() {
        model = new Gpt(new Gpt.Config(BLOCK, VOCAB, LAYERS, HEADS, CHANNELS, 0.0), new Random(0));
        model.to(DType.FLOAT32);
        List<Tensor> matrices = new ArrayList<>();
        List<Tensor> others = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            (p.dim() >= 2 ? matrices : others).add(p);
        }
        decay = new AdamW(matrices, LR).betas(0.9, 0.99).weightDecay(0.1);
        noDecay = new AdamW(others, LR).betas(0.9, 0.99).weightDecay(0.0);
        Random rng = new Random(1);
        for (int p = 0; p < POOL; p++) {
            inputs[p] = tokens(rng);
            targets[p] = tokens(rng);
        }
    }

    private static Tensor tokens(Random rng) {
        long[] ids = new long[BATCH * BLOCK];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(VOCAB);
        }
        return Tensor.fromArray(ids, BATCH, BLOCK);
    }

    /** @return the tokens of one step */
    static int tokensPerStep() {
        return BATCH * BLOCK;
    }

    /** One training step on the next batch of the pool; returns the loss (before the update). */
    double step() {
        Tensor x = inputs[next];
        Tensor y = targets[next];
        next = (next + 1) % POOL;
        decay.zeroGrad();
        noDecay.zeroGrad();
        Tensor loss = model.loss(x, y);
        loss.backward();
        decay.step();
        noDecay.step();
        return loss.item();
    }

    /**
     * The bytes of the forward's activations, counted analytically, float32 (4 bytes): the output of
     * each operation of nanoGPT's forward as written, views (split, reshape, transpose) free and
     * dropout with p = 0 the identity. With {@code N = B·T} tokens: the token and position
     * embeddings ({@code N·C}, {@code T·C}) and their sum ({@code N·C}); per block {@code 19·N·C}
     * (ln_1, the q/k/v projection {@code 3·N·C}, the attention output, its heads merged into a
     * contiguous copy, c_proj, the residual sum, ln_2, c_fc {@code 4·N·C}, GELU {@code 4·N·C},
     * c_proj, the residual sum) plus the attention probabilities {@code B·H·T²}; ln_f
     * ({@code N·C}); the logits ({@code N·V}) and their log-softmax ({@code N·V}). Layer norms'
     * saved means and deviations and the loss's scalars are left out (under 0.1%).
     *
     * @return the bytes
     */
    static long activationBytes() {
        long n = (long) BATCH * BLOCK;
        long c = CHANNELS;
        long perBlock = 19 * n * c + (long) BATCH * HEADS * BLOCK * BLOCK;
        long floats = 2 * n * c + BLOCK * c + LAYERS * perBlock + n * c + 2 * n * VOCAB;
        return 4 * floats;
    }
}
