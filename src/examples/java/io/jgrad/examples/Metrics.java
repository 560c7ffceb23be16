package io.jgrad.examples;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Layer;

/** Classification metrics for the examples: right answers in a batch, loss and accuracy over a data set. */
final class Metrics {

    /**
     * A data set's mean loss and accuracy.
     *
     * @param loss the mean cross-entropy
     * @param accuracy the fraction classified right, in {@code [0, 1]}
     */
    record Result(double loss, double accuracy) {
    }

    private Metrics() {
    }

    /**
     * The number of rows whose highest logit is at the label.
     *
     * @param logits {@code (N, C)}
     * @param labels {@code N} class indices
     */
    static int correct(Tensor logits, int[] labels) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return (int) logits.argmax(1).eq(Tensor.fromArray(l, l.length)).sum().item();
    }

    /**
     * Evaluates {@code model} on every batch of {@code loader} in eval mode without recording a graph,
     * then puts the model back in training mode.
     */
    static Result evaluate(Layer model, DataLoader loader, CrossEntropyLoss lossFn) {
        model.eval();
        double lossSum = 0;
        int right = 0;
        int seen = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                int[] labels = b.labels();
                Tensor logits = model.call(b.x());
                lossSum += lossFn.forward(logits, labels).item() * labels.length;
                right += correct(logits, labels);
                seen += labels.length;
            }
        } finally {
            model.train();
        }
        return seen == 0 ? new Result(Double.NaN, Double.NaN) : new Result(lossSum / seen, (double) right / seen);
    }
}
