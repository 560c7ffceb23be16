package io.jgrad.bench;

import java.util.Locale;

/**
 * Runs the MLP training step of {@link MlpModel} in a loop, for a profiler to sample (JFR, async-profiler):
 * {@code java -XX:StartFlightRecording=filename=step.jfr,settings=profile -cp … io.jgrad.bench.StepLoop
 * 784-256-10 32 20}. Arguments: the layer widths, the batch size, and the seconds to run (after 3 s of
 * warm-up); prints the mean step time at the end. {@code bench/jfr_hotspots.py} summarises the recording.
 */
public final class StepLoop {

    private StepLoop() {
    }

    /**
     * Loops the step.
     *
     * @param args layer widths ({@code 784-256-10}), batch size, seconds
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: io.jgrad.bench.StepLoop LAYERS BATCH SECONDS, e.g. 784-256-10 32 20");
            System.exit(2);
        }
        String[] parts = args[0].split("-");
        int[] layers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            layers[i] = Integer.parseInt(parts[i]);
        }
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        MlpModel m = new MlpModel(layers, batch, 0);
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            Harness.consume(m.step());
        }
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long steps = 0;
        while (System.nanoTime() < end) {
            Harness.consume(m.step());
            steps++;
        }
        double ms = (System.nanoTime() - t0) * 1e-6 / steps;
        System.out.printf(Locale.ROOT, "StepLoop %s B=%d: %d steps, %.4f ms/step%n", m.arch(), batch, steps, ms);
    }
}
