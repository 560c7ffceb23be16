package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A building block of a network, PyTorch's {@code nn.Module}: a function {@link #forward} with
 * named, trainable parameters and named sub-layers (children).
 *
 * <p>A subclass registers its state explicitly, in its constructor, in the order it should be
 * listed: {@link #registerParameter(String, Tensor)} for each parameter and
 * {@link #registerModule(String, Layer)} for each child. Nothing is found by reflection. The
 * registries are ordered, so {@link #parameters()}, {@link #namedParameters()},
 * {@link #stateDict()} and {@link #toString()} list things in registration order.
 *
 * <p><b>Parameter names</b> are dotted paths, as PyTorch's: a parameter {@code weight} of the child
 * registered as {@code 0} is {@code 0.weight}; deeper nesting adds more segments
 * ({@code encoder.0.bias}). {@link Sequential} names its children {@code 0}, {@code 1}, … .
 *
 * <p><b>Modes</b>: a layer is in training mode when created; {@link #eval()} and {@link #train()}
 * switch it and all its descendants (only {@link Dropout} behaves differently today).
 *
 * <p><b>State</b>: {@link #stateDict()} is a snapshot of every parameter by name;
 * {@link #loadStateDict(Map)} copies values back into the existing parameter tensors, in place, so
 * an optimizer that holds them keeps working. {@link #save(Path)} and {@link #load(Path)} do the
 * same through a {@code .safetensors} file ({@link SafeTensors}).
 *
 * <p>A minimal layer:
 * <pre>{@code
 * final class Scale extends Layer {
 *     private final Tensor factor = registerParameter("factor", Tensor.ones(1));
 *     public Tensor forward(Tensor input) { return input.mul(factor); }
 * }
 * }</pre>
 */
public abstract class Layer {

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a layer with no parameters and no children, in training mode. */
    protected Layer() {
    }

    /**
     * Applies this layer.
     *
     * @param input the input; each layer documents the shapes it takes
     * @return the output, part of the graph when the input or a parameter requires grad
     */
    public abstract Tensor forward(Tensor input);

    // ------------------------------------------------------------------ registration

    /**
     * Registers a trainable parameter under {@code name}, after those registered before it. The
     * tensor is made to require grad; it must be a leaf.
     *
     * @param name a non-empty name without dots, unique among this layer's parameters and children
     * @param tensor the parameter itself (not copied)
     * @return {@code tensor}, for assignment to a field
     * @throws IllegalArgumentException if the name is invalid or taken, or the tensor is null or
     *     not a leaf
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        checkName("registerParameter", name);
        if (tensor == null) {
            throw new IllegalArgumentException("registerParameter: parameter '" + name + "' of "
                    + getClass().getSimpleName() + " is null; pass a tensor");
        }
        if (!tensor.isLeaf()) {
            throw new IllegalArgumentException("registerParameter: parameter '" + name + "' of shape "
                    + tensor.shape() + " was made by " + tensor.gradFn().name()
                    + ", but a parameter must be a leaf; pass tensor.detach()");
        }
        tensor.requiresGrad(true);
        params.put(name, tensor);
        return tensor;
    }

    /**
     * Registers a child layer under {@code name}, after those registered before it. Its parameters
     * appear in this layer's as {@code name.<its parameter name>}.
     *
     * @param name a non-empty name without dots, unique among this layer's parameters and children
     * @param child the layer
     * @return {@code child}, for assignment to a field
     * @throws IllegalArgumentException if the name is invalid or taken, or {@code child} is null or
     *     this layer itself
     */
    protected final <L extends Layer> L registerModule(String name, L child) {
        checkName("registerModule", name);
        if (child == null) {
            throw new IllegalArgumentException("registerModule: child '" + name + "' of "
                    + getClass().getSimpleName() + " is null; pass a layer");
        }
        if (((Layer) child).hasDescendant(this)) {
            throw new IllegalArgumentException("registerModule: adding '" + name + "' (" + child.getClass().getSimpleName()
                    + ") to " + getClass().getSimpleName() + " would make a cycle: the child is this layer or"
                    + " contains it; a layer tree cannot contain itself");
        }
        children.put(name, child);
        return child;
    }

    // whether `target` is this layer or below it; iterative, so a malformed tree cannot overflow the stack
    private boolean hasDescendant(Layer target) {
        java.util.ArrayDeque<Layer> todo = new java.util.ArrayDeque<>();
        java.util.Set<Layer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.push(this);
        while (!todo.isEmpty()) {
            Layer l = todo.pop();
            if (l == target) {
                return true;
            }
            if (seen.add(l)) {
                l.children.values().forEach(todo::push);
            }
        }
        return false;
    }

    private void checkName(String op, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(op + ": name '" + name + "' is invalid for "
                    + getClass().getSimpleName() + "; use a non-empty name without '.' (dots separate path segments)");
        }
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(op + ": name '" + name + "' is already registered in "
                    + getClass().getSimpleName() + "; each parameter and child needs its own name");
        }
    }

    // ------------------------------------------------------------------ parameters and children

    /**
     * Every trainable parameter of this layer and its descendants, in registration order (this
     * layer's own first, then each child's), each tensor once even if registered in two places:
     * what an optimizer takes.
     *
     * @return a new list of the live parameter tensors (not copies)
     */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Every trainable parameter with its dotted name ({@code 0.weight}), in the order of
     * {@link #parameters()}. A tensor registered in two places is listed once, under the first
     * name, as PyTorch's {@code named_parameters()}.
     *
     * @return a new insertion-ordered map from name to the live parameter tensor
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = allNamedParameters();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : all.entrySet()) {
            if (seen.put(e.getValue(), Boolean.TRUE) == null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Every parameter under every name it has, shared ones included: the keys of a state dict. */
    final Map<String, Tensor> allNamedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    // the module tree is shallow (one level per nesting in the code), so recursion is fine here
    private void collect(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out);
        }
    }

    /** @return this layer's direct children by name, in registration order (unmodifiable) */
    public Map<String, Layer> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** Resets the gradient of every parameter to {@code null} (PyTorch's {@code zero_grad()}). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Resets the gradient of every parameter: to {@code null} when {@code setToNone}, else to zeros
     * in place, keeping the arrays for the next backward to add into; see {@link Tensor#zeroGrad(boolean)}.
     *
     * @param setToNone {@code true} for {@code null} (PyTorch's default), {@code false} for zeros
     */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : allNamedParameters().values()) {
            p.zeroGrad(setToNone);
        }
    }

    // ------------------------------------------------------------------ modes

    /**
     * Puts this layer and all its descendants in training mode ({@link Dropout} drops).
     *
     * @return this layer
     */
    public Layer train() {
        return train(true);
    }

    /**
     * Puts this layer and all its descendants in training mode when {@code mode} is true, in
     * evaluation mode otherwise.
     *
     * @return this layer
     */
    public Layer train(boolean mode) {
        training = mode;
        for (Layer child : children.values()) {
            child.train(mode);
        }
        return this;
    }

    /**
     * Puts this layer and all its descendants in evaluation mode ({@link Dropout} passes its input
     * through): {@code train(false)}.
     *
     * @return this layer
     */
    public Layer eval() {
        return train(false);
    }

    /** @return whether this layer is in training mode (the default) */
    public boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------ state

    /**
     * A snapshot of every parameter by dotted name ({@code 0.weight}), in registration order: new
     * tensors holding copies of the values, outside any graph. Training afterwards does not change
     * it. A tensor registered in two places appears under both names, as in PyTorch.
     *
     * @return a new insertion-ordered map from name to a copy of the parameter
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : allNamedParameters().entrySet()) {
            Tensor p = e.getValue();
            out.put(e.getKey(), Tensor.fromArray(p.array().data(), p.shape().toArray()));
        }
        return out;
    }

    /**
     * Copies the values of {@code state} into this layer's parameters, in place: the parameter
     * tensors stay the same objects (an optimizer holding them keeps working), their gradients and
     * flags are untouched. The match is strict: {@code state} must have exactly the keys of
     * {@link #stateDict()}, each with the parameter's shape.
     *
     * <p>Nothing is written unless everything matches; otherwise one exception lists every fault:
     * each missing key with the shape it needs, each unexpected key with its shape, each shape
     * mismatch with both shapes.
     *
     * @param state tensors by dotted name, as {@link #stateDict()} or {@link SafeTensors#load} give
     * @throws IllegalArgumentException listing every missing key, unexpected key and shape mismatch
     */
    public void loadStateDict(Map<String, Tensor> state) {
        if (state == null) {
            throw new IllegalArgumentException("loadStateDict: the state dict is null; pass a map from"
                    + " parameter name to tensor, as stateDict() returns");
        }
        Map<String, Tensor> own = allNamedParameters();
        List<String> faults = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Shape need = e.getValue().shape();
            if (!state.containsKey(e.getKey())) {
                faults.add("missing key '" + e.getKey() + "' (parameter of shape " + need + ")");
                continue;
            }
            Tensor given = state.get(e.getKey());
            if (given == null) {
                faults.add("key '" + e.getKey() + "' maps to null (parameter of shape " + need + ")");
            } else if (!given.shape().equals(need)) {
                faults.add("shape mismatch for '" + e.getKey() + "': the state dict has " + given.shape()
                        + " but the parameter is " + need);
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (!own.containsKey(e.getKey())) {
                Tensor t = e.getValue();
                faults.add("unexpected key '" + e.getKey() + "'" + (t == null ? "" : " (shape " + t.shape() + ")"));
            }
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: the state dict does not fit "
                    + getClass().getSimpleName() + " (" + faults.size() + " fault" + (faults.size() == 1 ? "" : "s")
                    + "; nothing was loaded):\n  " + String.join("\n  ", faults)
                    + "\nexpected keys: " + describe(own));
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            double[] src = state.get(e.getKey()).array().data();
            System.arraycopy(src, 0, e.getValue().array().data(), 0, src.length);
            e.getValue().array().bumpVersion();
        }
    }

    private static String describe(Map<String, Tensor> tensors) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            parts.add(e.getKey() + " " + e.getValue().shape());
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }

    /**
     * Writes every parameter to a {@code .safetensors} file (each in its dtype, F64 for float64,
     * named as in {@link #stateDict()}),
     * which PyTorch reads with {@code safetensors.torch.load_file} and {@code load_state_dict}.
     *
     * @param file the file to write; replaced if it exists
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void save(Path file) {
        SafeTensors.save(allNamedParameters(), file);
    }

    /**
     * Reads a {@code .safetensors} file (F64, F32, F16, BF16, I64 or BOOL, every tensor converted
     * to float64) and loads it with {@link #loadStateDict(Map)}; a file that is malformed or does
     * not fit changes nothing.
     *
     * @param file the file to read
     * @throws IllegalArgumentException if the file is malformed or its tensors do not fit this layer
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public void load(Path file) {
        // loadStateDict copies float64 values, and the file keeps each tensor's dtype, so convert first
        Map<String, Tensor> state = SafeTensors.load(file);
        state.replaceAll((name, t) -> t.to(DType.FLOAT64));
        loadStateDict(state);
    }

    // ------------------------------------------------------------------ printing

    /**
     * The part of {@link #toString()} inside the parentheses besides the children, as PyTorch's
     * {@code extra_repr}: {@code in_features=4, out_features=8, bias=True} for a linear layer.
     *
     * @return the layer's settings, or {@code ""} for none
     */
    protected String extraRepr() {
        return "";
    }

    /**
     * The layer tree as PyTorch prints it:
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=4, out_features=8, bias=True)
     *   (1): ReLU()
     *   (2): Linear(in_features=8, out_features=3, bias=True)
     * )
     * </pre>
     */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) {
            Collections.addAll(lines, extra.split("\n", -1));
        }
        int extraLines = lines.size();
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            // indent every line of the child but its first, as PyTorch's _addindent
            lines.add("(" + e.getKey() + "): " + e.getValue().toString().replace("\n", "\n  "));
        }
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
        if (extraLines == 1 && children.isEmpty()) {
            sb.append(lines.get(0));
        } else if (!lines.isEmpty()) {
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
    }
}
