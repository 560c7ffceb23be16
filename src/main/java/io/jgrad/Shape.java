package io.jgrad;

import java.util.Arrays;

/**
 * The immutable shape of a tensor: its size along each dimension, outermost first.
 *
 * <p>A shape of rank 0, {@code ()}, holds one element (a scalar). {@link #toString()} prints shapes
 * as Python prints tuples, {@code (2, 3)}, {@code (3,)} and {@code ()}, which is how every error
 * message of jgrad shows them.
 */
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "Shape: " + format(dims) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        this.numel = (int) n;
    }

    /**
     * The shape with the given sizes, outermost first.
     *
     * @param dims the size of each dimension; none may be negative
     * @return the shape; {@code Shape.of()} is the scalar shape {@code ()}
     * @throws IllegalArgumentException if a size is negative or the element count exceeds
     *     {@code Integer.MAX_VALUE}
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "Shape.of: sizes must be ≥ 0, got " + format(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** {@return a copy of the sizes, outermost first} */
    public int[] toArray() {
        return dims.clone();
    }

    /** {@return the number of dimensions (0 for a scalar)} */
    public int rank() {
        return dims.length;
    }

    /**
     * The size of one dimension.
     *
     * @param i the dimension, {@code 0 ≤ i < rank()}; negative values count from the end
     * @return its size
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int get(int i) {
        return dims[normalizeDim("Shape.get", i)];
    }

    /** {@return the number of elements: the product of the sizes (1 for {@code ()})} */
    public int numel() {
        return numel;
    }

    /**
     * Resolves a possibly negative dimension index against this shape's rank.
     *
     * @param op the operation, for the message
     * @param dim the dimension; negative values count from the end
     * @return the dimension in {@code [0, rank())}
     * @throws IndexOutOfBoundsException naming the operation, the dimension and this shape
     */
    public int normalizeDim(String op, int dim) {
        int r = dims.length;
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException(op + ": dimension " + dim + " is out of range for shape "
                    + this + " (rank " + r + "); use a dim in [" + (-r) + ", " + (r - 1) + "]");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** Shapes are equal when they have the same sizes in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** @return the sizes as a Python tuple: {@code (2, 3)}, {@code (3,)}, {@code ()} */
    @Override
    public String toString() {
        return format(dims);
    }

    /**
     * Formats sizes as a Python tuple, as {@link #toString()} does, without requiring them to be a
     * valid shape (error messages show requested sizes such as {@code (4, -1)} this way).
     *
     * @param dims the sizes, any integers
     * @return {@code (2, 3)}, {@code (3,)} or {@code ()}
     */
    public static String format(int... dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
