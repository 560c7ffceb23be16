package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every error of the element-wise functions and reductions of contract v2: the exception type
 * (IllegalArgumentException for arguments, shapes and dtypes that do not fit,
 * IndexOutOfBoundsException for a dim out of range) and a message that starts with the operation
 * and names the shape as {@code (2, 3)}, the offending value, and the fix.
 */
class ElementwiseErrorsTest {

    private static final Tensor A23 = Tensor.zeros(2, 3);
    private static final Tensor BOOLS = Tensor.fromArray(new boolean[] {true, false, true}, 3);

    @Test
    void roundingFunctionsRejectBool() {
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("floor", Tensor::floor);
        ops.put("ceil", Tensor::ceil);
        ops.put("round", Tensor::round);
        for (Map.Entry<String, Function<Tensor, Tensor>> e : ops.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(BOOLS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("bool")
                    .hasMessageContaining("(3,)")
                    .hasMessageContaining("to(DType.INT64)");
        }
    }

    @Test
    void binaryFunctionsRejectShapesThatDoNotBroadcast() {
        Map<String, BiFunction<Tensor, Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("maximum", Tensor::maximum);
        ops.put("minimum", Tensor::minimum);
        ops.put("eq", Tensor::eq);
        ops.put("ne", Tensor::ne);
        ops.put("lt", Tensor::lt);
        ops.put("le", Tensor::le);
        ops.put("gt", Tensor::gt);
        ops.put("ge", Tensor::ge);
        ops.put("logicalAnd", Tensor::logicalAnd);
        ops.put("logicalOr", Tensor::logicalOr);
        for (Map.Entry<String, BiFunction<Tensor, Tensor, Tensor>> e : ops.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(A23, Tensor.zeros(4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("(2, 3)")
                    .hasMessageContaining("(4,)")
                    .hasMessageContaining("broadcast");
        }
    }

    @Test
    void reductionsOverDimsRejectARepeatedDim() {
        Map<String, Function<int[], Tensor>> ops = new LinkedHashMap<>();
        ops.put("sum", d -> A23.sum(d, false));
        ops.put("mean", d -> A23.mean(d, true));
        ops.put("var", d -> A23.var(d, 1, false));
        ops.put("std", d -> A23.std(d, 0, true));
        for (Map.Entry<String, Function<int[], Tensor>> e : ops.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(new int[] {1, 0, -1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("dimension 1 appears more than once")
                    .hasMessageContaining("[1, 0, -1]")
                    .hasMessageContaining("(2, 3)");
        }
        assertThatThrownBy(() -> Tensor.scalar(1).sum(new int[] {0, -1}, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sum:")
                .hasMessageContaining("dimension 0 appears more than once")
                .hasMessageContaining("()");
    }

    @Test
    void everyDimOutOfRangeIsAnIndexError() {
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("sum", x -> x.sum(new int[] {0, 2}, false));
        ops.put("mean", x -> x.mean(new int[] {-3}, false));
        ops.put("var", x -> x.var(2, 1, false));
        ops.put("var ", x -> x.var(new int[] {5}, 1, true));
        ops.put("std", x -> x.std(-3, 1, false));
        ops.put("std ", x -> x.std(new int[] {0, 7}, 1, false));
        ops.put("max", x -> x.max(2, true));
        ops.put("min", x -> x.min(2));
        ops.put("min ", x -> x.min(-3, true));
        ops.put("argmax", x -> x.argmax(2));
        ops.put("argmin", x -> x.argmin(-3, true));
        ops.put("logsumexp", x -> x.logsumexp(2, false));
        ops.put("cumsum", x -> x.cumsum(-3));
        for (Map.Entry<String, Function<Tensor, Tensor>> e : ops.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(A23))
                    .as(e.getKey())
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageStartingWith(e.getKey().trim() + ":")
                    .hasMessageContaining("(2, 3)")
                    .hasMessageContaining("[-2, 1]");
        }
        Tensor s = Tensor.scalar(1);
        for (Map.Entry<String, Function<Tensor, Tensor>> e : Map.<String, Function<Tensor, Tensor>>of(
                "cumsum", x -> x.cumsum(1), "logsumexp", x -> x.logsumexp(-2, true), "argmax", x -> x.argmax(1),
                "min", x -> x.min(1), "var", x -> x.var(1, 0, false)).entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(s))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("shape ()")
                    .hasMessageContaining("0 or -1");
        }
    }

    @Test
    void extremesOfNothingAreRejected() {
        Tensor empty = Tensor.zeros(0, 3);
        Map<String, Function<Tensor, Tensor>> alongDim = new LinkedHashMap<>();
        alongDim.put("max", x -> x.max(0, true));
        alongDim.put("min", x -> x.min(0));
        alongDim.put("argmax", x -> x.argmax(0));
        alongDim.put("argmin", x -> x.argmin(-2, true));
        for (Map.Entry<String, Function<Tensor, Tensor>> e : alongDim.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(empty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("(0, 3)")
                    .hasMessageContaining("has size 0")
                    .hasMessageContaining("non-empty dimension");
        }
        Map<String, Function<Tensor, Tensor>> all = new LinkedHashMap<>();
        all.put("min", Tensor::min);
        all.put("argmax", Tensor::argmax);
        all.put("argmin", Tensor::argmin);
        for (Map.Entry<String, Function<Tensor, Tensor>> e : all.entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(empty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("(0, 3)")
                    .hasMessageContaining("no elements")
                    .hasMessageContaining(e.getKey() + "(dim)");
        }
    }

    @Test
    void argExtremesRejectBool() {
        for (Map.Entry<String, Function<Tensor, Tensor>> e : Map.<String, Function<Tensor, Tensor>>of(
                "argmax", Tensor::argmax, "argmin", x -> x.argmin(0, false)).entrySet()) {
            assertThatThrownBy(() -> e.getValue().apply(BOOLS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(e.getKey() + ":")
                    .hasMessageContaining("bool")
                    .hasMessageContaining("(3,)")
                    .hasMessageContaining("to(DType.INT64)");
        }
    }
}
