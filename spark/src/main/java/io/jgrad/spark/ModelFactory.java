package io.jgrad.spark;

import io.jgrad.nn.Layer;
import java.io.Serializable;

/**
 * Makes the model a {@link DataParallel} trainer trains: once on the driver (the model whose
 * parameters are trained) and once per concurrently running task on each executor (replicas whose
 * parameters are overwritten with the driver's at every step, so their initial values do not
 * matter). Serializable, as Spark ships it to the executors; a lambda such as
 * {@code () -> new Sequential(new Linear(784, 256, new Random(0)), new ReLU(), new Linear(256, 10, new Random(1)))}
 * is, as long as what it captures is.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {

    /**
     * {@return a new model, in the dtype it is trained in; every call must give the same tree of
     * layers (the same parameter and buffer names and shapes)}
     */
    Layer create();
}
