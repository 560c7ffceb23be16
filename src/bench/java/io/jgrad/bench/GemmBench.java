package io.jgrad.bench;

import io.jgrad.ndarray.FloatGemm;
import io.jgrad.ndarray.Gemm;
import io.jgrad.ndarray.Kernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Matrix-multiply kernel micro-benchmark: GFLOP/s ({@code 2·m·n·k} per product) of each
 * {@link Gemm} implementation (float64) and each {@link FloatGemm} implementation (float32), on
 * square sizes and on the products of a 784-256-10 MLP step; the two dtypes of a kernel are
 * printed one after the other.
 *
 * <p>All kernels are first run together on mixed shapes for {@code --warmup-all} seconds (JIT
 * compilation); then each (kernel, threads, shape) is warmed up for {@code --warmup} seconds,
 * an inner loop is calibrated to last at least {@code --min-time} seconds, and
 * {@code --repeats} such loops are timed; the median, min and max are printed. Operands are allocated and filled once per shape
 * and reused, so first-touch page faults are not measured.
 *
 * <p>Usage (the Vector API kernel needs {@code --add-modules jdk.incubator.vector}; without it,
 * it is skipped):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:ejml-jars:bench-classes \
 *     io.jgrad.bench.GemmBench [--kernels ejml,plain,vector] [--threads 1,2]
 *     [--dtypes float64,float32] [--sizes 32,64,128,256,512,1024] [--mlp-batches 32,256]
 *     [--no-square] [--no-mlp] [--warmup-all 3] [--warmup 0.3] [--min-time 0.1] [--repeats 7]
 *     [--cpu-time]
 * </pre>
 * With {@code --cpu-time}, times are the calling thread's CPU time instead of wall-clock time: on
 * a shared machine whose other processes take part of the cores' time, it still measures what
 * the kernel does while it runs (at one thread only, since other threads' time is not counted).
 * EJML is single-threaded, so it is run at 1 thread only, and in float64 only (its float module is
 * not a dependency). For the float32 target, one thread at 512:
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp … io.jgrad.bench.GemmBench \
 *     --kernels plain,vector --threads 1 --sizes 512 --no-mlp
 * </pre>
 */
public final class GemmBench {

    private GemmBench() {
    }

    /** One product shape: {@code op(A) (m, k) · op(B) (k, n)}. */
    private static final class Shape {
        final String label;
        final int m;
        final int n;
        final int k;
        final boolean transA;
        final boolean transB;

        Shape(String label, int m, int n, int k, boolean transA, boolean transB) {
            this.label = label;
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
        }

        String dims() {
            return String.format(Locale.ROOT, "%dx%dx%d %s%s", m, n, k, transA ? "T" : "N", transB ? "T" : "N");
        }
    }

    /**
     * Runs the benchmark; see the class comment for the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        List<String> kernels = List.of("ejml", "plain", "vector");
        List<String> dtypes = List.of("float64", "float32");
        int[] threads = {1, 2};
        int[] sizes = {32, 64, 128, 256, 512, 1024};
        int[] batches = {32, 256};
        boolean square = true;
        boolean mlp = true;
        double warmup = 0.3;
        double warmAll = 3.0;
        double minTime = 0.1;
        int repeats = 7;
        boolean cpuTime = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kernels": kernels = Arrays.asList(args[++i].split(",")); break;
                case "--threads": threads = ints(args[++i]); break;
                case "--dtypes": dtypes = Arrays.asList(args[++i].split(",")); break;
                case "--sizes": sizes = ints(args[++i]); break;
                case "--mlp-batches": batches = ints(args[++i]); break;
                case "--no-square": square = false; break;
                case "--no-mlp": mlp = false; break;
                case "--warmup": warmup = Double.parseDouble(args[++i]); break;
                case "--warmup-all": warmAll = Double.parseDouble(args[++i]); break;
                case "--min-time": minTime = Double.parseDouble(args[++i]); break;
                case "--repeats": repeats = Integer.parseInt(args[++i]); break;
                case "--cpu-time": cpuTime = true; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Shape> shapes = new ArrayList<>();
        if (square) {
            for (int s : sizes) {
                shapes.add(new Shape("square", s, s, s, false, false));
            }
        }
        if (mlp) {
            for (int b : batches) {
                // 784-256-10 MLP step at batch b: X (b,784), W1 (784,256), H (b,256), W2 (256,10).
                shapes.add(new Shape("mlp b=" + b + " X·W1", b, 256, 784, false, false));
                shapes.add(new Shape("mlp b=" + b + " X·W1ᵀ (W1 as out×in)", b, 256, 784, false, true));
                shapes.add(new Shape("mlp b=" + b + " dW1=Xᵀ·dH", 784, 256, b, true, false));
                shapes.add(new Shape("mlp b=" + b + " dX=dH·W1ᵀ", b, 784, 256, false, true));
                shapes.add(new Shape("mlp b=" + b + " H·W2", b, 10, 256, false, false));
                shapes.add(new Shape("mlp b=" + b + " dW2=Hᵀ·dY", 256, 10, b, true, false));
                shapes.add(new Shape("mlp b=" + b + " dH=dY·W2ᵀ", b, 256, 10, false, true));
            }
        }
        for (String d : dtypes) {
            if (!d.equals("float64") && !d.equals("float32")) {
                throw new IllegalArgumentException("unknown dtype " + d + " (float64 or float32)");
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, default kernels %s and %s, vector API %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Kernels.gemmName(), Kernels.floatGemmName(),
                Kernels.vectorAvailable() ? "available" : "NOT available (skipped)");
        if (cpuTime) {
            for (int t : threads) {
                if (t != 1) {
                    throw new IllegalArgumentException("--cpu-time counts the calling thread only: use --threads 1");
                }
            }
            CPU = ManagementFactory.getThreadMXBean();
            System.out.println("times are the calling thread's CPU time");
        }
        warmUpAll(kernels, dtypes, threads, warmAll);
        System.out.printf(Locale.ROOT, "%-34s %-16s %-7s %-7s %3s %9s %17s %10s%n",
                "shape", "m x n x k op", "kernel", "dtype", "thr", "GFLOP/s", "[min-max]", "us/call");
        for (Shape s : shapes) {
            double[] a = filled(s.m * s.k, 1);
            double[] b = filled(s.k * s.n, 2);
            double[] c = new double[s.m * s.n];
            float[] af = toFloat(a);
            float[] bf = toFloat(b);
            float[] cf = new float[s.m * s.n];
            for (String kernel : kernels) {
                for (int t : threads) {
                    if (!runs(kernel, t)) {
                        continue;
                    }
                    for (String dtype : dtypes) {
                        Runnable call;
                        if (dtype.equals("float64")) {
                            Gemm g = Kernels.newGemm(kernel, t);
                            call = () -> g.gemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, b, 0, c, 0);
                        } else if (kernel.equals("ejml")) {
                            continue;
                        } else {
                            FloatGemm g = Kernels.newFloatGemm(kernel, t);
                            call = () -> g.gemm(s.transA, s.transB, s.m, s.n, s.k, af, 0, bf, 0, cf, 0);
                        }
                        double[] secs = time(call, warmup, minTime, repeats);
                        double flops = 2.0 * s.m * s.n * s.k;
                        double[] gf = new double[secs.length];
                        for (int r = 0; r < secs.length; r++) {
                            gf[r] = flops / secs[r] / 1e9;
                        }
                        Arrays.sort(gf);
                        Arrays.sort(secs);
                        System.out.printf(Locale.ROOT, "%-34s %-16s %-7s %-7s %3d %9.2f %17s %10.2f%n",
                                s.label, s.dims(), kernel, dtype, t, gf[gf.length / 2],
                                String.format(Locale.ROOT, "[%.2f-%.2f]", gf[0], gf[gf.length - 1]),
                                secs[secs.length / 2] * 1e6);
                    }
                }
            }
        }
    }

    /** Whether a kernel is measured at {@code threads}: EJML at 1 only, vector only if available. */
    private static boolean runs(String kernel, int threads) {
        return !(kernel.equals("ejml") && threads > 1) && !(kernel.equals("vector") && !Kernels.vectorAvailable());
    }

    /**
     * Runs every kernel on a mix of shapes and transposes first, so that the JIT has compiled all
     * their paths before anything is timed (Vector API code is very slow until C2 compiles it,
     * and a path first taken later would otherwise deoptimise code in the middle of a timing).
     */
    private static void warmUpAll(List<String> kernels, List<String> dtypes, int[] threads, double seconds) {
        int[][] shapes = {{64, 64, 64}, {33, 47, 130}, {200, 200, 200}, {9, 300, 20}, {300, 10, 40}};
        List<Gemm> gemms = new ArrayList<>();
        List<FloatGemm> floatGemms = new ArrayList<>();
        for (String kernel : kernels) {
            for (int t : threads) {
                if (!runs(kernel, t)) {
                    continue;
                }
                if (dtypes.contains("float64")) {
                    gemms.add(Kernels.newGemm(kernel, t));
                }
                if (dtypes.contains("float32") && !kernel.equals("ejml")) {
                    floatGemms.add(Kernels.newFloatGemm(kernel, t));
                }
            }
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            for (int[] s : shapes) {
                double[] a = filled(s[0] * s[2], 3);
                double[] b = filled(s[2] * s[1], 4);
                double[] c = new double[s[0] * s[1]];
                float[] af = toFloat(a);
                float[] bf = toFloat(b);
                float[] cf = new float[s[0] * s[1]];
                for (int t = 0; t < 4; t++) {
                    for (Gemm g : gemms) {
                        g.gemm((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], a, 0, b, 0, c, 0);
                    }
                    for (FloatGemm g : floatGemms) {
                        g.gemm((t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], af, 0, bf, 0, cf, 0);
                    }
                }
            }
        } while (System.nanoTime() < end);
    }

    /** The source of CPU time with {@code --cpu-time}, else null (wall-clock time). */
    private static ThreadMXBean CPU;

    /** Now in nanoseconds: the calling thread's CPU time with {@code --cpu-time}, else wall-clock. */
    private static long now() {
        return CPU != null ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Seconds per call, one value per repeat. */
    private static double[] time(Runnable call, double warmup, double minTime, int repeats) {
        long warmEnd = now() + (long) (warmup * 1e9);
        int calls = 0;
        while (now() < warmEnd || calls < 3) {
            call.run();
            calls++;
        }
        int inner = 1;
        while (true) {
            long t0 = now();
            for (int i = 0; i < inner; i++) {
                call.run();
            }
            double dt = (now() - t0) / 1e9;
            if (dt >= minTime || inner >= 1 << 24) {
                break;
            }
            inner = (int) Math.min(1 << 24, Math.max(inner * 2L, (long) (inner * minTime / Math.max(dt, 1e-9) * 1.2)));
        }
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = now();
            for (int i = 0; i < inner; i++) {
                call.run();
            }
            out[r] = (now() - t0) / 1e9 / inner;
        }
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] filled(int len, long seed) {
        Random r = new Random(seed);
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        return x;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
