package io.jgrad.ndarray;

import io.jgrad.Shape;

/**
 * An untracked n-dimensional array of doubles: a flat row-major {@code double[]} and a {@link Shape}.
 * Autograd never sees it; the tensors of {@code io.jgrad} wrap one each.
 *
 * <p>The array is always dense and starts at index 0, so {@code data().length == shape().numel()}.
 * {@link #reshape} returns a view that shares the data; every other operation writes a new array.
 * The compute kernels on arrays live beside this class ({@link Elementwise}, {@link Reductions},
 * {@link Movement}, {@link Kernels}).
 */
public final class NDArray {

    private final double[] data;
    private final Shape shape;
    // counts in-place writes, so a backward pass can refuse stale values; one cell shared by an
    // array and its reshape views, since a write through any of them changes them all
    private final int[] version;

    /**
     * Wraps {@code data} (not copied) with the given shape.
     *
     * @throws IllegalArgumentException if {@code data.length != shape.numel()}
     */
    public NDArray(double[] data, Shape shape) {
        if (data.length != shape.numel()) {
            throw new IllegalArgumentException("NDArray: " + data.length + " values do not fill shape "
                    + shape + ", which holds " + shape.numel());
        }
        this.data = data;
        this.shape = shape;
        this.version = new int[1];
    }

    private NDArray(double[] data, Shape shape, int[] version) {
        this.data = data;
        this.shape = shape;
        this.version = version;
    }

    /** @return a new array of zeros of the given shape */
    public static NDArray zeros(Shape shape) {
        return new NDArray(new double[shape.numel()], shape);
    }

    /** @return a new array of the given shape with every element {@code value} */
    public static NDArray full(Shape shape, double value) {
        double[] d = new double[shape.numel()];
        java.util.Arrays.fill(d, value);
        return new NDArray(d, shape);
    }

    /** @return a new 0-d array holding {@code value} */
    public static NDArray scalar(double value) {
        return new NDArray(new double[] {value}, Shape.of());
    }

    /** @return the values, row-major, shared (not copied) */
    public double[] data() {
        return data;
    }

    /** @return the shape */
    public Shape shape() {
        return shape;
    }

    /** @return the number of elements */
    public int numel() {
        return data.length;
    }

    /**
     * A view of the same data with another shape of the same element count; it shares this array's
     * {@linkplain #version() version}, so an in-place write through either is seen by both.
     *
     * @throws IllegalArgumentException if {@code newShape} holds a different number of elements
     */
    public NDArray reshape(Shape newShape) {
        if (newShape.numel() != data.length) {
            throw new IllegalArgumentException("NDArray.reshape: " + data.length + " values do not fill shape "
                    + newShape + ", which holds " + newShape.numel());
        }
        return new NDArray(data, newShape, version);
    }

    /**
     * How many times this array has been written in place. Every code that writes
     * {@link #data()} after the array was handed out (an optimizer step, loading a state dict) calls
     * {@link #bumpVersion()}, and a backward pass that needs the old values refuses to run.
     *
     * @return the number of in-place writes recorded so far
     */
    public int version() {
        return version[0];
    }

    /** Records an in-place write to {@link #data()}; see {@link #version()}. */
    public void bumpVersion() {
        version[0]++;
    }

    /** @return a deep copy */
    public NDArray copy() {
        return new NDArray(data.clone(), shape);
    }

    /**
     * The row-major strides of a shape: {@code strides[i]} is how far apart in the flat array two
     * elements are that differ by one in dimension {@code i}.
     */
    public static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }
}
