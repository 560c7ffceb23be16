package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * The constant factors that backward formulas of piecewise functions multiply the gradient by:
 * 1 where a comparison holds and 0 elsewhere, and combinations of such masks, in the gradient's
 * dtype (so that a float32 gradient stays float32). They are arrays, never part of a graph: the
 * second derivative through them is 0, as PyTorch's.
 */
final class Masks {

    private Masks() {
    }

    /** @return {@code [a ⋄ b]} as 1 or 0 of {@code dtype}, over the broadcast {@code shape} */
    static NDArray where(CompareOp op, NDArray a, NDArray b, Shape shape, DType dtype) {
        return Casts.to(Elementwise.compare(op, a, b, shape), dtype);
    }

    /** @return {@code [a ⋄ v]} as 1 or 0 of {@code dtype}, of {@code a}'s shape ({@code v} compared in a's dtype) */
    static NDArray where(CompareOp op, NDArray a, double v, DType dtype) {
        return where(op, a, NDArray.wrappedScalar(v), a.shape(), dtype);
    }

    /** @return {@code 1 − m} (exact for a 0/1 mask) */
    static NDArray not(NDArray m) {
        return Elementwise.binary(BinaryOp.SUB, NDArray.wrappedScalar(1.0), m, m.shape());
    }

    /** @return {@code a · b}, element-wise over the broadcast {@code shape} */
    static NDArray times(NDArray a, NDArray b, Shape shape) {
        return Elementwise.binary(BinaryOp.MUL, a, b, shape);
    }
}
