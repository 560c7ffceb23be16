package io.jgrad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A differentiable operation defined by the user, PyTorch's {@code torch.autograd.Function}: a
 * {@link #forward} on tensors and the {@link #backward} that turns the gradient of its output into
 * the gradients of its inputs.
 *
 * <pre>{@code
 * // y = x³, with ∂x = 3x²·g
 * CustomFunction cube = new CustomFunction("Cube") {
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0]);
 *         return in[0].pow(3.0);
 *     }
 *     protected Tensor[] backward(Context ctx, Tensor g) {
 *         Tensor x = ctx.savedTensors().get(0);
 *         return new Tensor[] {g.mul(x.pow(2.0)).mul(3.0)};
 *     }
 * };
 * Tensor y = cube.apply(x);          // y.gradFn().name() is "Cube"
 * }</pre>
 *
 * <p>{@code forward} runs with grad mode off: what it computes is not recorded; the result is
 * recorded as one node named after the function, whose inputs are the tensors given to
 * {@link #apply}. {@code backward} is written with tensor operations, so a pass with
 * {@code createGraph} records it and it can be differentiated again. The engine checks what it
 * returns: one gradient (or {@code null}) per input, each of its input's shape and dtype. A
 * returned tensor is never kept as someone's gradient without a copy, nor written in place, so
 * returning an input, a saved tensor, or one tensor for two inputs is safe. One function object may
 * be applied any number of times; each application has a context of its own.
 */
public abstract class CustomFunction {

    private final String name;

    /**
     * A function whose recorded nodes are called {@code name}.
     *
     * @param name the name the recorded nodes report ({@code gradFn().name()})
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    protected CustomFunction(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("CustomFunction: the name is null or blank; give the function a name,"
                    + " which its nodes report as gradFn().name()");
        }
        this.name = name;
    }

    /** {@return the function's name, as its nodes report it} */
    public final String name() {
        return name;
    }

    /**
     * Computes the output, with grad mode off.
     *
     * @param ctx this application's context: save what {@link #backward} needs
     * @param inputs the tensors given to {@link #apply}
     * @return the output (a new tensor, or one of the inputs: it is wrapped either way)
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * The chain rule: the gradients of the inputs from the gradient of the output, in tensor
     * operations.
     *
     * @param ctx the context {@link #forward} saved into
     * @param gradOutput the gradient of the output, of its shape and dtype
     * @return one gradient per input, each of the input's shape and dtype, or {@code null} for an
     *     input that needs none ({@link Context#needsInputGrad})
     */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /**
     * Applies the function: runs {@link #forward} with grad mode off and, when grad mode is on and
     * an input requires grad, records a node named {@link #name()} with {@code inputs} as its inputs.
     *
     * @param inputs the inputs
     * @return the output; it requires grad when the node was recorded (and the output is floating)
     * @throws IllegalArgumentException if an input is null
     * @throws IllegalStateException if {@code forward} returns null
     */
    public final Tensor apply(Tensor... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(name + ".apply: input " + i + " is null");
            }
        }
        Tensor[] in = inputs.clone();
        boolean[] needs = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            needs[i] = in[i].requiresGrad() && GradMode.isEnabled();
        }
        Context ctx = new Context(needs);
        Tensor out;
        try (GradMode.Scope off = GradMode.noGrad()) {
            out = forward(ctx, in.clone());
        }
        if (out == null) {
            throw new IllegalStateException(name + ".forward returned null; return the output tensor");
        }
        if (!out.dtype().isFloatingPoint()) {
            return out.detach(); // an integer or bool result has no gradient
        }
        return new Node(this, ctx).record(out.array(), in);
    }

    /**
     * What one application of a function keeps for its backward: tensors saved by
     * {@link CustomFunction#forward}, and which inputs need a gradient.
     */
    public static final class Context {
        private final boolean[] needs;
        private List<Tensor> saved = List.of();

        private Context(boolean[] needs) {
            this.needs = needs;
        }

        /**
         * Keeps tensors for {@link CustomFunction#backward} (replacing any saved before). They are
         * never written in place by the backward pass.
         *
         * @param tensors the tensors
         * @throws IllegalArgumentException if a tensor is null
         */
        public void saveForBackward(Tensor... tensors) {
            List<Tensor> list = new ArrayList<>(tensors.length);
            for (int i = 0; i < tensors.length; i++) {
                if (tensors[i] == null) {
                    throw new IllegalArgumentException("saveForBackward: tensor " + i + " is null");
                }
                tensors[i].array().markShared();
                list.add(tensors[i]);
            }
            saved = Collections.unmodifiableList(list);
        }

        /** {@return the tensors given to {@link #saveForBackward}, in order (unmodifiable)} */
        public List<Tensor> savedTensors() {
            return saved;
        }

        /**
         * {@return whether input {@code i} requires grad (so its gradient is worth computing)}
         *
         * @param i the input's position in the {@code apply} call
         * @throws IndexOutOfBoundsException if {@code i} is not an input's index
         */
        public boolean needsInputGrad(int i) {
            if (i < 0 || i >= needs.length) {
                throw new IndexOutOfBoundsException("needsInputGrad: input " + i + " is out of range for "
                        + needs.length + " input(s)");
            }
            return needs[i];
        }

        private void release() {
            saved = List.of();
        }
    }

    /** The node one application records: runs the user's backward and checks what it returns. */
    private static final class Node extends GradFn {
        private final CustomFunction function;
        private final Context ctx;

        Node(CustomFunction function, Context ctx) {
            this.function = function;
            this.ctx = ctx;
        }

        @Override
        public String name() {
            return function.name;
        }

        @Override
        protected Tensor[] backward(Tensor grad, boolean createGraph) {
            Tensor[] grads = function.backward(ctx, grad);
            if (grads != null) {
                grads = grads.clone();
                for (Tensor gi : grads) {
                    if (gi != null) {
                        // the user may hold it (an input, a saved tensor, a constant, the same tensor for
                        // two inputs): never keep it without a copy, never write it in place
                        gi.array().markShared();
                    }
                }
            }
            return grads;
        }

        @Override
        void checkGradients(Tensor[] grads) {
            int n = inputs.length;
            if (grads == null || grads.length != n) {
                throw new IllegalStateException(name() + ".backward returned " + (grads == null ? "null"
                        : grads.length + " gradient(s) " + shapes(grads)) + " but the function has " + n
                        + " input(s) " + shapes(inputs) + "; return one gradient (or null) per input, in the order"
                        + " of apply's arguments");
            }
            for (int i = 0; i < n; i++) {
                Tensor g = grads[i];
                Tensor in = inputs[i];
                if (g == null) {
                    continue;
                }
                if (!g.shape().equals(in.shape())) {
                    throw new IllegalStateException(name() + ".backward returned a gradient of shape " + g.shape()
                            + " for input " + i + " of shape " + in.shape() + "; each gradient needs its input's shape");
                }
                if (g.dtype() != in.dtype()) {
                    throw new IllegalStateException(name() + ".backward returned a gradient of dtype "
                            + g.dtype().label() + " (shape " + g.shape() + ") for input " + i + " of dtype "
                            + in.dtype().label() + " (shape " + in.shape() + "); convert it with to(" + in.dtype() + ")");
                }
            }
        }

        @Override
        void release() {
            super.release();
            ctx.release();
        }

        // the shapes of the tensors, "(shapes (2, 3), null, (3,))", for messages
        private static String shapes(Tensor[] tensors) {
            StringBuilder b = new StringBuilder("(shapes ");
            for (int i = 0; i < tensors.length; i++) {
                b.append(i == 0 ? "" : ", ").append(tensors[i] == null ? "null" : tensors[i].shape().toString());
            }
            return b.append(tensors.length == 0 ? "none)" : ")").toString();
        }
    }
}
