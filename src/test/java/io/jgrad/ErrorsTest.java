package io.jgrad;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error of the API contract (API.md, "Errors" and the rules stated with each method): the
 * exception type, and a message that starts with the operation and names the shapes as
 * {@code (2, 3)}.
 */
class ErrorsTest {

    private static final Tensor A23 = Tensor.zeros(2, 3);

    // ------------------------------------------------------------------ shapes that do not broadcast

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div", "pow"})
    void binaryOpsRejectShapesThatDoNotBroadcast(String op) {
        BiFunction<Tensor, Tensor, Tensor> f = switch (op) {
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            case "div" -> Tensor::div;
            default -> Tensor::pow;
        };

        assertThatThrownBy(() -> f.apply(A23, Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(op + ":")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(4,)")
                .hasMessageContaining("broadcast");
        assertThatThrownBy(() -> f.apply(Tensor.zeros(3, 2, 1), Tensor.zeros(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 2, 1)")
                .hasMessageContaining("(4, 2)");
    }

    @Test
    void expandRejectsAShapeItDoesNotBroadcastTo() {
        assertThatThrownBy(() -> A23.expand(3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expand:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(3, 3)");
    }

    // ------------------------------------------------------------------ matmul

    @Test
    void matmulRejectsMismatchedInnerSizes() {
        assertThatThrownBy(() -> A23.matmul(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matmul:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(4, 5)");
        assertThatThrownBy(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3,)")
                .hasMessageContaining("(4,)");
        assertThatThrownBy(() -> A23.matmul(Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(2,)");
    }

    @Test
    void matmulRejectsA0dOperandShownAsEmptyParentheses() {
        assertThatThrownBy(() -> Tensor.scalar(2).matmul(Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matmul:")
                .hasMessageContaining("()")
                .hasMessageContaining("(3,)");
        assertThatThrownBy(() -> A23.matmul(Tensor.scalar(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("()");
    }

    @Test
    void matmulRejectsBatchDimensionsThatDoNotBroadcast() {
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matmul:")
                .hasMessageContaining("(2, 2, 3)")
                .hasMessageContaining("(3, 3, 4)");
    }

    // ------------------------------------------------------------------ indices

    @Test
    void getRejectsIndicesOutOfRange() {
        assertThatThrownBy(() -> A23.get(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageStartingWith("get:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("2");
        assertThatThrownBy(() -> A23.get(0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> A23.get(-3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void getRejectsMoreIndicesThanDimensions() {
        assertThatThrownBy(() -> A23.get(0, 0, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageStartingWith("get:")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Tensor.scalar(1).get(0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("()");
    }

    @Test
    void getDoubleRejectsIndicesOutOfRange() {
        assertThatThrownBy(() -> A23.getDouble(1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageStartingWith("getDouble:")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> A23.getDouble(-3, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void getDoubleRejectsTheWrongNumberOfIndices() {
        assertThatThrownBy(() -> A23.getDouble(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("getDouble:")
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void dimOutOfRangeIsAnIndexError() {
        Tensor x = Tensor.zeros(2, 3);
        List<Runnable> calls = List.of(
                () -> x.sum(2), () -> x.sum(-3, true), () -> x.mean(2), () -> x.mean(-3, false), () -> x.max(2),
                () -> x.softmax(2), () -> x.logSoftmax(-3), () -> x.transpose(0, 2), () -> x.transpose(-3, 1));
        List<String> ops = List.of("sum", "sum", "mean", "mean", "max", "softmax", "logSoftmax", "transpose",
                "transpose");
        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i)::run)
                    .as(ops.get(i))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageStartingWith(ops.get(i) + ":")
                    .hasMessageContaining("(2, 3)");
        }
        assertThatThrownBy(() -> Tensor.zeros(4).softmax(1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(4,)");
    }

    // ------------------------------------------------------------------ reshape and creation

    @Test
    void reshapeToAnotherElementCountIsRejected() {
        assertThatThrownBy(() -> A23.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reshape:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(4, 2)");
        assertThatThrownBy(() -> A23.reshape(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> A23.reshape(-1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> A23.reshape(-2, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void raggedCreationInputIsRejected() {
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tensor.of:")
                .hasMessageContaining("ragged");
        assertThatThrownBy(() -> Tensor.of(new double[][][] {{{1, 2}}, {{3, 4}, {5, 6}}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ragged");
        assertThatThrownBy(() -> Tensor.of(new double[][][] {{{1, 2}, {3}}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ragged");
    }

    @Test
    void fromArrayRejectsASizeMismatch() {
        assertThatThrownBy(() -> Tensor.fromArray(new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tensor.fromArray:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("5");
    }

    @Test
    void negativeSizesAreRejected() {
        assertThatThrownBy(() -> Tensor.zeros(2, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, -1)");
    }

    @Test
    void tOfRankAboveTwoIsRejected() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).t())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t:")
                .hasMessageContaining("(2, 3, 4)");
    }

    @Test
    void maxOfAnEmptyTensorOrDimensionIsRejected() {
        assertThatThrownBy(() -> Tensor.zeros(0, 3).max(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("max:")
                .hasMessageContaining("(0, 3)");
        assertThatThrownBy(() -> Tensor.zeros(0, 3).max())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 3)");
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void backwardTwiceNamesRetainGraph() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        Tensor d = a.mul(a);
        d.backward(1.0);

        assertThatThrownBy(() -> d.backward(1.0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("backward:")
                .hasMessageContaining("retainGraph")
                .hasMessageContaining("(2,)");
    }

    @Test
    void backwardWithoutGradIsAStateError() {
        Tensor plain = Tensor.of(1, 2).mul(2.0);

        assertThatThrownBy(plain::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("backward:")
                .hasMessageContaining("(2,)")
                .hasMessageContaining("requiresGrad");
        assertThatThrownBy(() -> plain.backward(Tensor.ones(2)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void backwardWithANonBroadcastableGradNamesBothShapes() {
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor d = a.mul(2.0);

        assertThatThrownBy(() -> d.backward(Tensor.ones(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("backward:")
                .hasMessageContaining("(2,)")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> d.backward(Tensor.ones(4, 2, 3), false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(4, 2, 3)")
                .hasMessageContaining("(2, 3)");
        // nothing ran: the graph is intact
        d.backward(Tensor.ones(3));
    }

    @Test
    void itemOnAMultiElementTensorIsAStateError() {
        assertThatThrownBy(A23::item)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("item:")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Tensor.zeros(0).item())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(0,)");
    }

    @Test
    void requiresGradOnANonLeafIsAStateError() {
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor b = a.add(1.0);

        assertThatThrownBy(() -> b.requiresGrad(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("requiresGrad:")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("Add");
    }

    @Test
    void autogradGradRejectsAnInputThatDoesNotRequireGrad() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        Tensor plain = Tensor.zeros(2, 3);

        assertThatThrownBy(() -> Autograd.grad(a.sum(), List.of(a, plain), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Autograd.grad:")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Autograd.grad(Tensor.scalar(1), List.of(a), false))
                .isInstanceOf(IllegalStateException.class);
    }
}
