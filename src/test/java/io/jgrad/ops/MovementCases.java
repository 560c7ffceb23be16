package io.jgrad.ops;

import io.jgrad.Tensor;
import io.jgrad.ops.OpCases.Case;
import io.jgrad.ops.OpCases.Gen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gradient-check cases of the movement and indexing operations of contract v2 (permute,
 * squeeze/unsqueeze/flatten, expand with -1, narrow/slice/select, indexSelect, gather, scatterAdd,
 * maskedFill, where, cat/stack/split/chunk, tril/triu), appended to {@link OpCases}' lists.
 *
 * <p>Index tensors (INT64) and masks (BOOL) are constants captured by the cases' functions, so that
 * {@code Float32Test} runs every case in float32 unchanged. Movement is linear, so its second
 * derivative is zero: the second-order cases square (or cube) the result, which makes the backward
 * of each backward node ({@code NarrowBackward}, the {@code ScatterAdd} of gather's and
 * indexSelect's backward, the {@code Gather} of scatterAdd's, the {@code Where} and
 * {@code MaskedFill} of their own) part of the checked graph.
 */
final class MovementCases {

    private MovementCases() {
    }

    /** @return the first-order cases */
    static List<Case> firstOrder() {
        Gen g = new Gen(4321);
        List<Case> c = new ArrayList<>();

        // permute
        c.add(unary("permute(2, 0, 1) (2, 3, 4)", g.normal(2, 3, 4), x -> x.permute(2, 0, 1)));
        c.add(unary("permute(-1, 0, -2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.permute(-1, 0, -2)));
        c.add(unary("permute(1, 0) (1, 3)", g.normal(1, 3), x -> x.permute(1, 0)));
        c.add(unary("permute(0) (3,)", g.normal(3), x -> x.permute(0)));
        c.add(unary("permute() ()", g.normal(), x -> x.permute()));
        c.add(unary("permute(2, 0, 1) (2, 0, 3)", g.normal(2, 0, 3), x -> x.permute(2, 0, 1)));

        // squeeze, unsqueeze, flatten (Reshape)
        c.add(unary("squeeze() (1, 3, 1, 2)", g.normal(1, 3, 1, 2), Tensor::squeeze));
        c.add(unary("squeeze(0) (1, 3)", g.normal(1, 3), x -> x.squeeze(0)));
        c.add(unary("squeeze(-1) (3, 1)", g.normal(3, 1), x -> x.squeeze(-1)));
        c.add(unary("squeeze(1) (2, 3) keeps the shape", g.normal(2, 3), x -> x.squeeze(1)));
        c.add(unary("squeeze(0) ()", g.normal(), x -> x.squeeze(0)));
        c.add(unary("squeeze() (1, 0, 1)", g.normal(1, 0, 1), Tensor::squeeze));
        c.add(unary("unsqueeze(0) (2, 3)", g.normal(2, 3), x -> x.unsqueeze(0)));
        c.add(unary("unsqueeze(-1) (2, 3)", g.normal(2, 3), x -> x.unsqueeze(-1)));
        c.add(unary("unsqueeze(1) (2, 3)", g.normal(2, 3), x -> x.unsqueeze(1)));
        c.add(unary("unsqueeze(0) ()", g.normal(), x -> x.unsqueeze(0)));
        c.add(unary("flatten() (2, 3, 4)", g.normal(2, 3, 4), Tensor::flatten));
        c.add(unary("flatten(1, 2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.flatten(1, 2)));
        c.add(unary("flatten(-3, -2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.flatten(-3, -2)));
        c.add(unary("flatten() ()", g.normal(), Tensor::flatten));

        // expand with -1
        c.add(unary("expand(-1, 4) (2, 1)", g.normal(2, 1), x -> x.expand(-1, 4)));
        c.add(unary("expand(2, -1) (3,)", g.normal(3), x -> x.expand(2, -1)));
        c.add(unary("expand(2, -1, -1) (1, 3)", g.normal(1, 3), x -> x.expand(2, -1, -1)));
        c.add(unary("expand(-1, 0) (2, 1)", g.normal(2, 1), x -> x.expand(-1, 0)));

        // narrow, slice, select
        c.add(unary("narrow(0, 1, 2) (4, 3)", g.normal(4, 3), x -> x.narrow(0, 1, 2)));
        c.add(unary("narrow(-1, -3, 2) (2, 5)", g.normal(2, 5), x -> x.narrow(-1, -3, 2)));
        c.add(unary("narrow(1, 3, 0) (2, 3)", g.normal(2, 3), x -> x.narrow(1, 3, 0)));
        c.add(unary("narrow(1, 1, 2) (2, 3, 4)", g.normal(2, 3, 4), x -> x.narrow(1, 1, 2)));
        c.add(unary("narrow(0, 0, 2) (2, 0)", g.normal(2, 0), x -> x.narrow(0, 0, 2)));
        c.add(unary("slice(0, 0, 5, 2) (5, 3)", g.normal(5, 3), x -> x.slice(0, 0, 5, 2)));
        c.add(unary("slice(-1, 1, 7, 3) (2, 7)", g.normal(2, 7), x -> x.slice(-1, 1, 7, 3)));
        c.add(unary("slice(0, -4, -1, 1) (5, 2)", g.normal(5, 2), x -> x.slice(0, -4, -1, 1)));
        c.add(unary("slice(0, -100, 100, 4) (6,)", g.normal(6), x -> x.slice(0, -100, 100, 4)));
        c.add(unary("slice(1, 3, 1, 1) (2, 4) is empty", g.normal(2, 4), x -> x.slice(1, 3, 1, 1)));
        c.add(unary("slice(1, 0, 3, 2) (2, 3, 2)", g.normal(2, 3, 2), x -> x.slice(1, 0, 3, 2)));
        c.add(unary("select(0, 1) (3, 4)", g.normal(3, 4), x -> x.select(0, 1)));
        c.add(unary("select(1, -1) (3, 4)", g.normal(3, 4), x -> x.select(1, -1)));
        c.add(unary("select(-2, 0) (2, 3, 4)", g.normal(2, 3, 4), x -> x.select(-2, 0)));
        c.add(unary("select(0, 2) (5,) to 0-d", g.normal(5), x -> x.select(0, 2)));

        // indexSelect, gather, scatterAdd
        c.add(unary("indexSelect(0, [2, 0, 2]) (4, 3)", g.normal(4, 3), x -> x.indexSelect(0, longs(2, 0, 2))));
        c.add(unary("indexSelect(1, [1]) (4, 3)", g.normal(4, 3), x -> x.indexSelect(1, longs(1))));
        c.add(unary("indexSelect(-1, [2, 2, 0, 1]) (2, 3, 4)", g.normal(2, 3, 4),
                x -> x.indexSelect(-1, longs(2, 2, 0, 1))));
        c.add(unary("indexSelect(1, []) (2, 3)", g.normal(2, 3), x -> x.indexSelect(1, longs())));
        c.add(unary("indexSelect(0, [0]) ()", g.normal(), x -> x.indexSelect(0, longs(0))));
        c.add(unary("indexSelect(0, 0-d 1) (3, 2)", g.normal(3, 2), x -> x.indexSelect(0, Tensor.scalar(1).to(
                io.jgrad.DType.INT64))));
        c.add(unary("gather(1, (3, 2)) (3, 4)", g.normal(3, 4),
                x -> x.gather(1, longs(new long[] {0, 3, 1, 1, 2, 0}, 3, 2))));
        c.add(unary("gather(0, (2, 4)) with repeats (3, 4)", g.normal(3, 4),
                x -> x.gather(0, longs(new long[] {2, 2, 0, 1, 2, 0, 0, 1}, 2, 4))));
        c.add(unary("gather(1, (2, 2)) of a smaller index (3, 4)", g.normal(3, 4),
                x -> x.gather(1, longs(new long[] {3, 0, 1, 1}, 2, 2))));
        c.add(unary("gather(-1, (2, 3, 3)) (2, 3, 2)", g.normal(2, 3, 2),
                x -> x.gather(-1, longs(new long[] {0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0}, 2, 3, 3))));
        c.add(unary("gather(0, [2, 2, 0]) (3,)", g.normal(3), x -> x.gather(0, longs(2, 2, 0))));
        c.add(unary("gather(0, 0-d) ()", g.normal(), x -> x.gather(0, longs(new long[] {0}, new int[0]))));
        c.add(unary("gather(1, (2, 0)) (2, 3)", g.normal(2, 3), x -> x.gather(1, longs(new long[0], 2, 0))));
        c.add(binary("scatterAdd(1, (3, 2)) (3, 4), (3, 2)", g.normal(3, 4), g.normal(3, 2),
                (x, s) -> x.scatterAdd(1, longs(new long[] {0, 0, 3, 1, 2, 2}, 3, 2), s)));
        c.add(binary("scatterAdd(0, (2, 3)) of a larger src (3, 4), (3, 4)", g.normal(3, 4), g.normal(3, 4),
                (x, s) -> x.scatterAdd(0, longs(new long[] {2, 0, 2, 2, 1, 2}, 2, 3), s)));
        c.add(binary("scatterAdd(-1, [1, 1, 0]) (2,), (4,)", g.normal(2), g.normal(4),
                (x, s) -> x.scatterAdd(-1, longs(1, 1, 0), s)));
        c.add(binary("scatterAdd(0, [0, 0]) (), (2,)", g.normal(), g.normal(2),
                (x, s) -> x.scatterAdd(0, longs(0, 0), s)));
        c.add(binary("scatterAdd(1, (2, 0)) (2, 3), (2, 1)", g.normal(2, 3), g.normal(2, 1),
                (x, s) -> x.scatterAdd(1, longs(new long[0], 2, 0), s)));

        // maskedFill, where
        c.add(unary("maskedFill((3,), 2.5) (2, 3)", g.normal(2, 3), x -> x.maskedFill(bools(true, false, true), 2.5)));
        c.add(unary("maskedFill((2, 1), -1) (2, 3)", g.normal(2, 3),
                x -> x.maskedFill(bools(new boolean[] {false, true}, 2, 1), -1)));
        c.add(unary("maskedFill((1, 2, 3)) broadcasts self (2, 3)", g.normal(2, 3),
                x -> x.maskedFill(bools(new boolean[] {true, false, false, false, true, false}, 1, 2, 3), 0.0)));
        c.add(unary("maskedFill(0-d true) ()", g.normal(), x -> x.maskedFill(bools(new boolean[] {true}, new int[0]), 1.0)));
        c.add(unary("maskedFill(0-d false) (2,)", g.normal(2), x -> x.maskedFill(bools(new boolean[] {false}, new int[0]), 1.0)));
        c.add(unary("maskedFill((3,)) (0, 3)", g.normal(0, 3), x -> x.maskedFill(bools(true, false, true), 1.0)));
        c.add(binary("where((2, 3)) (2, 3), (2, 3)", g.normal(2, 3), g.normal(2, 3),
                (a, b) -> Tensor.where(bools(new boolean[] {true, false, false, true, true, false}, 2, 3), a, b)));
        c.add(binary("where((2, 3)) (3,), (2, 1)", g.normal(3), g.normal(2, 1),
                (a, b) -> Tensor.where(bools(new boolean[] {true, false, false, true, true, false}, 2, 3), a, b)));
        c.add(binary("where((3,)) (), (2, 3)", g.normal(), g.normal(2, 3),
                (a, b) -> Tensor.where(bools(false, true, true), a, b)));
        c.add(binary("where((2, 1, 1)) (3,), () broadcasts to (2, 1, 3)", g.normal(3), g.normal(),
                (a, b) -> Tensor.where(bools(new boolean[] {true, false}, 2, 1, 1), a, b)));
        c.add(binary("where(()) (), ()", g.normal(), g.normal(),
                (a, b) -> Tensor.where(bools(new boolean[] {true}, new int[0]), a, b)));
        c.add(binary("where((0,)) (0,), (1,)", g.normal(0), g.normal(1),
                (a, b) -> Tensor.where(bools(new boolean[0], 0), a, b)));

        // cat, stack, split, chunk
        c.add(binary("cat([(2, 3), (1, 3)], 0)", g.normal(2, 3), g.normal(1, 3),
                (a, b) -> Tensor.cat(List.of(a, b), 0)));
        c.add(binary("cat([(2, 1), (2, 3)], -1)", g.normal(2, 1), g.normal(2, 3),
                (a, b) -> Tensor.cat(List.of(a, b), -1)));
        c.add(new Case("cat([(2, 2, 1), (2, 2, 3), (2, 2, 2)], 2)", t -> Tensor.cat(t, 2),
                List.of(g.normal(2, 2, 1), g.normal(2, 2, 3), g.normal(2, 2, 2))));
        c.add(binary("cat([(0, 3), (2, 3)], 0)", g.normal(0, 3), g.normal(2, 3),
                (a, b) -> Tensor.cat(List.of(a, b), 0)));
        c.add(binary("cat([(0,), (2, 3)], 1) skips the empty 1-d tensor", g.normal(0), g.normal(2, 3),
                (a, b) -> Tensor.cat(List.of(a, b), 1)));
        c.add(unary("cat([x, x], 0) (2,)", g.normal(2), x -> Tensor.cat(List.of(x, x), 0)));
        c.add(binary("stack([(2, 3), (2, 3)], 0)", g.normal(2, 3), g.normal(2, 3),
                (a, b) -> Tensor.stack(List.of(a, b), 0)));
        c.add(binary("stack([(2, 3), (2, 3)], -1)", g.normal(2, 3), g.normal(2, 3),
                (a, b) -> Tensor.stack(List.of(a, b), -1)));
        c.add(binary("stack([(), ()], 0)", g.normal(), g.normal(), (a, b) -> Tensor.stack(List.of(a, b), 0)));
        c.add(unary("split(2, 0) (5, 3), pieces reversed", g.normal(5, 3), x -> reversedCat(x.split(2, 0), 0)));
        c.add(unary("split(2, -1) (2, 4), pieces reversed", g.normal(2, 4), x -> reversedCat(x.split(2, -1), -1)));
        c.add(unary("split(7, 0) (3,), one piece", g.normal(3), x -> x.split(7, 0).get(0)));
        c.add(unary("chunk(4, 0) (6, 2), three pieces reversed", g.normal(6, 2), x -> reversedCat(x.chunk(4, 0), 0)));
        c.add(unary("chunk(2, 1) (2, 5), pieces reversed", g.normal(2, 5), x -> reversedCat(x.chunk(2, 1), 1)));

        // tril, triu
        c.add(unary("tril() (3, 4)", g.normal(3, 4), Tensor::tril));
        c.add(unary("tril(1) (3, 4)", g.normal(3, 4), x -> x.tril(1)));
        c.add(unary("tril(-1) (4, 2)", g.normal(4, 2), x -> x.tril(-1)));
        c.add(unary("triu() (3, 4)", g.normal(3, 4), Tensor::triu));
        c.add(unary("triu(2) (3, 4)", g.normal(3, 4), x -> x.triu(2)));
        c.add(unary("triu(-1) (2, 3, 3)", g.normal(2, 3, 3), x -> x.triu(-1)));
        c.add(unary("tril() (2, 0, 3)", g.normal(2, 0, 3), Tensor::tril));
        return c;
    }

    /**
     * @return the second-order cases: each movement op's result squared or cubed, so that the
     *     backward of its backward is checked
     */
    static List<Case> secondOrder() {
        Gen g = new Gen(8765);
        List<Case> c = new ArrayList<>();
        c.add(unary("permute squared (2, 3, 4)", g.normal(2, 3, 4), x -> x.permute(2, 0, 1).pow(2.0)));
        c.add(unary("squeeze, unsqueeze, flatten squared (1, 3, 2)", g.normal(1, 3, 2),
                x -> x.squeeze().unsqueeze(-1).flatten(0, 1).pow(2.0)));
        c.add(unary("expand(2, -1) then cube (3,)", g.normal(3), x -> x.expand(2, -1).pow(3.0)));
        c.add(unary("narrow squared (4, 3)", g.normal(4, 3), x -> x.narrow(0, 1, 2).pow(2.0)));
        c.add(unary("slice with a step cubed (2, 7)", g.normal(2, 7), x -> x.slice(1, 1, 7, 3).pow(3.0)));
        c.add(unary("select times x (3, 2)", g.normal(3, 2), x -> x.select(0, -1).mul(x)));
        c.add(unary("indexSelect with repeats squared (4, 3)", g.normal(4, 3),
                x -> x.indexSelect(0, longs(2, 0, 2)).pow(2.0)));
        c.add(unary("gather with repeats squared (3, 4)", g.normal(3, 4),
                x -> x.gather(0, longs(new long[] {2, 2, 0, 1, 2, 0, 0, 1}, 2, 4)).pow(2.0)));
        c.add(binary("scatterAdd of a larger src squared (3, 4), (3, 4)", g.normal(3, 4), g.normal(3, 4),
                (x, s) -> x.scatterAdd(0, longs(new long[] {2, 0, 2, 2, 1, 2}, 2, 3), s).pow(2.0)));
        c.add(binary("scatterAdd times src (2, 3), (2, 3)", g.normal(2, 3), g.normal(2, 3),
                (x, s) -> x.scatterAdd(1, longs(new long[] {1, 1, 0, 2, 0, 2}, 2, 3), s).mul(s)));
        c.add(unary("maskedFill squared (2, 3)", g.normal(2, 3), x -> x.maskedFill(bools(true, false, true), 0.5).pow(2.0)));
        c.add(binary("where times a (2, 3), (3,)", g.normal(2, 3), g.normal(3),
                (a, b) -> Tensor.where(bools(false, true, true), a, b).mul(a)));
        c.add(binary("where squared (3,), (2, 1)", g.normal(3), g.normal(2, 1),
                (a, b) -> Tensor.where(bools(new boolean[] {true, false, false, true, true, false}, 2, 3), a, b).pow(2.0)));
        c.add(binary("cat squared (2, 3), (1, 3)", g.normal(2, 3), g.normal(1, 3),
                (a, b) -> Tensor.cat(List.of(a, b), 0).pow(2.0)));
        c.add(binary("stack times its reverse (2, 3), (2, 3)", g.normal(2, 3), g.normal(2, 3),
                (a, b) -> Tensor.stack(List.of(a, b), 1).mul(Tensor.stack(List.of(b, a), 1))));
        c.add(unary("split pieces reversed, squared (5, 2)", g.normal(5, 2), x -> reversedCat(x.split(2, 0), 0).pow(2.0)));
        c.add(unary("chunk pieces reversed, cubed (2, 6)", g.normal(2, 6), x -> reversedCat(x.chunk(4, 1), 1).pow(3.0)));
        c.add(unary("tril squared (3, 3)", g.normal(3, 3), x -> x.tril().pow(2.0)));
        c.add(unary("triu(1) times x (3, 4)", g.normal(3, 4), x -> x.triu(1).mul(x)));
        return c;
    }

    private static Tensor reversedCat(List<Tensor> pieces, int dim) {
        List<Tensor> r = new ArrayList<>(pieces);
        Collections.reverse(r);
        return Tensor.cat(r, dim);
    }

    /** @return a 1-d INT64 tensor */
    static Tensor longs(long... values) {
        return Tensor.fromArray(values, values.length);
    }

    /** @return an INT64 tensor of the given shape (pass {@code new int[0]} for 0-d) */
    static Tensor longs(long[] values, int... shape) {
        return Tensor.fromArray(values, shape);
    }

    /** @return a 1-d BOOL tensor */
    static Tensor bools(boolean... values) {
        return Tensor.fromArray(values, values.length);
    }

    /** @return a BOOL tensor of the given shape (pass {@code new int[0]} for 0-d) */
    static Tensor bools(boolean[] values, int... shape) {
        return Tensor.fromArray(values, shape);
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }

    private static Case binary(String name, Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0), t.get(1)), List.of(a, b));
    }
}
