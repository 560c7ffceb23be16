package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;

/**
 * An untracked n-dimensional array: a dtype, a flat row-major primitive array of that dtype
 * ({@code double[]} for {@link DType#FLOAT64}, {@code float[]} for {@link DType#FLOAT32},
 * {@code long[]} for {@link DType#INT64}, {@code boolean[]} for {@link DType#BOOL}) and a
 * {@link Shape}. Autograd never sees it; the tensors of {@code io.jgrad} wrap one each.
 *
 * <p>The array is always dense and starts at index 0, so its storage holds exactly
 * {@code shape().numel()} elements. {@link #reshape} returns a view that shares the storage;
 * every operation writes a new array. The kernels on arrays live beside this class
 * ({@link Elementwise}, {@link Reductions}, {@link Casts}, {@link Movement}, {@link Products},
 * {@link Updates}, and {@link Bytes} for files) and are the only code that reads or writes storage
 * element by element.
 *
 * <p>Two facts about the storage travel with it, shared by an array and its reshape views:
 * <ul>
 *   <li>a <b>version</b>, counting in-place writes, so that a backward pass can refuse stale
 *       values ({@link #version()});</li>
 *   <li>an <b>owner</b>, which the backward pass uses to decide whether it may keep a gradient
 *       array without copying it or add into it in place ({@link #claim}, {@link #markShared}).</li>
 * </ul>
 */
public final class NDArray {

    /** The storage's shared cell: its in-place write count and who may write it. */
    private static final class Cell {
        int version;
        // null: nobody but its maker holds the storage; SHARED: read by a graph or held by a caller;
        // anything else: the one holder that claimed it (a tensor whose gradient it is)
        Object owner;
    }

    private static final Object SHARED = new Object() {
        @Override
        public String toString() {
            return "shared";
        }
    };

    private final DType dtype;
    private final Object data;
    private final Shape shape;
    private final Cell cell;
    private final boolean wrappedNumber;

    private NDArray(DType dtype, Object data, int length, Shape shape, Cell cell, boolean wrappedNumber) {
        if (length != shape.numel()) {
            throw new IllegalArgumentException("NDArray: " + length + " values do not fill shape "
                    + shape + ", which holds " + shape.numel());
        }
        this.dtype = dtype;
        this.data = data;
        this.shape = shape;
        this.cell = cell;
        this.wrappedNumber = wrappedNumber;
    }

    /**
     * Wraps float64 values (not copied) with the given shape.
     *
     * @param data the elements, row-major (kept, not copied)
     * @param shape the shape; its element count must be the data's length
     * @throws IllegalArgumentException if {@code data.length != shape.numel()}
     */
    public NDArray(double[] data, Shape shape) {
        this(DType.FLOAT64, data, data.length, shape, new Cell(), false);
    }

    /**
     * Wraps float32 values (not copied) with the given shape.
     *
     * @param data the elements, row-major (kept, not copied)
     * @param shape the shape; its element count must be the data's length
     * @throws IllegalArgumentException if {@code data.length != shape.numel()}
     */
    public NDArray(float[] data, Shape shape) {
        this(DType.FLOAT32, data, data.length, shape, new Cell(), false);
    }

    /**
     * Wraps int64 values (not copied) with the given shape.
     *
     * @param data the elements, row-major (kept, not copied)
     * @param shape the shape; its element count must be the data's length
     * @throws IllegalArgumentException if {@code data.length != shape.numel()}
     */
    public NDArray(long[] data, Shape shape) {
        this(DType.INT64, data, data.length, shape, new Cell(), false);
    }

    /**
     * Wraps bool values (not copied) with the given shape.
     *
     * @param data the elements, row-major (kept, not copied)
     * @param shape the shape; its element count must be the data's length
     * @throws IllegalArgumentException if {@code data.length != shape.numel()}
     */
    public NDArray(boolean[] data, Shape shape) {
        this(DType.BOOL, data, data.length, shape, new Cell(), false);
    }

    /**
     * {@return a new array of zeros ({@code false} for BOOL) of the given dtype and shape}
     *
     * @param dtype the element type
     * @param shape the shape; its element count must be the data's length
     */
    public static NDArray zeros(DType dtype, Shape shape) {
        int n = shape.numel();
        switch (dtype) {
            case FLOAT64:
                return new NDArray(new double[n], shape);
            case FLOAT32:
                return new NDArray(new float[n], shape);
            case INT64:
                return new NDArray(new long[n], shape);
            case BOOL:
                return new NDArray(new boolean[n], shape);
            default:
                throw new AssertionError(dtype);
        }
    }

    /**
     * {@return a new float64 array of zeros of the given shape}
     *
     * @param shape the shape; its element count must be the data's length
     */
    public static NDArray zeros(Shape shape) {
        return zeros(DType.FLOAT64, shape);
    }

    /**
     * A new array with every element {@code value} converted to {@code dtype} as a Java cast
     * does ({@code (float) value}, {@code (long) value}, {@code value != 0} for BOOL).
     *
     * @param dtype the element type
     * @param shape the shape; its element count must be the data's length
     * @param value the value of every element
     * @return the array
     */
    public static NDArray full(DType dtype, Shape shape, double value) {
        NDArray a = zeros(dtype, shape);
        Casts.fill(a, value);
        return a;
    }

    /**
     * {@return a new float64 array of the given shape with every element {@code value}}
     *
     * @param shape the shape; its element count must be the data's length
     * @param value the value of every element
     */
    public static NDArray full(Shape shape, double value) {
        return full(DType.FLOAT64, shape, value);
    }

    /**
     * {@return a new 0-d float64 array holding {@code value}}
     *
     * @param value the value
     */
    public static NDArray scalar(double value) {
        return new NDArray(new double[] {value}, Shape.of());
    }

    /**
     * {@return a new 0-d array of {@code dtype} holding {@code value}, converted as a Java cast does}
     *
     * @param dtype the element type
     * @param value the value
     */
    public static NDArray scalar(DType dtype, double value) {
        return full(dtype, Shape.of(), value);
    }

    /**
     * A Java number passed to a binary operation ({@code x.mul(0.5)}): a 0-d float64 array that
     * type promotion treats as PyTorch treats a Python number, the weakest operand, so that
     * {@code x32.mul(0.5)} stays float32 (see {@link Promotion}).
     *
     * @param value the number
     * @return the array
     */
    public static NDArray wrappedScalar(double value) {
        return new NDArray(DType.FLOAT64, new double[] {value}, 1, Shape.of(), new Cell(), true);
    }

    /** {@return the element type} */
    public DType dtype() {
        return dtype;
    }

    /** {@return whether this array stands for a Java number given to a binary operation} */
    public boolean isWrappedNumber() {
        return wrappedNumber;
    }

    /**
     * {@return the float64 values, row-major, shared (not copied)}
     *
     * @throws IllegalStateException if the dtype is not FLOAT64
     */
    public double[] data() {
        if (dtype != DType.FLOAT64) {
            throw wrongType("data()", DType.FLOAT64);
        }
        return (double[]) data;
    }

    /**
     * {@return the float32 values, row-major, shared (not copied)}
     *
     * @throws IllegalStateException if the dtype is not FLOAT32
     */
    public float[] floats() {
        if (dtype != DType.FLOAT32) {
            throw wrongType("floats()", DType.FLOAT32);
        }
        return (float[]) data;
    }

    /**
     * {@return the int64 values, row-major, shared (not copied)}
     *
     * @throws IllegalStateException if the dtype is not INT64
     */
    public long[] longs() {
        if (dtype != DType.INT64) {
            throw wrongType("longs()", DType.INT64);
        }
        return (long[]) data;
    }

    /**
     * {@return the bool values, row-major, shared (not copied)}
     *
     * @throws IllegalStateException if the dtype is not BOOL
     */
    public boolean[] bools() {
        if (dtype != DType.BOOL) {
            throw wrongType("bools()", DType.BOOL);
        }
        return (boolean[]) data;
    }

    // the storage as it is, for the kernels of this package, which dispatch on the dtype first
    Object storage() {
        return data;
    }

    private IllegalStateException wrongType(String method, DType wanted) {
        return new IllegalStateException("NDArray." + method + ": the array of shape " + shape + " holds "
                + dtype.label() + ", not " + wanted.label() + "; convert it with Casts.to first");
    }

    /** {@return the shape} */
    public Shape shape() {
        return shape;
    }

    /** {@return the number of elements} */
    public int numel() {
        return shape.numel();
    }

    /**
     * A view of the same storage with another shape of the same element count; it shares this
     * array's {@linkplain #version() version} and owner, so an in-place write through either is
     * seen by both.
     *
     * @param newShape the new shape, of this array's element count
     * @return a view of the same storage with another shape of the same element count
     * @throws IllegalArgumentException if {@code newShape} holds a different number of elements
     */
    public NDArray reshape(Shape newShape) {
        if (newShape.numel() != shape.numel()) {
            throw new IllegalArgumentException("NDArray.reshape: " + shape.numel() + " values do not fill shape "
                    + newShape + ", which holds " + newShape.numel());
        }
        return new NDArray(dtype, data, shape.numel(), newShape, cell, false);
    }

    /**
     * How many times this array has been written in place. Every code that writes the storage
     * after the array was handed out (an optimizer step, loading a state dict) calls
     * {@link #bumpVersion()}, and a backward pass that needs the old values refuses to run.
     *
     * @return the number of in-place writes recorded so far
     */
    public int version() {
        return cell.version;
    }

    /** Records an in-place write to the storage; see {@link #version()}. */
    public void bumpVersion() {
        cell.version++;
    }

    // ------------------------------------------------------------------ ownership

    /**
     * Marks the storage as read by others: an input or saved tensor of a recorded graph node, or a
     * gradient a caller passed in. A shared storage is never claimed, so the backward pass copies
     * it before keeping it as someone's gradient and never adds into it in place. The mark is
     * permanent: being conservative costs at most a copy.
     */
    public void markShared() {
        cell.owner = SHARED;
    }

    /**
     * Claims the storage for {@code holder} (a tensor that will keep it as its gradient, say):
     * succeeds when nobody has claimed or shared it yet, or {@code holder} already owns it.
     *
     * @param holder the claimant, compared by identity
     * @return whether {@code holder} now owns the storage; if false, it must be copied before
     *     being kept
     */
    public boolean claim(Object holder) {
        Object o = cell.owner;
        if (o == null) {
            cell.owner = holder;
            return true;
        }
        return o == holder;
    }

    /**
     * {@return whether {@code holder} owns the storage (it claimed it and nobody shared it since)}
     *
     * @param holder the object asked about
     */
    public boolean isOwnedBy(Object holder) {
        return cell.owner == holder;
    }

    // ------------------------------------------------------------------ copies and elements

    /** {@return a deep copy, of the same dtype and shape, unowned} */
    public NDArray copy() {
        return Casts.to(this, dtype, true);
    }

    /**
     * One element read as a double, whatever the dtype (1.0 / 0.0 for BOOL).
     *
     * @param flat the row-major index
     * @return one element read as a double, whatever the dtype (1.0 / 0.0 for BOOL)
     * @throws ArrayIndexOutOfBoundsException if {@code flat} is out of range
     */
    public double getDouble(int flat) {
        switch (dtype) {
            case FLOAT64:
                return ((double[]) data)[flat];
            case FLOAT32:
                return ((float[]) data)[flat];
            case INT64:
                return ((long[]) data)[flat];
            case BOOL:
                return ((boolean[]) data)[flat] ? 1.0 : 0.0;
            default:
                throw new AssertionError(dtype);
        }
    }

    /**
     * One element read as a long, converted as a Java cast does ({@code (long) 2.7 == 2}).
     *
     * @param flat the row-major index
     * @return one element read as a long, converted as a Java cast does ({@code (long) 2.7 == 2})
     * @throws ArrayIndexOutOfBoundsException if {@code flat} is out of range
     */
    public long getLong(int flat) {
        switch (dtype) {
            case FLOAT64:
                return (long) ((double[]) data)[flat];
            case FLOAT32:
                return (long) ((float[]) data)[flat];
            case INT64:
                return ((long[]) data)[flat];
            case BOOL:
                return ((boolean[]) data)[flat] ? 1L : 0L;
            default:
                throw new AssertionError(dtype);
        }
    }

    /**
     * The row-major strides of a shape: {@code strides[i]} is how far apart in the flat array two
     * elements are that differ by one in dimension {@code i}.
     *
     * @param dims the sizes
     * @return the row-major strides of a shape
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

    /** @return {@code NDArray(float64, shape (2, 3))} and so on, without the values */
    @Override
    public String toString() {
        return "NDArray(" + dtype.label() + ", shape " + shape + ")";
    }
}
