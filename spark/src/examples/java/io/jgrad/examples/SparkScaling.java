package io.jgrad.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The model of a {@link io.jgrad.spark.DataParallel} step on a cluster of {@code K} executors, with
 * the constants {@link SparkStepBench} measured for each model (the MLP and the CNN: one
 * measurements file each), and its plot (docs/distributed.md):
 * <pre>
 *   step(K)    = compute(B/K) + broadcast(K) + collect(K) + schedule(K) + reduce(K)
 *   compute(b) = c0 + c1·b: one shard's forward and backward at local batch b on one core, the
 *                least-squares line through the measured b = 1, 2, 4, …, 512
 *   broadcast  = image + S/BW · ceil(log2(K + 1))   the driver writes the image once; Spark's
 *                torrent spreads it, the executors holding it doubling each round
 *   collect    = K · S/BW                           every gradient into the driver's one link
 *   schedule   = s0 + s1·K                          Spark's latency for a job of K tasks: the
 *                                                   least-squares line through K = 1, 2, 4, 8, 16
 *   reduce     = optimizer + K · add                the optimizer step, and adding K gradients
 *   S = P values of the parameters' dtype (8 bytes for the MLP's float64, 4 for the CNN's float32),
 *   BW = 10 Gb/s
 *   one machine (the speedup's base): compute(B) + optimizer + add, no Spark
 * </pre>
 * Two settings: a fixed global batch ({@code B = 512}, local batches {@code 512/K}) and a fixed
 * local batch ({@code b = 128}, so {@code B = 128 K}: speedup in rows per second); and the second
 * with the gradients summed up a fixed binary tree of executors instead of all at the driver
 * ({@code collect} and the additions then take {@code ceil(log2(K + 1))} rounds).
 *
 * <pre>
 * mvn -q -B -f spark/pom.xml test-compile exec:exec@spark-scaling -Dexec.args="--png ../docs/images/distributed-scaling.png"
 * </pre>
 */
public final class SparkScaling {

    static final String USAGE = """
            usage: SparkScaling [--in FILE,FILE] [--png FILE] [--gbps G]
              --in FILES   SparkStepBench's measurements, one file per model, comma-separated (default
                           target/spark-bench/spark-bench-mlp.properties,target/spark-bench/spark-bench-cnn.properties)
              --png FILE   the plot to write (default target/spark-bench/distributed-scaling.png)
              --gbps G     the network's bandwidth in Gb/s (default 10)""";

    /** The global batch of the fixed-batch setting. */
    static final int FIXED_B = 512;
    /** The local batch of the fixed-local-batch setting. */
    static final int LOCAL_B = 128;

    private SparkScaling() {
    }

    /** The measured constants of one model, in milliseconds and bytes. */
    record Constants(String model, long params, int valueBytes, double[] computeAtPow2, double[] jobAtPow2, double image,
                     double optimizer, double add, double bytesPerMs) {

        static Constants read(Path file, double gbps) throws IOException {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            double[] compute = new double[10];
            for (int i = 0; i < compute.length; i++) {
                compute[i] = number(p, "compute.b" + (1 << i));
            }
            double[] jobs = new double[5];
            for (int i = 0; i < jobs.length; i++) {
                jobs[i] = number(p, "job.k" + (1 << i));
            }
            double add = number(p, "reduce.perShard");
            int shards = (int) number(p, "shards");
            // the bench's optimizer time holds the step and the sum of its K gradients
            double optimizer = Math.max(0, number(p, "optimizer.median") - shards * add);
            return new Constants(p.getProperty("model", "mlp").toUpperCase(Locale.ROOT), (long) number(p, "params"),
                    (int) Double.parseDouble(p.getProperty("value.bytes", "8")), compute, jobs,
                    number(p, "broadcast.median"), optimizer, add, gbps * 1e9 / 8 / 1000);
        }

        private static double number(Properties p, String key) {
            String v = p.getProperty(key);
            if (v == null) {
                throw new IllegalArgumentException("SparkScaling: the measurements have no '" + key + "'; run"
                        + " SparkStepBench (exec:exec@spark-bench) to make them");
            }
            return Double.parseDouble(v);
        }

        /** compute(b) = c0 + c1·b, the line through the measured powers of two. */
        double compute(double b) {
            double[] line = line(computeAtPow2);
            return line[0] + line[1] * b;
        }

        /** Spark's latency for a job of k tasks, s0 + s1·k, the line through the measured k = 1 … 16. */
        double job(int k) {
            double[] line = line(jobAtPow2);
            return line[0] + line[1] * k;
        }

        /** The least-squares line {c0, c1} through (2^i, y[i]); noise on a shared machine makes single points unreliable. */
        static double[] line(double[] y) {
            int n = y.length;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                double x = 1 << i;
                sx += x;
                sy += y[i];
                sxx += x * x;
                sxy += x * y[i];
            }
            double c1 = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            return new double[] {(sy - c1 * sx) / n, c1};
        }

        /** S/BW: one gradient (or image of the parameters) over the network. */
        double transfer() {
            return (double) valueBytes * params / bytesPerMs;
        }

        /**
         * The parts of a step of K shards at local batch b, in ms: compute, broadcast, collect,
         * schedule, reduce; {@code tree}: the gradients summed up a fixed binary tree of executors
         * (ceil(log2(K+1)) rounds of one transfer and one addition) instead of all at the driver.
         */
        double[] step(int k, double b, boolean tree) {
            int rounds = 32 - Integer.numberOfLeadingZeros(k); // ceil(log2(k + 1))
            int gathered = tree ? rounds : k;
            return new double[] {compute(b), image + transfer() * rounds, gathered * transfer(), job(k),
                optimizer + gathered * add};
        }

        double oneMachine(double batch) {
            return compute(batch) + optimizer + add;
        }
    }

    /** Writes the plot and prints the tables. */
    public static void main(String[] argv) throws IOException {
        record Options(String in, Path png, double gbps) {
        }
        Options o = Args.parseOrExit(argv, USAGE, a -> new Options(
                a.stringValue("in", "target/spark-bench/spark-bench-mlp.properties,target/spark-bench/spark-bench-cnn.properties"),
                a.pathValue("png", Path.of("target/spark-bench/distributed-scaling.png")), a.doubleValue("gbps", 10)));
        List<Plot.Panel> panels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String file : o.in().split(",")) {
            Constants c = Constants.read(Path.of(file.trim()), o.gbps());
            panels.addAll(model(c, o.gbps()));
            names.add(String.format(Locale.ROOT, "%s (%,d parameters)", c.model(), c.params()));
        }
        Plot.writePng(o.png(), "jgrad-spark · modelled scaling, " + String.join(" and ", names),
                String.format(Locale.ROOT, "compute, broadcast, job latency and reduce measured on %s;"
                + " %.0f Gb/s network; K = 1 … 256", "local[2]", o.gbps()), panels);
        System.out.println("plot: " + o.png());
    }

    /** Prints one model's table and returns its two panels: step time and speedup. */
    static List<Plot.Panel> model(Constants c, double gbps) {
        int n = 9;
        double[] x = new double[n];
        double[] fixedStep = new double[n];
        double[] fixedSpeed = new double[n];
        double[] localStep = new double[n];
        double[] localSpeed = new double[n];
        double[] ideal = new double[n];
        double[] treeSpeed = new double[n];
        double[] cl = Constants.line(c.computeAtPow2());
        double[] jl = Constants.line(c.jobAtPow2());
        System.out.printf(Locale.ROOT, "%nmodel: %s, %,d parameters (%.2f MB), %.0f Gb/s; ms%n", c.model(), c.params(),
                (double) c.valueBytes() * c.params() / 1e6, gbps);
        System.out.printf(Locale.ROOT, "constants: compute(b) = %.3f + %.4f·b, job(K) = %.2f + %.3f·K, image %.2f,"
                + " S/BW %.3f, optimizer %.3f, add %.3f%n", cl[0], cl[1], jl[0], jl[1], c.image(), c.transfer(),
                c.optimizer(), c.add());
        System.out.println("| K | B | compute | broadcast | collect | schedule | reduce | step | speedup | rows/s,"
                + " b = 128 | speedup, b = 128 | b = 128, tree |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++) {
            int k = 1 << i;
            x[i] = i;
            double[] parts = c.step(k, (double) FIXED_B / k, false);
            fixedStep[i] = sum(parts);
            fixedSpeed[i] = c.oneMachine(FIXED_B) / fixedStep[i];
            double[] partsLocal = c.step(k, LOCAL_B, false);
            localStep[i] = sum(partsLocal);
            double rowsPerMs = (double) LOCAL_B * k / localStep[i];
            localSpeed[i] = rowsPerMs / (LOCAL_B / c.oneMachine(LOCAL_B));
            ideal[i] = k;
            treeSpeed[i] = (double) LOCAL_B * k / sum(c.step(k, LOCAL_B, true)) / (LOCAL_B / c.oneMachine(LOCAL_B));
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f | %.1f | %.1f |%n",
                    k, FIXED_B, parts[0], parts[1], parts[2], parts[3], parts[4], fixedStep[i], fixedSpeed[i],
                    rowsPerMs * 1000, localSpeed[i], treeSpeed[i]);
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (fixedSpeed[i] > fixedSpeed[best]) {
                best = i;
            }
        }
        System.out.printf(Locale.ROOT, "fixed batch %d: the speedup peaks at K = %d (%.2f); one machine's step %.2f ms"
                + " (%d rows), %.2f ms (%d rows)%n", FIXED_B, 1 << best, fixedSpeed[best], c.oneMachine(FIXED_B), FIXED_B,
                c.oneMachine(LOCAL_B), LOCAL_B);
        Plot.Panel time = new Plot.Panel(c.model() + ": step time on K executors", "log2 K", "ms per step", false, List.of(
                new Plot.Series("B = " + FIXED_B + " (b = " + FIXED_B + "/K)", x, fixedStep, Plot.BLUE),
                new Plot.Series("b = " + LOCAL_B + " (B = " + LOCAL_B + "·K)", x, localStep, Plot.ORANGE)));
        Plot.Panel speed = new Plot.Panel(c.model() + ": speedup over one machine", "log2 K", "speedup", false, List.of(
                new Plot.Series("B = " + FIXED_B + ": per step", x, fixedSpeed, Plot.BLUE),
                new Plot.Series("b = " + LOCAL_B + ": rows per second", x, localSpeed, Plot.ORANGE),
                new Plot.Series("b = " + LOCAL_B + ", summed up a tree", x, treeSpeed, Plot.GREEN),
                new Plot.Series("ideal (K)", x, clip(ideal, 1.5 * max(treeSpeed)), new java.awt.Color(0x999999))));
        return List.of(time, speed);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    // keeps the ideal line from squashing the others: NaN (not drawn) above the cap
    private static double[] clip(double[] v, double cap) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] > cap) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
