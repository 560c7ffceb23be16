package io.jgrad.examples;

import io.jgrad.data.DataLoader;
import io.jgrad.data.Idx;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test images of 28×28
 * pixels, ten kinds of clothing. A 784-256-10 ReLU network trained with Adam, its learning rate
 * decaying along a cosine, reaches about 89% test accuracy in fifteen epochs (under a minute).
 *
 * <p>The data is not shipped. The example reads the four IDX files (gzipped or not) from
 * {@code --data DIR}, by default {@code /usr/share/datasets/fashion-mnist}, where Debian's and
 * Ubuntu's {@code dataset-fashion-mnist} package puts them; without them it says how to get them
 * and exits with status 2.
 *
 * <pre>
 * sudo apt-get install dataset-fashion-mnist
 * mvn -q test-compile exec:java@fashion-mnist              # defaults: 15 epochs, seed 0, out/
 * mvn -q test-compile exec:java@fashion-mnist -Dexec.args="--data $HOME/fashion-mnist --epochs 5"
 * </pre>
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    /** Adam's initial learning rate. */
    private static final double LR = 1e-3;

    static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    static final String USAGE = """
            usage: FashionMnist [--data DIR] [--epochs N] [--seed S] [--out DIR]
              trains a 784-256-10 MLP on Fashion-MNIST and reports its test accuracy
              --data DIR   the four IDX files, .gz or not (default /usr/share/datasets/fashion-mnist)
              --epochs N   passes over the training set (default 15)
              --seed S     seed of the initial weights and the shuffling (default 0)
              --out DIR    where to write fashion-mnist-mlp.safetensors and fashion-mnist-mlp-curves.png (default out)""";

    /**
     * How to run.
     *
     * @param data the directory of the IDX files
     * @param epochs passes over the training set
     * @param seed seeds the weights and the shuffling
     * @param out the directory for the model and the PNG
     */
    public record Options(Path data, int epochs, long seed, Path out) {
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
     */
    record Result(double testAccuracy, double seconds, Path model, Path curves) {
    }

    private FashionMnist() {
    }

    /** Runs with the options of the command line; exits 2 when the data is missing. */
    public static void main(String[] argv) throws IOException {
        Options options = Args.parseOrExit(argv, USAGE, a -> new Options(a.pathValue("data", DEFAULT_DATA),
                a.intValue("epochs", 15), a.longValue("seed", 0), a.pathValue("out", Path.of("out"))));
        String missing = missingData(options.data());
        if (missing != null) {
            System.err.println(missing);
            System.exit(2);
        }
        run(options, Progress.toStdout(), System.out);
    }

    /**
     * Trains and evaluates.
     *
     * @throws IllegalStateException with {@link #missingData}'s explanation if the files are absent
     */
    static Result run(Options o, Progress progress, PrintStream out) throws IOException {
        String missing = missingData(o.data());
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        TensorDataset trainSet = flattened(Idx.readDataset(file(o.data(), FILES[0]), file(o.data(), FILES[1])));
        TensorDataset testSet = flattened(Idx.readDataset(file(o.data(), FILES[2]), file(o.data(), FILES[3])));
        out.printf(Locale.ROOT, "fashion-mnist: %d training and %d test images of 28x28 pixels, 10 classes%n",
                trainSet.size(), testSet.size());

        Random rng = new Random(o.seed());
        DataLoader train = new DataLoader(trainSet, 128).shuffle(rng);
        DataLoader test = new DataLoader(testSet, 1000);
        Sequential model = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        Adam optimizer = new Adam(model.parameters(), LR);
        out.printf(Locale.ROOT, "model: MLP 784-256-10 (ReLU), Adam lr 0.001 with cosine decay, batch 128,"
                + " %d epochs, seed %d%n", o.epochs(), o.seed());

        Training.Run run = Training.adamWithCosineDecay(model, optimizer, LR, train, test, trainSet.size(),
                testSet.size(), o.epochs(), progress, out);
        double seconds = run.seconds();
        double accuracy = run.accuracy();
        String subtitle = String.format(Locale.ROOT, "MLP 784-256-10, Adam with cosine decay, batch 128, %d epochs, seed %d, %.0f s",
                o.epochs(), o.seed(), seconds);
        Path[] files = Training.save(model, run.history(), o.out(), "fashion-mnist-mlp", String.format(Locale.ROOT,
                "jgrad · Fashion-MNIST · test accuracy %.1f%%", 100 * accuracy), subtitle, out);
        return new Result(accuracy, seconds, files[0], files[1]);
    }

    /** Images {@code (N, 28, 28)} as rows {@code (N, 784)}, the input of a linear layer. */
    static TensorDataset flattened(TensorDataset images) {
        return new TensorDataset(images.features().reshape(images.size(), -1), images.targets());
    }

    /** {@code dir/name.gz}, or {@code dir/name} when only the uncompressed file is there. */
    static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : dir.resolve(name);
    }

    /**
     * Says which files are missing from {@code dir} and how to get them.
     *
     * @return the explanation, or {@code null} when all four files are there
     */
    static String missingData(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            if (!Files.isRegularFile(file(dir, name))) {
                missing.add(name + ".gz");
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "FashionMnist: the Fashion-MNIST files are not in " + dir + " (missing: " + String.join(", ", missing)
                + ").\n"
                + "Get them in one of these ways:\n"
                + "  - on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
                + "    (installs them in " + DEFAULT_DATA + ", where this example looks by default);\n"
                + "  - download the four files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,\n"
                + "    t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from Zalando Research's repository,\n"
                + "    https://github.com/zalandoresearch/fashion-mnist (folder data/fashion), into a directory\n"
                + "    and pass it with --data DIR, e.g. -Dexec.args=\"--data $HOME/fashion-mnist\".";
    }
}
