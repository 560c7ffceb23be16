package io.jgrad.bench;

import io.jgrad.ndarray.Kernels;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * jgrad's benchmark suite: the workloads of {@code bench/torch_reference.py} (square matmul and MLP
 * training steps in float64 and float32, the scalar chain, the micrograd-style MLP), plus
 * element-wise ops and reductions, a hand-written EJML training step, one Fashion-MNIST epoch and
 * memory measurements of the MLP in float64, and the convolution and transformer workloads: a CNN
 * training step, conv2d alone, a GPT training step and its memory, and a Fashion-MNIST epoch of the
 * CNN. Run it with {@code mvn -q -B -Pbench compile exec:exec@bench} (add {@code -Dbench.simd} for
 * the Vector API kernels); {@code -Dbench.args="…"} passes the options listed by {@code --help}.
 *
 * <p>The kernels read {@code jgrad.threads} once, when they load, so the suite is a launcher: for
 * each thread setting it starts a measuring JVM ({@code -Djgrad.threads=N}, this JVM's class path,
 * {@code --add-modules jdk.incubator.vector} with {@code --simd}), which prints its results as it
 * goes; the launcher then prints one table of medians with min–max per thread setting and writes
 * all results to {@code --json}. {@code --in-process} measures in this JVM instead.
 */
public final class Suite {

    private Suite() {
    }

    /**
     * Runs the suite; see {@link Options#USAGE} for the arguments.
     *
     * @param args the options
     * @throws Exception if a measuring JVM cannot be started or fails, or the results cannot be written
     */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("Suite: " + e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.profile != null) {
            profile(o);
        } else if (o.inProcess) {
            measure(o);
        } else {
            launch(o);
        }
    }

    /** Starts one measuring JVM per thread setting, then prints the table and writes the JSON. */
    private static void launch(Options o) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("jgrad-bench");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Report.Row> rows = new ArrayList<>();
        List<String> results = new ArrayList<>();
        List<String> metas = new ArrayList<>();
        List<String> jvmOptions = jvmOptions(o);
        System.out.println("jgrad benchmark suite: threads " + o.threads + ", SIMD " + (o.simd ? "requested" : "off")
                + ", JVM options " + jvmOptions);
        for (int i = 0; i < o.threads.size(); i++) {
            int t = o.threads.get(i);
            Path prefix = tmp.resolve("thr" + t + "-" + i);
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmOptions);
            cmd.add("-Djgrad.threads=" + t);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Suite.class.getName());
            cmd.addAll(o.childArgs());
            cmd.add("--out");
            cmd.add(prefix.toString());
            if (i > 0) {
                cmd.add("--no-memory");
            }
            int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("Suite: the measuring JVM for jgrad.threads=" + t + " exited with " + rc
                        + "; its output is above");
            }
            for (String line : Files.readAllLines(Path.of(prefix + ".tsv"), StandardCharsets.UTF_8)) {
                rows.add(Report.Row.parse(line));
            }
            results.addAll(Files.readAllLines(Path.of(prefix + ".jsonl"), StandardCharsets.UTF_8));
            metas.add(Files.readString(Path.of(prefix + ".meta.json"), StandardCharsets.UTF_8).trim());
        }
        System.out.println();
        System.out.println("jgrad, medians [min-max] over the repeats; SIMD " + (o.simd ? "requested" : "off")
                + "; gemm " + String.join(", ", gemmNames(metas)));
        System.out.print(Report.table(rows, o.threads));
        if (o.json != null) {
            Json meta = Json.obj().put("suite", "jgrad").put("date", now()).put("simd", o.simd)
                    .raw("threads", o.threads.toString()).raw("jvm_options", list(jvmOptions))
                    .raw("jvms", "[" + String.join(", ", metas) + "]");
            writeJson(o.json, meta.toString(), results);
            System.out.println("results written to " + o.json);
        }
    }

    /** Runs {@link StepLoop} in one JVM per thread setting (with the --jvm-arg options, e.g. a profiler). */
    private static void profile(Options o) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int t : o.threads) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmOptions(o));
            cmd.add("-Djgrad.threads=" + t);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(StepLoop.class.getName());
            cmd.addAll(List.of(o.profile));
            System.out.println("StepLoop " + String.join(" ", o.profile) + ", jgrad.threads=" + t + ", JVM options "
                    + jvmOptions(o));
            int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("Suite: the StepLoop JVM for jgrad.threads=" + t + " exited with " + rc);
            }
        }
    }

    private static List<String> gemmNames(List<String> metas) {
        List<String> names = new ArrayList<>();
        for (String m : metas) {
            int k = m.indexOf("\"gemm\": \"");
            if (k >= 0) {
                String n = m.substring(k + 9, m.indexOf('"', k + 9));
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static List<String> jvmOptions(Options o) {
        List<String> opts = new ArrayList<>();
        boolean heap = o.jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx"));
        if (!heap) {
            opts.add("-Xmx2g");
        }
        if (o.simd) {
            opts.add("--add-modules");
            opts.add("jdk.incubator.vector");
        }
        opts.addAll(o.jvmArgs);
        return opts;
    }

    /** Runs the sections in this JVM. */
    private static void measure(Options o) throws IOException {
        int threads = threadSetting();
        Harness h = new Harness(o.minTime, o.repeats, o.warmup);
        Report r = new Report();
        String meta = meta(threads);
        System.out.println("measuring JVM: " + meta);
        for (String s : o.sections) {
            switch (s) {
                case "matmul" -> MatmulBench.run(h, r, threads, o.sizes, o.dtypes);
                case "elementwise" -> ElementwiseBench.run(h, r, threads);
                case "chain" -> ChainBench.run(h, r, threads);
                case "micro" -> MicroBench.run(h, r, threads);
                case "mlp" -> MlpBench.run(h, r, threads, o.dtypes);
                case "epoch" -> EpochBench.run(h, r, threads, o.data, o.epochs);
                case "memory" -> {
                    if (o.memoryHere) {
                        MemoryBench.run(h, r, threads, o.memSteps);
                    }
                }
                case "cnn" -> CnnBench.run(h, r, threads, o.dtypes);
                case "conv" -> ConvBench.run(h, r, threads);
                case "gpt" -> GptBench.run(h, r, threads);
                case "gptmem" -> {
                    if (o.memoryHere) {
                        GptMemBench.run(h, r, threads, o.gptMemSteps);
                    }
                }
                case "cnnepoch" -> CnnEpochBench.run(r, threads, o.data, o.cnnInit);
                default -> throw new IllegalArgumentException("Suite: unknown section " + s);
            }
        }
        if (o.out != null) {
            r.write(o.out);
            Files.writeString(Path.of(o.out + ".meta.json"), meta, StandardCharsets.UTF_8);
        } else {
            System.out.println();
            System.out.print(Report.table(r.rows(), List.of(threads)));
            if (o.json != null) {
                writeJson(o.json, Json.obj().put("suite", "jgrad").put("date", now())
                        .raw("jvms", "[" + meta + "]").toString(), r.results());
                System.out.println("results written to " + o.json);
            }
        }
    }

    /** @return the thread count the kernels use: {@code jgrad.threads}, else their default, the available processors */
    static int threadSetting() {
        String p = System.getProperty("jgrad.threads");
        if (p != null && !p.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                // the kernels reject it on first use; report the default here
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** @return the facts about this JVM that a result needs beside it */
    private static String meta(int threads) {
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return Json.obj()
                .put("java_version", System.getProperty("java.runtime.version"))
                .put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
                .put("vendor", System.getProperty("java.vendor"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .put("cpu", cpuModel())
                .put("processors", Runtime.getRuntime().availableProcessors())
                .put("jgrad_threads", threads)
                .put("gemm", Kernels.gemmName())
                .put("vector_module", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent())
                .raw("jvm_args", list(ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .raw("gc", list(gcs))
                .put("max_heap_bytes", Runtime.getRuntime().maxMemory())
                .toString();
    }

    /** @return the CPU's model name from {@code /proc/cpuinfo}, or the architecture where there is none */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the architecture
        }
        return System.getProperty("os.arch");
    }

    private static String list(List<String> values) {
        List<String> q = new ArrayList<>();
        for (String v : values) {
            q.add(Json.quote(v));
        }
        return "[" + String.join(", ", q) + "]";
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT));
    }

    private static void writeJson(Path file, String meta, List<String> results) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\"meta\": ").append(meta).append(",\n \"results\": [\n  ");
        sb.append(String.join(",\n  ", results));
        sb.append("\n ]\n}\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
