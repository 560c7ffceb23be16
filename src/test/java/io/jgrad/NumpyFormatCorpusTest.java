package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks all four formatters against some two thousand random arrays that NumPy 2.4.6 printed:
 * {@code src/test/resources/numpy/str_corpus.txt}, written by
 * {@code src/test/python/numpy_str_corpus.py} (its docstring gives the file format and how it was
 * run). The arrays mix every float exponent, subnormals, short decimals, values a step either
 * side of the cutoffs, nan, inf and -0.0, int64 extremes, ranks 0 to 3, empty shapes, rows long
 * enough to wrap, and a few summarised arrays; elements are stored as exact bit patterns.
 */
class NumpyFormatCorpusTest {

    private static final String CORPUS = "/numpy/str_corpus.txt";

    /** One line of the corpus: the dtype, the shape, the elements as text, what NumPy printed. */
    record Case(int line, String dtype, int[] dims, String[] elements, String expected) {
        @Override
        public String toString() {
            return "line " + line + ": " + dtype + " " + (dims.length == 0 ? "()" : Shape.format(dims));
        }
    }

    static Stream<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = NumpyFormatCorpusTest.class.getResourceAsStream(CORPUS);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.startsWith("#")) {
                    continue;
                }
                // -1 keeps the empty fields of 0-d shapes and empty arrays.
                String[] f = line.split(" \\| ", -1);
                int[] dims = f[1].isEmpty() ? new int[0]
                        : Stream.of(f[1].split(",")).mapToInt(Integer::parseInt).toArray();
                String[] elements = f[2].isEmpty() ? new String[0] : f[2].split(" ");
                cases.add(new Case(lineNo, f[0], dims, elements, f[3].replace("\\n", "\n")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void printsWhatNumpyPrinted(Case c) {
        assertThat(format(c)).isEqualTo(c.expected());
    }

    @Test
    void corpusCoversEveryDtype() throws IOException {
        assertThat(corpus().map(Case::dtype).distinct())
                .containsExactlyInAnyOrder("float64", "float32", "int64", "bool");
        assertThat(corpus().count()).isGreaterThan(2000);
    }

    private static String format(Case c) {
        String[] e = c.elements();
        switch (c.dtype()) {
            case "float64": {
                double[] d = new double[e.length];
                for (int i = 0; i < e.length; i++) {
                    d[i] = Double.longBitsToDouble(Long.parseUnsignedLong(e[i], 16));
                }
                return NumpyFormat.format(d, c.dims());
            }
            case "float32": {
                float[] d = new float[e.length];
                for (int i = 0; i < e.length; i++) {
                    d[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(e[i], 16));
                }
                return NumpyFormat.formatFloat32(d, c.dims());
            }
            case "int64": {
                long[] d = new long[e.length];
                for (int i = 0; i < e.length; i++) {
                    d[i] = Long.parseLong(e[i]);
                }
                return NumpyFormat.formatInt64(d, c.dims());
            }
            case "bool": {
                boolean[] d = new boolean[e.length];
                for (int i = 0; i < e.length; i++) {
                    d[i] = e[i].equals("1");
                }
                return NumpyFormat.formatBool(d, c.dims());
            }
            default:
                throw new IllegalArgumentException("NumpyFormatCorpusTest: unknown dtype " + c.dtype()
                        + " on line " + c.line());
        }
    }
}
