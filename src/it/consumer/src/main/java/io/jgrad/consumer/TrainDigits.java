package io.jgrad.consumer;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.data.Datasets;
import io.jgrad.data.Sample;
import io.jgrad.data.TensorDataset;
import io.jgrad.data.Csv;
import io.jgrad.ndarray.Kernels;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * README's training loop, from a project that depends on the installed jar: trains the 64-128-64-10
 * MLP on the bundled digits for 30 epochs and fails (exit 1) unless the test accuracy reaches the
 * bound, and unless it ran where it was meant to: on the class path or the module path, with the
 * plain or the SIMD kernels.
 *
 * <pre>
 * TrainDigits DIGITS_CSV_GZ --expect class-path|module-path,plain|vector --min-accuracy 0.95
 * </pre>
 */
public final class TrainDigits {

    private TrainDigits() {
    }

    /**
     * Trains, evaluates and checks.
     *
     * @param args the data file, {@code --expect PATH,KERNELS} and {@code --min-accuracy A}
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String[] expect = value(args, "--expect").split(",");
        double minAccuracy = Double.parseDouble(value(args, "--min-accuracy"));

        // where this runs: jgrad is the named module io.jgrad only on the module path
        Module jgrad = Tensor.class.getModule();
        String path = jgrad.isNamed() ? "module-path" : "class-path";
        if (jgrad.isNamed()) {
            check(jgrad.getName().equals("io.jgrad"), "jgrad's module is called " + jgrad.getName());
            check(TrainDigits.class.getModule().isNamed(), "this program is not in its module");
            for (String p : new String[] {"io.jgrad", "io.jgrad.nn", "io.jgrad.optim", "io.jgrad.data",
                    "io.jgrad.linalg", "io.jgrad.ndarray"}) {
                check(jgrad.isExported(p), "io.jgrad does not export " + p);
            }
            check(!jgrad.isExported("io.jgrad.ops"), "io.jgrad exports its internal package io.jgrad.ops");
        }

        // README: "A training loop"
        Random rng = new Random(0);
        TensorDataset raw = Csv.readLabeled(data, false, -1);
        TensorDataset digits = new TensorDataset(raw.features().div(16.0), raw.targets());  // pixels 0-16 to [0, 1]
        Datasets.Split<Sample> split = Datasets.trainTestSplit(digits, 0.2, rng);
        DataLoader train = new DataLoader(split.train(), 32).shuffle(rng);
        Sequential model = new Sequential(
                new Linear(64, 128, rng), new ReLU(),
                new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < 30; epoch++) {
            for (Batch batch : train) {
                Tensor loss = lossFn.forward(model.forward(batch.x()), batch.labels());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path saved = Files.createTempFile("consumer-digits", ".safetensors");
        model.save(saved);
        Files.delete(saved);

        int right = 0;
        int total = 0;
        try (GradMode.Scope off = GradMode.noGrad()) {
            for (Batch batch : new DataLoader(split.test(), 512)) {
                long[] predicted = model.forward(batch.x()).argmax(1).toLongArray();
                int[] labels = batch.labels();
                for (int i = 0; i < labels.length; i++) {
                    right += predicted[i] == labels[i] ? 1 : 0;
                }
                total += labels.length;
            }
        }
        double accuracy = (double) right / total;
        System.out.printf(Locale.ROOT, "consumer (%s, %s kernels, %d threads): test accuracy %.2f%% (%d of %d)"
                + " after 30 epochs in %.1f s%n", path, Kernels.setName(), Kernels.threads(), 100 * accuracy, right,
                total, seconds);

        check(path.equals(expect[0]), "ran on the " + path + ", expected the " + expect[0]);
        check(Kernels.setName().equals(expect[1]), "ran the " + Kernels.setName() + " kernels, expected " + expect[1]);
        check(accuracy >= minAccuracy, String.format(Locale.ROOT, "test accuracy %.4f is below %.4f", accuracy,
                minAccuracy));
    }

    private static String value(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("TrainDigits: missing " + name);
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            System.err.println("consumer: FAILED: " + failure);
            System.exit(1);
        }
    }
}
