package io.jgrad.bench;

import java.util.Arrays;

/**
 * The timing loop of the suite, the same as {@code timeit} in {@code bench/torch_reference.py} so
 * that the two sides' medians mean the same thing: two warm-up calls, an inner loop calibrated until
 * one repeat lasts at least {@code minTime} seconds (at most 2^20 calls), then {@code repeats}
 * repeats of that inner loop, each giving seconds per call.
 *
 * <p>One addition, because a JVM compiles hot code while it runs: before the two warm-up calls the
 * function is called for {@code warmup} seconds, so that the measured repeats time compiled code
 * (CPython has nothing to compile, so the reference needs no such phase).
 */
final class Harness {

    /** The reference's {@code max_inner}. */
    static final long MAX_INNER = 1L << 20;

    /** Written by {@link #consume} so that the JIT cannot drop a result as unused. */
    private static volatile double sink;

    private final double minTime;
    private final int repeats;
    private final double warmup;

    /**
     * @param minTime the shortest repeat in seconds (the reference's {@code --min-time}, 0.05)
     * @param repeats the number of repeats (the reference's {@code --repeats}, 9)
     * @param warmup seconds of calls before timing, for the JIT
     */
    Harness(double minTime, int repeats, double warmup) {
        if (minTime <= 0 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("Harness: need minTime > 0, repeats >= 1 and warmup >= 0, got "
                    + minTime + ", " + repeats + ", " + warmup);
        }
        this.minTime = minTime;
        this.repeats = repeats;
        this.warmup = warmup;
    }

    int repeats() {
        return repeats;
    }

    double warmup() {
        return warmup;
    }

    /**
     * Times {@code fn} as the reference's {@code timeit} does.
     *
     * @return seconds per call, one value per repeat
     */
    double[] timeit(Runnable fn) {
        warmUp(fn);
        fn.run();
        fn.run();
        long inner = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (long i = 0; i < inner; i++) {
                fn.run();
            }
            double dt = (System.nanoTime() - t0) * 1e-9;
            if (dt >= minTime || inner >= MAX_INNER) {
                break;
            }
            inner = Math.min(MAX_INNER, Math.max(inner * 2, (long) (inner * minTime / Math.max(dt, 1e-9) * 1.2)));
        }
        double[] res = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < inner; i++) {
                fn.run();
            }
            res[r] = (System.nanoTime() - t0) * 1e-9 / inner;
        }
        return res;
    }

    /** Calls {@code fn} for {@link #warmup} seconds (at least twice). */
    void warmUp(Runnable fn) {
        long end = System.nanoTime() + (long) (warmup * 1e9);
        int calls = 0;
        do {
            fn.run();
            calls++;
        } while (calls < 2 || System.nanoTime() < end);
    }

    /** Keeps {@code v} alive as far as the JIT can tell. */
    static void consume(double v) {
        sink += v;
    }

    /** Median, min, max and count of a sample, as the reference's {@code stats}. */
    record Stats(double median, double min, double max, int n) {

        /** @return the statistics of {@code values} (the median of an even count is the mean of the middle two) */
        static Stats of(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            int n = s.length;
            double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
            return new Stats(med, s[0], s[n - 1], n);
        }

        /** @return the JSON object {@code {"median": …, "min": …, "max": …, "n": …}} */
        String json() {
            return "{\"median\": " + Json.num(median) + ", \"min\": " + Json.num(min) + ", \"max\": "
                    + Json.num(max) + ", \"n\": " + n + "}";
        }
    }

    /** @return {@code f} applied to every element of {@code values} */
    static double[] map(double[] values, java.util.function.DoubleUnaryOperator f) {
        double[] m = new double[values.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = f.applyAsDouble(values[i]);
        }
        return m;
    }
}
