package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dtype contract (API.md, "Contract v2 → io.jgrad.DType"): creation, reading, printing,
 * conversion, which tensors may require grad, gradients' dtypes and PyTorch's promotion rules.
 */
class DTypeTest {

    private static final Tensor F32 = Tensor.fromArray(new float[] {1.5f, -2f}, 2);
    private static final Tensor F64 = Tensor.of(1.5, -2);
    private static final Tensor I64 = Tensor.fromArray(new long[] {3, -4}, 2);
    private static final Tensor BOOL = Tensor.fromArray(new boolean[] {true, false}, 2);

    @Test
    void floatingPointDtypes() {
        assertThat(DType.FLOAT32.isFloatingPoint()).isTrue();
        assertThat(DType.FLOAT64.isFloatingPoint()).isTrue();
        assertThat(DType.INT64.isFloatingPoint()).isFalse();
        assertThat(DType.BOOL.isFloatingPoint()).isFalse();
        assertThat(DType.values()).containsExactly(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL);
    }

    @Test
    void everyCreationMethodWithoutADtypeMakesFloat64() {
        Random r = new Random(0);
        Tensor[] made = {
            Tensor.scalar(1), Tensor.of(1, 2, 3), Tensor.of(new double[][] {{1}}), Tensor.of(new double[][][] {{{1}}}),
            Tensor.fromArray(new double[] {1}, 1), Tensor.zeros(2), Tensor.ones(2), Tensor.full(3, 2),
            Tensor.rand(r, 2), Tensor.randn(r, 2), Tensor.arange(3), Tensor.eye(2),
        };
        for (Tensor t : made) {
            assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
        }
        // Java picks of(double...) for integer literals: still float64
        assertThat(Tensor.of(1, 2, 3).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void creationOverloadsTakeADtypeFirst() {
        for (DType d : DType.values()) {
            assertThat(Tensor.zeros(d, 2, 3).dtype()).isEqualTo(d);
            assertThat(Tensor.ones(d, 2).dtype()).isEqualTo(d);
            assertThat(Tensor.full(2.5, d, 2).dtype()).isEqualTo(d);
            assertThat(Tensor.arange(d, 3).dtype()).isEqualTo(d);
            assertThat(Tensor.eye(d, 2).dtype()).isEqualTo(d);
        }
        assertThat(Tensor.full(2.7, DType.INT64, 2).toLongArray()).containsExactly(2, 2);
        assertThat(Tensor.full(0.5, DType.BOOL, 1).toBooleanArray()).containsExactly(true);
        assertThat(Tensor.ones(DType.BOOL, 2).toBooleanArray()).containsExactly(true, true);
        assertThat(Tensor.eye(DType.INT64, 2).toLongArray()).containsExactly(1, 0, 0, 1);
        assertThat(Tensor.arange(DType.FLOAT32, 3).toFloatArray()).containsExactly(0f, 1f, 2f);

        Tensor r32 = Tensor.rand(new Random(1), DType.FLOAT32, 1000);
        assertThat(r32.dtype()).isEqualTo(DType.FLOAT32);
        for (float v : r32.toFloatArray()) {
            assertThat(v).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        }
        assertThat(Tensor.randn(new Random(1), DType.FLOAT32, 3).dtype()).isEqualTo(DType.FLOAT32);
        // the float64 draws are those of before dtypes existed: nextDouble / nextGaussian per element
        assertThat(Tensor.rand(new Random(5), 2).toArray())
                .containsExactly(new Random(5).nextDouble(), nextSecondDouble(new Random(5)));
        assertThatThrownBy(() -> Tensor.rand(new Random(1), DType.INT64, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int64");
        assertThatThrownBy(() -> Tensor.randn(new Random(1), DType.BOOL, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
    }

    private static double nextSecondDouble(Random r) {
        r.nextDouble();
        return r.nextDouble();
    }

    @Test
    void fromArrayOverloadsChooseTheDtypeByTheArrayType() {
        assertThat(Tensor.fromArray(new float[] {1, 2}, 2).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.fromArray(new long[] {1, 2}, 2, 1).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.fromArray(new boolean[] {true}, 1).dtype()).isEqualTo(DType.BOOL);
        float[] src = {1, 2};
        Tensor t = Tensor.fromArray(src, 2);
        src[0] = 99;
        assertThat(t.toFloatArray()).as("copied").containsExactly(1f, 2f);
        assertThatThrownBy(() -> Tensor.fromArray(new long[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> Tensor.fromArray(new boolean[] {true}, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingConvertsAsJavaCastsDo() {
        Tensor f = Tensor.of(2.7, -2.7, 0.0, Double.NaN, 1e300);
        assertThat(f.toLongArray()).containsExactly((long) 2.7, (long) -2.7, 0L, (long) Double.NaN, (long) 1e300);
        assertThat(f.toFloatArray()).containsExactly(2.7f, -2.7f, 0f, Float.NaN, Float.POSITIVE_INFINITY);
        assertThat(f.toBooleanArray()).containsExactly(true, true, false, true, true);
        assertThat(f.getLong(0)).isEqualTo(2);
        assertThat(I64.toArray()).containsExactly(3.0, -4.0);
        assertThat(I64.getDouble(1)).isEqualTo(-4.0);
        assertThat(I64.getLong(-1)).isEqualTo(-4);
        assertThat(BOOL.toArray()).containsExactly(1.0, 0.0);
        assertThat(BOOL.toLongArray()).containsExactly(1L, 0L);
        assertThat(BOOL.getDouble(0)).isEqualTo(1.0);
        assertThat(F32.toArray()).containsExactly(1.5, -2.0);
        assertThat(Tensor.fromArray(new long[] {Long.MAX_VALUE}, 1).toArray()).containsExactly((double) Long.MAX_VALUE);
        assertThat(Tensor.fromArray(new long[] {7}).item()).isEqualTo(7.0);
        assertThat(Tensor.fromArray(new boolean[] {true}).item()).isEqualTo(1.0);
        assertThatThrownBy(() -> I64.getLong(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toStringNamesTheDtypeOfAnythingButFloat64() {
        assertThat(F64.toString()).isEqualTo("[ 1.5 -2. ]");
        assertThat(F32.toString()).isEqualTo("[ 1.5 -2. ] dtype=float32");
        assertThat(I64.toString()).isEqualTo("[ 3 -4] dtype=int64");
        assertThat(BOOL.toString()).isEqualTo("[ True False] dtype=bool");
        assertThat(Tensor.fromArray(new float[] {0.1f}).reshape().toString()).isEqualTo("0.1 dtype=float32");
        Tensor x = Tensor.fromArray(new float[] {1f}, 1).requiresGrad(true);
        assertThat(x.toString()).isEqualTo("[1.] dtype=float32 requiresGrad=true");
        assertThat(x.mul(2.0).toString()).isEqualTo("[2.] dtype=float32 gradFn=Mul");
    }

    @Test
    void onlyFloatingTensorsRequireGrad() {
        assertThatThrownBy(() -> Tensor.zeros(DType.INT64, 2, 3).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int64").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Tensor.zeros(DType.BOOL, 2).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
        assertThat(Tensor.zeros(DType.INT64, 2).requiresGrad(false).requiresGrad()).isFalse();
        assertThat(Tensor.zeros(DType.FLOAT32, 2).requiresGrad(true).requiresGrad()).isTrue();
    }

    @Test
    void toReturnsTheSameTensorOrAConvertedCopy() {
        assertThat(F32.to(DType.FLOAT32)).isSameAs(F32);
        Tensor x = Tensor.of(1.25, -2.5).requiresGrad(true);
        Tensor y = x.to(DType.FLOAT32);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y.gradFn().name()).isEqualTo("To");
        y.mul(Tensor.fromArray(new float[] {2f, 4f}, 2)).sum().backward();
        assertThat(x.grad().dtype()).as("the gradient arrives in the source dtype").isEqualTo(DType.FLOAT64);
        assertThat(x.grad().toArray()).containsExactly(2.0, 4.0);

        Tensor i = x.to(DType.INT64);
        assertThat(i.dtype()).isEqualTo(DType.INT64);
        assertThat(i.gradFn()).as("no gradient flows into an integer tensor").isNull();
        assertThat(i.requiresGrad()).isFalse();
        assertThat(i.toLongArray()).containsExactly(1, -2);
        assertThat(x.to(DType.BOOL).toBooleanArray()).containsExactly(true, true);
        assertThat(BOOL.to(DType.INT64).toLongArray()).containsExactly(1, 0);
        assertThat(I64.to(DType.FLOAT32).toFloatArray()).containsExactly(3f, -4f);
        Tensor src = Tensor.of(1, 2);
        Tensor copy = src.to(DType.FLOAT32);
        src.array().data()[0] = 5;
        assertThat(copy.toFloatArray()).as("a converted copy").containsExactly(1f, 2f);
    }

    @Test
    void gradientsHaveTheirTensorsDtype() {
        Tensor a = Tensor.fromArray(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(0.5, 0.25, 2).requiresGrad(true);
        Tensor y = a.mul(b).exp().sum();
        assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
        y.backward();
        assertThat(a.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(b.grad().dtype()).isEqualTo(DType.FLOAT64);
        for (int i = 0; i < 3; i++) {
            double expected = b.getDouble(i) * Math.exp(a.getDouble(i) * b.getDouble(i));
            assertThat(a.grad().getDouble(i)).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        Tensor x32 = Tensor.fromArray(new float[] {1, 2}, 2).requiresGrad(true);
        x32.tanh().sum().backward();
        assertThat(x32.grad().dtype()).isEqualTo(DType.FLOAT32);
        Tensor s = Tensor.fromArray(new float[] {3f}).reshape().requiresGrad(true);
        s.mul(2.0).backward(Tensor.scalar(1.0));
        assertThat(s.grad().dtype()).as("a float64 seed is converted to the tensor's dtype").isEqualTo(DType.FLOAT32);
        assertThat(s.grad().item()).isEqualTo(2.0);
    }

    @Test
    void binaryOperationsPromoteAsPyTorch() {
        Tensor s64 = Tensor.scalar(2);
        Tensor s32 = Tensor.fromArray(new float[] {2f}).reshape();
        Tensor si = Tensor.fromArray(new long[] {2}).reshape();
        Tensor sb = Tensor.fromArray(new boolean[] {true}).reshape();
        // dimensioned with dimensioned: the wider
        assertThat(F32.mul(F64).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.mul(F32).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(BOOL.add(I64).dtype()).isEqualTo(DType.INT64);
        assertThat(BOOL.mul(BOOL).dtype()).isEqualTo(DType.BOOL);
        assertThat(I64.add(I64).dtype()).isEqualTo(DType.INT64);
        // a 0-d tensor does not widen a dimensioned one of the same kind...
        assertThat(F32.mul(s64).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(I64.mul(sb).dtype()).isEqualTo(DType.INT64);
        // ...but one of a higher kind does
        assertThat(I64.mul(s32).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(I64.mul(s64).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(BOOL.add(si).dtype()).isEqualTo(DType.INT64);
        // two 0-d tensors promote normally
        assertThat(s32.mul(s64).dtype()).isEqualTo(DType.FLOAT64);
        // a Java double never widens a floating tensor; it makes an integer or bool one float64
        assertThat(F32.mul(0.5).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(s32.mul(0.5).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(F32.add(1e300).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(I64.mul(0.5).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.mul(0.5).toArray()).containsExactly(1.5, -2.0);
        assertThat(BOOL.add(1.0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.pow(2.0).dtype()).isEqualTo(DType.FLOAT64);
        // true division
        assertThat(I64.div(I64).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.fromArray(new long[] {7}, 1).div(Tensor.fromArray(new long[] {2}, 1)).toArray())
                .containsExactly(3.5);
        assertThat(BOOL.div(BOOL).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(F32.div(I64).dtype()).isEqualTo(DType.FLOAT32);
        // float32 arithmetic is single precision
        Tensor third = Tensor.fromArray(new float[] {1f}, 1).div(3.0);
        assertThat(third.toFloatArray()[0]).isEqualTo(1f / 3f);
    }

    @Test
    void integerAndBoolArithmeticFollowsPyTorch() {
        assertThat(I64.add(I64).toLongArray()).containsExactly(6, -8);
        assertThat(I64.mul(I64).toLongArray()).containsExactly(9, 16);
        assertThat(I64.sub(Tensor.fromArray(new long[] {1}, 1)).toLongArray()).containsExactly(2, -5);
        assertThat(I64.neg().toLongArray()).containsExactly(-3, 4);
        assertThat(I64.abs().toLongArray()).containsExactly(3, 4);
        assertThat(I64.relu().toLongArray()).containsExactly(3, 0);
        assertThat(I64.pow(Tensor.fromArray(new long[] {3}, 1)).toLongArray()).containsExactly(27, -64);
        assertThat(I64.sum().dtype()).isEqualTo(DType.INT64);
        assertThat(I64.sum().item()).isEqualTo(-1.0);
        assertThat(BOOL.sum().dtype()).as("bools sum as integers").isEqualTo(DType.INT64);
        assertThat(Tensor.ones(DType.BOOL, 5).sum().item()).isEqualTo(5.0);
        assertThat(I64.max().dtype()).isEqualTo(DType.INT64);
        assertThat(I64.max().item()).isEqualTo(3.0);
        assertThat(BOOL.max(0).dtype()).isEqualTo(DType.BOOL);
        assertThat(BOOL.add(BOOL).toBooleanArray()).as("bool + bool is or").containsExactly(true, false);
        assertThat(BOOL.mul(Tensor.fromArray(new boolean[] {true, true}, 2)).toBooleanArray())
                .as("bool · bool is and").containsExactly(true, false);
        assertThat(I64.matmul(I64).dtype()).isEqualTo(DType.INT64);
        assertThat(I64.matmul(I64).item()).isEqualTo(25.0);
        assertThat(I64.reshape(2, 1).transpose(0, 1).dtype()).isEqualTo(DType.INT64);
        assertThat(I64.get(1).item()).isEqualTo(-4.0);
        assertThat(I64.expand(2, 2).toLongArray()).containsExactly(3, -4, 3, -4);
        assertThatThrownBy(() -> I64.pow(Tensor.fromArray(new long[] {-1}, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative integer powers");
        assertThatThrownBy(BOOL::neg).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bool").hasMessageContaining("logicalNot");
        assertThatThrownBy(() -> BOOL.sub(BOOL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bool");
        assertThatThrownBy(BOOL::relu).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> F32.matmul(F64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32").hasMessageContaining("float64").hasMessageContaining("(2,)");
        assertThatThrownBy(() -> BOOL.matmul(BOOL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bool");
    }

    @Test
    void floatOnlyFunctionsPromoteIntegersToFloat64() {
        assertThat(I64.exp().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.exp().toArray()).containsExactly(Math.exp(3), Math.exp(-4));
        assertThat(BOOL.sigmoid().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.abs().log().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.tanh().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.abs().sqrt().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.mean().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.mean().item()).isEqualTo(-0.5);
        assertThat(BOOL.mean(0).item()).isEqualTo(0.5);
        assertThat(I64.softmax(0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(I64.logSoftmax(0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(F32.exp().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(F32.mean().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(F32.softmax(0).dtype()).isEqualTo(DType.FLOAT32);
    }
}
