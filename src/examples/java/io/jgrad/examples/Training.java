package io.jgrad.examples;

import java.nio.file.Path;
import java.nio.file.Files;
import java.io.PrintStream;
import java.io.IOException;
import io.jgrad.optim.Adam;
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

    /**
     * What {@link #adamWithCosineDecay} measured.
     *
     * @param history per-epoch figures
     * @param seconds the training time
     * @param accuracy the last epoch's test accuracy, a fraction
     */
    record Run(History history, double seconds, double accuracy) {
    }

    /**
     * {@code epochs} epochs of {@link #epoch} whose Adam learning rate falls from {@code lr} to 0
     * along half a cosine wave over the run, then the test accuracy printed.
     */
    static Run adamWithCosineDecay(Layer model, Adam optimizer, double lr, DataLoader train, DataLoader test,
                                   int trainSize, int testSize, int epochs, Progress progress, PrintStream out) {
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        History history = new History();
        int steps = epochs * train.numBatches();
        int[] step = {0};
        long start = System.nanoTime();
        for (int e = 1; e <= epochs; e++) {
            progress.startEpoch(e, epochs, trainSize);
            epoch(model, lossFn, optimizer, train, test, progress, history,
                    () -> optimizer.lr(lr * 0.5 * (1 + Math.cos(Math.PI * step[0]++ / steps))));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = history.testAccuracy()[history.size() - 1] / 100;
        out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d of %d) after %d epochs in %.1f s%n",
                100 * accuracy, Math.round(accuracy * testSize), testSize, epochs, seconds);
        return new Run(history, seconds, accuracy);
    }

    /**
     * Saves the model as {@code dir/stem.safetensors} and draws the curves to
     * {@code dir/stem-curves.png}, saying where.
     *
     * @return {model file, PNG or {@code null} if it could not be drawn}
     */
    static Path[] save(Layer model, History history, Path dir, String stem, String title, String subtitle,
                       PrintStream out) throws IOException {
        Files.createDirectories(dir);
        Path modelFile = dir.resolve(stem + ".safetensors");
        model.save(modelFile);
        out.println("model saved: " + modelFile);
        Path png = Curves.write(history, dir.resolve(stem + "-curves.png"), title, subtitle, out);
        return new Path[] {modelFile, png};
    }
}
