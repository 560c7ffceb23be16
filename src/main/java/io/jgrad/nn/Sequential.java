package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers applied one after another (PyTorch's {@code nn.Sequential}): {@code forward(x)} is
 * {@code layers[n-1].call(…layers[0].call(x))} (each child with its forward hooks). The children are named {@code 0}, {@code 1}, …
 * in order, so the parameters are {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, … as in PyTorch;
 * a state dict saved from PyTorch's {@code Sequential} of the same layers loads as it is.
 *
 * <pre>{@code
 * Random rng = new Random(0);
 * Sequential model = new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 3, rng));
 * Tensor logits = model.forward(x);   // x (N, 4) → (N, 3)
 * }</pre>
 */
public class Sequential extends Layer {

    private final List<Layer> layers = new ArrayList<>();

    /**
     * A container of the given layers, in order (none is fine: then {@code forward} is the identity).
     *
     * @param layers the layers, in the order they run
     * @throws IllegalArgumentException if a layer is null
     */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /**
     * Appends a layer, named by its position ({@code 0}, {@code 1}, …).
     *
     * @param layer the layer
     * @return this container
     * @throws IllegalArgumentException if {@code layer} is null or this container itself
     */
    public final Sequential add(Layer layer) {
        layers.add(registerModule(Integer.toString(layers.size()), layer));
        return this;
    }

    /** {@return the layers in order (unmodifiable)} */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Applies each layer to the previous one's output.
     *
     * @param input what the first layer takes
     * @return what the last layer gives; the input itself when there are no layers
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Layer layer : layers) {
            x = layer.call(x);
        }
        return x;
    }
}
