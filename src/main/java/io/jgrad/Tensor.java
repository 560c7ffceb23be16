package io.jgrad;

import io.jgrad.ndarray.Broadcast;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.CompareOp;
import io.jgrad.ndarray.Factories;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ops.Abs;
import io.jgrad.ops.Add;
import io.jgrad.ops.ArgExtreme;
import io.jgrad.ops.Cat;
import io.jgrad.ops.Ceil;
import io.jgrad.ops.Clamp;
import io.jgrad.ops.ClampMax;
import io.jgrad.ops.ClampMin;
import io.jgrad.ops.Comparison;
import io.jgrad.ops.Cos;
import io.jgrad.ops.Cumsum;
import io.jgrad.ops.Div;
import io.jgrad.ops.Erf;
import io.jgrad.ops.Exp;
import io.jgrad.ops.Expand;
import io.jgrad.ops.Expm1;
import io.jgrad.ops.Floor;
import io.jgrad.ops.Gather;
import io.jgrad.ops.Gelu;
import io.jgrad.ops.Index;
import io.jgrad.ops.IndexSelect;
import io.jgrad.ops.LeakyRelu;
import io.jgrad.ops.Log;
import io.jgrad.ops.Log1p;
import io.jgrad.ops.LogSoftmax;
import io.jgrad.ops.Logsumexp;
import io.jgrad.ops.MaskedFill;
import io.jgrad.ops.MatMul;
import io.jgrad.ops.Max;
import io.jgrad.ops.Maximum;
import io.jgrad.ops.Mean;
import io.jgrad.ops.Min;
import io.jgrad.ops.Minimum;
import io.jgrad.ops.MovementComposites;
import io.jgrad.ops.Mul;
import io.jgrad.ops.Narrow;
import io.jgrad.ops.Neg;
import io.jgrad.ops.Norm;
import io.jgrad.ops.Permute;
import io.jgrad.ops.Pow;
import io.jgrad.ops.ReLU;
import io.jgrad.ops.Reciprocal;
import io.jgrad.ops.Reshape;
import io.jgrad.ops.Round;
import io.jgrad.ops.Rsqrt;
import io.jgrad.ops.ScatterAdd;
import io.jgrad.ops.Sigmoid;
import io.jgrad.ops.Sign;
import io.jgrad.ops.Silu;
import io.jgrad.ops.Sin;
import io.jgrad.ops.Softmax;
import io.jgrad.ops.Softplus;
import io.jgrad.ops.Sqrt;
import io.jgrad.ops.Std;
import io.jgrad.ops.Sub;
import io.jgrad.ops.Sum;
import io.jgrad.ops.Tanh;
import io.jgrad.ops.To;
import io.jgrad.ops.Transpose;
import io.jgrad.ops.Var;
import io.jgrad.ops.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array that records the operations applied to it, so that {@link #backward()}
 * can compute the gradient of a result with respect to every tensor it came from.
 *
 * <p>This class is a facade: each operation is one line that hands over to its {@link GradFn}
 * subclass in {@code io.jgrad.ops}, where the forward and backward computations sit side by side.
 * Values are row-major, of one {@link DType}: float64 unless made otherwise (the creation methods
 * without a dtype, as NumPy's default), float32, int64 or bool. No operation mutates its operands.
 *
 * <pre>{@code
 * Tensor a = Tensor.scalar(1).requiresGrad(true);
 * Tensor b = Tensor.scalar(2).requiresGrad(true);
 * Tensor d = a.add(b).add(a);
 * d.backward();
 * a.grad();   // 2.0
 * }</pre>
 *
 * <p>Binary element-wise operations broadcast by NumPy/PyTorch rules; shapes that do not broadcast
 * get an {@code IllegalArgumentException} naming the operation and both shapes. Operands of two
 * dtypes promote as PyTorch's ({@link DType}): {@code x32.mul(0.5)} stays float32, float32 with
 * float64 gives float64, int64 with a {@code double} gives float64. Only floating tensors have
 * gradients, and a gradient has its tensor's dtype. A {@code dim}
 * argument may be negative (counted from the end); out of range it gets an
 * {@code IndexOutOfBoundsException}.
 */
public final class Tensor {

    private NDArray data;
    private GradFn gradFn;
    private boolean requiresGrad;
    private Tensor grad;
    // gradient hooks in registration order, or null when none were registered
    private List<UnaryOperator<Tensor>> hooks;
    // why grad is partial (a backward pass failed after adding into it), or null
    private String partialGrad;

    Tensor(NDArray data) {
        this.data = data;
    }

    // ------------------------------------------------------------------ creation

    /**
     * {@return a 0-d tensor (shape {@code ()}) holding {@code v}}
     *
     * @param v the value of every element
     */
    public static Tensor scalar(double v) {
        return new Tensor(NDArray.scalar(v));
    }

    /**
     * {@return a 1-d tensor of shape {@code (values.length,)} holding a copy of {@code values}}
     *
     * @param values the elements (copied)
     */
    public static Tensor of(double... values) {
        return new Tensor(new NDArray(values.clone(), Shape.of(values.length)));
    }

    /**
     * A 2-d tensor of shape {@code (rows.length, rows[0].length)}, copied.
     *
     * @param rows the rows, all of the same length (copied)
     * @return a 2-d tensor of shape {@code (rows.length, rows[0].length)}, copied
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[][] rows) {
        return new Tensor(Factories.of(rows));
    }

    /**
     * A 3-d tensor of shape {@code (v.length, v[0].length, v[0][0].length)}, copied.
     *
     * @param v the values, not ragged (copied)
     * @return a 3-d tensor of shape {@code (v.length, v[0].length, v[0][0].length)}, copied
     * @throws IllegalArgumentException if the nested arrays are ragged
     */
    public static Tensor of(double[][][] v) {
        return new Tensor(Factories.of(v));
    }

    /**
     * A tensor of any rank from row-major values, copied.
     *
     * @param data {@code numel} values, last dimension fastest
     * @param shape the sizes; none may be negative
     * @return a tensor of any rank from row-major values, copied
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes
     */
    public static Tensor fromArray(double[] data, int... shape) {
        Shape s = filled("Tensor.fromArray", data.length, shape);
        return new Tensor(new NDArray(data.clone(), s));
    }

    /**
     * A float32 tensor of any rank from row-major values, copied.
     *
     * @param data the elements, row-major (copied)
     * @param shape the sizes of the dimensions
     * @return a float32 tensor of any rank from row-major values, copied
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes
     */
    public static Tensor fromArray(float[] data, int... shape) {
        Shape s = filled("Tensor.fromArray", data.length, shape);
        return new Tensor(new NDArray(data.clone(), s));
    }

    /**
     * An int64 tensor of any rank from row-major values, copied.
     *
     * @param data the elements, row-major (copied)
     * @param shape the sizes of the dimensions
     * @return an int64 tensor of any rank from row-major values, copied
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes
     */
    public static Tensor fromArray(long[] data, int... shape) {
        Shape s = filled("Tensor.fromArray", data.length, shape);
        return new Tensor(new NDArray(data.clone(), s));
    }

    /**
     * A bool tensor of any rank from row-major values, copied.
     *
     * @param data the elements, row-major (copied)
     * @param shape the sizes of the dimensions
     * @return a bool tensor of any rank from row-major values, copied
     * @throws IllegalArgumentException if {@code data.length} differs from the product of the sizes
     */
    public static Tensor fromArray(boolean[] data, int... shape) {
        Shape s = filled("Tensor.fromArray", data.length, shape);
        return new Tensor(new NDArray(data.clone(), s));
    }

    // the shape of values given flat, checked to hold exactly `count` of them
    private static Shape filled(String op, int count, int[] shape) {
        Shape s = shapeFor(op, shape);
        if (count != s.numel()) {
            throw new IllegalArgumentException(op + ": " + count + " values do not fill shape "
                    + s + ", which holds " + s.numel() + "; pass as many values as the product of the sizes");
        }
        return s;
    }

    /**
     * {@return a float64 tensor of zeros of the given shape}
     *
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT64, shape);
    }

    /**
     * {@return a tensor of zeros ({@code false} for bool) of the given dtype and shape}
     *
     * @param dtype the element type
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(NDArray.zeros(dtype, shapeFor("Tensor.zeros", shape)));
    }

    /**
     * {@return a float64 tensor of ones of the given shape}
     *
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor ones(int... shape) {
        return ones(DType.FLOAT64, shape);
    }

    /**
     * {@return a tensor of ones ({@code true} for bool) of the given dtype and shape}
     *
     * @param dtype the element type
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor ones(DType dtype, int... shape) {
        return new Tensor(NDArray.full(dtype, shapeFor("Tensor.ones", shape), 1.0));
    }

    /**
     * {@return a float64 tensor of the given shape with every element {@code v}}
     *
     * @param v the value of every element
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor full(double v, int... shape) {
        return full(v, DType.FLOAT64, shape);
    }

    /**
     * {@return a tensor of the given dtype and shape with every element {@code v}, converted as a
     * Java cast does ({@code (float) v}, {@code (long) v}, {@code v != 0})}
     *
     * @param v the value of every element
     * @param dtype the element type
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor full(double v, DType dtype, int... shape) {
        return new Tensor(NDArray.full(dtype, shapeFor("Tensor.full", shape), v));
    }

    /**
     * {@return a float64 tensor of the given shape, uniform in {@code [0, 1)} from {@code rng.nextDouble()}}
     *
     * @param rng the random generator to draw from
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor rand(Random rng, int... shape) {
        return rand(rng, DType.FLOAT64, shape);
    }

    /**
     * {@return a tensor of the given floating dtype and shape, uniform in {@code [0, 1)}:
     * {@code rng.nextDouble()} per element for float64, {@code rng.nextFloat()} for float32}
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative or the dtype is not floating
     */
    public static Tensor rand(Random rng, DType dtype, int... shape) {
        return new Tensor(Factories.rand(rng, dtype, shapeFor("Tensor.rand", shape)));
    }

    /**
     * {@return a float64 tensor of the given shape, standard normal from {@code rng.nextGaussian()}}
     *
     * @param rng the random generator to draw from
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative
     */
    public static Tensor randn(Random rng, int... shape) {
        return randn(rng, DType.FLOAT64, shape);
    }

    /**
     * {@return a tensor of the given floating dtype and shape, standard normal from
     * {@code rng.nextGaussian()} (rounded for float32)}
     *
     * @param rng the random generator to draw from
     * @param dtype the element type
     * @param shape the sizes of the dimensions
     * @throws IllegalArgumentException if a size is negative or the dtype is not floating
     */
    public static Tensor randn(Random rng, DType dtype, int... shape) {
        return new Tensor(Factories.randn(rng, dtype, shapeFor("Tensor.randn", shape)));
    }

    /**
     * {@return the float64 1-d tensor {@code [0, 1, …, n-1]} of shape {@code (n,)}}
     *
     * @param n the number of elements
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor arange(int n) {
        return arange(DType.FLOAT64, n);
    }

    /**
     * {@return the 1-d tensor {@code [0, 1, …, n-1]} of shape {@code (n,)} in {@code dtype}}
     *
     * @param dtype the element type
     * @param n the number of elements
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor arange(DType dtype, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Tensor.arange: n must be ≥ 0, got " + n);
        }
        return new Tensor(Factories.arange(dtype, n));
    }

    /**
     * {@return the float64 {@code (n, n)} identity matrix}
     *
     * @param n the number of rows and columns
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor eye(int n) {
        return eye(DType.FLOAT64, n);
    }

    /**
     * {@return the {@code (n, n)} identity matrix in {@code dtype}}
     *
     * @param dtype the element type
     * @param n the number of rows and columns
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor eye(DType dtype, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Tensor.eye: n must be ≥ 0, got " + n);
        }
        return new Tensor(Factories.eye(dtype, n));
    }

    /**
     * A leaf that wraps {@code values} without copying them: for code that builds arrays with the
     * array layer ({@code io.jgrad.ndarray}) and hands them to autograd, such as data loaders and
     * layers. Writing the array afterwards changes the tensor.
     *
     * @param values the array (not copied)
     * @return the tensor, not requiring grad
     */
    public static Tensor wrap(NDArray values) {
        return new Tensor(values);
    }

    // the shape of a new tensor, its sizes checked in the name of the method that makes it
    private static Shape shapeFor(String op, int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": sizes must be ≥ 0, got " + Shape.format(dims));
            }
        }
        return Shape.of(dims);
    }

    // ------------------------------------------------------------------ gradient flags

    /**
     * Sets whether this leaf requires grad (PyTorch's {@code requires_grad_}).
     *
     * @param flag whether this tensor requires a gradient
     * @return this tensor
     * @throws IllegalStateException if this tensor is not a leaf (it was made by an operation)
     * @throws IllegalArgumentException if {@code flag} is true and the dtype is not floating (only
     *     floating tensors have gradients)
     */
    public Tensor requiresGrad(boolean flag) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only a leaf's flag can be set, but this tensor of shape "
                    + shape() + " was made by " + gradFn.name() + "; use detach() for a leaf with the same values");
        }
        if (flag && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require grad, but this tensor"
                    + " of shape " + shape() + " is " + dtype().label() + "; convert it first, e.g. to(DType.FLOAT64)");
        }
        requiresGrad = flag;
        return this;
    }

    /** {@return whether gradients are computed for this tensor (default {@code false})} */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    // ------------------------------------------------------------------ element-wise arithmetic

    /**
     * {@return {@code this + other}, broadcast (grad fn {@code Add})}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor add(Tensor other) {
        return Add.apply(this, other);
    }

    /**
     * {@return {@code this + v} (grad fn {@code Add})}
     *
     * @param v the other operand, a number
     */
    public Tensor add(double v) {
        return Add.apply(this, number(v));
    }

    /**
     * {@return {@code this - other}, broadcast (grad fn {@code Sub})}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor sub(Tensor other) {
        return Sub.apply(this, other);
    }

    /**
     * {@return {@code this - v} (grad fn {@code Sub})}
     *
     * @param v the other operand, a number
     */
    public Tensor sub(double v) {
        return Sub.apply(this, number(v));
    }

    /**
     * {@return {@code this * other} element-wise, broadcast (grad fn {@code Mul})}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor mul(Tensor other) {
        return Mul.apply(this, other);
    }

    /**
     * {@return {@code this * v} (grad fn {@code Mul})}
     *
     * @param v the other operand, a number
     */
    public Tensor mul(double v) {
        return Mul.apply(this, number(v));
    }

    /**
     * {@return {@code this / other} element-wise, broadcast (grad fn {@code Div})}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor div(Tensor other) {
        return Div.apply(this, other);
    }

    /**
     * {@return {@code this / v} (grad fn {@code Div})}
     *
     * @param v the other operand, a number
     */
    public Tensor div(double v) {
        return Div.apply(this, number(v));
    }

    /**
     * {@return {@code this ^ exponent} element-wise (grad fn {@code Pow})}
     *
     * @param exponent the exponent
     */
    public Tensor pow(double exponent) {
        return Pow.apply(this, number(exponent));
    }

    /**
     * {@return {@code this ^ exponent} element-wise, broadcast (grad fn {@code Pow})}
     *
     * @param exponent the exponent
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor pow(Tensor exponent) {
        return Pow.apply(this, exponent);
    }

    /** {@return {@code -this} (grad fn {@code Neg})} */
    public Tensor neg() {
        return Neg.apply(this);
    }

    // ------------------------------------------------------------------ element-wise functions

    /** {@return {@code e^this} element-wise (grad fn {@code Exp})} */
    public Tensor exp() {
        return Exp.apply(this);
    }

    /** {@return the natural logarithm element-wise (grad fn {@code Log})} */
    public Tensor log() {
        return Log.apply(this);
    }

    /** {@return {@code max(this, 0)} element-wise (grad fn {@code ReLU}; the gradient at 0 is 0)} */
    public Tensor relu() {
        return ReLU.apply(this);
    }

    /** {@return the hyperbolic tangent element-wise (grad fn {@code Tanh})} */
    public Tensor tanh() {
        return Tanh.apply(this);
    }

    /** {@return {@code 1 / (1 + e^-this)} element-wise (grad fn {@code Sigmoid})} */
    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    /** {@return the square root element-wise (grad fn {@code Sqrt})} */
    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    /** {@return the absolute value element-wise (grad fn {@code Abs}; the gradient at 0 is 0)} */
    public Tensor abs() {
        return Abs.apply(this);
    }

    // ------------------------------------------------------------------ products

    /**
     * The matrix product by {@code torch.matmul} rules (grad fn {@code MatMul}): 1-d·1-d is a dot
     * product {@code ()}; {@code (m, k)·(k, n)} is {@code (m, n)}; a 1-d left operand {@code (k,)} is
     * taken as {@code (1, k)} and a 1-d right operand as {@code (k, 1)}, the added dimension removed
     * from the result; operands of rank &gt; 2 are stacks of matrices whose batch (leading) dimensions
     * broadcast.
     *
     * @param other the other operand, broadcast with this tensor
     * @return the matrix product by {@code torch.matmul} rules (grad fn {@code MatMul})
     * @throws IllegalArgumentException if an operand is 0-d, the inner sizes differ, or the batch
     *     dimensions do not broadcast; the message names both shapes
     */
    public Tensor matmul(Tensor other) {
        return MatMul.apply(this, other);
    }

    // ------------------------------------------------------------------ reductions

    /** {@return the sum of all elements, 0-d (grad fn {@code Sum})} */
    public Tensor sum() {
        return Sum.apply(this);
    }

    /**
     * {@return the sum along {@code dim}, which is removed (grad fn {@code Sum})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor sum(int dim) {
        return Sum.apply(this, dim, false);
    }

    /**
     * {@return the sum along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Sum})}
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Sum.apply(this, dim, keepDim);
    }

    /** {@return the mean of all elements, 0-d (grad fn {@code Mean}; NaN for an empty tensor)} */
    public Tensor mean() {
        return Mean.apply(this);
    }

    /**
     * {@return the mean along {@code dim}, which is removed (grad fn {@code Mean})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor mean(int dim) {
        return Mean.apply(this, dim, false);
    }

    /**
     * {@return the mean along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Mean})}
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Mean.apply(this, dim, keepDim);
    }

    /**
     * The maximum values along {@code dim}, which is removed (grad fn {@code Max}); the gradient
     * goes to the first maximal element, as PyTorch's {@code max(dim)}.
     *
     * @param dim the dimension; negative values count from the end
     * @return the maximum values along {@code dim}, which is removed (grad fn {@code Max})
     * @throws IllegalArgumentException if {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor max(int dim) {
        return Max.apply(this, dim);
    }

    /**
     * The maximum of all elements, 0-d (grad fn {@code Max}); the gradient is shared evenly among
     * tied maxima, as PyTorch's {@code max()}.
     *
     * @return the maximum of all elements, 0-d (grad fn {@code Max})
     * @throws IllegalArgumentException if this tensor is empty
     */
    public Tensor max() {
        return Max.apply(this);
    }

    // ------------------------------------------------------------------ indexing and movement

    /**
     * Integer indexing into the leading dimensions, as {@code A[0, 1]} (grad fn {@code Index}).
     *
     * @param index one index per leading dimension, at most {@link #dim()}; negative values count
     *     from the end
     * @return the sub-tensor of rank {@code dim() - index.length}
     * @throws IndexOutOfBoundsException if an index is out of range or there are too many
     */
    public Tensor get(int... index) {
        return Index.apply(this, index);
    }

    /**
     * The same elements in another shape (grad fn {@code Reshape}); one size may be {@code -1} and
     * is inferred.
     *
     * @param shape the new sizes; one may be {@code -1}, inferred from the element count
     * @return the same elements in another shape (grad fn {@code Reshape})
     * @throws IllegalArgumentException if the element counts differ or the sizes are invalid
     */
    public Tensor reshape(int... shape) {
        return Reshape.apply(this, shape);
    }

    /**
     * {@return this tensor with dimensions {@code d0} and {@code d1} swapped (grad fn {@code Transpose})}
     *
     * @param d0 one dimension; negative values count from the end
     * @param d1 the other dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor transpose(int d0, int d1) {
        return Transpose.apply(this, d0, d1);
    }

    /**
     * {@return the transpose of a 2-d tensor; a 0-d or 1-d tensor is returned unchanged, as PyTorch}
     *
     * @throws IllegalArgumentException if this tensor has rank &gt; 2
     */
    public Tensor t() {
        if (dim() < 2) {
            return this;
        }
        if (dim() > 2) {
            throw new IllegalArgumentException("t: expects a tensor of rank ≤ 2, got shape " + shape()
                    + "; use transpose(d0, d1) for higher ranks");
        }
        return Transpose.apply(this, 0, 1);
    }

    /**
     * Broadcasts this tensor to {@code shape} (PyTorch's {@code expand}; grad fn {@code Expand}): a
     * size of {@code -1} keeps this tensor's size in that dimension (aligned from the last one);
     * extra leading sizes add dimensions and cannot be {@code -1}.
     *
     * @param shape the sizes of the dimensions
     * @return a tensor of {@code shape} (with the {@code -1} sizes resolved)
     * @throws IllegalArgumentException if this tensor's shape does not broadcast to {@code shape},
     *     there are fewer sizes than dimensions, or a new leading size is {@code -1}
     */
    public Tensor expand(int... shape) {
        return Expand.apply(this, shape);
    }

    // ------------------------------------------------------------------ movement and indexing (v2)

    /**
     * This tensor with its dimensions reordered: dimension {@code i} of the result is dimension
     * {@code dims[i]} of this one (grad fn {@code Permute}).
     *
     * @param dims each dimension once; negative values count from the end
     * @return this tensor with its dimensions reordered
     * @throws IllegalArgumentException if {@code dims} has not one entry per dimension or repeats one
     * @throws IndexOutOfBoundsException if an entry is out of range
     */
    public Tensor permute(int... dims) {
        return Permute.apply(this, dims);
    }

    /** {@return this tensor without its dimensions of size 1 (grad fn {@code Reshape})} */
    public Tensor squeeze() {
        return MovementComposites.squeeze(this);
    }

    /**
     * {@return this tensor without dimension {@code dim} if its size is 1, else the same shape
     * (grad fn {@code Reshape})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor squeeze(int dim) {
        return MovementComposites.squeeze(this, dim);
    }

    /**
     * {@return this tensor with a dimension of size 1 inserted at {@code dim}, in
     * {@code [-(dim() + 1), dim()]} (negative counts from the end of the result; grad fn {@code Reshape})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor unsqueeze(int dim) {
        return MovementComposites.unsqueeze(this, dim);
    }

    /** {@return the elements as a 1-d tensor; {@code (1,)} for a 0-d tensor (grad fn {@code Reshape})} */
    public Tensor flatten() {
        return MovementComposites.flatten(this, 0, -1);
    }

    /**
     * {@return this tensor with dimensions {@code startDim … endDim} merged into one (grad fn
     * {@code Reshape}); a 0-d tensor becomes {@code (1,)}}
     *
     * @param startDim the first dimension to flatten; negative values count from the end
     * @param endDim the last dimension to flatten (inclusive); negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if {@code startDim} comes after {@code endDim}
     */
    public Tensor flatten(int startDim, int endDim) {
        return MovementComposites.flatten(this, startDim, endDim);
    }

    /**
     * Elements {@code start … start + length − 1} of dimension {@code dim} (PyTorch's {@code narrow};
     * grad fn {@code Narrow}).
     *
     * @param dim the dimension; negative values count from the end
     * @param start in {@code [-size, size]}; negative values count from the end
     * @param length how many indices
     * @return a tensor whose dimension {@code dim} has size {@code length}
     * @throws IndexOutOfBoundsException if {@code dim} or {@code start} is out of range, or the range
     *     does not fit in the dimension
     * @throws IllegalArgumentException if this tensor is 0-d or {@code length} is negative
     */
    public Tensor narrow(int dim, int start, int length) {
        return Narrow.apply(this, dim, start, length);
    }

    /**
     * Python's slice {@code x[…, start:end:step, …]} along {@code dim} (grad fn {@code Narrow}, as
     * PyTorch records {@code SliceBackward0} for both): negative {@code start}/{@code end} count from
     * the end, then both are clamped to {@code [0, size]}; {@code end ≤ start} gives size 0.
     *
     * @param dim the dimension; negative values count from the end
     * @param start the first index; negative values count from the end
     * @param end the index after the last; negative values count from the end
     * @param step the distance between the indices taken, ≥ 1
     * @return a tensor whose dimension {@code dim} holds the selected indices
     * @throws IllegalArgumentException if {@code step < 1}
     * @throws IndexOutOfBoundsException if this tensor is 0-d or {@code dim} is out of range
     */
    public Tensor slice(int dim, int start, int end, int step) {
        return Narrow.slice(this, dim, start, end, step);
    }

    /**
     * {@code x[…, index, …]} along {@code dim}, which is removed (grad fn {@code Reshape} of a
     * {@code Narrow}).
     *
     * @param dim the dimension; negative values count from the end
     * @param index negative values count from the end
     * @return a tensor of rank {@code dim() - 1}
     * @throws IndexOutOfBoundsException if this tensor is 0-d, or {@code dim} or {@code index} is out of range
     */
    public Tensor select(int dim, int index) {
        return MovementComposites.select(this, dim, index);
    }

    /**
     * The slices {@code index[0], index[1], …} of dimension {@code dim}, in that order (PyTorch's
     * {@code index_select}; grad fn {@code IndexSelect}; the gradient of a repeated slice sums).
     *
     * @param dim the dimension; negative values count from the end
     * @param index an INT64 vector (a 0-d one counts as one entry), entries in {@code [0, size)}
     * @return this tensor with size {@code index.numel()} along {@code dim}
     * @throws IllegalArgumentException if {@code index} is not INT64 or not 1-d
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range (the message names it)
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return IndexSelect.apply(this, dim, index);
    }

    /**
     * {@code out[i] = this[i with coordinate dim replaced by index[i]]} for every multi-index {@code i}
     * of {@code index} (PyTorch's {@code gather}; grad fn {@code Gather}).
     *
     * @param dim the dimension; negative values count from the end
     * @param index INT64 of this tensor's rank, no larger than it outside {@code dim}, entries in
     *     {@code [0, size of dim)}
     * @return a tensor of {@code index}'s shape
     * @throws IllegalArgumentException if {@code index} is not INT64, its rank differs or it is too large
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range
     */
    public Tensor gather(int dim, Tensor index) {
        return Gather.apply(this, dim, index);
    }

    /**
     * This tensor with {@code src[i]} added at {@code i} with coordinate {@code dim} replaced by
     * {@code index[i]}, for every multi-index {@code i} of {@code index} (PyTorch's out-of-place
     * {@code scatter_add}; grad fn {@code ScatterAdd}, differentiable in this tensor and {@code src}).
     * Repeated entries add up in the row-major order of {@code index}; bool adds as logical or.
     *
     * @param dim the dimension; negative values count from the end
     * @param index INT64 of this tensor's rank, no larger than {@code src} in any dimension nor than
     *     this tensor outside {@code dim}; entries in {@code [0, size of dim)}
     * @param src of this tensor's dtype and rank
     * @return a tensor of this tensor's shape and dtype
     * @throws IllegalArgumentException if {@code index} is not INT64, the dtypes or ranks differ, or
     *     {@code index} is too large
     * @throws IndexOutOfBoundsException if {@code dim} or an entry is out of range
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return ScatterAdd.apply(this, dim, index, src);
    }

    /**
     * {@code mask ? value : this} element-wise (PyTorch's {@code masked_fill}; grad fn
     * {@code MaskedFill}): the BOOL {@code mask} broadcasts with this tensor, {@code value} is
     * converted to this tensor's dtype.
     *
     * @param mask the positions to fill, a {@code BOOL} tensor broadcast with this tensor
     * @param value the value written where {@code mask} is true
     * @return a tensor of this tensor's dtype and the broadcast shape
     * @throws IllegalArgumentException if {@code mask} is not BOOL, the shapes do not broadcast or
     *     {@code value} overflows the dtype
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return MaskedFill.apply(this, mask, value);
    }

    /**
     * {@code condition ? a : b} element-wise (PyTorch's {@code where}; grad fn {@code Where}): the
     * three broadcast together, {@code a} and {@code b} promote to a common dtype.
     *
     * @param condition BOOL
     * @param a the values where {@code condition} is true
     * @param b the values where it is false
     * @return a tensor of the broadcast shape and the common dtype
     * @throws IllegalArgumentException if {@code condition} is not BOOL or the shapes do not broadcast
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Where.apply(condition, a, b);
    }

    /**
     * The tensors laid end to end along {@code dim} (PyTorch's {@code cat}; grad fn {@code Cat}),
     * promoted to a common dtype. As PyTorch, 1-d tensors with no elements are skipped.
     *
     * @param tensors the tensors
     * @param dim the dimension; negative values count from the end
     * @return the tensors laid end to end along {@code dim} (PyTorch's {@code cat})
     * @throws IllegalArgumentException if {@code tensors} is empty, one is 0-d, or their shapes
     *     differ outside {@code dim}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Cat.apply(tensors, dim);
    }

    /**
     * The tensors, all of one shape, stacked along a new dimension {@code dim} in
     * {@code [-(rank + 1), rank]} (PyTorch's {@code stack}; grad fn {@code Cat} of {@code Reshape}s).
     *
     * @param tensors the tensors
     * @param dim the dimension; negative values count from the end
     * @return a tensor of one more dimension than the inputs
     * @throws IllegalArgumentException if {@code tensors} is empty or their shapes differ
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return MovementComposites.stack(tensors, dim);
    }

    /**
     * This tensor cut along {@code dim} into pieces of {@code splitSize}, the last one smaller when
     * the size does not divide (each piece has grad fn {@code Narrow}).
     *
     * @param splitSize the size of each part (the last may be smaller)
     * @param dim the dimension; negative values count from the end
     * @return this tensor cut along {@code dim} into pieces of {@code splitSize}, the last one smaller when the
     *     size does not divide (each piece has grad fn {@code Narrow})
     * @throws IllegalArgumentException if this tensor is 0-d, or {@code splitSize} is negative, or 0
     *     for a dimension that is not empty
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public List<Tensor> split(int splitSize, int dim) {
        return MovementComposites.split(this, splitSize, dim);
    }

    /**
     * This tensor cut along {@code dim} into pieces of {@code ceil(size / chunks)}, the last one
     * smaller, as PyTorch's {@code chunk}: there may be fewer than {@code chunks} pieces (each has
     * grad fn {@code Narrow}).
     *
     * @param chunks how many parts (at most)
     * @param dim the dimension; negative values count from the end
     * @return this tensor cut along {@code dim} into pieces of {@code ceil(size / chunks)}, the last one smaller,
     *     as PyTorch's {@code chunk}
     * @throws IllegalArgumentException if this tensor is 0-d or {@code chunks < 1}
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public List<Tensor> chunk(int chunks, int dim) {
        return MovementComposites.chunk(this, chunks, dim);
    }

    /**
     * {@return the lower triangle of the last two dimensions, the rest 0 (grad fn {@code MaskedFill})}
     *
     * @throws IllegalArgumentException if this tensor has rank &lt; 2
     */
    public Tensor tril() {
        return MovementComposites.tril(this, 0);
    }

    /**
     * {@return the elements on and below diagonal {@code diagonal} of the last two dimensions (0 is
     * the main diagonal, positive values are above it), the rest 0 (grad fn {@code MaskedFill})}
     *
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @throws IllegalArgumentException if this tensor has rank &lt; 2
     */
    public Tensor tril(int diagonal) {
        return MovementComposites.tril(this, diagonal);
    }

    /**
     * {@return the upper triangle of the last two dimensions, the rest 0 (grad fn {@code MaskedFill})}
     *
     * @throws IllegalArgumentException if this tensor has rank &lt; 2
     */
    public Tensor triu() {
        return MovementComposites.triu(this, 0);
    }

    /**
     * {@return the elements on and above diagonal {@code diagonal} of the last two dimensions (0 is
     * the main diagonal, positive values are above it), the rest 0 (grad fn {@code MaskedFill})}
     *
     * @param diagonal which diagonal: 0 the main one, positive above it, negative below
     * @throws IllegalArgumentException if this tensor has rank &lt; 2
     */
    public Tensor triu(int diagonal) {
        return MovementComposites.triu(this, diagonal);
    }

    // ------------------------------------------------------------------ softmax family

    /**
     * {@return {@code e^x / Σ_dim e^x}, computed with the maximum subtracted (grad fn {@code Softmax})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor softmax(int dim) {
        return Softmax.apply(this, dim);
    }

    /**
     * {@return {@code x - log Σ_dim e^x}, computed with the maximum subtracted (grad fn {@code LogSoftmax})}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor logSoftmax(int dim) {
        return LogSoftmax.apply(this, dim);
    }

    // ------------------------------------------------------------------ element-wise and reductions (v2)
    // Float-only functions (log1p … softplus, var, std, logsumexp, norm) compute an int64 or bool
    // tensor in float64, as the other float-only functions do.

    /** {@return {@code ln(1 + this)} element-wise, accurate for small values (grad fn {@code Log1p})} */
    public Tensor log1p() {
        return Log1p.apply(this);
    }

    /** {@return {@code e^this − 1} element-wise, accurate for small values (grad fn {@code Expm1})} */
    public Tensor expm1() {
        return Expm1.apply(this);
    }

    /** {@return the sine element-wise, in radians (grad fn {@code Sin})} */
    public Tensor sin() {
        return Sin.apply(this);
    }

    /** {@return the cosine element-wise, in radians (grad fn {@code Cos})} */
    public Tensor cos() {
        return Cos.apply(this);
    }

    /**
     * {@return {@code this²} element-wise, computed as {@code x·x} (grad fn {@code Pow}, as PyTorch's
     * {@code square}); int64 stays int64 and bool gives int64}
     */
    public Tensor square() {
        return Pow.square(this);
    }

    /** {@return {@code 1/√this} element-wise (grad fn {@code Rsqrt}; ∞ at 0, NaN below)} */
    public Tensor rsqrt() {
        return Rsqrt.apply(this);
    }

    /** {@return {@code 1/this} element-wise (grad fn {@code Reciprocal})} */
    public Tensor reciprocal() {
        return Reciprocal.apply(this);
    }

    /**
     * {@return the error function {@code (2/√π) ∫₀ˣ e^(−t²) dt} element-wise, within one ulp (grad fn
     * {@code Erf})}
     */
    public Tensor erf() {
        return Erf.apply(this);
    }

    /**
     * {@return −1, 0 or 1 element-wise, in this tensor's dtype (grad fn {@code Sign}, zero gradient);
     * ±0 and NaN give 0, as PyTorch; a bool tensor is its own sign}
     */
    public Tensor sign() {
        return Sign.apply(this);
    }

    /**
     * {@return the largest integer ≤ each element, in this tensor's dtype (grad fn {@code Floor}, zero gradient)}
     *
     * @throws IllegalArgumentException if this tensor is bool
     */
    public Tensor floor() {
        return Floor.apply(this);
    }

    /**
     * {@return the smallest integer ≥ each element, in this tensor's dtype (grad fn {@code Ceil}, zero gradient)}
     *
     * @throws IllegalArgumentException if this tensor is bool
     */
    public Tensor ceil() {
        return Ceil.apply(this);
    }

    /**
     * {@return each element rounded to the nearest integer, halves to even (0.5 → 0, 1.5 → 2), in this
     * tensor's dtype (grad fn {@code Round}, zero gradient)}
     *
     * @throws IllegalArgumentException if this tensor is bool
     */
    public Tensor round() {
        return Round.apply(this);
    }

    /** {@return the exact GELU {@code x·½(1 + erf(x/√2))} element-wise (grad fn {@code Gelu})} */
    public Tensor gelu() {
        return Gelu.apply(this, false);
    }

    /**
     * {@return the tanh approximation of GELU, {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}, element-wise
     * (grad fn {@code Gelu}; PyTorch's {@code gelu(x, approximate='tanh')})}
     */
    public Tensor geluTanh() {
        return Gelu.apply(this, true);
    }

    /** {@return SiLU (swish) {@code x·σ(x)} element-wise (grad fn {@code Silu})} */
    public Tensor silu() {
        return Silu.apply(this);
    }

    /**
     * {@return softplus {@code ln(1 + e^x)} element-wise, and {@code x} itself where {@code x > 20}
     * (PyTorch's defaults β = 1, threshold 20; grad fn {@code Softplus})}
     */
    public Tensor softplus() {
        return Softplus.apply(this);
    }

    /**
     * {@return {@code x} where {@code x > 0}, {@code negativeSlope·x} elsewhere (grad fn {@code LeakyRelu})}
     *
     * @param negativeSlope the slope for negative inputs
     */
    public Tensor leakyRelu(double negativeSlope) {
        return LeakyRelu.apply(this, negativeSlope);
    }

    /**
     * Every element brought into {@code [min, max]}: {@code min(max(x, min), max)}, so all become
     * {@code max} when {@code min > max}; NaN stays NaN (grad fn {@code Clamp}). The gradient passes
     * where {@code min ≤ x ≤ max}, bounds included, as PyTorch. The bounds are compared in this
     * tensor's dtype; an int64 or bool tensor gives float64.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return the clamped tensor
     */
    public Tensor clamp(double min, double max) {
        return Clamp.apply(this, min, max);
    }

    /**
     * {@return {@code max(x, min)} element-wise (grad fn {@code ClampMin}; the gradient passes where {@code x ≥ min})}
     *
     * @param min the lower bound
     */
    public Tensor clampMin(double min) {
        return ClampMin.apply(this, min);
    }

    /**
     * {@return {@code min(x, max)} element-wise (grad fn {@code ClampMax}; the gradient passes where {@code x ≤ max})}
     *
     * @param max the upper bound
     */
    public Tensor clampMax(double max) {
        return ClampMax.apply(this, max);
    }

    /**
     * The larger of two tensors element by element, broadcast and promoted; NaN where either is NaN
     * (grad fn {@code Maximum}; at ties each operand gets half the gradient, as PyTorch).
     *
     * @param other the other operand, broadcast with this tensor
     * @return the larger of two tensors element by element, broadcast and promoted
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor maximum(Tensor other) {
        return Maximum.apply(this, other);
    }

    /**
     * The smaller of two tensors element by element, broadcast and promoted; NaN where either is NaN
     * (grad fn {@code Minimum}; at ties each operand gets half the gradient, as PyTorch).
     *
     * @param other the other operand, broadcast with this tensor
     * @return the smaller of two tensors element by element, broadcast and promoted
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor minimum(Tensor other) {
        return Minimum.apply(this, other);
    }

    /**
     * {@return {@code this == other} element-wise, broadcast, as a bool tensor outside any graph}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor eq(Tensor other) {
        return Comparison.apply(CompareOp.EQ, this, other);
    }

    /**
     * {@return {@code this == v}, bool; {@code v} is compared in this tensor's dtype ({@code x32.eq(0.1)} is true
     * at {@code 0.1f})}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor eq(double v) {
        return Comparison.apply(CompareOp.EQ, this, number(v));
    }

    /**
     * {@return {@code this != other} element-wise, broadcast, bool (true where either is NaN)}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor ne(Tensor other) {
        return Comparison.apply(CompareOp.NE, this, other);
    }

    /**
     * {@return {@code this != v}, bool; {@code v} is compared in this tensor's dtype}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor ne(double v) {
        return Comparison.apply(CompareOp.NE, this, number(v));
    }

    /**
     * {@return {@code this < other} element-wise, broadcast, bool}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor lt(Tensor other) {
        return Comparison.apply(CompareOp.LT, this, other);
    }

    /**
     * {@return {@code this < v}, bool; {@code v} is compared in this tensor's dtype}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor lt(double v) {
        return Comparison.apply(CompareOp.LT, this, number(v));
    }

    /**
     * {@return {@code this <= other} element-wise, broadcast, bool}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor le(Tensor other) {
        return Comparison.apply(CompareOp.LE, this, other);
    }

    /**
     * {@return {@code this <= v}, bool; {@code v} is compared in this tensor's dtype}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor le(double v) {
        return Comparison.apply(CompareOp.LE, this, number(v));
    }

    /**
     * {@return {@code this > other} element-wise, broadcast, bool}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor gt(Tensor other) {
        return Comparison.apply(CompareOp.GT, this, other);
    }

    /**
     * {@return {@code this > v}, bool; {@code v} is compared in this tensor's dtype}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor gt(double v) {
        return Comparison.apply(CompareOp.GT, this, number(v));
    }

    /**
     * {@return {@code this >= other} element-wise, broadcast, bool}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor ge(Tensor other) {
        return Comparison.apply(CompareOp.GE, this, other);
    }

    /**
     * {@return {@code this >= v}, bool; {@code v} is compared in this tensor's dtype}
     *
     * @param v the number compared with, in this tensor's dtype
     */
    public Tensor ge(double v) {
        return Comparison.apply(CompareOp.GE, this, number(v));
    }

    /** {@return {@code this == 0} element-wise, bool, for any dtype (NaN counts as true, so gives false)} */
    public Tensor logicalNot() {
        return Comparison.not(this);
    }

    /**
     * {@return {@code (this != 0) && (other != 0)} element-wise, broadcast, bool, for any dtypes}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor logicalAnd(Tensor other) {
        return Comparison.and(this, other);
    }

    /**
     * {@return {@code (this != 0) || (other != 0)} element-wise, broadcast, bool, for any dtypes}
     *
     * @param other the other operand, broadcast with this tensor
     * @throws IllegalArgumentException if the shapes do not broadcast; the message names both
     */
    public Tensor logicalOr(Tensor other) {
        return Comparison.or(this, other);
    }

    /**
     * The sum over several dimensions (grad fn {@code Sum}; int64 for int64 and bool, as {@link #sum()}).
     *
     * @param dims the dimensions, each once, negative counted from the end; empty means all, as PyTorch
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the sum, the dimensions removed unless {@code keepDim}
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Sum.apply(this, dims, keepDim);
    }

    /**
     * The mean over several dimensions (grad fn {@code Mean}; NaN over no elements).
     *
     * @param dims the dimensions, each once, negative counted from the end; empty means all, as PyTorch
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the mean, the dimensions removed unless {@code keepDim}
     * @throws IndexOutOfBoundsException if a dimension is out of range (0 or -1 are accepted on a 0-d tensor)
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Mean.apply(this, dims, keepDim);
    }

    /**
     * The maximum values along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Max};
     * the gradient goes to the first maximal element).
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the maximum values along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Max})
     * @throws IllegalArgumentException if {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor max(int dim, boolean keepDim) {
        return Max.apply(this, dim, keepDim);
    }

    /**
     * The minimum of all elements, 0-d (grad fn {@code Min}); the gradient is shared evenly among
     * tied minima, as PyTorch's {@code min()}; a NaN is the minimum.
     *
     * @return the minimum of all elements, 0-d (grad fn {@code Min})
     * @throws IllegalArgumentException if this tensor is empty
     */
    public Tensor min() {
        return Min.apply(this);
    }

    /**
     * The minimum values along {@code dim}, which is removed (grad fn {@code Min}); the gradient goes
     * to the first minimal element, as PyTorch's {@code min(dim)}.
     *
     * @param dim the dimension; negative values count from the end
     * @return the minimum values along {@code dim}, which is removed (grad fn {@code Min})
     * @throws IllegalArgumentException if {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor min(int dim) {
        return Min.apply(this, dim, false);
    }

    /**
     * The minimum values along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Min}).
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the minimum values along {@code dim}, kept as size 1 when {@code keepDim} (grad fn {@code Min})
     * @throws IllegalArgumentException if {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor min(int dim, boolean keepDim) {
        return Min.apply(this, dim, keepDim);
    }

    /**
     * The row-major index of the first maximum of all elements, a 0-d int64 tensor outside any graph;
     * a NaN counts as the maximum.
     *
     * @return the row-major index of the first maximum of all elements, a 0-d int64 tensor outside any graph
     * @throws IllegalArgumentException if this tensor is bool or empty
     */
    public Tensor argmax() {
        return ArgExtreme.apply(this, false);
    }

    /**
     * The index along {@code dim} of the first maximum of each slice, int64, {@code dim} removed;
     * a NaN counts as the maximum.
     *
     * @param dim the dimension; negative values count from the end
     * @return the index along {@code dim} of the first maximum of each slice, int64, {@code dim} removed
     * @throws IllegalArgumentException if this tensor is bool or {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor argmax(int dim) {
        return ArgExtreme.apply(this, dim, false, false);
    }

    /**
     * As {@link #argmax(int)}, {@code dim} kept as size 1 when {@code keepDim}.
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the {@code INT64} indices
     * @throws IllegalArgumentException if this tensor is bool or {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor argmax(int dim, boolean keepDim) {
        return ArgExtreme.apply(this, dim, keepDim, false);
    }

    /**
     * The row-major index of the first minimum of all elements, a 0-d int64 tensor outside any graph;
     * a NaN counts as the minimum, as PyTorch.
     *
     * @return the row-major index of the first minimum of all elements, a 0-d int64 tensor outside any graph
     * @throws IllegalArgumentException if this tensor is bool or empty
     */
    public Tensor argmin() {
        return ArgExtreme.apply(this, true);
    }

    /**
     * The index along {@code dim} of the first minimum of each slice, int64, {@code dim} removed.
     *
     * @param dim the dimension; negative values count from the end
     * @return the index along {@code dim} of the first minimum of each slice, int64, {@code dim} removed
     * @throws IllegalArgumentException if this tensor is bool or {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor argmin(int dim) {
        return ArgExtreme.apply(this, dim, false, true);
    }

    /**
     * As {@link #argmin(int)}, {@code dim} kept as size 1 when {@code keepDim}.
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the {@code INT64} indices
     * @throws IllegalArgumentException if this tensor is bool or {@code dim} has size 0
     * @throws IndexOutOfBoundsException if {@code dim} is out of range
     */
    public Tensor argmin(int dim, boolean keepDim) {
        return ArgExtreme.apply(this, dim, keepDim, true);
    }

    /**
     * The variance along {@code dim}, {@code Σ (x − mean)² / (n − correction)} (grad fn {@code Var});
     * {@code correction} 1 is the unbiased estimate, 0 the population variance; {@code n ≤ correction}
     * gives ∞ or NaN, as PyTorch.
     *
     * @param dim the dimension; negative values count from the end
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the variance along {@code dim}, {@code Σ (x − mean)² / (n − correction)} (grad fn {@code Var})
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor var(int dim, int correction, boolean keepDim) {
        return Var.apply(this, new int[] {dim}, correction, keepDim);
    }

    /**
     * The variance over several dimensions (grad fn {@code Var}), as {@link #var(int, int, boolean)}.
     *
     * @param dims the dimensions, each once, negative counted from the end; empty means all
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the variance over several dimensions (grad fn {@code Var}), as {@link #var(int, int, boolean)}
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Var.apply(this, dims, correction, keepDim);
    }

    /**
     * {@return the unbiased variance (correction 1) of all elements, 0-d (grad fn {@code Var}; NaN for one element)}
     */
    public Tensor var() {
        return Var.apply(this, new int[0], 1, false);
    }

    /**
     * The standard deviation along {@code dim}, {@code √var} (grad fn {@code Std}; the gradient is 0
     * where it is 0, as PyTorch).
     *
     * @param dim the dimension; negative values count from the end
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the standard deviation along {@code dim}, {@code √var} (grad fn {@code Std})
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor std(int dim, int correction, boolean keepDim) {
        return Std.apply(this, new int[] {dim}, correction, keepDim);
    }

    /**
     * The standard deviation over several dimensions (grad fn {@code Std}).
     *
     * @param dims the dimensions, each once, negative counted from the end; empty means all
     * @param correction subtracted from the number of elements in the divisor (1: Bessel's unbiased estimate, 0:
     *     the population variance)
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @return the standard deviation over several dimensions (grad fn {@code Std})
     * @throws IndexOutOfBoundsException if a dimension is out of range
     * @throws IllegalArgumentException if a dimension is named twice
     */
    public Tensor std(int[] dims, int correction, boolean keepDim) {
        return Std.apply(this, dims, correction, keepDim);
    }

    /** {@return the unbiased standard deviation (correction 1) of all elements, 0-d (grad fn {@code Std})} */
    public Tensor std() {
        return Std.apply(this, new int[0], 1, false);
    }

    /**
     * {@return {@code ln Σ_dim e^x}, computed with the maximum subtracted so no finite input overflows
     * (grad fn {@code Logsumexp}); a slice of only −∞ gives −∞}
     *
     * @param dim the dimension; negative values count from the end
     * @param keepDim whether the reduced dimension stays in the result, with size 1
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor logsumexp(int dim, boolean keepDim) {
        return Logsumexp.apply(this, dim, keepDim);
    }

    /**
     * {@return the cumulative sum along {@code dim}, of this tensor's shape (grad fn {@code Cumsum});
     * int64 for int64 and bool, as PyTorch}
     *
     * @param dim the dimension; negative values count from the end
     * @throws IndexOutOfBoundsException if {@code dim} is out of range (0 or -1 are accepted on a 0-d tensor)
     */
    public Tensor cumsum(int dim) {
        return Cumsum.apply(this, dim);
    }

    /**
     * {@return the 2-norm {@code √Σ x²} of all elements, 0-d (grad fn {@code Norm}; the gradient at the
     * zero vector is 0, as PyTorch's subgradient)}
     */
    public Tensor norm() {
        return Norm.apply(this);
    }

    /**
     * Replaces this leaf's values by {@code values}'s, outside autograd (PyTorch's
     * {@code t.data = values}): the tensor object stays the same, so whoever holds it (an
     * optimizer, a layer) sees the new values, shape and dtype. A gradient it holds is converted to
     * the new dtype. Graphs recorded before that read this tensor refuse to backward (the version
     * of the old array is bumped). A gradient of another shape is dropped. For
     * {@code Layer.to(DType)}, which converts parameters in place.
     *
     * @param values the new values (shared, not copied)
     * @throws IllegalStateException if this tensor is not a leaf
     * @throws IllegalArgumentException if this tensor requires grad and {@code values} is not floating
     */
    public void setData(Tensor values) {
        if (gradFn != null) {
            throw new IllegalStateException("setData: only a leaf's values can be replaced, but this tensor of shape "
                    + shape() + " was made by " + gradFn.name());
        }
        if (requiresGrad && !values.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("setData: this tensor of shape " + shape() + " requires grad, so its"
                    + " values must be floating, not " + values.dtype().label());
        }
        data.bumpVersion();
        data = values.data;
        if (grad != null && !grad.shape().equals(values.shape())) {
            grad = null; // a gradient of the old shape fits nothing now
        } else if (grad != null && grad.dtype() != values.dtype()) {
            grad = new Tensor(Casts.to(grad.data, values.dtype()));
        }
    }

    /** {@return a leaf that shares this tensor's values, outside any graph, not requiring grad} */
    public Tensor detach() {
        return new Tensor(data);
    }

    /**
     * This tensor in another dtype (PyTorch's {@code to(dtype)}): the same tensor when it already
     * has {@code dtype}, otherwise a converted copy (grad fn {@code To}, differentiable between the
     * floating dtypes: the gradient arrives in this tensor's dtype). Conversions follow Java's
     * casts: float to int64 truncates toward zero, a number to bool is {@code value != 0}.
     *
     * @param dtype the element type
     * @return the tensor in {@code dtype}
     */
    public Tensor to(DType dtype) {
        return To.apply(this, dtype);
    }

    // ------------------------------------------------------------------ autograd

    /**
     * Backward from this tensor with gradient 1 in every element: {@code backward(1.0)}.
     *
     * @throws IllegalStateException if this tensor does not require grad, or its graph was freed
     */
    public void backward() {
        backward(1.0);
    }

    /**
     * Backward from this tensor with gradient {@code seed} in every element of its shape.
     *
     * @param seed the upstream gradient in every element
     * @throws IllegalStateException if this tensor does not require grad, or its graph was freed
     */
    public void backward(double seed) {
        backward(new Tensor(NDArray.full(dtype(), shape(), seed)), false, false);
    }

    /**
     * Backward from this tensor with the given upstream gradient; the graph is freed afterwards.
     *
     * @param grad a tensor whose shape broadcasts to this tensor's; it is expanded to that shape
     * @throws IllegalArgumentException if {@code grad}'s shape does not broadcast to this one's
     * @throws IllegalStateException if this tensor does not require grad, or its graph was freed
     */
    public void backward(Tensor grad) {
        backward(grad, false, false);
    }

    /**
     * Backward from this tensor; with {@code retainGraph} the graph is kept for another backward.
     *
     * @param grad the upstream gradient, broadcast to this tensor's shape
     * @param retainGraph whether to keep the graph for another backward pass
     * @throws IllegalArgumentException if {@code grad}'s shape does not broadcast to this one's
     * @throws IllegalStateException if this tensor does not require grad, or its graph was freed
     * @see #backward(Tensor, boolean, boolean)
     */
    public void backward(Tensor grad, boolean retainGraph) {
        backward(grad, retainGraph, false);
    }

    /**
     * Computes the gradient of this tensor with respect to every tensor of its graph that requires
     * grad, and adds it to their {@link #grad()} (leaves and intermediates alike).
     *
     * @param grad the upstream gradient; its shape must broadcast to this tensor's
     * @param retainGraph keep the graph for another backward pass; when false, it is freed and a
     *     second backward through it throws {@code IllegalStateException}
     * @param createGraph record the backward pass itself, so that gradients can be differentiated
     *     again (implies {@code retainGraph})
     * @throws IllegalArgumentException if {@code grad}'s shape does not broadcast to this one's
     * @throws IllegalStateException if this tensor does not require grad, or its graph was freed
     */
    public void backward(Tensor grad, boolean retainGraph, boolean createGraph) {
        checkBackward();
        Engine.run(this, seed("backward", grad), retainGraph || createGraph, createGraph, null);
    }

    /**
     * The accumulated gradient.
     *
     * @return the gradient, or {@code null} before any gradient reached this tensor
     * @throws IllegalStateException if a backward pass failed after adding into it, so that it
     *     holds part of that pass's gradient; {@link #zeroGrad()} clears it
     */
    public Tensor grad() {
        if (partialGrad != null) {
            throw new IllegalStateException(partialGrad);
        }
        return grad;
    }

    /** Resets the gradient to {@code null}, as PyTorch's default {@code zero_grad(set_to_none=True)}. */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Registers a hook on this tensor's gradient (PyTorch's {@code register_hook}): during each
     * backward pass, once this tensor's whole gradient is known (summed over every path that uses
     * it), the hooks run in registration order, each seeing the previous one's result, before the
     * gradient is accumulated into {@link #grad()} or passed on to the tensors this one was made
     * from. A hook that returns a tensor replaces the gradient (it must have the gradient's shape
     * and dtype); one that returns {@code null} leaves it as it is. Hooks run in
     * {@link Autograd#grad} passes too.
     *
     * @param hook the hook; it may read the gradient, but must not write its values in place
     * @return a handle whose {@code remove()} unregisters the hook
     * @throws IllegalStateException if this tensor does not require grad
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public HookHandle registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: this tensor of shape " + shape() + " does not require grad,"
                    + " so no gradient will reach it; call requiresGrad(true) on a leaf (or register the hook on a"
                    + " tensor computed from one)");
        }
        if (hook == null) {
            throw new IllegalArgumentException("registerHook: the hook is null; pass a function of the gradient");
        }
        if (hooks == null) {
            hooks = new ArrayList<>();
        }
        List<UnaryOperator<Tensor>> list = hooks;
        list.add(hook);
        return new HookHandle(() -> {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == hook) {
                    list.remove(i);
                    return;
                }
            }
        });
    }

    /**
     * Resets the gradient: to {@code null} when {@code setToNone} (as {@link #zeroGrad()}), else to
     * zeros in place, as PyTorch's {@code zero_grad(set_to_none=False)}. In-place zeros keep the
     * gradient's array, so the next backward adds into it instead of allocating a new one (the
     * cheaper choice in a long training loop); a tensor holding such a gradient sees it change.
     * A gradient that has a graph of its own (from {@code createGraph}) is replaced by fresh zeros,
     * detached; a {@code null} gradient stays {@code null}.
     *
     * @param setToNone {@code true} for {@code null}, {@code false} for zeros
     */
    public void zeroGrad(boolean setToNone) {
        partialGrad = null;
        if (setToNone || grad == null) {
            grad = null;
        } else if (grad.requiresGrad()) {
            grad = new Tensor(NDArray.zeros(grad.dtype(), shape()));
        } else {
            Casts.fill(grad.data, 0.0);
            grad.data.bumpVersion();
        }
    }

    /** {@return the node of the operation that made this tensor, or {@code null} for a leaf} */
    public GradFn gradFn() {
        return gradFn;
    }

    /** {@return whether this tensor was not made by a recorded operation} */
    public boolean isLeaf() {
        return gradFn == null;
    }

    // ------------------------------------------------------------------ reading values

    /** {@return the element type} */
    public DType dtype() {
        return data.dtype();
    }

    /** {@return the shape} */
    public Shape shape() {
        return data.shape();
    }

    /** {@return the rank (number of dimensions)} */
    public int dim() {
        return data.shape().rank();
    }

    /** {@return the number of elements} */
    public int numel() {
        return data.numel();
    }

    /**
     * The value of a single-element tensor, as a double (1.0 / 0.0 for bool).
     *
     * @return the value of a single-element tensor, as a double (1.0 / 0.0 for bool)
     * @throws IllegalStateException if this tensor does not have exactly one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: only a single-element tensor has an item, but shape "
                    + shape() + " has " + numel() + " elements; use getDouble(index…) or toArray()");
        }
        return data.getDouble(0);
    }

    /**
     * One element, read without recording anything.
     *
     * @param index one index per dimension; negative values count from the end
     * @return one element, read without recording anything
     * @throws IllegalArgumentException if the number of indices differs from the rank
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double getDouble(int... index) {
        return data.getDouble(flatIndex("getDouble", index));
    }

    /**
     * One element as a long, converted as a Java cast does ({@code (long) 2.7 == 2}), read without
     * recording anything.
     *
     * @param index one index per dimension; negative values count from the end
     * @return one element as a long, converted as a Java cast does ({@code (long) 2.7 == 2}), read without
     *     recording anything
     * @throws IllegalArgumentException if the number of indices differs from the rank
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public long getLong(int... index) {
        return data.getLong(flatIndex("getLong", index));
    }

    private int flatIndex(String op, int[] index) {
        if (index.length != dim()) {
            throw new IllegalArgumentException(op + ": shape " + shape() + " needs " + dim()
                    + " indices, got " + index.length + "; use get(index…) for a sub-tensor");
        }
        return Index.offset(op, shape(), index);
    }

    /** {@return a row-major copy of the values as doubles, whatever the dtype (1.0 / 0.0 for bool)} */
    public double[] toArray() {
        return Casts.toDoubles(data);
    }

    /** {@return a row-major copy of the values as floats, converted as Java casts do} */
    public float[] toFloatArray() {
        return Casts.toFloats(data);
    }

    /** {@return a row-major copy of the values as longs, converted as Java casts do (toward zero)} */
    public long[] toLongArray() {
        return Casts.toLongs(data);
    }

    /** {@return a row-major copy of the values as booleans: {@code value != 0} for numeric dtypes} */
    public boolean[] toBooleanArray() {
        return Casts.toBooleans(data);
    }

    /**
     * The untracked array behind this tensor, shared, not copied (as PyTorch's {@code tensor.data}):
     * writing to it changes this tensor's values without autograd knowing. For optimizers,
     * kernels and data loading inside jgrad. Code that writes it calls {@link NDArray#bumpVersion()},
     * so that a backward pass that saved the old values refuses to run instead of using the new ones.
     *
     * @return the array
     */
    public NDArray array() {
        return data;
    }

    /**
     * The values NumPy-style, then {@code dtype=float32} (or {@code int64}, {@code bool}) for a
     * tensor that is not float64, then {@code gradFn=Name} for an operation's result or
     * {@code requiresGrad=true} for a leaf that requires grad: {@code 3.0 gradFn=Add},
     * {@code [1 2 3] dtype=int64}.
     */
    @Override
    public String toString() {
        String values = formatValues();
        if (dtype() != DType.FLOAT64) {
            values += " dtype=" + dtype().label();
        }
        if (gradFn != null) {
            return values + " gradFn=" + gradFn.name();
        }
        return requiresGrad ? values + " requiresGrad=true" : values;
    }

    // ------------------------------------------------------------------ engine hooks

    // the values as NumPy prints an array of this dtype (from a copy the array layer makes)
    private String formatValues() {
        int[] dims = shape().toArray();
        switch (dtype()) {
            case FLOAT64:
                return NumpyFormat.format(Casts.toDoubles(data), dims);
            case FLOAT32:
                return NumpyFormat.formatFloat32(Casts.toFloats(data), dims);
            case INT64:
                return NumpyFormat.formatInt64(Casts.toLongs(data), dims);
            case BOOL:
                return NumpyFormat.formatBool(Casts.toBooleans(data), dims);
            default:
                throw new AssertionError(dtype());
        }
    }

    // a Java number given to a binary operation: the weakest operand in type promotion
    private static Tensor number(double v) {
        return new Tensor(NDArray.wrappedScalar(v));
    }

    void recordedBy(GradFn fn) {
        gradFn = fn;
        requiresGrad = true;
    }

    void setGrad(Tensor g) {
        grad = g;
    }

    // the gradient as it is, for the engine (grad() refuses a partial one)
    Tensor heldGrad() {
        return grad;
    }

    /** The hooks registered on this tensor, or {@code null}; for the engine. */
    List<UnaryOperator<Tensor>> hooks() {
        return hooks == null || hooks.isEmpty() ? null : hooks;
    }

    /** Marks the gradient as partial: a backward pass failed after adding into it. */
    void markPartialGrad(String why) {
        partialGrad = why;
    }

    void checkBackward() {
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor of shape " + shape()
                    + " does not require grad, so there is nothing to differentiate; call requiresGrad(true)"
                    + " on the leaves before computing it, outside GradMode.noGrad()");
        }
    }

    /** The seed gradient of a pass, expanded to this tensor's shape. */
    Tensor seed(String op, Tensor grad) {
        if (!Broadcast.broadcastsTo(grad.shape(), shape())) {
            throw new IllegalArgumentException(op + ": gradient of shape " + grad.shape()
                    + " does not broadcast to the tensor's shape " + shape()
                    + "; pass a gradient of shape " + shape() + " or one that broadcasts to it");
        }
        Tensor g = grad.dtype() == dtype() ? grad : grad.to(dtype());
        return g.shape().equals(shape()) ? g : Expand.apply(g, shape());
    }
}
