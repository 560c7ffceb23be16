package io.jgrad;

import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
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
        // Arrays someone else holds too, so that this pass must not write them in place nor store them
        // as a grad: the caller's seed; what a backward passes on unchanged (Add) or as a view
        // (Reshape); and, when the pass may write gradients in place, a held gradient that a node of
        // the graph takes as an operand (itself or a view). Storing one as a grad would let an in-place
        // write through one tensor's grad().array() change another's, so it is stored as a copy.
        Map<double[], Boolean> shared = new IdentityHashMap<>();
        shared.put(seed.array().data(), Boolean.TRUE);
        boolean inPlace = capture == null && !createGraph;
        // for each leaf that holds a gradient: how many edges of the graph reach it
        Map<Tensor, Integer> leafUses = inPlace ? new IdentityHashMap<>() : null;
        List<double[]> leafOperands = inPlace ? new ArrayList<>() : null;
        List<Tensor> order = topologicalOrder(root, leafUses, leafOperands);
        if (inPlace) {
            markHeldGradientOperands(leafUses, leafOperands, shared);
        }
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        pending.put(root, seed);
        try (GradMode.Scope mode = GradMode.set(createGraph)) {
            for (int n = order.size() - 1; n >= 0; n--) {
                Tensor t = order.get(n);
                Tensor g = pending.remove(t);
                GradFn fn = t.gradFn();
                if (g != null) {
                    if (capture == null) {
                        accumulate(t, g, shared, createGraph);
                    } else if (capture.containsKey(t)) {
                        captured.put(t, own(g, shared));
                    }
                    if (fn != null) {
                        propagate(fn, g, pending, shared, leafUses);
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

    /**
     * Adds {@code g} to {@code t.grad()}. A leaf's gradient is added to in place when it can be
     * (PyTorch's AccumulateGrad); otherwise the sum is a new tensor, and the old gradient is left as
     * it was for whoever holds it.
     */
    private static void accumulate(Tensor t, Tensor g, Map<double[], Boolean> shared, boolean createGraph) {
        Tensor held = t.grad();
        if (held == null) {
            t.setGrad(own(g, shared));
        } else if (!createGraph && ownBuffer(t, held, shared)) {
            Elementwise.addInPlace(held.array(), g.array());
        } else {
            t.setGrad(held.add(g));
        }
    }

    /**
     * Adds to {@code shared} the arrays of the held gradients (of the leaves in {@code leafUses})
     * that some node of the graph takes as an operand, directly or through a view.
     */
    private static void markHeldGradientOperands(Map<Tensor, Integer> leafUses, List<double[]> leafOperands,
                                                 Map<double[], Boolean> shared) {
        if (leafUses.isEmpty()) {
            return;
        }
        Map<double[], Boolean> held = new IdentityHashMap<>();
        for (Tensor leaf : leafUses.keySet()) {
            held.put(leaf.grad().array().data(), Boolean.TRUE);
        }
        for (double[] operand : leafOperands) {
            if (held.containsKey(operand)) {
                shared.put(operand, Boolean.TRUE);
            }
        }
    }

    /**
     * Whether {@code held}, the gradient leaf {@code t} holds, may be written in place during this
     * pass: {@code t} is a leaf (an intermediate's gradient may be an input of a graph recorded by a
     * {@code createGraph} pass), the gradient has no graph of its own, and the pass does not read its
     * array (as the caller's seed, passed on unchanged, or as an operand of a node of the graph).
     */
    private static boolean ownBuffer(Tensor t, Tensor held, Map<double[], Boolean> shared) {
        return t.isLeaf() && !held.requiresGrad() && !shared.containsKey(held.array().data());
    }

    /**
     * Runs {@code fn}'s backward and queues each input's gradient. With {@code leafUses} (the pass
     * writes {@code .grad} and records nothing), a leaf input that holds a gradient buffer of its own
     * and that this node is the only consumer of offers the buffer as a {@linkplain GradFn#gradSink
     * sink} the op may add into directly (only then is {@code held + ∂} the sum the engine would form).
     */
    private static void propagate(GradFn fn, Tensor g, Map<Tensor, Tensor> pending, Map<double[], Boolean> shared,
                                  Map<Tensor, Integer> leafUses) {
        Tensor[] inputs = fn.inputs;
        NDArray[] sinks = leafUses == null ? null : sinks(inputs, shared, leafUses);
        Tensor[] grads;
        GradFn.SinkOffer offer = sinks == null ? null : new GradFn.SinkOffer(Thread.currentThread(), sinks);
        fn.offer = offer;
        try {
            grads = fn.backward(g);
        } finally {
            if (fn.offer == offer) {
                fn.offer = null;
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Tensor gi = grads[i];
            if (gi == null && sinks != null && sinks[i] != null) {
                sinks[i].bumpVersion(); // the op added its gradient into the sink
            }
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

    // the gradient buffers of the single-use leaf inputs that hold one of their own, or null when none do
    private static NDArray[] sinks(Tensor[] inputs, Map<double[], Boolean> shared, Map<Tensor, Integer> leafUses) {
        NDArray[] sinks = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Tensor held = in.grad();
            if (held != null && ownBuffer(in, held, shared) && leafUses.getOrDefault(in, 0) == 1) {
                if (sinks == null) {
                    sinks = new NDArray[inputs.length];
                }
                sinks[i] = held.array();
            }
        }
        return sinks;
    }

    /**
     * Every tensor that requires grad and from which {@code root} was computed, inputs before the
     * tensors made from them (a post-order of an explicit-stack depth-first search).
     *
     * @param leafUses when non-null, receives for each leaf that holds a gradient the number of
     *     edges (node inputs) that reach it
     * @param leafOperands when non-null, receives the array of every leaf input of the graph's nodes
     *
     * @throws IllegalStateException if the graph was freed by an earlier backward pass, or an input
     *     of one of its nodes was modified in place since
     */
    private static List<Tensor> topologicalOrder(Tensor root, Map<Tensor, Integer> leafUses,
                                                 List<double[]> leafOperands) {
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
                        if (leafOperands != null && in.isLeaf()) {
                            leafOperands.add(in.array().data());
                        }
                        if (!in.requiresGrad()) {
                            continue;
                        }
                        if (leafUses != null && in.grad() != null && in.isLeaf()) {
                            leafUses.merge(in, 1, Integer::sum);
                        }
                        if (!expanded.containsKey(in)) {
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
