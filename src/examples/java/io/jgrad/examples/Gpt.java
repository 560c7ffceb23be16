package io.jgrad.examples;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.Functional;
import io.jgrad.nn.GELU;
import io.jgrad.nn.Layer;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Sequential;
import io.jgrad.ndarray.Factories;
import java.util.Random;

/**
 * A GPT in the layout of nanoGPT's {@code model.py}: token and position embeddings, pre-LayerNorm
 * blocks of causal self-attention and a GELU MLP, a final LayerNorm and a language-model head tied to
 * the token embedding. The classes and the parameter names are nanoGPT's, so its checkpoints map
 * over key for key: {@code transformer.wte.weight}, {@code transformer.h.0.attn.c_attn.weight},
 * {@code transformer.ln_f.bias}, {@code lm_head.weight} (the same tensor as {@code wte}'s), …
 */
public final class Gpt extends Layer {

    /**
     * The model's shape, nanoGPT's {@code GPTConfig}.
     *
     * @param blockSize the longest context {@code T}
     * @param vocabSize the number of token ids
     * @param nLayer blocks
     * @param nHead attention heads per block
     * @param nEmbd channels, divisible by {@code nHead}
     * @param dropout dropout probability in training
     */
    public record Config(int blockSize, int vocabSize, int nLayer, int nHead, int nEmbd, double dropout) {
        /** @throws IllegalArgumentException if a size is not positive or the heads do not divide the channels */
        public Config {
            if (blockSize < 1 || vocabSize < 1 || nLayer < 1 || nHead < 1 || nEmbd < 1 || nEmbd % nHead != 0) {
                throw new IllegalArgumentException("Gpt.Config: sizes must be ≥ 1 and nHead must divide nEmbd, got "
                        + this);
            }
        }
    }

    /** nanoGPT's {@code CausalSelfAttention}: one projection to q, k, v, heads, causal attention, output projection. */
    static final class CausalSelfAttention extends Layer {
        private final Linear cAttn;
        private final Linear cProj;
        private final Dropout residDropout;
        private final int nHead;
        private final int nEmbd;

        CausalSelfAttention(Config c, Random rng) {
            nHead = c.nHead();
            nEmbd = c.nEmbd();
            cAttn = registerModule("c_attn", linear(c.nEmbd(), 3 * c.nEmbd(), 0.02, rng));
            cProj = registerModule("c_proj", linear(c.nEmbd(), c.nEmbd(), 0.02 / Math.sqrt(2.0 * c.nLayer()), rng));
            residDropout = registerModule("resid_dropout", new Dropout(c.dropout(), rng));
        }

        @Override
        public Tensor forward(Tensor x) {
            int b = x.shape().get(0);
            int t = x.shape().get(1);
            int hs = nEmbd / nHead;
            java.util.List<Tensor> qkv = cAttn.call(x).split(nEmbd, 2);
            // (B, T, C) → (B, nh, T, hs)
            Tensor q = qkv.get(0).reshape(b, t, nHead, hs).transpose(1, 2);
            Tensor k = qkv.get(1).reshape(b, t, nHead, hs).transpose(1, 2);
            Tensor v = qkv.get(2).reshape(b, t, nHead, hs).transpose(1, 2);
            Tensor y = Functional.scaledDotProductAttention(q, k, v, null, true);
            y = y.transpose(1, 2).reshape(b, t, nEmbd);
            return residDropout.call(cProj.call(y));
        }
    }

    /** nanoGPT's {@code MLP}: 4× expansion with GELU. */
    static final class Mlp extends Layer {
        private final Linear cFc;
        private final GELU gelu;
        private final Linear cProj;
        private final Dropout dropout;

        Mlp(Config c, Random rng) {
            cFc = registerModule("c_fc", linear(c.nEmbd(), 4 * c.nEmbd(), 0.02, rng));
            gelu = registerModule("gelu", new GELU());
            cProj = registerModule("c_proj", linear(4 * c.nEmbd(), c.nEmbd(), 0.02 / Math.sqrt(2.0 * c.nLayer()), rng));
            dropout = registerModule("dropout", new Dropout(c.dropout(), rng));
        }

        @Override
        public Tensor forward(Tensor x) {
            return dropout.call(cProj.call(gelu.call(cFc.call(x))));
        }
    }

    /** nanoGPT's {@code Block}: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. */
    static final class Block extends Layer {
        private final LayerNorm ln1;
        private final CausalSelfAttention attn;
        private final LayerNorm ln2;
        private final Mlp mlp;

        Block(Config c, Random rng) {
            ln1 = registerModule("ln_1", new LayerNorm(c.nEmbd()));
            attn = registerModule("attn", new CausalSelfAttention(c, rng));
            ln2 = registerModule("ln_2", new LayerNorm(c.nEmbd()));
            mlp = registerModule("mlp", new Mlp(c, rng));
        }

        @Override
        public Tensor forward(Tensor x) {
            x = x.add(attn.call(ln1.call(x)));
            return x.add(mlp.call(ln2.call(x)));
        }
    }

    /** nanoGPT's {@code transformer} ModuleDict: wte, wpe, drop, h (the blocks), ln_f. */
    static final class Transformer extends Layer {
        final Embedding wte;
        final Embedding wpe;
        final Dropout drop;
        final Sequential h;
        final LayerNorm lnF;

        Transformer(Config c, Random rng) {
            wte = registerModule("wte", new Embedding(normal(rng, 0.02, c.vocabSize(), c.nEmbd())));
            wpe = registerModule("wpe", new Embedding(normal(rng, 0.02, c.blockSize(), c.nEmbd())));
            drop = registerModule("drop", new Dropout(c.dropout(), rng));
            Layer[] blocks = new Layer[c.nLayer()];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = new Block(c, rng);
            }
            h = registerModule("h", new Sequential(blocks));
            lnF = registerModule("ln_f", new LayerNorm(c.nEmbd()));
        }

        @Override
        public Tensor forward(Tensor idx) {
            throw new UnsupportedOperationException("Gpt.Transformer is a container; call the Gpt model");
        }
    }

    private final Config config;
    private final Transformer transformer;
    private final Linear lmHead;

    /**
     * A model initialised as nanoGPT's {@code _init_weights}: linear and embedding weights normal with
     * standard deviation 0.02 (the residual projections {@code c_proj} 0.02/√(2·nLayer)), biases 0,
     * layer norms 1 and 0; the head shares the token embedding's weight. Float64; convert with
     * {@link #to(DType)}.
     */
    public Gpt(Config config, Random rng) {
        this.config = config;
        this.transformer = registerModule("transformer", new Transformer(config, rng));
        // weight tying: the head's weight is the token embedding's tensor, listed once among the parameters
        this.lmHead = registerModule("lm_head", new Linear(transformer.wte.weight(), null));
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /**
     * The logits of the next token at every position.
     *
     * @param idx {@code (B, T)} int64 token ids, {@code T ≤ blockSize}
     * @return {@code (B, T, vocabSize)}
     * @throws IllegalArgumentException if the context is longer than the block size
     */
    @Override
    public Tensor forward(Tensor idx) {
        int t = idx.shape().get(1);
        if (t > config.blockSize()) {
            throw new IllegalArgumentException("Gpt: a context of " + t + " tokens is longer than the block size "
                    + config.blockSize());
        }
        Tensor pos = Tensor.arange(DType.INT64, t);
        Tensor x = transformer.drop.call(transformer.wte.call(idx).add(transformer.wpe.call(pos)));
        x = transformer.h.call(x);
        return lmHead.call(transformer.lnF.call(x));
    }

    /**
     * The mean cross-entropy of the next-token predictions (nanoGPT's training loss).
     *
     * @param idx {@code (B, T)} inputs
     * @param targets {@code (B, T)} next tokens
     * @return a 0-d loss
     */
    public Tensor loss(Tensor idx, Tensor targets) {
        Tensor logits = call(idx);
        int v = config.vocabSize();
        return Functional.crossEntropy(logits.reshape(-1, v), targets.reshape(-1));
    }

    /**
     * Continues each row of {@code idx} by {@code newTokens} tokens, sampled one at a time from the
     * model's distribution over the next token (nanoGPT's {@code generate}): logits divided by
     * {@code temperature}, only the {@code topK} most likely kept (0: all), then a draw from
     * {@code rng}. Runs without recording a graph, in evaluation mode.
     *
     * @param idx {@code (B, T)} int64 prompts (T ≥ 1)
     * @return {@code (B, T + newTokens)}
     */
    public Tensor generate(Tensor idx, int newTokens, double temperature, int topK, Random rng) {
        boolean wasTraining = isTraining();
        eval();
        try (var noGrad = io.jgrad.GradMode.noGrad()) {
            Tensor seq = idx;
            for (int n = 0; n < newTokens; n++) {
                int t = seq.shape().get(1);
                Tensor context = t <= config.blockSize() ? seq : seq.narrow(1, t - config.blockSize(), config.blockSize());
                Tensor logits = call(context).select(1, -1).div(temperature).to(DType.FLOAT64); // (B, V)
                long[] next = new long[seq.shape().get(0)];
                for (int b = 0; b < next.length; b++) {
                    next[b] = Sampling.sample(logits.get(b).toArray(), topK, rng);
                }
                seq = Tensor.cat(java.util.List.of(seq, Tensor.fromArray(next, next.length, 1)), 1);
            }
            return seq;
        } finally {
            train(wasTraining);
        }
    }

    private static Linear linear(int in, int out, double std, Random rng) {
        return new Linear(normal(rng, std, out, in), Tensor.zeros(out));
    }

    private static Tensor normal(Random rng, double std, int... shape) {
        return Tensor.wrap(Factories.randn(rng, DType.FLOAT64, io.jgrad.Shape.of(shape))).mul(std);
    }
}
