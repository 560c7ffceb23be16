package io.jgrad.data;

import io.jgrad.Tensor;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A reader for numeric CSV files: comma-separated numbers, one sample a line, every line with the
 * same number of values; optionally a header line first, which is skipped. Blank lines are
 * skipped. Plain or gzipped (told apart by the gzip magic number); UTF-8.
 *
 * <p>{@link #read} gives the whole table as a tensor; {@link #readLabeled} takes one column as the
 * class label and the others, in order, as features. Any fault — a row with too few or too many
 * values, a value that is not a number, a label that is not a class index, no rows at all — is a
 * {@link MalformedDataException} naming the file and the line.
 *
 * <pre>{@code
 * // 64 pixel values, then the digit
 * TensorDataset digits = Csv.readLabeled(Path.of("digits.csv.gz"), false, -1);
 * }</pre>
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Reads a numeric CSV file into a tensor.
     *
     * @param file the file, plain or gzipped
     * @param header whether the first line is a header to skip
     * @return shape {@code (rows, columns)}
     * @throws MalformedDataException if the file is not a numeric table
     * @throws IOException if it cannot be read
     */
    public static Tensor read(Path file, boolean header) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), header);
        }
    }

    /**
     * Reads numeric CSV from a stream (e.g. a class-path resource) into a tensor; the stream is not closed.
     *
     * @param in the stream
     * @param name what to call the source in error messages, e.g. its file name
     * @param header whether the first line is a header to skip
     * @return shape {@code (rows, columns)}
     * @throws IOException if the stream cannot be read ({@link MalformedDataException} if it is not a numeric table)
     * @see #read(Path, boolean)
     */
    public static Tensor read(InputStream in, String name, boolean header) throws IOException {
        Table t = parse(in, name, header);
        return Tensor.fromArray(t.values(), t.rows, t.cols);
    }

    /**
     * Reads a numeric CSV file whose rows are features and a class label.
     *
     * @param file the file, plain or gzipped
     * @param header whether the first line is a header to skip
     * @param labelColumn the column holding the label; negative counts from the end ({@code -1}: the last)
     * @return features {@code (rows, columns - 1)} in column order without the label, and the labels
     * @throws MalformedDataException if the file is not a numeric table or a label is not a whole number ≥ 0
     * @throws IndexOutOfBoundsException if {@code labelColumn} is not a column of the file
     * @throws IOException if it cannot be read
     */
    public static TensorDataset readLabeled(Path file, boolean header, int labelColumn) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabeled(in, file.toString(), header, labelColumn);
        }
    }

    /**
     * Reads labelled numeric CSV from a stream (e.g. a class-path resource); the stream is not closed.
     *
     * @param in the stream
     * @param name what to call the source in error messages, e.g. its file name
     * @param header whether the first line is a header to skip
     * @param labelColumn the column holding the label; negative counts from the end ({@code -1}: the last)
     * @return features {@code (rows, columns - 1)} in column order without the label, and the labels
     * @throws MalformedDataException if the data are not a numeric table or a label is not a whole number ≥ 0
     * @throws IndexOutOfBoundsException if {@code labelColumn} is not a column of the data
     * @throws IOException if the stream cannot be read
     * @see #readLabeled(Path, boolean, int)
     */
    public static TensorDataset readLabeled(InputStream in, String name, boolean header, int labelColumn)
            throws IOException {
        Table t = parse(in, name, header);
        int col = labelColumn < 0 ? labelColumn + t.cols : labelColumn;
        if (col < 0 || col >= t.cols) {
            throw new IndexOutOfBoundsException("Csv.readLabeled: labelColumn " + labelColumn + " is out of range for "
                    + name + ", which has " + t.cols + " columns; use a column in [" + (-t.cols) + ", "
                    + (t.cols - 1) + "]");
        }
        int f = t.cols - 1;
        double[] x = new double[t.rows * f];
        int[] labels = new int[t.rows];
        for (int r = 0; r < t.rows; r++) {
            int src = r * t.cols;
            System.arraycopy(t.data, src, x, r * f, col);
            System.arraycopy(t.data, src + col + 1, x, r * f + col, f - col);
            double v = t.data[src + col];
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new MalformedDataException("Csv: " + name + " line " + t.lines[r] + ", column " + (col + 1)
                        + ": label " + v + " is not a class index;"
                        + " the label column must hold whole numbers 0, 1, 2, …");
            }
            labels[r] = (int) v;
        }
        return new TensorDataset(Tensor.fromArray(x, t.rows, f), labels);
    }

    /** The parsed values, row-major in a growing array, and the line each row came from. */
    private static final class Table {
        double[] data = new double[1024];
        int[] lines = new int[64];
        int rows;
        int cols = -1;

        double[] values() {
            return Arrays.copyOf(data, rows * cols);
        }
    }

    private static Table parse(InputStream raw, String name, boolean header) throws IOException {
        try {
            return parseLines(raw, name, header);
        } catch (EOFException | ZipException e) {
            throw new MalformedDataException("Csv: " + name + " is not a complete gzip stream (" + e.getMessage()
                    + "); the file is truncated or damaged, download it again", e);
        }
    }

    private static Table parseLines(InputStream raw, String name, boolean header) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(Sources.open(raw, name), StandardCharsets.UTF_8));
        Table t = new Table();
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1); // a byte-order mark some editors write
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (t.cols < 0) {
                t.cols = fields.length;
                if (header) {
                    continue;
                }
            } else if (fields.length != t.cols) {
                throw new MalformedDataException("Csv: " + name + " line " + lineNo + ": found " + fields.length
                        + " values where the " + (header ? "header" : "first line") + " has " + t.cols
                        + "; every line needs the same number of comma-separated values");
            }
            ensureRoom(t);
            int base = t.rows * t.cols;
            for (int c = 0; c < fields.length; c++) {
                t.data[base + c] = number(fields[c], name, lineNo, c);
            }
            t.lines[t.rows] = lineNo;
            t.rows++;
        }
        if (t.rows == 0) {
            throw new MalformedDataException("Csv: " + name + " holds no data rows"
                    + (header ? " after its header" : "") + "; expected one sample a line");
        }
        return t;
    }

    private static void ensureRoom(Table t) {
        long need = (long) (t.rows + 1) * t.cols;
        if (need > t.data.length) {
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Csv: more than " + (Integer.MAX_VALUE - 8)
                        + " values do not fit one tensor");
            }
            t.data = Arrays.copyOf(t.data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * t.data.length)));
        }
        if (t.rows == t.lines.length) {
            t.lines = Arrays.copyOf(t.lines, 2 * t.lines.length);
        }
    }

    private static double number(String field, String name, int line, int col) throws MalformedDataException {
        String s = field.strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            String shown = s.isEmpty() ? "an empty value" : "'" + s + "'";
            throw new MalformedDataException("Csv: " + name + " line " + line + ", column " + (col + 1) + ": "
                    + shown + " is not a number; Csv reads numeric tables only"
                    + " (pass header=true to skip a header line)");
        }
    }
}
