package io.jgrad.ndarray;

/**
 * Element-wise comparisons, {@code out[i] = a[i] ⋄ b[i]} into a bool array, after broadcasting and
 * type promotion (so a float32 array compared with a Java {@code double} compares in float32). NaN
 * compares unequal to everything, itself included, as IEEE 754 and PyTorch.
 */
public enum CompareOp {
    /** {@code a == b}. */
    EQ,
    /** {@code a != b} (true where either is NaN). */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE
}
