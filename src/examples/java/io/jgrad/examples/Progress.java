package io.jgrad.examples;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A training progress bar: per epoch, the share of samples seen, the running mean loss and
 * accuracy, and the throughput in samples per second.
 *
 * <p>On a terminal it is one line redrawn in place with {@code \r} (at most ten times a second),
 * and each finished epoch leaves its line behind. Elsewhere — a log file, CI, a pipe — it prints
 * plain lines only: one per finished epoch, and one every few seconds during a long epoch, so
 * that logs stay readable.
 *
 * <pre>{@code
 * epoch  3/30 [==============>     ]  74%  loss 0.1873  acc 95.1%  52.3k samples/s
 * }</pre>
 */
final class Progress {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private int epoch;
    private int epochs;
    private int total;
    private long start;
    private long lastPrint;
    private int lastLength;
    private String lastLine = "";

    /**
     * @param out where to print
     * @param interactive whether {@code out} is a terminal that understands {@code \r}
     */
    Progress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on standard output, redrawn in place when standard output is a terminal. */
    static Progress toStdout() {
        return new Progress(System.out, isTerminal());
    }

    /** Whether this JVM talks to a terminal (on JDK 22+ a console exists even when redirected). */
    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console is only there for a terminal
        }
    }

    /**
     * Starts epoch {@code epoch} (1-based) of {@code epochs}, over {@code samples} samples.
     */
    void startEpoch(int epoch, int epochs, int samples) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.total = samples;
        this.start = System.nanoTime();
        this.lastPrint = start;
    }

    /**
     * Reports the samples seen so far in this epoch, their mean loss and accuracy.
     *
     * @param accuracy a fraction in {@code [0, 1]}
     */
    void update(int seen, double meanLoss, double accuracy) {
        long now = System.nanoTime();
        if (interactive && now - lastPrint >= REDRAW_NANOS) {
            redraw(line(seen, meanLoss, accuracy, now));
            lastPrint = now;
        } else if (!interactive && now - lastPrint >= PLAIN_NANOS) {
            out.println(line(seen, meanLoss, accuracy, now));
            lastPrint = now;
        }
    }

    /**
     * Ends the epoch with its final figures and an extra note (e.g. the test accuracy); the line stays.
     *
     * @return the line printed, without the bar
     */
    String endEpoch(double meanLoss, double accuracy, String note) {
        String line = line(total, meanLoss, accuracy, System.nanoTime()) + (note.isEmpty() ? "" : "  " + note);
        if (interactive) {
            redraw(line);
            out.println();
            lastLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
        lastLine = line;
        return line;
    }

    /** @return the last epoch's final line */
    String lastLine() {
        return lastLine;
    }

    private void redraw(String line) {
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' '); // blank out the rest of a longer previous line
        }
        lastLength = line.length();
        out.print(sb);
        out.flush();
    }

    private String line(int seen, double meanLoss, double accuracy, long now) {
        double fraction = total == 0 ? 1 : (double) seen / total;
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        double seconds = Math.max(now - start, 1) / 1e9;
        int digits = String.valueOf(epochs).length();
        return String.format(Locale.ROOT, "epoch %" + digits + "d/%d %s %3d%%  loss %.4f  acc %5.1f%%  %s samples/s",
                epoch, epochs, bar, Math.round(fraction * 100), meanLoss, 100 * accuracy, rate(seen / seconds));
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
