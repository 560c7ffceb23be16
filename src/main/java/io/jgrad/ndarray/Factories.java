package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.Random;

/** New arrays with generated contents: ranges, identities, random draws, nested Java arrays. */
public final class Factories {

    private Factories() {
    }

    /**
     * {@return {@code [0, 1, …, n-1]} of shape {@code (n,)} in {@code dtype}}
     *
     * @param dtype the element type
     * @param n the number of elements
     */
    public static NDArray arange(DType dtype, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return Casts.to(new NDArray(d, Shape.of(n)), dtype);
    }

    /**
     * {@return the {@code (n, n)} identity matrix in {@code dtype}}
     *
     * @param dtype the element type
     * @param n the number of rows and columns
     */
    public static NDArray eye(DType dtype, int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return Casts.to(new NDArray(d, Shape.of(n, n)), dtype);
    }

    /**
     * Uniform draws in {@code [0, 1)}: {@code rng.nextDouble()} per element for float64 (so a seed
     * gives the same values as before dtypes existed), {@code rng.nextFloat()} for float32 (a
     * double rounded to float could reach 1).
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the shape
     * @return a new array of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException for a dtype that is not floating
     */
    public static NDArray rand(Random rng, DType dtype, Shape shape) {
        int n = shape.numel();
        switch (dtype) {
            case FLOAT64: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = rng.nextDouble();
                }
                return new NDArray(d, shape);
            }
            case FLOAT32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = rng.nextFloat();
                }
                return new NDArray(d, shape);
            }
            default:
                throw new IllegalArgumentException("rand: draws floating values, not " + dtype.label()
                        + "; use FLOAT32 or FLOAT64");
        }
    }

    /**
     * Standard normal draws, {@code rng.nextGaussian()} per element, rounded for float32.
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the shape
     * @return a new array of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException for a dtype that is not floating
     */
    public static NDArray randn(Random rng, DType dtype, Shape shape) {
        int n = shape.numel();
        switch (dtype) {
            case FLOAT64: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = rng.nextGaussian();
                }
                return new NDArray(d, shape);
            }
            case FLOAT32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (float) rng.nextGaussian();
                }
                return new NDArray(d, shape);
            }
            default:
                throw new IllegalArgumentException("randn: draws floating values, not " + dtype.label()
                        + "; use FLOAT32 or FLOAT64");
        }
    }

    /**
     * Uniform draws in {@code [low, high)}: {@code low + (high - low)·u} with {@code u} as
     * {@link #rand}, computed in double and rounded once for float32 (PyTorch's {@code uniform_},
     * the default initialisation of its layers).
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the shape
     * @param low the lower bound (inclusive)
     * @param high the upper bound (exclusive)
     * @return a new array of {@code shape} and {@code dtype}
     * @throws IllegalArgumentException for a dtype that is not floating
     */
    public static NDArray uniform(Random rng, DType dtype, Shape shape, double low, double high) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("uniform: draws floating values, not " + dtype.label());
        }
        int n = shape.numel();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = low + (high - low) * rng.nextDouble();
        }
        return Casts.to(new NDArray(d, shape), dtype);
    }

    /**
     * A dropout mask: each element {@code scale} with probability {@code 1 − p} and 0 otherwise,
     * drawn as {@code rng.nextDouble() >= p} element by element in row-major order.
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the shape
     * @param p the probability of a zero
     * @param scale the value of the elements kept, usually {@code 1/(1 − p)}
     * @return a new array of {@code dtype}
     */
    public static NDArray dropoutMask(Random rng, DType dtype, Shape shape, double p, double scale) {
        int n = shape.numel();
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() >= p ? scale : 0.0;
        }
        return Casts.to(new NDArray(mask, shape), dtype);
    }

    /**
     * Copies nested rows into one row-major float64 array.
     *
     * @param rows the rows, all of the same length
     * @return a new {@code (rows.length, rows[0].length)} array
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static NDArray of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: ragged rows: row 0 has " + cols
                        + " values but row " + i + " has " + rows[i].length + "; every row needs the same length");
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new NDArray(d, Shape.of(rows.length, cols));
    }

    /**
     * Copies a nested 3-d array into one row-major float64 array.
     *
     * @param v the values, not ragged
     * @return a new {@code (v.length, v[0].length, v[0][0].length)} array
     * @throws IllegalArgumentException if the nested arrays are ragged
     */
    public static NDArray of(double[][][] v) {
        int rows = v.length == 0 ? 0 : v[0].length;
        int cols = rows == 0 ? 0 : v[0][0].length;
        double[] d = new double[v.length * rows * cols];
        for (int i = 0; i < v.length; i++) {
            if (v[i].length != rows) {
                throw new IllegalArgumentException("Tensor.of: ragged input: block 0 has " + rows
                        + " rows but block " + i + " has " + v[i].length + "; every block needs the same shape");
            }
            for (int j = 0; j < rows; j++) {
                if (v[i][j].length != cols) {
                    throw new IllegalArgumentException("Tensor.of: ragged input: row [0][0] has " + cols
                            + " values but row [" + i + "][" + j + "] has " + v[i][j].length
                            + "; every row needs the same length");
                }
                System.arraycopy(v[i][j], 0, d, (i * rows + j) * cols, cols);
            }
        }
        return new NDArray(d, Shape.of(v.length, rows, cols));
    }
}
