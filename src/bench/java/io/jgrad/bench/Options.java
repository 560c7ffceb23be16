package io.jgrad.bench;

import io.jgrad.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The suite's command line. Names and defaults follow {@code torch_reference.py} where it has the
 * same setting ({@code --sections}, {@code --threads}, {@code --sizes}, {@code --repeats},
 * {@code --min-time}, {@code --json}).
 */
final class Options {

    /** Every section, in the order they run. */
    static final List<String> ALL_SECTIONS = List.of("matmul", "elementwise", "chain", "micro", "mlp", "epoch",
            "memory", "cnn", "conv", "gpt", "gptmem", "cnnepoch");

    static final String USAGE = String.join("\n",
            "usage: io.jgrad.bench.Suite [options]",
            "  --sections LIST    comma-separated, from " + String.join(",", ALL_SECTIONS) + " (default all)",
            "  --threads LIST     jgrad.threads settings, one JVM each (default 1,2)",
            "  --sizes LIST       matmul sizes (default 32,64,128,256,512,1024)",
            "  --dtypes LIST      dtypes of the matmul, mlp and cnn sections (default float64,float32)",
            "  --repeats N        repeats per measurement (default 9)",
            "  --min-time S       shortest repeat in seconds (default 0.05)",
            "  --warmup S         seconds of JIT warm-up per workload (default 1.0)",
            "  --json FILE        write all results as JSON (default: none)",
            "  --data DIR         Fashion-MNIST IDX files for the epoch and cnnepoch sections (default: data/fashion-mnist,",
            "                     then /usr/share/datasets/fashion-mnist; the section is skipped without them)",
            "  --epochs N         timed Fashion-MNIST epochs of the epoch section (default 3; cnnepoch runs one)",
            "  --mem-steps N      training steps of the heap-flatness run (default 10000)",
            "  --gpt-mem-steps N  GPT training steps of gptmem's heap-flatness run (default 1000)",
            "  --cnn-init FILE    safetensors of the CNN's initial weights (PyTorch state-dict keys 0.weight ...",
            "                     9.bias) and its int64 (60000,) training order, for the cnnepoch section",
            "                     (default: jgrad's own initialisation and order, not like for like)",
            "  --simd             run the measuring JVMs with --add-modules jdk.incubator.vector",
            "                     (also --simd=true / --simd=false, as the bench profile passes it)",
            "  --jvm-arg ARG      an extra option for the measuring JVMs (repeatable), e.g. -Xmx4g",
            "  --in-process       measure in this JVM (one thread setting, the one it started with)",
            "  --profile L,B,S    instead of the suite, loop the MLP step of layers L (e.g. 784-256-10) at batch B",
            "                     for S seconds in one JVM per --threads setting, for a profiler given with",
            "                     --jvm-arg, e.g. -XX:StartFlightRecording=filename=step.jfr,settings=profile");

    List<String> sections = ALL_SECTIONS;
    List<Integer> threads = List.of(1, 2);
    int[] sizes = {32, 64, 128, 256, 512, 1024};
    List<DType> dtypes = List.of(DType.FLOAT64, DType.FLOAT32);
    int repeats = 9;
    double minTime = 0.05;
    double warmup = 1.0;
    Path json;
    Path data;
    int epochs = 3;
    int memSteps = 10_000;
    int gptMemSteps = 1000;
    Path cnnInit;
    boolean simd;
    List<String> jvmArgs = new ArrayList<>();
    boolean inProcess;
    /** {@code --profile}: layers, batch and seconds for {@link StepLoop}, or null to run the suite. */
    String[] profile;
    /** Set by the launcher for a measuring JVM: where to write its rows and results. */
    Path out;
    /** Whether this measuring JVM runs the memory section (the launcher gives it to the first one only). */
    boolean memoryHere = true;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            switch (a) {
                case "--sections" -> {
                    List<String> s = Arrays.asList(value(args, ++i, a).split(","));
                    for (String name : s) {
                        if (!ALL_SECTIONS.contains(name)) {
                            throw new IllegalArgumentException("--sections: unknown section '" + name + "'; choose from "
                                    + String.join(",", ALL_SECTIONS));
                        }
                    }
                    o.sections = s;
                }
                case "--threads" -> {
                    List<Integer> t = new ArrayList<>();
                    for (String v : value(args, ++i, a).split(",")) {
                        int n = Integer.parseInt(v.trim());
                        if (n < 1) {
                            throw new IllegalArgumentException("--threads: each setting must be >= 1, got " + n);
                        }
                        t.add(n);
                    }
                    o.threads = t;
                }
                case "--sizes" -> o.sizes = Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
                case "--dtypes" -> o.dtypes = dtypes(value(args, ++i, a));
                case "--gpt-mem-steps" -> o.gptMemSteps = Integer.parseInt(value(args, ++i, a));
                case "--cnn-init" -> o.cnnInit = Path.of(value(args, ++i, a));
                case "--repeats" -> o.repeats = Integer.parseInt(value(args, ++i, a));
                case "--min-time" -> o.minTime = Double.parseDouble(value(args, ++i, a));
                case "--warmup" -> o.warmup = Double.parseDouble(value(args, ++i, a));
                case "--json" -> o.json = Path.of(value(args, ++i, a));
                case "--data" -> o.data = Path.of(value(args, ++i, a));
                case "--epochs" -> o.epochs = Integer.parseInt(value(args, ++i, a));
                case "--mem-steps" -> o.memSteps = Integer.parseInt(value(args, ++i, a));
                case "--simd", "--simd=true" -> o.simd = true;
                case "--simd=false" -> o.simd = false;
                case "--jvm-arg" -> o.jvmArgs.add(value(args, ++i, a));
                case "--in-process" -> o.inProcess = true;
                case "--profile" -> {
                    o.profile = value(args, ++i, a).split(",");
                    if (o.profile.length != 3) {
                        throw new IllegalArgumentException("--profile: expected LAYERS,BATCH,SECONDS as in"
                                + " 784-256-10,32,20, got " + String.join(",", o.profile));
                    }
                }
                case "--out" -> o.out = Path.of(value(args, ++i, a));
                case "--no-memory" -> o.memoryHere = false;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (o.repeats < 1 || o.minTime <= 0 || o.warmup < 0 || o.epochs < 0 || o.memSteps < 10
                || o.gptMemSteps < 2) {
            throw new IllegalArgumentException("need --repeats >= 1, --min-time > 0, --warmup >= 0, --epochs >= 0,"
                    + " --mem-steps >= 10 and --gpt-mem-steps >= 2");
        }
        if (o.data == null) {
            for (Path p : List.of(Path.of("data", "fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"))) {
                if (Files.isDirectory(p)) {
                    o.data = p;
                    break;
                }
            }
        }
        return o;
    }

    /** @return the dtypes of a comma-separated list of {@code float64} and {@code float32} */
    private static List<DType> dtypes(String list) {
        List<DType> d = new ArrayList<>();
        for (String v : list.split(",")) {
            switch (v.trim()) {
                case "float64" -> d.add(DType.FLOAT64);
                case "float32" -> d.add(DType.FLOAT32);
                default -> throw new IllegalArgumentException("--dtypes: expected float64 and/or float32, got '" + v
                        + "'");
            }
        }
        return d;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    /** @return the arguments a measuring JVM gets (everything but the launcher's own options) */
    List<String> childArgs() {
        List<String> a = new ArrayList<>();
        a.add("--sections");
        a.add(String.join(",", sections));
        a.add("--sizes");
        a.add(String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList()));
        a.add("--dtypes");
        a.add(String.join(",", dtypes.stream().map(DType::label).toList()));
        a.add("--repeats");
        a.add(Integer.toString(repeats));
        a.add("--min-time");
        a.add(Double.toString(minTime));
        a.add("--warmup");
        a.add(Double.toString(warmup));
        if (data != null) {
            a.add("--data");
            a.add(data.toString());
        }
        a.add("--epochs");
        a.add(Integer.toString(epochs));
        a.add("--mem-steps");
        a.add(Integer.toString(memSteps));
        a.add("--gpt-mem-steps");
        a.add(Integer.toString(gptMemSteps));
        if (cnnInit != null) {
            a.add("--cnn-init");
            a.add(cnnInit.toString());
        }
        a.add("--in-process");
        return a;
    }
}
