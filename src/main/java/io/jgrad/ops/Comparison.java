package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;

/**
 * Comparisons ({@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt}, {@code ge}) and logical
 * functions ({@code logicalNot}, {@code logicalAnd}, {@code logicalOr}): bool results outside any
 * graph (they have no gradient), as PyTorch. Not operation nodes: nothing to differentiate.
 *
 * <p>Comparisons broadcast and compare in the promoted dtype of their operands, so a float32
 * tensor compared with a Java {@code double} compares with the nearest float ({@code x32.eq(0.1)} is
 * true where {@code x32} holds {@code 0.1f}); NaN is unequal to everything. Logical functions take
 * any dtype and read a value as true when it is not 0 (so NaN is true).
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * {@return {@code a ⋄ b} element-wise over the broadcast shape, bool}
     *
     * @param op the comparison
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor apply(CompareOp op, Tensor a, Tensor b) {
        Shape out = Broadcast.shape(op.name().toLowerCase(java.util.Locale.ROOT), a.shape(), b.shape());
        return Tensor.wrap(Elementwise.compare(op, a.array(), b.array(), out));
    }

    /**
     * {@return {@code !a} element-wise ({@code a == 0}), bool}
     *
     * @param a the left operand
     */
    public static Tensor not(Tensor a) {
        NDArray truth = Casts.to(a.array(), DType.BOOL);
        // a 0-d bool operand compares in bool, so this is one pass over bools
        return Tensor.wrap(Elementwise.compare(CompareOp.EQ, truth, NDArray.scalar(DType.BOOL, 0), a.shape()));
    }

    /**
     * {@return {@code a && b} element-wise over the broadcast shape, bool}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor and(Tensor a, Tensor b) {
        return logical("logicalAnd", BinaryOp.MUL, a, b);
    }

    /**
     * {@return {@code a || b} element-wise over the broadcast shape, bool}
     *
     * @param a the left operand
     * @param b the right operand, broadcast with {@code a}
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static Tensor or(Tensor a, Tensor b) {
        return logical("logicalOr", BinaryOp.ADD, a, b);
    }

    // on bools, MUL is and, ADD is or
    private static Tensor logical(String name, BinaryOp op, Tensor a, Tensor b) {
        Shape out = Broadcast.shape(name, a.shape(), b.shape());
        return Tensor.wrap(Elementwise.binary(op, Casts.to(a.array(), DType.BOOL), Casts.to(b.array(), DType.BOOL), out,
                DType.BOOL));
    }
}
