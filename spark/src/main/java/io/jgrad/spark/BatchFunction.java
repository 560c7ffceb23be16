package io.jgrad.spark;

import io.jgrad.data.Batch;
import java.io.Serializable;
import java.util.List;

/**
 * Turns rows of the training data (any type {@code T}: a record, a {@code byte[]}, a Spark
 * {@code Row}) into the tensors of a batch, on the executor that holds them. Serializable, as Spark
 * ships it to the executors.
 *
 * <pre>{@code
 * BatchFunction<LabeledPoint> batches = rows -> {
 *     double[] x = new double[rows.size() * 4];
 *     long[] y = new long[rows.size()];
 *     for (int i = 0; i < rows.size(); i++) { ... }
 *     return new Batch(Tensor.fromArray(x, rows.size(), 4), Tensor.fromArray(y, rows.size()));
 * };
 * }</pre>
 *
 * @param <T> the type of a row
 */
@FunctionalInterface
public interface BatchFunction<T> extends Serializable {

    /**
     * {@return the features {@code x} of shape {@code (rows.size(), …)} and the targets {@code y}
     * (for {@link DataParallel#predict} the targets are ignored and may be null)}
     *
     * @param rows the batch's rows, in the order the schedule gives them (not empty)
     */
    Batch apply(List<T> rows);
}
