package io.jgrad.bench;

import io.jgrad.ndarray.KernelCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kernel sets side by side: µs per call of each primitive of the plain-Java set and of the
 * Vector API set, on the same arrays, one thread, float64 and float32, at several sizes. Prints a
 * Markdown table with the medians, in brackets each side's fastest repeat, and the speed-up
 * {@code plain / vector} of the medians.
 *
 * <p>Method: first every case of both sets is run over and over on the smallest size for
 * {@code --warmup-all} seconds, so that C2 has compiled every kernel with its full profile before
 * anything is timed (a Vector API loop that runs before C2 compiles it, or again after a
 * deoptimization, is hundreds of times slower, which would swamp the comparison). Then, case by
 * case, the plain and the vector call are timed alternately, {@code --repeats} times each, with
 * the suite's {@link Harness} (an inner loop calibrated to last {@code --min-time} seconds), so
 * that both sides share whatever else the machine is doing.
 *
 * <p>The vector set needs the module; run with
 * <pre>
 * mvn -q -B -Pbench compile
 * java --add-modules jdk.incubator.vector -cp target/classes:$(ejml jars) io.jgrad.bench.KernelBench \
 *     [--sizes 1000,65536,1000000] [--only ADD,sum] [--min-time 0.02] [--repeats 7] [--warmup 0.3]
 *     [--warmup-all 20]
 * </pre>
 * Element-wise kernels run on whole arrays of {@code n} elements; the reductions and softmax on an
 * {@code (r, c)} matrix with {@code c = round(√n)}, {@code r = n / c}, along dimension 0 (reduced
 * elements {@code c} apart, where the vector set runs SIMD across {@code c}) or 1 (contiguous).
 */
public final class KernelBench {

    private KernelBench() {
    }

    /**
     * Runs the comparison; see the class comment for the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        int[] sizes = {1000, 65536, 1_000_000};
        List<String> only = List.of();
        double minTime = 0.02;
        int repeats = 7;
        double warmup = 0.3;
        double warmupAll = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--min-time" -> minTime = Double.parseDouble(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--warmup-all" -> warmupAll = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("KernelBench: unknown argument '" + args[i]
                        + "'; see the class comment");
            }
        }
        Harness once = new Harness(minTime, 1, 0);
        Harness warm = new Harness(minTime, 1, warmup);
        Object plain = KernelCases.set("plain");
        Object vector = KernelCases.set("vector");
        warmUpAll(plain, vector, Arrays.stream(sizes).min().orElse(1000), warmupAll);
        System.out.println("| primitive | dtype | n | plain µs | vector µs | plain/vector |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (int n : sizes) {
            int cols = cols(n);
            List<KernelCases.Case> p = KernelCases.cases(plain, n, cols);
            List<KernelCases.Case> v = KernelCases.cases(vector, n, cols);
            for (int i = 0; i < p.size(); i++) {
                KernelCases.Case c = p.get(i);
                if (!selected(c.name(), only)) {
                    continue;
                }
                warm.warmUp(c.run());
                warm.warmUp(v.get(i).run());
                double[] up = new double[repeats];
                double[] uv = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    up[r] = once.timeit(c.run())[0] * 1e6;
                    uv[r] = once.timeit(v.get(i).run())[0] * 1e6;
                }
                Harness.Stats tp = Harness.Stats.of(up);
                Harness.Stats tv = Harness.Stats.of(uv);
                System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %s [%s] | %s [%s] | %.2f |", c.name(),
                        c.dtype(), n, num(tp.median()), num(tp.min()), num(tv.median()), num(tv.min()),
                        tp.median() / tv.median()));
                System.out.flush();
            }
        }
    }

    /** The columns of the reductions' matrix: about √n, so that it is about square. */
    private static int cols(int n) {
        return (int) Math.round(Math.sqrt(n));
    }

    /** Runs every case of both sets, 100 calls at a time, round after round, for {@code seconds}. */
    private static void warmUpAll(Object plain, Object vector, int n, double seconds) {
        List<KernelCases.Case> all = new ArrayList<>(KernelCases.cases(plain, n, cols(n)));
        all.addAll(KernelCases.cases(vector, n, cols(n)));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            for (KernelCases.Case c : all) {
                for (int k = 0; k < 100; k++) {
                    c.run().run();
                }
            }
        } while (System.nanoTime() < end);
    }

    private static boolean selected(String name, List<String> only) {
        if (only.isEmpty()) {
            return true;
        }
        List<String> words = new ArrayList<>(Arrays.asList(name.split(" ")));
        return only.stream().anyMatch(words::contains);
    }

    private static String num(double us) {
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us)
                : us >= 10 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%.2f", us);
    }
}
