package io.jgrad.nn;

/**
 * The notebook's container: layers added one by one with {@link #addLayer(Layer)} and applied in
 * order by {@code forward}. It is a {@link Sequential} under the notebook's names, so its children
 * are named {@code 0}, {@code 1}, … and {@code layers().get(2)} is the notebook's
 * {@code network.layers[2]}.
 *
 * <pre>{@code
 * Network network = new Network();
 * network.addLayer(new LinearLayer(W1, b1));
 * network.addLayer(new ReLU());
 * network.addLayer(new LinearLayer(W2, b2));
 * Tensor l = new CrossEntropyLoss().forward(network.forward(data), 1);
 * l.backward();
 * }</pre>
 */
public class Network extends Sequential {

    /** An empty network. */
    public Network() {
    }

    /**
     * Appends a layer (the notebook's {@code add_layer}).
     *
     * @param layer the layer
     * @return this network
     * @throws IllegalArgumentException if {@code layer} is null or this network itself
     */
    public Network addLayer(Layer layer) {
        add(layer);
        return this;
    }
}
