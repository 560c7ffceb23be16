package io.jgrad.examples;

import io.jgrad.data.Csv;
import io.jgrad.data.DataLoader;
import io.jgrad.data.Datasets;
import io.jgrad.data.Sample;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The main example: an MLP learns to read handwritten digits.
 *
 * <p>The data is the UCI optical digits set as scikit-learn ships it (bundled with the examples,
 * CC BY 4.0, see {@code digits/NOTICE.md}): 1,797 images of 8×8 pixels with values 0–16. A seeded
 * 80/20 split gives 1,437 training and 360 test images. The model is 64-128-64-10 with ReLU,
 * trained with SGD with momentum on mini-batches of 32 and cross-entropy loss, inputs scaled to
 * [0, 1]. It shows a progress bar per epoch and the final test accuracy (about 98%), saves the
 * model as safetensors and plots the loss and accuracy curves to a PNG.
 *
 * <pre>
 * mvn -q test-compile exec:java@digits                      # defaults: 30 epochs, seed 0, out/
 * mvn -q test-compile exec:java@digits -Dexec.args="--epochs 50 --seed 7 --out /tmp/run"
 * </pre>
 */
public final class Digits {

    static final String USAGE = """
            usage: Digits [--epochs N] [--seed S] [--out DIR]
              trains an MLP on the bundled 8x8 digits and reports its test accuracy
              --epochs N   passes over the training set (default 30)
              --seed S     seed of the split, the initial weights and the shuffling (default 0)
              --out DIR    where to write digits-mlp.safetensors and digits-curves.png (default out)""";

    /**
     * How to run.
     *
     * @param epochs passes over the training set
     * @param seed seeds the split, the weights and the shuffling
     * @param out the directory for the model and the PNG
     */
    public record Options(int epochs, long seed, Path out) {
        /** @throws IllegalArgumentException if {@code epochs < 1} */
        public Options {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be ≥ 1, got " + epochs);
            }
        }
    }

    /**
     * What a run produced.
     *
     * @param testAccuracy the fraction of test images classified right after the last epoch
     * @param seconds the training time
     * @param model the safetensors file written
     * @param curves the PNG written, or {@code null} if it could not be drawn
     * @param history the per-epoch figures
     */
    record Result(double testAccuracy, double seconds, Path model, Path curves, History history) {
    }

    private Digits() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) throws IOException {
        Options options = Args.parseOrExit(argv, USAGE, a -> new Options(
                a.intValue("epochs", 30), a.longValue("seed", 0), a.pathValue("out", Path.of("out"))));
        run(options, Progress.toStdout(), System.out);
    }

    /**
     * Trains and evaluates.
     *
     * @param progress where the per-epoch progress goes
     * @param out where the summary goes
     */
    static Result run(Options o, Progress progress, PrintStream out) throws IOException {
        Random rng = new Random(o.seed());
        TensorDataset digits = load();
        Datasets.Split<Sample> split = Datasets.trainTestSplit(digits, 0.2, rng);
        DataLoader train = new DataLoader(split.train(), 32).shuffle(rng);
        DataLoader test = new DataLoader(split.test(), 512);
        out.printf(Locale.ROOT, "digits: %d training and %d test images of 8x8 pixels, 10 classes%n",
                split.train().size(), split.test().size());

        Sequential model = new Sequential(
                new Linear(64, 128, rng), new ReLU(),
                new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        out.printf(Locale.ROOT, "model: MLP 64-128-64-10 (ReLU), SGD lr 0.05 momentum 0.9, batch 32,"
                + " %d epochs, seed %d%n",
                o.epochs(), o.seed());

        History history = new History();
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            progress.startEpoch(epoch, o.epochs(), split.train().size());
            Training.epoch(model, lossFn, optimizer, train, test, progress, history, () -> { });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = history.testAccuracy()[history.size() - 1] / 100;
        out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d of %d) after %d epochs in %.1f s%n",
                100 * accuracy, Math.round(accuracy * split.test().size()), split.test().size(), o.epochs(), seconds);

        Path modelFile = o.out().resolve("digits-mlp.safetensors");
        java.nio.file.Files.createDirectories(o.out());
        model.save(modelFile);
        out.println("model saved: " + modelFile);
        Path png = o.out().resolve("digits-curves.png");
        String subtitle = String.format(Locale.ROOT,
                "MLP 64-128-64-10, SGD with momentum, batch 32, %d epochs, seed %d, %.1f s",
                o.epochs(), o.seed(), seconds);
        png = Curves.write(history, png, String.format(Locale.ROOT,
                "jgrad · handwritten digits · test accuracy %.1f%%", 100 * accuracy), subtitle, out);
        return new Result(accuracy, seconds, modelFile, png, history);
    }

    /** The bundled digits, pixels scaled from 0–16 to 0–1. */
    static TensorDataset load() throws IOException {
        String resource = "/digits/digits.csv.gz";
        try (InputStream in = Digits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Digits: the data file " + resource + " is not on the class path;"
                        + " run the examples with the test class path, e.g. mvn -q test-compile exec:java@digits");
            }
            TensorDataset raw = Csv.readLabeled(in, "digits.csv.gz", false, -1);
            return new TensorDataset(raw.features().div(16.0), raw.targets());
        }
    }
}
