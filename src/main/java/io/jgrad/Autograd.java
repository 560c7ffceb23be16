package io.jgrad;

import io.jgrad.ndarray.NDArray;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Gradients as values, without touching any tensor's {@code .grad}: PyTorch's {@code torch.autograd.grad}. */
public final class Autograd {

    private Autograd() {
    }

    /**
     * The gradient of a single-element {@code output} with respect to each of {@code inputs}.
     *
     * <p>Nothing is written to any {@link Tensor#grad()}. An input that {@code output} does not
     * depend on gets a zero tensor of its shape. With {@code createGraph} the gradients carry a
     * graph of their own (so they can be differentiated again) and the graph is retained;
     * otherwise it is freed.
     *
     * @param output a single-element tensor that requires grad
     * @param inputs leaves or intermediate tensors of {@code output}'s graph, each requiring grad
     * @return {@code d output / d inputs.get(i)} for each {@code i}, of the input's shape
     * @throws IllegalArgumentException if {@code output} has more than one element, or an input
     *     does not require grad
     * @throws IllegalStateException if {@code output} does not require grad, or its graph was freed
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        if (output.numel() != 1) {
            throw new IllegalArgumentException("Autograd.grad: output must have a single element, got shape "
                    + output.shape() + "; reduce it first (sum() or mean()), or call backward(grad) with an"
                    + " upstream gradient");
        }
        output.checkBackward();
        Map<Tensor, Boolean> wanted = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: input " + i + " of shape " + in.shape()
                        + " does not require grad, so no gradient flows to it; call requiresGrad(true) on it"
                        + " before computing the output");
            }
            wanted.put(in, Boolean.TRUE);
        }
        Tensor seed = new Tensor(NDArray.full(output.shape(), 1.0));
        Map<Tensor, Tensor> got = Engine.run(output, seed, createGraph, createGraph, wanted);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor in : inputs) {
            Tensor g = got.get(in);
            result.add(g != null ? g : new Tensor(NDArray.zeros(in.shape())));
        }
        return result;
    }
}
