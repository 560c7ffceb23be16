package io.jgrad;

import io.jgrad.ops.Expand;
import io.jgrad.ops.SumTo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward pass: a topological order of the graph behind a tensor, found iteratively, then one
 * sweep from the output to the leaves that applies each node's chain rule once.
 *
 * <p>No recursion anywhere, so graph depth is bounded by memory alone; each node is visited once
 * per pass however many paths reach it. Gradients of a tensor reached by several paths are
 * accumulated with {@code +} before its node runs. State of a pass lives in local maps, so passes
 * over independent graphs on different threads do not interfere.
 */
final class Engine {

    private Engine() {
    }

    /**
     * Runs a backward pass from {@code root}, seeded with {@code seed} (of the root's shape).
     *
     * @param capture when non-null, the tensors whose total gradient to return instead of
     *     accumulating into {@code .grad} (nothing is written to any {@code .grad} then)
     * @return the captured gradients (empty when {@code capture} is null)
     */
    static Map<Tensor, Tensor> run(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph,
                                   Map<Tensor, ?> capture) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        // Gradients whose array someone else holds too: the caller's seed, and what a backward passes on
        // unchanged (Add) or as a view (Reshape). Storing one as a grad would let an in-place write
        // through one tensor's grad().array() change another's, so such a gradient is stored as a copy.
        Map<double[], Boolean> shared = new IdentityHashMap<>();
        shared.put(seed.array().data(), Boolean.TRUE);
        pending.put(root, seed);
        try (GradMode.Scope mode = GradMode.set(createGraph)) {
            for (int n = order.size() - 1; n >= 0; n--) {
                Tensor t = order.get(n);
                Tensor g = pending.remove(t);
                GradFn fn = t.gradFn();
                if (g != null) {
                    if (capture == null) {
                        t.accumulateGrad(own(g, shared));
                    } else if (capture.containsKey(t)) {
                        captured.put(t, own(g, shared));
                    }
                    if (fn != null) {
                        propagate(fn, g, pending, shared);
                    }
                }
                if (fn != null && !retainGraph) {
                    fn.release();
                }
            }
        }
        return captured;
    }

    // g itself unless its array is shared, else a copy (recorded as an Expand when createGraph is on)
    private static Tensor own(Tensor g, Map<double[], Boolean> shared) {
        return shared.containsKey(g.array().data()) ? Expand.apply(g, g.shape()) : g;
    }

    private static void propagate(GradFn fn, Tensor g, Map<Tensor, Tensor> pending, Map<double[], Boolean> shared) {
        Tensor[] grads = fn.backward(g);
        Tensor[] inputs = fn.inputs;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Tensor gi = grads[i];
            if (gi == null || !in.requiresGrad()) {
                continue;
            }
            if (!gi.shape().equals(in.shape())) {
                gi = SumTo.apply(gi, in.shape());
            }
            if (gi.array().data() == g.array().data()) {
                shared.put(gi.array().data(), Boolean.TRUE);
            }
            Tensor prev = pending.get(in);
            pending.put(in, prev == null ? gi : prev.add(gi));
        }
    }

    /**
     * Every tensor that requires grad and from which {@code root} was computed, inputs before the
     * tensors made from them (a post-order of an explicit-stack depth-first search).
     *
     * @throws IllegalStateException if the graph was freed by an earlier backward pass, or an input
     *     of one of its nodes was modified in place since
     */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> expanded = new IdentityHashMap<>(); // false: children pushed; true: emitted
        List<Tensor> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.get(stack.size() - 1);
            Boolean state = expanded.get(t);
            if (state == null) {
                expanded.put(t, Boolean.FALSE);
                GradFn fn = t.gradFn();
                if (fn != null) {
                    if (fn.isReleased()) {
                        throw freed(root, fn);
                    }
                    fn.checkInputsUnchanged(); // before any gradient is written

                    for (Tensor in : fn.inputs) {
                        if (in.requiresGrad() && !expanded.containsKey(in)) {
                            stack.add(in);
                        }
                    }
                }
            } else {
                stack.remove(stack.size() - 1);
                if (!state) {
                    expanded.put(t, Boolean.TRUE);
                    order.add(t);
                }
            }
        }
        return order;
    }

    private static IllegalStateException freed(Tensor root, GradFn fn) {
        return new IllegalStateException("backward: the graph of this tensor of shape " + root.shape() + " through "
                + fn.name() + " was already freed by an earlier backward pass; to backward through it again, pass"
                + " retainGraph=true to the first call (backward(grad, true)), or recompute the forward pass");
    }
}
