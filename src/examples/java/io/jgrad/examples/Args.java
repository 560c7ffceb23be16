package io.jgrad.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The examples' command line: options of the form {@code --name value}, each read once with a
 * default, and {@code --help}. Unknown or malformed options are reported with the usage text.
 *
 * <pre>{@code
 * Options o = Args.parseOrExit(argv, USAGE,
 *         a -> new Options(a.intValue("epochs", 30), a.longValue("seed", 0), a.pathValue("out", Path.of("out"))));
 * }</pre>
 */
final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * Splits {@code argv} into {@code --name value} pairs.
     *
     * @throws IllegalArgumentException if an argument is not {@code --name} followed by a value, or repeats
     */
    static Args parse(String[] argv) {
        Args args = new Args();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options look like --epochs 10");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) { // --epochs=10
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (args.values.put(name, value) != null) {
                throw new IllegalArgumentException("option --" + name + " is given twice");
            }
        }
        return args;
    }

    /**
     * The command-line entry of an example: prints {@code usage} and exits 0 on {@code --help};
     * on a bad or unknown option prints the fault and the usage to stderr and exits 2.
     *
     * @param options reads the options with {@link #intValue} and friends
     * @return what {@code options} built
     */
    static <T> T parseOrExit(String[] argv, String usage, Function<Args, T> options) {
        for (String a : argv) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
        }
        try {
            Args args = parse(argv);
            T result = options.apply(args);
            args.checkAllRead();
            return result;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return null; // not reached
        }
    }

    /** @throws IllegalArgumentException if the value is not an integer */
    int intValue(String name, int defaultValue) {
        String v = values.remove(name);
        try {
            return v == null ? defaultValue : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** @throws IllegalArgumentException if the value is not an integer */
    long longValue(String name, long defaultValue) {
        String v = values.remove(name);
        try {
            return v == null ? defaultValue : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** @throws IllegalArgumentException if the value is not a number */
    double doubleValue(String name, double defaultValue) {
        String v = values.remove(name);
        try {
            return v == null ? defaultValue : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a number, got '" + v + "'");
        }
    }

    /** @return the value as given, or {@code defaultValue} (a URI, say, that a {@code Path} would rewrite) */
    String stringValue(String name, String defaultValue) {
        String v = values.remove(name);
        return v == null ? defaultValue : v;
    }

    Path pathValue(String name, Path defaultValue) {
        String v = values.remove(name);
        return v == null ? defaultValue : Path.of(v);
    }

    /** @throws IllegalArgumentException naming the first option no one read */
    void checkAllRead() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
    }
}
