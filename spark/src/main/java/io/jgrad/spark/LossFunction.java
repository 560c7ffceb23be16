package io.jgrad.spark;

import io.jgrad.Tensor;
import java.io.Serializable;

/**
 * The loss a {@link DataParallel} trainer minimises, applied to a shard's local batch on an
 * executor. Serializable, as Spark ships it to the executors.
 *
 * <pre>{@code
 * LossFunction loss = (logits, y) -> new CrossEntropyLoss().forward(logits, new Batch(logits, y).labels());
 * }</pre>
 */
@FunctionalInterface
public interface LossFunction extends Serializable {

    /**
     * The <b>mean</b> loss over the rows it is given: the trainer weights each shard's gradient by
     * its row count, so a sum instead of a mean would weight shards wrongly.
     *
     * @param output the model's output for the batch, {@code (n, …)}
     * @param target the batch's targets, {@code (n, …)}, as the {@link BatchFunction} made them
     * @return a 0-d tensor (one element), part of the graph of {@code output}
     */
    Tensor apply(Tensor output, Tensor target);
}
