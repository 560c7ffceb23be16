package io.jgrad;

import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ops.Expand;
import io.jgrad.ops.SumTo;
import io.jgrad.ops.To;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward pass: a topological order of the graph behind a tensor, found iteratively, then one
 * sweep from the output to the leaves that applies each node's chain rule once.
 *
 * <p>No recursion anywhere, so graph depth is bounded by memory alone; each node is visited once
 * per pass however many paths reach it. Gradients reaching a tensor along several paths are summed
 * in its input buffer before its node runs. State of a pass lives in local maps, so passes over
 * independent graphs on different threads do not interfere.
 *
 * <p>Whether a gradient array may be kept without a copy, or added into in place, is a property of
 * the array ({@link NDArray#claim}): a fresh result nobody else holds is claimed by the one tensor
 * that keeps it; an array some graph node reads (an input or saved tensor), the caller's seed, or one
 * that two holders reached, is shared and never written. The rules that use it sit in two places,
 * as PyTorch's input buffer and AccumulateGrad: {@link #buffer} and {@link #accumulate}.
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
        seed.array().markShared(); // the caller holds it
        boolean anomaly = GradMode.state().anomaly > 0;
        // a pass that records nothing and writes .grad may add into leaves' gradients in place
        boolean inPlace = capture == null && !createGraph;
        Map<Tensor, Integer> leafUses = inPlace && !anomaly ? new IdentityHashMap<>() : null;
        List<Tensor> order = topologicalOrder(root, leafUses);
        Pass pass = new Pass(createGraph, anomaly, leafUses);
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        pass.pending.put(root, seed);
        int n = order.size() - 1;
        try (GradMode.Scope mode = GradMode.set(createGraph)) {
            for (; n >= 0; n--) {
                Tensor t = order.get(n);
                Tensor g = pass.pending.remove(t);
                GradFn fn = t.gradFn();
                if (g != null) {
                    g = Hooks.run(t, g);
                    if (capture == null) {
                        pass.touched.add(t);
                        accumulate(t, g, inPlace);
                    } else if (capture.containsKey(t)) {
                        captured.put(t, keep(g, t));
                    }
                    if (fn != null) {
                        propagate(fn, g, pass);
                    }
                }
                if (fn != null && !retainGraph) {
                    fn.release();
                }
            }
        } catch (RuntimeException | Error e) {
            throw Failures.failed(e, order, n, pass.touched, retainGraph);
        }
        return captured;
    }

    /** The state of one pass: the input buffers, and what it wrote, for a clear state if it fails. */
    private static final class Pass {
        final boolean createGraph;
        final boolean anomaly;
        final Map<Tensor, Integer> leafUses;
        final Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        final List<Tensor> touched = new ArrayList<>();

        Pass(boolean createGraph, boolean anomaly, Map<Tensor, Integer> leafUses) {
            this.createGraph = createGraph;
            this.anomaly = anomaly;
            this.leafUses = leafUses;
        }
    }

    /** {@code g} itself if {@code holder} can claim its array, else a copy (recorded when a graph is). */
    private static Tensor keep(Tensor g, Tensor holder) {
        if (g.array().claim(holder)) {
            return g;
        }
        Tensor copy = Expand.apply(g, g.shape());
        copy.array().claim(holder);
        return copy;
    }

    /**
     * PyTorch's AccumulateGrad: adds the total gradient {@code g} of this pass to {@code t.grad()}.
     * The first gradient is kept as it is when {@code t} can claim its array (copied otherwise). A
     * leaf's held gradient is added to in place when the pass records nothing, the gradient has
     * no graph of its own and the leaf still owns its array (no graph reads it, no caller passed it
     * in); otherwise the sum is a new tensor and the old gradient is left as it was for whoever
     * holds it.
     */
    private static void accumulate(Tensor t, Tensor g, boolean inPlace) {
        Tensor held = t.heldGrad();
        if (held == null) {
            t.setGrad(keep(g, t));
        } else if (inPlace && writable(t, held)) {
            Elementwise.addInPlace(held.array(), g.array());
        } else {
            Tensor sum = held.add(g);
            sum.array().claim(t);
            t.setGrad(sum);
        }
    }

    /** Whether leaf {@code t}'s held gradient may be written in place (see {@link #accumulate}). */
    private static boolean writable(Tensor t, Tensor held) {
        return t.isLeaf() && !held.requiresGrad() && held.array().isOwnedBy(t);
    }

    /**
     * PyTorch's input buffer: adds {@code gi} to what is pending for {@code in}. The first gradient is
     * kept (and claimed for {@code in} when nobody else holds it); a later one is added in place when
     * the buffer owns its array and the pass records nothing, else out of place.
     */
    private static void buffer(Map<Tensor, Tensor> pending, Tensor in, Tensor gi, boolean createGraph) {
        Tensor prev = pending.get(in);
        if (prev == null) {
            gi.array().claim(in); // fails, and marks it shared, when another holder has it
            pending.put(in, gi);
        } else if (!createGraph && prev.array().isOwnedBy(in)) {
            Elementwise.addInPlace(prev.array(), gi.array());
        } else {
            Tensor sum = prev.add(gi);
            sum.array().claim(in);
            pending.put(in, sum);
        }
    }

    /**
     * Runs {@code fn}'s backward and buffers each input's gradient, summed back to the input's shape
     * and converted to its dtype. In a pass that writes {@code .grad} and records nothing, a leaf
     * input whose held gradient it may write and that this node is the only consumer of offers the
     * buffer as a {@linkplain GradFn#gradSink sink} the op may add into directly (only then is
     * {@code held + ∂} the sum {@link #accumulate} would form).
     */
    private static void propagate(GradFn fn, Tensor g, Pass pass) {
        Tensor[] inputs = fn.inputs;
        NDArray[] sinks = pass.leafUses == null ? null : sinks(inputs, pass.leafUses);
        GradFn.SinkOffer offer = sinks == null ? null : new GradFn.SinkOffer(Thread.currentThread(), sinks);
        fn.offer = offer;
        if (sinks != null) {
            for (int i = 0; i < inputs.length; i++) {
                if (sinks[i] != null) {
                    pass.touched.add(inputs[i]); // the op may write it, even if it then fails
                }
            }
        }
        Tensor[] grads;
        try {
            grads = fn.backward(g, pass.createGraph);
        } finally {
            if (fn.offer == offer) {
                fn.offer = null;
            }
        }
        fn.checkGradients(grads);
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Tensor gi = grads[i];
            if (gi == null && sinks != null && sinks[i] != null) {
                sinks[i].bumpVersion(); // the op added its gradient into the sink
            }
            if (gi == null || !in.requiresGrad()) {
                continue;
            }
            if (pass.anomaly) {
                Failures.checkFinite(fn, i, gi);
            }
            if (!gi.shape().equals(in.shape())) {
                gi = SumTo.apply(gi, in.shape());
            }
            if (gi.dtype() != in.dtype()) {
                gi = To.apply(gi, in.dtype());
            }
            buffer(pass.pending, in, gi, pass.createGraph);
        }
    }

    // the gradient buffers of the single-use leaf inputs that hold one they may write, or null when none do
    private static NDArray[] sinks(Tensor[] inputs, Map<Tensor, Integer> leafUses) {
        NDArray[] sinks = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Tensor held = in.heldGrad();
            // a leaf with hooks gets its gradient through them, never straight from an op
            if (held != null && in.hooks() == null && writable(in, held) && leafUses.getOrDefault(in, 0) == 1) {
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
     * @throws IllegalStateException if the graph was freed by an earlier backward pass, or an input
     *     of one of its nodes was modified in place since
     */
    private static List<Tensor> topologicalOrder(Tensor root, Map<Tensor, Integer> leafUses) {
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
                        throw fn.failure() != null ? new IllegalStateException(fn.failure()) : freed(root, fn);
                    }
                    fn.checkInputsUnchanged(); // before any gradient is written
                    for (Tensor in : fn.inputs) {
                        if (!in.requiresGrad()) {
                            continue;
                        }
                        if (leafUses != null && in.heldGrad() != null && in.isLeaf()) {
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
