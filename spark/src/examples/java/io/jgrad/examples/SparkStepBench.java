package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.spark.DataParallel;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cost of a {@link DataParallel} step on Spark, for docs/performance.md and the model in
 * docs/distributed.md: Fashion-MNIST's MLP (784-256-10, 203,530 float64 parameters) or, with
 * {@code --model cnn}, the CNN of {@link FashionCnn} (421,834 float32 parameters and the batch
 * norms' 194 buffer values), as {@link FashionSpark} trains them, on synthetic images, Spark in
 * local mode.
 *
 * <ul>
 *   <li><b>step</b>: {@code steps} steps of {@code fit} after {@code warmup}; the median and the
 *       10th/90th percentiles of the step, the slowest shard's compute, Spark's overhead (step −
 *       slowest shard) and its parts, and the bytes per step against the bound (down: one image of
 *       the parameters and buffers per executor; up: {@code K} gradients, and for the CNN
 *       {@code K} images of the buffers);</li>
 *   <li><b>compute</b>: one shard's compute at local batch sizes 1 … 512 ({@code fitLocal}, one
 *       shard, one kernel thread), the {@code compute(B/K)} of the model;</li>
 *   <li><b>soak</b> ({@code --soak N}): {@code N} steps, the heap after a full GC every
 *       {@code N/10} steps (in local mode the executors are this JVM, so it covers both).</li>
 * </ul>
 * Results go to the console and to {@code --out} (a properties file that
 * {@link SparkScaling} reads).
 *
 * <pre>
 * mvn -q -B -f spark/pom.xml test-compile exec:exec@spark-bench -Dexec.args="--steps 300"
 * mvn -q -B -f spark/pom.xml test-compile exec:exec@spark-bench -Dexec.args="--model cnn --steps 300"
 * </pre>
 */
public final class SparkStepBench {

    static final String USAGE = """
            usage: SparkStepBench [--model mlp|cnn] [--master M] [--shards K] [--batch B] [--steps N] [--warmup N]
                                  [--soak N] [--out FILE]
              --model M    mlp: Fashion-MNIST's 784-256-10 MLP (default); cnn: the CNN of fashion-cnn (float32)
              --master M   Spark's master (default local[2])
              --shards K   shards (default 2)
              --batch B    global batch (default 128)
              --steps N    steps measured (default 300)
              --warmup N   steps run first, not measured (default 100)
              --soak N     also run N steps and print the heap after GC every N/10 (default 0: no)
              --out FILE   the measurements as properties (default target/spark-bench/spark-bench-MODEL.properties)""";

    private SparkStepBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] argv) throws IOException {
        record Options(String model, String master, int shards, int batch, int steps, int warmup, int soak, Path out) {
        }
        Options o = Args.parseOrExit(argv, USAGE, a -> {
            String model = a.stringValue("model", "mlp");
            options(model, 1, 1); // checks the name
            return new Options(model, a.stringValue("master", "local[2]"), a.intValue("shards", 2),
                    a.intValue("batch", 128), a.intValue("steps", 300), a.intValue("warmup", 100), a.intValue("soak", 0),
                    a.pathValue("out", Path.of("target/spark-bench/spark-bench-" + model + ".properties")));
        });
        Map<String, String> results = new LinkedHashMap<>();
        results.put("model", o.model());
        SparkConf conf = new SparkConf().setAppName("jgrad spark-bench").setMaster(o.master())
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        System.out.printf(Locale.ROOT, "SparkStepBench: %s, Java %s, %d cores, kernels %s/%s, max heap %d MB%n", o.master(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                io.jgrad.ndarray.Kernels.setName(), io.jgrad.ndarray.Kernels.gemmName(), Runtime.getRuntime().maxMemory() >> 20);
        results.put("master", o.master());
        results.put("java", System.getProperty("java.version"));
        results.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        results.put("kernels", io.jgrad.ndarray.Kernels.setName() + "/" + io.jgrad.ndarray.Kernels.gemmName());
        FashionSpark.tune(conf);
        results.put("loadavg", String.format(Locale.ROOT, "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            step(sc, o.model(), o.shards(), o.batch(), o.steps(), o.warmup(), results);
            jobs(sc, results);
            if (o.soak() > 0) {
                soak(sc, o.model(), o.shards(), o.batch(), o.soak(), results);
            }
        }
        compute(o.model(), results);
        reduce(Integer.parseInt(results.get("params")), o.model().equals("cnn"), results);
        results.put("loadavg.end", String.format(Locale.ROOT, "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.printf(Locale.ROOT, "%nload average (1 min) at the start and the end: %s, %s%n", results.get("loadavg"),
                results.get("loadavg.end"));
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(o.out(), StandardCharsets.UTF_8)) {
            w.write("# SparkStepBench " + String.join(" ", argv) + "\n");
            for (Map.Entry<String, String> e : results.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
        System.out.println("written: " + o.out());
    }

    /** Synthetic images: random pixels, random labels, seeded. */
    static List<FashionSpark.Image> images(int n, long seed) {
        Random rng = new Random(seed);
        List<FashionSpark.Image> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] p = new byte[784];
            rng.nextBytes(p);
            out.add(new FashionSpark.Image(p, rng.nextInt(10)));
        }
        return out;
    }

    private static FashionSpark.Options options(String model, int shards, int batch) {
        return new FashionSpark.Options("", "", shards, batch, 1, 0, Path.of("out"), false, model);
    }

    private static String describe(String model) {
        return model.equals("cnn") ? "CNN conv 32 + conv 64 with batch norm, 3136-128-10, float32" : "MLP 784-256-10";
    }

    private static void step(JavaSparkContext sc, String model, int shards, int batch, int steps, int warmup,
                             Map<String, String> results) {
        int perEpoch = 50;
        List<FashionSpark.Image> rows = images(batch * perEpoch, 1);
        List<DataParallel.Step> seen = new ArrayList<>();
        DataParallel<FashionSpark.Image> trainer = FashionSpark.trainer(options(model, shards, batch), seen::add);
        int epochs = (steps + warmup + perEpoch - 1) / perEpoch;
        trainer.fit(sc.parallelize(rows, 4), epochs);
        List<DataParallel.Step> measured = seen.subList(warmup, warmup + steps);
        long params = 0;
        long paramBytes = 0;
        for (Tensor p : trainer.model().parameters()) {
            params += p.numel();
            paramBytes += (long) p.numel() * bytesOf(p.dtype());
        }
        long bufferValues = 0;
        long bufferBytes = 0;
        for (Tensor b : trainer.model().namedBuffers().values()) {
            bufferValues += b.numel();
            bufferBytes += (long) b.numel() * bytesOf(b.dtype());
        }
        DataParallel.Step any = measured.get(0);
        System.out.printf(Locale.ROOT, "%nstep: %s (%d parameters, %d buffer values), K = %d, B = %d (%d rows a shard),"
                + " %d steps after %d%n", describe(model), params, bufferValues, shards, batch, batch / shards, steps, warmup);
        System.out.printf(Locale.ROOT, "  %-34s %9s %9s %9s%n", "ms per step", "median", "p10", "p90");
        row("step", measured, DataParallel.Step::stepMillis, "step", results);
        row("slowest shard's compute", measured, DataParallel.Step::computeMillis, "compute", results);
        row("overhead (step - slowest shard)", measured, DataParallel.Step::overheadMillis, "overhead", results);
        row("  image + broadcast", measured, DataParallel.Step::broadcastMillis, "broadcast", results);
        row("  job: schedule, ship, collect", measured, DataParallel.Step::collectMillis, "collect", results);
        row("  sum + optimizer step", measured, DataParallel.Step::optimizerMillis, "optimizer", results);
        long down = any.bytesDown();
        long up = any.bytesUp();
        System.out.printf(Locale.ROOT, "  bytes down per step: %,d (one image; bound: %,d per executor = the %,d"
                + " parameter values at %d bytes%s)%n", down, paramBytes + bufferBytes, params, paramBytes / params,
                bufferBytes == 0 ? "" : String.format(Locale.ROOT, " and %,d bytes of buffers", bufferBytes));
        System.out.printf(Locale.ROOT, "  bytes up per step:   %,d (bound: K = %d gradients of %,d bytes%s)%n", up, shards,
                paramBytes, bufferBytes == 0 ? "" : String.format(Locale.ROOT, "; and K images of the buffers, %,d bytes"
                        + " each: %,d of values and the header", (up - shards * paramBytes) / shards, bufferBytes));
        results.put("params", Long.toString(params));
        results.put("value.bytes", Long.toString(paramBytes / params));
        results.put("buffer.bytes", Long.toString(bufferBytes));
        results.put("shards", Integer.toString(shards));
        results.put("batch", Integer.toString(batch));
        results.put("bytes.down", Long.toString(down));
        results.put("bytes.up", Long.toString(up));
    }

    // the bytes of one value of the dtype, as safetensors stores it
    private static int bytesOf(io.jgrad.DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 4;
            case FLOAT64, INT64 -> 8;
            case BOOL -> 1;
        };
    }

    private static void row(String label, List<DataParallel.Step> steps,
                            java.util.function.ToDoubleFunction<DataParallel.Step> f, String key, Map<String, String> results) {
        double[] v = steps.stream().mapToDouble(f).sorted().toArray();
        double median = v[v.length / 2];
        System.out.printf(Locale.ROOT, "  %-34s %9.2f %9.2f %9.2f%n", label, median, v[v.length / 10],
                v[v.length * 9 / 10]);
        results.put(key + ".median", String.format(Locale.ROOT, "%.3f", median));
        results.put(key + ".p90", String.format(Locale.ROOT, "%.3f", v[v.length * 9 / 10]));
    }

    // Spark's own latency for a job of k trivial tasks on a cached RDD: the scheduling part of a step
    private static void jobs(JavaSparkContext sc, Map<String, String> results) {
        System.out.printf(Locale.ROOT, "%njobs: a job of k trivial tasks (one int each, cached), median of 100 after 30%n"
                + "  %6s %10s%n", "k", "ms");
        for (int k = 1; k <= 16; k *= 2) {
            List<Integer> ints = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                ints.add(i);
            }
            org.apache.spark.api.java.JavaRDD<Integer> rdd = sc.parallelize(ints, k).cache();
            rdd.count();
            double[] t = new double[130];
            for (int i = 0; i < t.length; i++) {
                long start = System.nanoTime();
                rdd.map(x -> x + 1).collect();
                t[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] v = Arrays.copyOfRange(t, 30, t.length);
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "  %6d %10.2f%n", k, v[v.length / 2]);
            results.put("job.k" + k, String.format(Locale.ROOT, "%.3f", v[v.length / 2]));
            rdd.unpersist();
        }
    }

    // the driver's part per shard: adding one weighted gradient of the model's size into the sum
    // (in double; a float32 model's gradients arrive as float[] and widen)
    private static void reduce(int n, boolean float32, Map<String, String> results) {
        double[] sum = new double[n];
        double[] g = new double[n];
        float[] f = new float[n];
        Arrays.fill(g, 0.5);
        Arrays.fill(f, 0.5f);
        double[] t = new double[300];
        for (int r = 0; r < t.length; r++) {
            long start = System.nanoTime();
            if (float32) {
                for (int j = 0; j < n; j++) {
                    sum[j] = sum[j] + 0.5 * f[j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    sum[j] = sum[j] + 0.5 * g[j];
                }
            }
            t[r] = (System.nanoTime() - start) / 1e6;
        }
        double[] v = Arrays.copyOfRange(t, 100, t.length);
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "%nreduce: adding one weighted gradient of %,d values on the driver: %.3f ms"
                + " (checksum %.1f)%n", n, v[v.length / 2], sum[0]);
        results.put("reduce.perShard", String.format(Locale.ROOT, "%.4f", v[v.length / 2]));
    }

    private static void compute(String model, Map<String, String> results) {
        // the CNN's steps are about a hundred times the MLP's: fewer of them from 32 rows on
        boolean cnn = model.equals("cnn");
        System.out.printf(Locale.ROOT, "%ncompute: one shard's task at local batch b (fitLocal, one shard, one kernel"
                + " thread), median of 30 steps after 10%s%n  %6s %10s %12s%n", cnn ? " (10 after 3 from b = 32)" : "",
                "b", "ms", "us per row");
        FashionSpark.trainer(options(model, 1, 64), null).fitLocal(images(64 * (cnn ? 20 : 60), 5), 1); // warm the JIT up
        for (int b = 1; b <= 512; b *= 2) {
            int warm = cnn && b >= 32 ? 3 : 10;
            int measured = cnn && b >= 32 ? 10 : 30;
            List<DataParallel.Step> seen = new ArrayList<>();
            DataParallel<FashionSpark.Image> trainer = FashionSpark.trainer(options(model, 1, b), seen::add);
            trainer.fitLocal(images(b * (warm + measured), 2), 1);
            double[] v = seen.subList(warm, warm + measured).stream().mapToDouble(DataParallel.Step::computeMillis)
                    .sorted().toArray();
            double median = v[v.length / 2];
            System.out.printf(Locale.ROOT, "  %6d %10.3f %12.2f%n", b, median, 1000 * median / b);
            results.put("compute.b" + b, String.format(Locale.ROOT, "%.4f", median));
        }
    }

    private static void soak(JavaSparkContext sc, String model, int shards, int batch, int steps,
                             Map<String, String> results) {
        int perEpoch = 50;
        List<FashionSpark.Image> rows = images(batch * perEpoch, 3);
        List<String> heap = new ArrayList<>();
        int every = Math.max(1, steps / 10);
        System.out.printf(Locale.ROOT, "%nsoak: %d steps, heap used after a full GC every %d steps (MB):%n  ", steps, every);
        DataParallel<FashionSpark.Image> trainer = FashionSpark.trainer(options(model, shards, batch), s -> {
            if ((s.step() + 1) % every == 0) {
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                heap.add(Long.toString(used));
                System.out.print(used + " ");
                System.out.flush();
            }
        });
        long start = System.nanoTime();
        trainer.fit(sc.parallelize(rows, 4), (steps + perEpoch - 1) / perEpoch);
        System.out.printf(Locale.ROOT, "%n  %d steps in %.0f s%n", steps, (System.nanoTime() - start) / 1e9);
        results.put("soak.steps", Integer.toString(steps));
        results.put("soak.heapMB", String.join(",", heap));
        System.out.println("  " + Arrays.toString(heap.toArray()));
    }
}
