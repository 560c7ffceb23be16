package io.jgrad.examples;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.CharVocabulary;
import io.jgrad.data.TokenWindows;
import io.jgrad.nn.Gradients;
import io.jgrad.optim.AdamW;
import io.jgrad.optim.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A character-level GPT ({@link Gpt}, nanoGPT's layout) trained in float32 on the 32,032 names of
 * {@code names.txt} (bundled, MIT licence, see {@code text/names.LICENSE}), then asked for new
 * names. As nanoGPT's {@code shakespeare_char} recipe: the text as one sequence of character ids,
 * the first 90% for training and the rest for validation, random windows of {@code block} characters,
 * AdamW (β 0.9/0.99, weight decay 0.1 on the matrices only), a linear warm-up then cosine decay of
 * the learning rate, gradients clipped to norm 1. It prints the training and validation loss every
 * {@code --eval-every} steps, samples names with temperature and top-k, saves the model and draws the
 * loss curves.
 *
 * <pre>
 * mvn -q test-compile exec:java@char-gpt                                   # defaults, about 2 nats/char
 * mvn -q test-compile exec:java@char-gpt -Dexec.args="--steps 500 --seed 3"
 * </pre>
 */
public final class CharGpt {

    static final String USAGE = """
            usage: CharGpt [--text FILE] [--steps N] [--batch B] [--block T] [--layers L] [--heads H] [--embd C]
                           [--lr LR] [--eval-every N] [--samples N] [--seed S] [--out DIR] [--save-init FILE]
              trains a character-level GPT on names (or FILE) in float32 and samples from it
              --text FILE      a UTF-8 text to train on (default: the bundled names.txt)
              --steps N        optimizer steps (default 2000)
              --batch B        windows per step (default 32)
              --block T        context length (default 32)
              --layers L       transformer blocks (default 4)
              --heads H        attention heads (default 4)
              --embd C         channels (default 64)
              --lr LR          peak learning rate (default 0.001)
              --eval-every N   steps between evaluations (default 250)
              --samples N      names to sample at the end (default 20)
              --seed S         seed of the weights, the windows and the samples (default 0)
              --out DIR        where to write char-gpt.safetensors and char-gpt-curves.png (default out)
              --save-init FILE also save the initial weights (for bench/char_gpt_torch.py)""";

    /**
     * How to run.
     *
     * @param text the training text, or {@code null} for the bundled names
     * @param steps optimizer steps
     * @param batch windows per step
     * @param block context length
     * @param layers transformer blocks
     * @param heads attention heads
     * @param embd channels
     * @param lr peak learning rate
     * @param evalEvery steps between evaluations
     * @param samples names to sample at the end
     * @param seed seeds everything random
     * @param out the directory for the model and the PNG
     * @param saveInit where to save the initial weights, or {@code null}
     */
    public record Options(Path text, int steps, int batch, int block, int layers, int heads, int embd, double lr,
                          int evalEvery, int samples, long seed, Path out, Path saveInit) {
        /** @throws IllegalArgumentException if a count is not positive */
        public Options {
            if (steps < 1 || batch < 1 || block < 1 || layers < 1 || heads < 1 || embd < 1 || evalEvery < 1
                    || samples < 0 || !(lr > 0)) {
                throw new IllegalArgumentException("CharGpt: counts must be ≥ 1 (samples ≥ 0) and lr > 0");
            }
        }
    }

    /**
     * What a run produced.
     *
     * @param trainLoss the last estimate of the training loss, nats per character
     * @param valLoss the last estimate of the validation loss
     * @param seconds the training time
     * @param samples the sampled names
     * @param history the evaluations
     */
    record Result(double trainLoss, double valLoss, double seconds, List<String> samples, History history) {
    }

    private CharGpt() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) throws IOException {
        Options o = Args.parseOrExit(argv, USAGE, a -> new Options(a.pathValue("text", null), a.intValue("steps", 2000),
                a.intValue("batch", 32), a.intValue("block", 32), a.intValue("layers", 4), a.intValue("heads", 4),
                a.intValue("embd", 64), a.doubleValue("lr", 1e-3), a.intValue("eval-every", 250),
                a.intValue("samples", 20), a.longValue("seed", 0), a.pathValue("out", Path.of("out")),
                a.pathValue("save-init", null)));
        run(o, System.out);
    }

    /** The bundled names, one a line. */
    static String names() throws IOException {
        try (InputStream in = CharGpt.class.getResourceAsStream("/text/names.txt")) {
            if (in == null) {
                throw new IllegalStateException("CharGpt: text/names.txt is not on the class path; run the examples"
                        + " with the test class path, e.g. mvn -q test-compile exec:java@char-gpt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The learning rate at a step: linear warm-up over the first 100 steps, then cosine down to lr/10. */
    static double learningRate(int step, int steps, double lr) {
        int warmup = Math.min(100, steps / 10);
        if (step < warmup) {
            return lr * (step + 1) / warmup;
        }
        double progress = (double) (step - warmup) / Math.max(1, steps - warmup);
        double minLr = lr / 10;
        return minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (lr - minLr);
    }

    /** Trains, evaluates, samples. */
    static Result run(Options o, PrintStream out) throws IOException {
        String text = o.text() == null ? names() : Files.readString(o.text(), StandardCharsets.UTF_8);
        CharVocabulary vocab = CharVocabulary.of(text);
        Tensor data = vocab.encode(text);
        int n = (int) (0.9 * data.numel());
        TokenWindows train = new TokenWindows(data.narrow(0, 0, n), o.block());
        TokenWindows val = new TokenWindows(data.narrow(0, n, data.numel() - n), o.block());
        out.printf(Locale.ROOT, "text: %,d characters, vocabulary of %d, %,d for training and %,d for validation%n",
                data.numel(), vocab.size(), n, data.numel() - n);

        Random rng = new Random(o.seed());
        Gpt model = new Gpt(new Gpt.Config(o.block(), vocab.size(), o.layers(), o.heads(), o.embd(), 0.0), rng);
        model.to(DType.FLOAT32);
        if (o.saveInit() != null) {
            model.save(o.saveInit());
        }
        // weight decay on the matrices (embeddings and linear weights), not on biases and norms, as nanoGPT
        List<Tensor> decay = new ArrayList<>();
        List<Tensor> noDecay = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            (p.getValue().dim() >= 2 ? decay : noDecay).add(p.getValue());
        }
        List<Optimizer> optimizers = List.of(
                new AdamW(decay, o.lr()).betas(0.9, 0.99).weightDecay(0.1),
                new AdamW(noDecay, o.lr()).betas(0.9, 0.99).weightDecay(0.0));
        int params = 0;
        for (Tensor p : model.parameters()) {
            params += p.numel();
        }
        out.printf(Locale.ROOT, "model: GPT %d layers, %d heads, %d channels, block %d, %,d parameters, float32;"
                + " AdamW, batch %d, %d steps, seed %d%n", o.layers(), o.heads(), o.embd(), o.block(), params, o.batch(),
                o.steps(), o.seed());

        Random batches = new Random(o.seed() + 1);
        Random evalRng = new Random(o.seed() + 2);
        History history = new History("step", o.evalEvery(), "validation");
        double trainLoss = Double.NaN;
        double valLoss = Double.NaN;
        long start = System.nanoTime();
        long windowStart = start;
        double lossSum = 0;
        int lossCount = 0;
        for (int step = 0; step < o.steps(); step++) {
            double lr = learningRate(step, o.steps(), o.lr());
            Batch b = train.sample(o.batch(), batches);
            Tensor loss = model.loss(b.x(), b.y());
            for (Optimizer opt : optimizers) {
                opt.lr(lr);
                opt.zeroGrad();
            }
            loss.backward();
            Gradients.clipNorm(model.parameters(), 1.0);
            for (Optimizer opt : optimizers) {
                opt.step();
            }
            lossSum += loss.item();
            lossCount++;
            if ((step + 1) % o.evalEvery() == 0 || step + 1 == o.steps()) {
                double[] tr = estimate(model, train, o.batch(), evalRng);
                double[] va = estimate(model, val, o.batch(), evalRng);
                trainLoss = tr[0];
                valLoss = va[0];
                history.addAt(step + 1, tr[0], tr[1], va[0], va[1]);
                long now = System.nanoTime();
                double perSecond = (double) lossCount * o.batch() * o.block() / ((now - windowStart) / 1e9);
                out.printf(Locale.ROOT, "step %5d  loss %.4f  train %.4f  val %.4f  lr %.2e  %,.0f tokens/s%n",
                        step + 1, lossSum / lossCount, tr[0], va[0], lr, perSecond);
                lossSum = 0;
                lossCount = 0;
                windowStart = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "validation loss: %.4f nats per character (train %.4f) after %d steps in %.1f s%n",
                valLoss, trainLoss, o.steps(), seconds);

        Files.createDirectories(o.out());
        Path modelFile = o.out().resolve("char-gpt.safetensors");
        model.save(modelFile);
        out.println("model saved: " + modelFile);
        String subtitle = String.format(Locale.ROOT, "GPT %dx%d, %d channels, block %d, float32, AdamW, batch %d,"
                + " %d steps, seed %d, %.0f s", o.layers(), o.heads(), o.embd(), o.block(), o.batch(), o.steps(),
                o.seed(), seconds);
        Curves.write(history, o.out().resolve("char-gpt-curves.png"), String.format(Locale.ROOT,
                "jgrad · char-level GPT on names · validation loss %.3f", valLoss), subtitle, out);

        List<String> samples = sample(model, vocab, o.samples(), new Random(o.seed() + 3));
        if (!samples.isEmpty()) {
            out.println("samples (temperature 0.8, top-k 10):");
            for (String s : samples) {
                out.println("  " + s);
            }
        }
        return new Result(trainLoss, valLoss, seconds, samples, history);
    }

    /**
     * The mean loss and next-character accuracy over 20 random batches, without a graph, in
     * evaluation mode (nanoGPT's {@code estimate_loss}).
     *
     * @return {loss, accuracy as a fraction}
     */
    static double[] estimate(Gpt model, TokenWindows windows, int batch, Random rng) {
        model.eval();
        double loss = 0;
        long right = 0;
        long count = 0;
        int rounds = 20;
        try (var noGrad = io.jgrad.GradMode.noGrad()) {
            for (int i = 0; i < rounds; i++) {
                Batch b = windows.sample(batch, rng);
                Tensor logits = model.call(b.x());
                loss += io.jgrad.nn.Functional.crossEntropy(logits.reshape(-1, model.config().vocabSize()),
                        b.y().reshape(-1)).item();
                right += (long) logits.argmax(-1).eq(b.y()).sum().item();
                count += b.y().numel();
            }
        } finally {
            model.train();
        }
        return new double[] {loss / rounds, (double) right / count};
    }

    /** {@code count} names, each generated from a newline until the next newline (at most 30 characters). */
    static List<String> sample(Gpt model, CharVocabulary vocab, int count, Random rng) {
        List<String> names = new ArrayList<>();
        if (count == 0 || vocab.chars().indexOf('\n') < 0) {
            return names;
        }
        Tensor start = vocab.encode("\n").reshape(1, 1);
        while (names.size() < count) {
            Tensor seq = model.generate(start, 30, 0.8, 10, rng);
            String s = vocab.decode(seq.narrow(1, 1, seq.shape().get(1) - 1));
            int end = s.indexOf('\n');
            names.add(end < 0 ? s : s.substring(0, end));
        }
        return names;
    }
}
