package io.jgrad.ops;

import static io.jgrad.ops.MovementCases.bools;
import static io.jgrad.ops.MovementCases.longs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every error of the movement and indexing operations of contract v2: the exception type
 * ({@code IllegalArgumentException} for bad arguments and shapes, where PyTorch raises
 * {@code RuntimeError}; {@code IndexOutOfBoundsException} for dims and indices out of range, where
 * it raises {@code IndexError}), and a message that starts with the operation and names the shapes
 * and the values involved.
 */
class MovementErrorsTest {

    private static final Tensor A23 = Tensor.zeros(2, 3);
    private static final Tensor S = Tensor.scalar(1);

    private static AbstractThrowableAssert<?, ? extends Throwable> iae(ThrowingCallable call, String op) {
        return assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(op + ":");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> ioobe(ThrowingCallable call, String op) {
        return assertThatThrownBy(call).isInstanceOf(IndexOutOfBoundsException.class).hasMessageStartingWith(op + ":");
    }

    @Test
    void permuteNeedsEachDimensionOnce() {
        iae(() -> A23.permute(0), "permute").hasMessageContaining("(2, 3)").hasMessageContaining("expected 2 dims");
        iae(() -> A23.permute(1, -1), "permute").hasMessageContaining("twice").hasMessageContaining("[1, -1]");
        ioobe(() -> A23.permute(0, 2), "permute").hasMessageContaining("dimension 2").hasMessageContaining("(2, 3)")
                .hasMessageContaining("[-2, 1]");
    }

    @Test
    void squeezeUnsqueezeAndFlattenCheckTheirDims() {
        ioobe(() -> A23.squeeze(2), "squeeze").hasMessageContaining("(2, 3)");
        ioobe(() -> S.squeeze(1), "squeeze").hasMessageContaining("()").hasMessageContaining("0 or -1");
        ioobe(() -> A23.unsqueeze(3), "unsqueeze").hasMessageContaining("(2, 3)").hasMessageContaining("[-3, 2]");
        ioobe(() -> A23.unsqueeze(-4), "unsqueeze").hasMessageContaining("dimension -4");
        ioobe(() -> S.unsqueeze(1), "unsqueeze").hasMessageContaining("[-1, 0]");
        iae(() -> A23.flatten(1, 0), "flatten").hasMessageContaining("(2, 3)").hasMessageContaining("startDim 1")
                .hasMessageContaining("endDim 0");
        ioobe(() -> A23.flatten(0, 2), "flatten").hasMessageContaining("(2, 3)");
        ioobe(() -> S.flatten(0, 1), "flatten").hasMessageContaining("()");
    }

    @Test
    void expandFollowsPyTorchRulesForMinusOne() {
        iae(() -> A23.expand(3), "expand").hasMessageContaining("(2, 3)").hasMessageContaining("at least one size");
        iae(() -> A23.expand(-1, 2, 3), "expand").hasMessageContaining("-1").hasMessageContaining("leading");
        iae(() -> A23.expand(2, -2), "expand").hasMessageContaining("invalid size -2");
        iae(() -> A23.expand(3, -1), "expand").hasMessageContaining("(2, 3)").hasMessageContaining("(3, 3)");
    }

    @Test
    void narrowSliceAndSelectCheckTheirRanges() {
        iae(() -> S.narrow(0, 0, 1), "narrow").hasMessageContaining("0-d");
        ioobe(() -> A23.narrow(2, 0, 1), "narrow").hasMessageContaining("(2, 3)");
        ioobe(() -> A23.narrow(1, 4, 0), "narrow").hasMessageContaining("start 4").hasMessageContaining("[-3, 3]");
        ioobe(() -> A23.narrow(1, -4, 1), "narrow").hasMessageContaining("start -4");
        iae(() -> A23.narrow(1, 0, -1), "narrow").hasMessageContaining("length").hasMessageContaining("-1");
        ioobe(() -> A23.narrow(1, 2, 2), "narrow").hasMessageContaining("start 2 + length 2")
                .hasMessageContaining("size 3").hasMessageContaining("(2, 3)");
        ioobe(() -> A23.narrow(-1, -1, 2), "narrow").hasMessageContaining("exceeds");

        ioobe(() -> S.slice(0, 0, 1, 1), "slice").hasMessageContaining("0-d");
        ioobe(() -> A23.slice(-3, 0, 1, 1), "slice").hasMessageContaining("(2, 3)");
        iae(() -> A23.slice(1, 0, 3, 0), "slice").hasMessageContaining("step").hasMessageContaining("0")
                .hasMessageContaining("(2, 3)");
        iae(() -> A23.slice(1, 3, 0, -1), "slice").hasMessageContaining("step must be ≥ 1, got -1");

        ioobe(() -> S.select(0, 0), "select").hasMessageContaining("0-d");
        ioobe(() -> A23.select(1, 3), "select").hasMessageContaining("index 3").hasMessageContaining("size 3")
                .hasMessageContaining("(2, 3)").hasMessageContaining("[-3, 2]");
        ioobe(() -> A23.select(0, -3), "select").hasMessageContaining("index -3");
        ioobe(() -> A23.select(2, 0), "select").hasMessageContaining("dimension 2");
    }

    @Test
    void indexSelectNeedsAnInt64VectorInRange() {
        iae(() -> A23.indexSelect(1, Tensor.of(0, 1)), "indexSelect").hasMessageContaining("int64")
                .hasMessageContaining("float64").hasMessageContaining("(2,)");
        iae(() -> A23.indexSelect(1, longs(new long[] {0, 1}, 1, 2)), "indexSelect").hasMessageContaining("1-d")
                .hasMessageContaining("(1, 2)");
        ioobe(() -> A23.indexSelect(1, longs(0, 3, 1)), "indexSelect").hasMessageContaining("index 3")
                .hasMessageContaining("at [1]").hasMessageContaining("dimension 1").hasMessageContaining("size 3")
                .hasMessageContaining("(2, 3)").hasMessageContaining("[0, 3)");
        ioobe(() -> A23.indexSelect(0, longs(-1)), "indexSelect").hasMessageContaining("index -1");
        ioobe(() -> A23.indexSelect(2, longs(0)), "indexSelect").hasMessageContaining("(2, 3)");
        iae(() -> S.indexSelect(0, longs(0, 0)), "indexSelect").hasMessageContaining("0-d")
                .hasMessageContaining("(2,)");
        ioobe(() -> S.indexSelect(1, longs(0)), "indexSelect").hasMessageContaining("()");
        ioobe(() -> Tensor.zeros(2, 0).indexSelect(1, longs(0)), "indexSelect").hasMessageContaining("size 0");
    }

    @Test
    void gatherNeedsAnInt64IndexOfTheSameRankInRange() {
        iae(() -> A23.gather(1, Tensor.zeros(2, 2)), "gather").hasMessageContaining("int64")
                .hasMessageContaining("float64");
        iae(() -> A23.gather(1, longs(0, 1)), "gather").hasMessageContaining("(2,)").hasMessageContaining("(2, 3)")
                .hasMessageContaining("rank");
        iae(() -> A23.gather(1, longs(new long[] {0, 0, 0}, 3, 1)), "gather").hasMessageContaining("(3, 1)")
                .hasMessageContaining("(2, 3)").hasMessageContaining("dimension 0");
        ioobe(() -> A23.gather(1, longs(new long[] {0, 1, 2, 3}, 2, 2)), "gather").hasMessageContaining("index 3")
                .hasMessageContaining("at [1, 1]").hasMessageContaining("size 3").hasMessageContaining("[0, 3)");
        ioobe(() -> A23.gather(0, longs(new long[] {-1}, 1, 1)), "gather").hasMessageContaining("index -1");
        ioobe(() -> A23.gather(-3, longs(new long[] {0}, 1, 1)), "gather").hasMessageContaining("dimension -3");
        ioobe(() -> S.gather(1, longs(0)), "gather").hasMessageContaining("()");
    }

    @Test
    void scatterAddNeedsMatchingDtypesRanksAndSizes() {
        Tensor idx = longs(new long[] {0, 1}, 1, 2);
        iae(() -> A23.scatterAdd(1, Tensor.zeros(1, 2), A23), "scatterAdd").hasMessageContaining("int64");
        iae(() -> A23.scatterAdd(1, idx, A23.to(DType.FLOAT32)), "scatterAdd").hasMessageContaining("float32")
                .hasMessageContaining("float64").hasMessageContaining("dtype");
        iae(() -> A23.scatterAdd(1, longs(0), A23), "scatterAdd").hasMessageContaining("rank")
                .hasMessageContaining("(1,)");
        iae(() -> A23.scatterAdd(1, idx, Tensor.zeros(1, 1)), "scatterAdd").hasMessageContaining("src of shape (1, 1)")
                .hasMessageContaining("dimension 1");
        iae(() -> A23.scatterAdd(1, longs(new long[] {0, 0, 0}, 3, 1), Tensor.zeros(3, 1)), "scatterAdd")
                .hasMessageContaining("self of shape (2, 3)").hasMessageContaining("dimension 0");
        ioobe(() -> A23.scatterAdd(1, longs(new long[] {0, 5}, 1, 2), A23), "scatterAdd")
                .hasMessageContaining("index 5").hasMessageContaining("at [0, 1]").hasMessageContaining("(2, 3)");
        ioobe(() -> A23.scatterAdd(2, idx, A23), "scatterAdd").hasMessageContaining("dimension 2");
    }

    @Test
    void maskedFillNeedsABoolMaskThatBroadcastsAndAValueThatFits() {
        iae(() -> A23.maskedFill(Tensor.of(1, 0, 1), 0), "maskedFill").hasMessageContaining("bool")
                .hasMessageContaining("float64").hasMessageContaining("(3,)");
        iae(() -> A23.maskedFill(bools(new boolean[3], 3, 1), 0), "maskedFill").hasMessageContaining("(2, 3)")
                .hasMessageContaining("(3, 1)");
        iae(() -> A23.to(DType.FLOAT32).maskedFill(bools(true, false, true), 1e300), "maskedFill")
                .hasMessageContaining("float32").hasMessageContaining("overflow").hasMessageContaining("(2, 3)");
        iae(() -> A23.to(DType.INT64).maskedFill(bools(true, false, true), Double.NaN), "maskedFill")
                .hasMessageContaining("int64");
        iae(() -> A23.to(DType.INT64).maskedFill(bools(true, false, true), 1e19), "maskedFill")
                .hasMessageContaining("1.0E19");
    }

    @Test
    void whereNeedsABoolConditionAndShapesThatBroadcast() {
        iae(() -> Tensor.where(A23, A23, A23), "where").hasMessageContaining("bool").hasMessageContaining("(2, 3)");
        iae(() -> Tensor.where(bools(true, false, true), A23, Tensor.zeros(4)), "where")
                .hasMessageContaining("condition of shape (3,)").hasMessageContaining("a of shape (2, 3)")
                .hasMessageContaining("b of shape (4,)").hasMessageContaining("broadcast");
    }

    @Test
    void catAndStackCheckTheirTensors() {
        iae(() -> Tensor.cat(List.of(), 0), "cat").hasMessageContaining("non-empty");
        iae(() -> Tensor.cat(List.of(A23, S), 0), "cat").hasMessageContaining("position 1")
                .hasMessageContaining("0-d");
        iae(() -> Tensor.cat(List.of(A23, Tensor.zeros(2, 3, 1)), 0), "cat").hasMessageContaining("(2, 3)")
                .hasMessageContaining("(2, 3, 1)").hasMessageContaining("rank");
        iae(() -> Tensor.cat(List.of(A23, Tensor.zeros(2, 4)), 0), "cat").hasMessageContaining("(2, 3)")
                .hasMessageContaining("(2, 4)").hasMessageContaining("position 1")
                .hasMessageContaining("except in dimension 0").hasMessageContaining("dimension 1");
        ioobe(() -> Tensor.cat(List.of(A23, A23), 2), "cat").hasMessageContaining("(2, 3)");
        ioobe(() -> Tensor.cat(List.of(Tensor.zeros(0), A23), -3), "cat").hasMessageContaining("(2, 3)");

        iae(() -> Tensor.stack(List.of(), 0), "stack").hasMessageContaining("non-empty");
        iae(() -> Tensor.stack(List.of(A23, Tensor.zeros(1, 3)), 0), "stack").hasMessageContaining("(2, 3)")
                .hasMessageContaining("(1, 3)").hasMessageContaining("position 1");
        ioobe(() -> Tensor.stack(List.of(A23, A23), 3), "stack").hasMessageContaining("(2, 3)")
                .hasMessageContaining("[-3, 2]");
    }

    @Test
    void splitAndChunkCheckTheirSizes() {
        iae(() -> S.split(1, 0), "split").hasMessageContaining("0-d");
        iae(() -> A23.split(-1, 0), "split").hasMessageContaining("-1").hasMessageContaining("(2, 3)");
        iae(() -> A23.split(0, 1), "split").hasMessageContaining("got 0").hasMessageContaining("size 3");
        ioobe(() -> A23.split(1, 2), "split").hasMessageContaining("(2, 3)");
        iae(() -> A23.chunk(0, 0), "chunk").hasMessageContaining("got 0").hasMessageContaining("(2, 3)");
        iae(() -> A23.chunk(-1, 0), "chunk").hasMessageContaining("got -1");
        iae(() -> S.chunk(1, 0), "chunk").hasMessageContaining("0-d");
        ioobe(() -> A23.chunk(1, -3), "chunk").hasMessageContaining("(2, 3)");
    }

    @Test
    void trilAndTriuNeedAMatrix() {
        iae(() -> Tensor.zeros(3).tril(), "tril").hasMessageContaining("(3,)").hasMessageContaining("rank ≥ 2");
        iae(() -> S.triu(1), "triu").hasMessageContaining("()");
    }
}
