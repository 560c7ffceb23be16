package io.jgrad.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmarking JVM measured: the JSON result objects (one per workload, in the spirit of
 * {@code torch_reference.py}'s: {@code section}, the workload's parameters, then each metric as
 * {@code {"median", "min", "max", "n"}}) and, for the human table, one {@link Row} per metric.
 */
final class Report {

    /**
     * One line of the human table.
     *
     * @param section the reference's section name ({@code matmul}, {@code mlp}, …)
     * @param workload what was run, e.g. {@code tensor n=512}
     * @param threads the {@code jgrad.threads} setting
     * @param metric what the numbers are, e.g. {@code GFLOP/s}
     * @param stats median, min, max over the repeats
     */
    record Row(String section, String workload, int threads, String metric, Harness.Stats stats) {

        /** @return the row as tab-separated fields, for the launching JVM to read back */
        String tsv() {
            return String.join("\t", section, workload, Integer.toString(threads), metric,
                    Double.toString(stats.median()), Double.toString(stats.min()), Double.toString(stats.max()),
                    Integer.toString(stats.n()));
        }

        /** @return the row parsed from {@link #tsv()} */
        static Row parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 8) {
                throw new IllegalArgumentException("Report.Row: expected 8 tab-separated fields, got " + f.length
                        + " in: " + line);
            }
            return new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], new Harness.Stats(Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Integer.parseInt(f[7])));
        }
    }

    private final List<String> results = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /** Records one result object and its table rows, and prints the rows at once. */
    void add(Json result, Row... tableRows) {
        results.add(result.toString());
        for (Row r : tableRows) {
            rows.add(r);
            System.out.println(line(r));
        }
        System.out.flush();
    }

    /** Prints a note (a skipped section, a sanity value) in the progress output. */
    void note(String text) {
        System.out.println("  # " + text);
        System.out.flush();
    }

    List<String> results() {
        return results;
    }

    List<Row> rows() {
        return rows;
    }

    /** Writes the results as JSON lines to {@code prefix.jsonl} and the rows to {@code prefix.tsv}. */
    void write(Path prefix) throws IOException {
        Files.write(Path.of(prefix + ".jsonl"), results, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(r.tsv());
        }
        Files.write(Path.of(prefix + ".tsv"), lines, StandardCharsets.UTF_8);
    }

    /** @return one progress line: section, workload, threads, median [min–max] metric */
    static String line(Row r) {
        return String.format(Locale.ROOT, "%-11s %-34s thr=%d: %12s %-9s [%s-%s]", r.section(), r.workload(),
                r.threads(), fmt(r.stats().median()), r.metric(), fmt(r.stats().min()), fmt(r.stats().max()));
    }

    /** @return the table of all rows, Markdown-style, one column of medians per thread count */
    static String table(List<Row> rows, List<Integer> threads) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-11s | %-34s | %-9s |", "section", "workload", "metric"));
        for (int t : threads) {
            sb.append(String.format(Locale.ROOT, " %-30s |", t + " thread" + (t == 1 ? "" : "s") + ": median [min-max]"));
        }
        sb.append('\n').append("|").append("-".repeat(13)).append("|").append("-".repeat(36)).append("|")
                .append("-".repeat(11)).append("|");
        for (int i = 0; i < threads.size(); i++) {
            sb.append("-".repeat(32)).append("|");
        }
        sb.append('\n');
        List<String> seen = new ArrayList<>();
        for (Row r : rows) {
            String key = r.section() + "\u0000" + r.workload() + "\u0000" + r.metric();
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            sb.append(String.format(Locale.ROOT, "| %-11s | %-34s | %-9s |", r.section(), r.workload(), r.metric()));
            for (int t : threads) {
                Row match = null;
                for (Row o : rows) {
                    if (o.threads() == t && o.section().equals(r.section()) && o.workload().equals(r.workload())
                            && o.metric().equals(r.metric())) {
                        match = o;
                    }
                }
                String cell = match == null ? "-" : fmt(match.stats().median()) + " [" + fmt(match.stats().min())
                        + "-" + fmt(match.stats().max()) + "]";
                sb.append(String.format(Locale.ROOT, " %-30s |", cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return {@code v} with four significant digits, without exponent where it is readable */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e7 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
