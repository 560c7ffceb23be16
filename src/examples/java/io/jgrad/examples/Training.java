package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Layer;
import io.jgrad.optim.Optimizer;
import java.util.Locale;

/** The epoch of minibatch classification training that the image examples share. */
final class Training {

    private Training() {
    }

    /**
     * One pass over {@code train}: per batch, {@code beforeStep} (a learning-rate schedule, say),
     * forward, mean cross-entropy, {@code zeroGrad}, {@code backward}, {@code step}; then the test
     * set is evaluated and the epoch's train and test loss and accuracy are added to {@code history}
     * and shown by {@code progress} (whose epoch the caller has started).
     */
    static void epoch(Layer model, CrossEntropyLoss lossFn, Optimizer optimizer, DataLoader train, DataLoader test,
                      Progress progress, History history, Runnable beforeStep) {
        double lossSum = 0;
        int seen = 0;
        int right = 0;
        for (Batch batch : train) {
            beforeStep.run();
            Tensor logits = model.call(batch.x());
            Tensor loss = lossFn.forward(logits, batch.labels());
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();

            lossSum += loss.item() * batch.size();
            seen += batch.size();
            right += Metrics.correct(logits, batch.labels());
            progress.update(seen, lossSum / seen, (double) right / seen);
        }
        Metrics.Result t = Metrics.evaluate(model, test, lossFn);
        history.add(lossSum / seen, (double) right / seen, t.loss(), t.accuracy());
        progress.endEpoch(lossSum / seen, (double) right / seen,
                String.format(Locale.ROOT, "test acc %5.1f%%", 100 * t.accuracy()));
    }
}
