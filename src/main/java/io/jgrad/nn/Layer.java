package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Casts;
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
 * listed: {@link #registerParameter(String, Tensor)} for each parameter,
 * {@link #registerBuffer(String, Tensor)} for each buffer (state that is saved but not trained,
 * such as a batch norm's running statistics) and {@link #registerModule(String, Layer)} for each
 * child. Nothing is found by reflection. The registries are ordered, so {@link #parameters()},
 * {@link #namedParameters()}, {@link #namedBuffers()}, {@link #stateDict()} and
 * {@link #toString()} list things in registration order.
 *
 * <p><b>Parameter names</b> are dotted paths, as PyTorch's: a parameter {@code weight} of the child
 * registered as {@code 0} is {@code 0.weight}; deeper nesting adds more segments
 * ({@code encoder.0.bias}). {@link Sequential} names its children {@code 0}, {@code 1}, … .
 *
 * <p><b>Modes</b>: a layer is in training mode when created; {@link #eval()} and {@link #train()}
 * switch it and all its descendants (only {@link Dropout} behaves differently today).
 *
 * <p><b>State</b>: {@link #stateDict()} is a snapshot of every parameter and buffer by name, each
 * in its dtype; {@link #loadStateDict(Map)} copies values back into the existing tensors, in place
 * and converted to their dtypes, so an optimizer that holds them keeps working. {@link #save(Path)}
 * and {@link #load(Path)} do the same through a {@code .safetensors} file ({@link SafeTensors}).
 *
 * <p><b>Random numbers</b>: {@link #manualSeed(long)} reseeds every layer of the tree that draws
 * them (dropout), each from the seed and its position in the tree.
 *
 * <p><b>Dtypes</b>: {@link #to(DType)} converts every floating parameter and buffer in place (the
 * same tensor objects, so an optimizer made before keeps serving them); {@link #dtype()} reports it.
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
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private final List<ForwardHook> forwardHooks = new ArrayList<>();
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

    /**
     * Applies this layer as PyTorch's {@code module(x)} does: {@link #forward} and then the forward
     * hooks, in registration order, each seeing the previous one's output. {@code forward} alone
     * is the bare computation and runs no hooks; containers call their children through this.
     *
     * @param input the input
     * @return the output, or the last hook's replacement
     */
    public final Tensor call(Tensor input) {
        Tensor out = forward(input);
        if (!forwardHooks.isEmpty()) {
            for (ForwardHook hook : List.copyOf(forwardHooks)) {
                Tensor replaced = hook.apply(this, input, out);
                if (replaced != null) {
                    out = replaced;
                }
            }
        }
        return out;
    }

    /**
     * Registers a hook that {@link #call} runs after {@link #forward}, after those registered before.
     *
     * @param hook the hook
     * @return a handle whose {@code remove()} unregisters it
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public final io.jgrad.HookHandle registerForwardHook(ForwardHook hook) {
        if (hook == null) {
            throw new IllegalArgumentException("registerForwardHook: the hook is null; pass a ForwardHook");
        }
        forwardHooks.add(hook);
        return new io.jgrad.HookHandle(() -> forwardHooks.remove(hook));
    }

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
     * Registers a buffer under {@code name}: state that {@link #stateDict()} saves and
     * {@link #to(DType)} converts (when floating), but that is not a parameter and does not require
     * grad, as PyTorch's {@code register_buffer} (a batch norm's running mean, say).
     *
     * @param name a non-empty name without dots, unique among this layer's parameters, buffers and children
     * @param tensor the buffer itself (not copied), a leaf
     * @return {@code tensor}, for assignment to a field
     * @throws IllegalArgumentException if the name is invalid or taken, or the tensor is null or
     *     requires grad
     */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        checkName("registerBuffer", name);
        if (tensor == null) {
            throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' of "
                    + getClass().getSimpleName() + " is null; pass a tensor");
        }
        if (tensor.requiresGrad()) {
            throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' of shape " + tensor.shape()
                    + " requires grad, but buffers are not trained; register it as a parameter, or pass"
                    + " tensor.detach()");
        }
        buffers.put(name, tensor);
        return tensor;
    }

    /**
     * Registers a child layer under {@code name}, after those registered before it. Its parameters
     * appear in this layer's as {@code name.<its parameter name>}.
     *
     * @param <L> the child's type
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
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(op + ": name '" + name + "' is already registered in "
                    + getClass().getSimpleName() + "; each parameter, buffer and child needs its own name");
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

    /** Every parameter under every name it has, shared ones included. */
    final Map<String, Tensor> allNamedParameters() {
        return allNamedParameters(false);
    }

    /** Every parameter and buffer under every name it has: the keys of a state dict. */
    final Map<String, Tensor> stateTensors() {
        return allNamedParameters(true);
    }

    /**
     * Every buffer of this layer and its descendants with its dotted name
     * ({@code 1.running_mean}), in registration order (this layer's own first, then each child's).
     *
     * @return a new insertion-ordered map from name to the live buffer tensor
     */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false, true);
        return out;
    }

    /** Every parameter under every name it has, shared ones included: the keys of a state dict. */
    private Map<String, Tensor> allNamedParameters(boolean withBuffers) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, withBuffers);
        return out;
    }

    // the module tree is shallow (one level per nesting in the code), so recursion is fine here;
    // as PyTorch's state_dict, a layer's parameters come before its buffers, then its children
    private void collect(String prefix, Map<String, Tensor> out, boolean withParams, boolean withBuffers) {
        if (withParams) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        if (withBuffers) {
            for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, withParams, withBuffers);
        }
    }

    /** {@return this layer's direct children by name, in registration order (unmodifiable)} */
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
     * @param mode {@code true} for training mode, {@code false} for evaluation mode
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

    /** {@return whether this layer is in training mode (the default)} */
    public boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------ random numbers

    /**
     * Reseeds every layer of this tree that draws random numbers ({@link Dropout}), so that what
     * they draw from now on depends on {@code seed} and the tree alone, as
     * {@code torch.manual_seed} does for a model. The distinct layers are numbered {@code k = 0, 1,
     * …} depth first in registration order (this layer first, then each child's subtree), and
     * layer {@code k} is given the seed {@code splitmix64(seed + (k + 1)·0x9E3779B97F4A7C15)}
     * through {@link #reseed(long)}, so two dropout layers draw different masks. Layers without a
     * generator ignore it. For reproducible randomness where a model is rebuilt or shared between
     * computations (a data-parallel trainer seeds the model before each shard's step).
     *
     * @param seed the seed of the whole tree
     * @return this layer
     */
    public Layer manualSeed(long seed) {
        seedTree(seed, new long[1], Collections.newSetFromMap(new IdentityHashMap<>()));
        return this;
    }

    // depth first in registration order, each distinct layer once; the tree is shallow (see collect)
    private void seedTree(long seed, long[] counter, java.util.Set<Layer> seen) {
        if (!seen.add(this)) {
            return;
        }
        long k = counter[0]++;
        reseed(splitMix64(seed + (k + 1) * 0x9E3779B97F4A7C15L));
        for (Layer child : children.values()) {
            child.seedTree(seed, counter, seen);
        }
    }

    /** SplitMix64's output function (Steele, Lea and Flood, 2014): a bijection that spreads nearby seeds apart. */
    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Reseeds this layer's own random number generator, if it has one (not its children's):
     * {@link #manualSeed(long)} calls it with the layer's derived seed. The default does nothing;
     * a layer that draws random numbers overrides it, so that its draws after the call depend on
     * {@code seed} alone.
     *
     * @param seed the layer's seed
     */
    protected void reseed(long seed) {
    }

    // ------------------------------------------------------------------ dtypes

    /**
     * Converts every floating parameter and buffer of this layer and its descendants to
     * {@code dtype}, in place: the tensor objects stay the same (an optimizer made before keeps
     * serving them) and take converted values ({@link Tensor#setData}); their gradients are
     * converted too. Integer and bool buffers (a batch norm's {@code num_batches_tracked}) keep
     * their dtype, as in PyTorch.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this layer
     * @throws IllegalArgumentException if {@code dtype} is not floating
     */
    public Layer to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("Layer.to: a layer's parameters are floating; convert to FLOAT32 or"
                    + " FLOAT64, not " + dtype.label());
        }
        for (Tensor t : stateTensors().values()) {
            if (t.dtype().isFloatingPoint() && t.dtype() != dtype) {
                t.setData(Tensor.wrap(Casts.to(t.array(), dtype)));
            }
        }
        return this;
    }

    /**
     * The dtype of this layer's parameters (of its buffers when it has none; FLOAT64 when it has
     * neither, the default dtype).
     *
     * @return the dtype
     * @throws IllegalStateException if the floating parameters have different dtypes (call
     *     {@link #to(DType)} to make them one)
     */
    public DType dtype() {
        DType found = null;
        Map<String, Tensor> tensors = allNamedParameters();
        if (tensors.isEmpty()) {
            tensors = namedBuffers();
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            DType d = e.getValue().dtype();
            if (!d.isFloatingPoint()) {
                continue;
            }
            if (found != null && found != d) {
                throw new IllegalStateException("Layer.dtype: " + getClass().getSimpleName() + " mixes " + found.label()
                        + " and " + d.label() + " ('" + e.getKey() + "'); call to(DType) to make them one");
            }
            found = d;
        }
        return found == null ? DType.FLOAT64 : found;
    }

    // ------------------------------------------------------------------ state

    /**
     * A snapshot of every parameter and buffer by dotted name ({@code 0.weight},
     * {@code 1.running_mean}), in registration order (a layer's parameters, then its buffers, then
     * its children's): new tensors holding copies of the values in their dtypes, outside any
     * graph. Training afterwards does not change it. A tensor registered in two places appears
     * under both names, as in PyTorch.
     *
     * @return a new insertion-ordered map from name to a copy of the parameter or buffer
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stateTensors().entrySet()) {
            out.put(e.getKey(), Tensor.wrap(e.getValue().array().copy()));
        }
        return out;
    }

    /**
     * Copies the values of {@code state} into this layer's parameters and buffers, in place and
     * converted to each one's dtype (a float32 state into a float64 model gives float64
     * parameters, as PyTorch's {@code load_state_dict}): the tensors stay the same objects (an
     * optimizer holding them keeps working), their gradients and flags are untouched. The match is
     * strict: {@code state} must have exactly the keys of {@link #stateDict()}, each with the
     * tensor's shape.
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
        Map<String, Tensor> own = stateTensors();
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
            Casts.copyInto(state.get(e.getKey()).array(), e.getValue().array());
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
     * Writes every parameter and buffer to a {@code .safetensors} file, each in its dtype (F64, F32,
     * I64), named as in {@link #stateDict()}, which PyTorch reads with
     * {@code safetensors.torch.load_file} and {@code load_state_dict}.
     *
     * @param file the file to write; replaced if it exists
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void save(Path file) {
        SafeTensors.save(stateTensors(), file);
    }

    /**
     * Reads a {@code .safetensors} file (F64, F32, F16, BF16, I64 or BOOL tensors) and loads it with
     * {@link #loadStateDict(Map)}, converting each value to its tensor's dtype; a file that is
     * malformed or does not fit changes nothing.
     *
     * @param file the file to read
     * @throws IllegalArgumentException if the file is malformed or its tensors do not fit this layer
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public void load(Path file) {
        loadStateDict(SafeTensors.load(file));
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
