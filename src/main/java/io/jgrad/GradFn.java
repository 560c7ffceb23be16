package io.jgrad;

import io.jgrad.ndarray.NDArray;

/**
 * The node an operation records in the graph: which tensors went in, what the backward pass needs
 * of them, and how to turn the gradient of the output into gradients of the inputs.
 *
 * <p>Every operation is one subclass (in {@code io.jgrad.ops}), with its forward computation and its
 * {@link #backward} side by side. A forward computes the output values on untracked arrays and
 * calls {@link #record}, which, when grad mode is on and an input requires grad, links the output
 * to this node. The backward formulas are written with tensor operations, so that a backward pass
 * run with {@code createGraph} (grad mode on) is itself recorded and can be differentiated again;
 * the flag is passed to {@link #backward}, for the ops that take a fused kernel path when it is off.
 *
 * <p>Broadcasting is undone in one place: a backward may return a gradient in the output's
 * (broadcast) shape, and the engine sums it back to the input's shape.
 *
 * <p>After a backward pass that does not retain the graph, the node is released: it drops its
 * inputs and saved tensors, so the intermediate tensors of a finished step can be collected.
 */
public abstract class GradFn {

    private static final Tensor[] NONE = new Tensor[0];

    Tensor[] inputs = NONE;
    // Σ of the inputs' array versions when recorded: versions only grow, so any in-place write since
    // changes the sum, and one int costs nothing per node
    private int inputVersionSum;
    private Tensor[] saved = NONE;
    private boolean released;
    // why the graph through this node cannot be used any more, after a failed pass; null otherwise
    private String failure;
    // where the node was made, recorded only inside Autograd.detectAnomaly()
    private Throwable creation;
    SinkOffer offer; // set by the engine for the length of one backward call; see gradSink

    /** Gradient buffers offered to one backward call, by the thread that runs it. */
    record SinkOffer(Thread thread, NDArray[] sinks) {
    }

    /** Creates a node; it joins the graph when {@link #record} links it to an output. */
    protected GradFn() {
    }

    /**
     * The operation's name, as in API listings and error messages: {@code Add}, {@code MatMul}, …
     *
     * @return the simple name of the operation's class
     */
    public String name() {
        return getClass().getSimpleName();
    }

    /** @return {@link #name()} */
    @Override
    public String toString() {
        return name();
    }

    /**
     * Makes the output tensor of this operation. When grad mode is on and any input requires
     * grad, the output requires grad and records this node, which keeps {@code inputs};
     * otherwise the output is a plain leaf and this node is dropped.
     *
     * @param values the output's values
     * @param inputs the operation's tensor operands, in the order {@link #backward} returns gradients
     * @return the output tensor
     */
    protected final Tensor record(NDArray values, Tensor... inputs) {
        Tensor out = new Tensor(values);
        GradMode.State mode = GradMode.state();
        if (mode.enabled) {
            for (Tensor in : inputs) {
                if (in.requiresGrad()) {
                    this.inputs = inputs;
                    inputVersionSum = versionSum();
                    for (Tensor kept : inputs) {
                        kept.array().markShared(); // the node reads it: the backward pass must never write it
                    }
                    out.recordedBy(this);
                    if (mode.anomaly > 0) {
                        creation = new Throwable("where " + name() + " was created");
                    }
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Keeps tensors that {@link #backward} needs besides the inputs (the output, say).
     *
     * @param tensors the tensors
     */
    protected final void save(Tensor... tensors) {
        this.saved = tensors;
        for (Tensor t : tensors) {
            t.array().markShared();
        }
    }

    /**
     * {@return the {@code i}-th tensor given to {@link #save}}
     *
     * @param i the position in the {@code save} call
     */
    protected final Tensor saved(int i) {
        return saved[i];
    }

    /**
     * {@return the {@code i}-th input tensor}
     *
     * @param i the input's position in the {@code record} call
     */
    protected final Tensor input(int i) {
        return inputs[i];
    }

    /**
     * {@return whether input {@code i} requires grad, so that its gradient is worth computing}
     *
     * @param i the input's position in the {@code record} call
     */
    protected final boolean needsGrad(int i) {
        return inputs[i].requiresGrad();
    }

    /**
     * Where {@link #backward} may add the gradient of input {@code i} in place instead of returning
     * it: the gradient buffer that input (a leaf, a parameter say) already holds from before this
     * pass, offered by the engine when the pass records nothing, the buffer is the input's alone and
     * this node is the input's only consumer in the graph. An operation that adds its gradient into
     * the sink ({@code sink[j] += ∂[j]}, each element once) returns {@code null} for that input; one
     * that ignores the sink returns the gradient as usual and the engine adds it. Either way the
     * input's {@code grad()} ends up with the same bits; the sink spares a fresh array per step, so a
     * {@code Linear} layer trained with {@code zeroGrad(false)} allocates no parameter-sized arrays.
     *
     * @param i the input's position in the {@code record} call
     * @return the buffer, of input {@code i}'s shape, or {@code null} when none is offered
     */
    protected final NDArray gradSink(int i) {
        SinkOffer o = offer;
        return o != null && o.thread == Thread.currentThread() ? o.sinks[i] : null;
    }

    /**
     * {@return a tensor, outside any graph, that wraps {@code values} without copying}
     *
     * @param values the array (not copied)
     */
    protected static Tensor constant(NDArray values) {
        return new Tensor(values);
    }

    /**
     * The chain rule for this operation: from the gradient of the loss with respect to the output,
     * the gradients with respect to each input.
     *
     * @param grad the gradient with respect to the output, of the output's shape
     * @param createGraph whether the pass records a graph (grad mode is on exactly then): the
     *     gradients must then be made of recorded tensor operations; without it an op may compute
     *     the same values by a fused kernel
     * @return one gradient per input, in input order: of the input's shape or of a shape it
     *     broadcasts to (the engine sums it back), in any dtype (the engine converts it to the
     *     input's); {@code null} for an input that needs none, or whose gradient was added into
     *     {@link #gradSink}{@code (i)}
     */
    protected abstract Tensor[] backward(Tensor grad, boolean createGraph);

    /**
     * @throws IllegalStateException if an input was written in place (an optimizer step, say) after
     *     this node recorded it, so that the backward formula would use the new values
     */
    void checkInputsUnchanged() {
        if (versionSum() != inputVersionSum) {
            StringBuilder shapes = new StringBuilder();
            for (Tensor in : inputs) {
                shapes.append(shapes.length() == 0 ? "" : " and ").append(in.shape());
            }
            throw new IllegalStateException("backward: an input of " + name() + " (inputs of shape " + shapes
                    + ") was modified in place after the forward pass that used it (by an optimizer step,"
                    + " loadStateDict, or a gradient accumulated into it); run backward before step(), recompute"
                    + " the forward pass, or use a copy of a gradient (grad().mul(1.0)) as an input");
        }
    }

    private int versionSum() {
        int sum = 0;
        for (Tensor in : inputs) {
            sum += in.array().version();
        }
        return sum;
    }

    boolean isReleased() {
        return released;
    }

    void release() {
        inputs = NONE;
        saved = NONE;
        released = true;
    }

    /**
     * Checks what {@link #backward} returned: one entry per input.
     *
     * @throws IllegalStateException naming the operation if the count is wrong
     */
    void checkGradients(Tensor[] grads) {
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalStateException("backward of " + name() + " returned "
                    + (grads == null ? "null" : grads.length + " gradient(s)") + " for " + inputs.length
                    + " input(s); return one gradient (or null) per input");
        }
    }

    /** Releases the node because a pass through it failed; {@link #failure()} then says why. */
    void fail(String why) {
        release();
        failure = why;
    }

    /** @return why a failed pass made this node unusable, or {@code null} */
    String failure() {
        return failure;
    }

    /** @return where this node was created, if it was created inside an anomaly scope, else {@code null} */
    Throwable creation() {
        return creation;
    }
}
