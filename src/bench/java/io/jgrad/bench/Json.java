package io.jgrad.bench;

import java.util.Locale;

/**
 * A small JSON object writer for the suite's results (the benchmarks need no JSON library): keys
 * in insertion order, numbers in full precision, non-finite numbers as {@code null}.
 */
final class Json {

    private final StringBuilder sb = new StringBuilder("{");

    private Json() {
    }

    /** @return an empty object to {@link #put} into */
    static Json obj() {
        return new Json();
    }

    /** Adds a string field. */
    Json put(String key, String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    /** Adds a number field. */
    Json put(String key, double value) {
        return raw(key, num(value));
    }

    /** Adds an integer field. */
    Json put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    /** Adds a boolean field. */
    Json put(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** Adds a {@code {"median", "min", "max", "n"}} field. */
    Json put(String key, Harness.Stats stats) {
        return raw(key, stats.json());
    }

    /** Adds a field whose value is already JSON text. */
    Json raw(String key, String json) {
        if (sb.length() > 1) {
            sb.append(", ");
        }
        sb.append(quote(key)).append(": ").append(json);
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    /** @return {@code v} as a JSON number, or {@code null} when it is not finite */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return Double.toString(v);
    }

    /** @return {@code s} as a JSON string literal */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
