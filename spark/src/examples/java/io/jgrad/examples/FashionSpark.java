package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.spark.DataParallel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;

/**
 * Fashion-MNIST's 784-256-10 MLP (as {@link FashionMnist} trains it in one JVM), or with
 * {@code --model cnn} the convolutional network of {@link FashionCnn} (two conv blocks with batch
 * norm, float32: the same model definition), trained on Spark with {@link DataParallel}: by default
 * Spark in local mode with two cores ({@code local[2]}) and two shards, Adam, a global batch of 128.
 * The CNN's batch-norm running statistics travel with the parameters (out in the broadcast image,
 * back as the row-weighted mean of the shards' new values). Spark reads the IDX files itself
 * ({@code binaryFiles}, parsed on an executor: the images never pass through the driver), each step
 * prints a line with its loss, samples/s and the bytes it moved, the test accuracy comes from
 * {@link DataParallel#predict} at the end, and {@code --verify} trains again with
 * {@link DataParallel#fitLocal} in this JVM and says whether the parameters are equal bit for bit.
 *
 * <pre>
 * sudo apt-get install dataset-fashion-mnist     # the four IDX files, in /usr/share/datasets/fashion-mnist
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -f spark/pom.xml test-compile exec:exec@fashion-spark -Dexec.args="--verify"
 * mvn -q -B -f spark/pom.xml test-compile exec:exec@fashion-spark -Dexec.args="--model cnn --epochs 1 --verify"
 * </pre>
 *
 * On a cluster, {@code spark-submit --class io.jgrad.examples.FashionSpark jgrad-spark-…-app.jar
 * --data hdfs:///datasets/fashion-mnist} (the master is then spark-submit's).
 */
public final class FashionSpark {

    static final String USAGE = """
            usage: FashionSpark [--model mlp|cnn] [--data DIR] [--master M] [--shards K] [--batch B] [--epochs N]
                                [--seed S] [--out DIR] [--verify]
              trains a Fashion-MNIST classifier on Spark and reports its test accuracy
              --model M     mlp: the 784-256-10 MLP (default); cnn: the CNN of fashion-cnn (conv 32, conv 64,
                            batch norm, max pooling, 3136-128-10; float32)
              --data DIR    the four IDX files, .gz or not, a local folder or any URI Spark reads
                            (default /usr/share/datasets/fashion-mnist)
              --master M    Spark's master when not started by spark-submit (default local[2])
              --shards K    shards, Spark tasks per step (default 2)
              --batch B     the global batch, a multiple of K (default 128)
              --epochs N    passes over the 60,000 training images (default 3)
              --seed S      seed of the initial weights, the shuffles (default 0)
              --out DIR     where to write fashion-spark.safetensors, the trainer's checkpoint (default out)
              --verify      then train again in this JVM (fitLocal) and compare the parameters bit for bit""";

    /**
     * How to run.
     *
     * @param data where the IDX files are: a folder or a URI
     * @param master Spark's master when spark-submit gave none
     * @param shards {@code K}
     * @param batch the global batch {@code B}
     * @param epochs passes over the training set
     * @param seed seeds the weights and the shuffles
     * @param out the folder of the checkpoint
     * @param verify whether to rerun with fitLocal and compare
     * @param model {@code mlp} or {@code cnn}
     */
    public record Options(String data, String master, int shards, int batch, int epochs, long seed, Path out,
                          boolean verify, String model) {
        /** @throws IllegalArgumentException if a count is below 1 or the model is neither mlp nor cnn */
        public Options {
            if (shards < 1 || batch < 1 || epochs < 1) {
                throw new IllegalArgumentException("--shards, --batch and --epochs must be ≥ 1, got " + shards + ", "
                        + batch + " and " + epochs);
            }
            if (!model.equals("mlp") && !model.equals("cnn")) {
                throw new IllegalArgumentException("--model must be mlp or cnn, got " + model);
            }
        }

        /** The MLP. */
        Options(String data, String master, int shards, int batch, int epochs, long seed, Path out, boolean verify) {
            this(data, master, shards, batch, epochs, seed, out, verify, "mlp");
        }

        boolean cnn() {
            return model.equals("cnn");
        }
    }

    /**
     * What a run produced.
     *
     * @param testAccuracy the fraction of test images classified right
     * @param history the steps of the training
     * @param bitForBit whether fitLocal gave the same parameters (null without --verify)
     */
    record Result(double testAccuracy, DataParallel.History history, Boolean bitForBit) {
    }

    /** One image: its 784 pixels (0–255, row-major) and its class. */
    public record Image(byte[] pixels, int label) implements Serializable {
    }

    private FashionSpark() {
    }

    /** Runs with the options of the command line; exits 2 when the data is missing. */
    public static void main(String[] argv) throws IOException {
        boolean verify = Arrays.asList(argv).contains("--verify");
        String[] rest = Arrays.stream(argv).filter(a -> !a.equals("--verify")).toArray(String[]::new);
        Options o = Args.parseOrExit(rest, USAGE, a -> new Options(
                a.stringValue("data", FashionMnist.DEFAULT_DATA.toString()), a.stringValue("master", "local[2]"),
                a.intValue("shards", 2), a.intValue("batch", 128), a.intValue("epochs", 3), a.longValue("seed", 0),
                a.pathValue("out", Path.of("out")), verify, a.stringValue("model", "mlp")));
        if (isLocalFolder(o.data()) && FashionMnist.missingData(Path.of(o.data())) != null) {
            System.err.println(FashionMnist.missingData(Path.of(o.data())).replace("FashionMnist:", "FashionSpark:")
                    .replace("-Dexec.args=\"--data", "-Dexec.args=\"--verify --data"));
            System.exit(2);
        }
        SparkConf conf = new SparkConf().setAppName("jgrad fashion-spark");
        if (!conf.contains("spark.master")) { // not started by spark-submit: Spark in this JVM
            conf.setMaster(o.master()).set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        }
        tune(conf);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            run(sc, o, System.out);
        }
    }

    /**
     * Spark settings that suit a step's traffic, unless set already: results up to 64 MB travel in
     * the task's status message (Spark's default, 1 MB, sends a gradient of more than 131,072
     * float64 values through the block manager, a second round trip per shard and step).
     */
    static SparkConf tune(SparkConf conf) {
        return conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
    }

    private static boolean isLocalFolder(String data) {
        return !data.contains("://") || data.startsWith("file:");
    }

    /** Reads the data with Spark, trains, evaluates, saves, and with {@code verify} compares with fitLocal. */
    static Result run(JavaSparkContext sc, Options o, PrintStream out) {
        if (isLocalFolder(o.data())) {
            String missing = FashionMnist.missingData(Path.of(o.data().replaceFirst("^file:(//)?", "")));
            if (missing != null) {
                throw new IllegalStateException(missing);
            }
        }
        JavaRDD<Image> train = images(sc, o.data(), "train").cache();
        JavaRDD<Image> test = images(sc, o.data(), "t10k").cache();
        long trainRows = train.count();
        out.printf(Locale.ROOT, "fashion-spark: %d training and %d test images read by Spark (%s), master %s%n",
                trainRows, test.count(), o.data(), sc.master());

        double[] millis = {0};
        long[] seen = {0};
        DataParallel<Image> trainer = trainer(o, step -> {
            if (step.stepInEpoch() == 0) {
                millis[0] = 0;
                seen[0] = 0;
            }
            seen[0] += step.rows(); // the epoch's rows per second so far
            millis[0] += step.stepMillis();
            double seconds = millis[0] / 1e3;
            out.printf(Locale.ROOT, "epoch %d/%d step %4d/%d  loss %.4f  %s samples/s  down %s  up %s  step %.1f ms"
                            + " (slowest shard %.1f ms)%n",
                    step.epoch() + 1, o.epochs(), step.stepInEpoch() + 1, step.stepsInEpoch(), step.loss(),
                    rate(seen[0] / seconds), bytes(step.bytesDown()), bytes(step.bytesUp()), step.stepMillis(),
                    step.computeMillis());
        });
        out.printf(Locale.ROOT, "model: %s, %d parameters%s, Adam lr 0.001, batch %d over %d shards"
                + " (%d rows each), %d epochs, seed %d%n", o.cnn() ? "CNN conv 3x3 32 + batch norm + ReLU + max pool,"
                + " conv 3x3 64 + batch norm + ReLU + max pool, 3136-128-10, float32" : "MLP 784-256-10 (ReLU)",
                count(trainer.model()), o.cnn() ? " and " + buffers(trainer.model()) + " buffer values" : "",
                o.batch(), o.shards(), o.batch() / o.shards(), o.epochs(), o.seed());
        long t0 = System.nanoTime();
        DataParallel.History history = trainer.fit(train, o.epochs());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] overhead = history.overheadMillis().clone();
        Arrays.sort(overhead);
        out.printf(Locale.ROOT, "trained %d steps in %.1f s: median Spark overhead per step %.1f ms, %s down and %s up"
                        + " per step%n", history.steps(), seconds, overhead[overhead.length / 2],
                bytes(history.bytesDown()[0]), bytes(history.bytesUp()[0]));

        double accuracy = accuracy(trainer, test);
        long testRows = test.count();
        out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d of %d)%n", 100 * accuracy, Math.round(accuracy * testRows),
                testRows);
        Path checkpoint = o.out().resolve(o.cnn() ? "fashion-spark-cnn.safetensors" : "fashion-spark.safetensors");
        trainer.save(checkpoint);
        out.println("checkpoint saved: " + checkpoint);

        Boolean equal = null;
        if (o.verify()) {
            out.println("verify: training again in this JVM with fitLocal (the same schedule, shard after shard) ...");
            DataParallel<Image> local = trainer(o, null);
            local.fitLocal(train.collect(), o.epochs());
            // the whole state dict: the parameters and the buffers (batch norm's running statistics and counts);
            // float32 values widen to double exactly, so comparing the doubles' bits compares theirs
            int differ = 0;
            int total = 0;
            Map<String, Tensor> a = trainer.model().stateDict();
            Map<String, Tensor> b = local.model().stateDict();
            for (Map.Entry<String, Tensor> e : a.entrySet()) {
                double[] x = e.getValue().toArray();
                double[] y = b.get(e.getKey()).toArray();
                for (int i = 0; i < x.length; i++) {
                    total++;
                    if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                        differ++;
                    }
                }
            }
            equal = differ == 0;
            out.printf(Locale.ROOT, "verify: the parameters%s of fit on Spark and of fitLocal are %s (%d values%s)%n",
                    a.size() > trainer.model().parameters().size() ? " and buffers" : "",
                    equal ? "equal bit for bit" : "NOT equal", total, equal ? "" : ", " + differ + " differ");
        }
        train.unpersist();
        test.unpersist();
        return new Result(accuracy, history, equal);
    }

    /** The trainer: the MLP or the CNN, cross-entropy, Adam; {@code onStep} may be null. */
    static DataParallel<Image> trainer(Options o, java.util.function.Consumer<DataParallel.Step> onStep) {
        long seed = o.seed();
        boolean cnn = o.cnn();
        return DataParallel.<Image>builder()
                .model(cnn ? () -> FashionCnn.model(new Random(seed)) : () -> mlp(seed))
                .loss((logits, y) -> new CrossEntropyLoss().forward(logits, new Batch(logits, y).labels()))
                .batches(cnn ? FashionSpark::planes : FashionSpark::batch)
                .optimizer(params -> new Adam(params, 1e-3))
                .shards(o.shards()).batchSize(o.batch()).seed(seed)
                .onStep(onStep)
                .build();
    }

    /** FashionMnist's network: 784-256-10 with ReLU, its weights drawn from {@code seed}. */
    static Layer mlp(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
    }

    /** Images as rows {@code (n, 784)} scaled to [0, 1] (as {@code Idx.readDataset}), labels {@code (n,)} int64. */
    static Batch batch(List<Image> rows) {
        int n = rows.size();
        double[] x = new double[n * 784];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] p = rows.get(i).pixels();
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = (p[j] & 0xff) / 255.0;
            }
            y[i] = rows.get(i).label();
        }
        return new Batch(Tensor.fromArray(x, n, 784), Tensor.fromArray(y, n));
    }

    /**
     * Images as the CNN's input, as {@link FashionCnn} feeds it: {@code (n, 1, 28, 28)} float32,
     * standardised ({@link FashionCnn#planes}); labels {@code (n,)} int64.
     */
    static Batch planes(List<Image> rows) {
        Batch flat = batch(rows);
        return new Batch(FashionCnn.planes(flat.x().reshape(rows.size(), 28, 28)), flat.y());
    }

    /**
     * The images of one split ({@code train} or {@code t10k}), read by Spark: each IDX file is
     * one {@code binaryFiles} record, parsed into fixed-size records on the executor that reads it;
     * images and labels are then zipped in file order (one partition each).
     */
    static JavaRDD<Image> images(JavaSparkContext sc, String data, String split) {
        JavaRDD<byte[]> pixels = sc.binaryFiles(file(data, split + "-images-idx3-ubyte"), 1).values()
                .flatMap(stream -> records(stream, 0x00000803).iterator());
        JavaRDD<byte[]> labels = sc.binaryFiles(file(data, split + "-labels-idx1-ubyte"), 1).values()
                .flatMap(stream -> records(stream, 0x00000801).iterator());
        return pixels.zip(labels).map(pair -> new Image(pair._1(), pair._2()[0] & 0xff));
    }

    /** A local folder's file, gzipped if there is one (as FashionMnist picks it); elsewhere the .gz file. */
    private static String file(String data, String name) {
        if (isLocalFolder(data)) {
            return FashionMnist.file(Path.of(data.replaceFirst("^file:(//)?", "")), name).toUri().toString();
        }
        return (data.endsWith("/") ? data : data + "/") + name + ".gz";
    }

    /**
     * The records of an IDX file of unsigned bytes, gzipped or not: an image file gives
     * {@code rows·cols}-byte records, a label file 1-byte records.
     *
     * @throws IOException if the file is not IDX with the expected magic number, or ends early
     */
    static List<byte[]> records(PortableDataStream file, int magic) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file.open()))) {
            int found = in.readInt();
            if (found != magic) {
                throw new IOException(String.format(Locale.ROOT, "FashionSpark: %s has magic number 0x%08X, not 0x%08X;"
                        + " pass the folder of the four Fashion-MNIST IDX files", file.getPath(), found, magic));
            }
            int count = in.readInt();
            int size = 1;
            for (int d = 1; d < (magic & 0xff); d++) {
                size *= in.readInt();
            }
            List<byte[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] r = new byte[size];
                in.readFully(r);
                out.add(r);
            }
            return out;
        }
    }

    // gzip is told apart by its magic number, as Idx does
    private static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** The fraction of test images whose highest output is at the label, from {@link DataParallel#predict}. */
    static double accuracy(DataParallel<Image> trainer, JavaRDD<Image> test) {
        JavaRDD<double[]> outputs = trainer.predict(test);
        long right = test.zip(outputs).filter(pair -> argmax(pair._2()) == pair._1().label()).count();
        return (double) right / test.count();
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long count(Layer model) {
        long n = 0;
        for (Tensor p : model.parameters()) {
            n += p.numel();
        }
        return n;
    }

    private static long buffers(Layer model) {
        long n = 0;
        for (Tensor b : model.namedBuffers().values()) {
            n += b.numel();
        }
        return n;
    }

    static String bytes(long b) {
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.2f MB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f kB", b / 1024.0);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e3 ? String.format(Locale.ROOT, "%.1fk", perSecond / 1e3)
                : String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
