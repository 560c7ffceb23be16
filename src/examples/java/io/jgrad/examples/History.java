package io.jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a classifier's training recorded per epoch — mean training loss, training accuracy, test
 * loss and test accuracy — and the PNG of those curves.
 */
final class History {

    private final List<double[]> epochs = new ArrayList<>();
    private final String xLabel;
    private final int xStep;
    private final String testName;

    /** A history recorded once per epoch, of a training and a test set. */
    History() {
        this("epoch", 1, "test");
    }

    /**
     * A history recorded every {@code xStep} units of {@code xLabel} (every 250 steps, say).
     *
     * @param testName what the held-out set is called in the plot ({@code validation})
     */
    History(String xLabel, int xStep, String testName) {
        this.xLabel = xLabel;
        this.xStep = xStep;
        this.testName = testName;
    }

    /**
     * Records one epoch.
     *
     * @param trainAcc the fraction of training samples classified right during the epoch
     * @param testAcc the fraction of test samples classified right after it
     */
    void add(double trainLoss, double trainAcc, double testLoss, double testAcc) {
        addAt((double) (epochs.size() + 1) * xStep, trainLoss, trainAcc, testLoss, testAcc);
    }

    /** Records one evaluation at {@code x} on the plot's horizontal axis (the step count, say). */
    void addAt(double x, double trainLoss, double trainAcc, double testLoss, double testAcc) {
        epochs.add(new double[] {trainLoss, trainAcc, testLoss, testAcc, x});
    }

    /** @return the number of epochs recorded */
    int size() {
        return epochs.size();
    }

    double[] trainLoss() {
        return column(0, 1);
    }

    double[] trainAccuracy() {
        return column(1, 100);
    }

    double[] testLoss() {
        return column(2, 1);
    }

    double[] testAccuracy() {
        return column(3, 100);
    }

    private double[] column(int c, double scale) {
        double[] v = new double[epochs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = epochs.get(i)[c] * scale;
        }
        return v;
    }

    /**
     * Writes the loss curves (left) and accuracy curves (right) to {@code file}.
     *
     * @param title the figure's title
     * @param subtitle a line under it, e.g. the model and the optimizer
     */
    void writePng(Path file, String title, String subtitle) throws IOException {
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i)[4];
        }
        double[] trainAcc = trainAccuracy();
        double[] testAcc = testAccuracy();
        double[] trainLoss = trainLoss();
        double[] testLoss = testLoss();
        int last = x.length - 1;
        Plot.Panel loss = new Plot.Panel("Cross-entropy loss", xLabel, "loss", false, List.of(
                new Plot.Series(String.format(Locale.ROOT, "train  %.4f", trainLoss[last]), x, trainLoss, Plot.BLUE),
                new Plot.Series(String.format(Locale.ROOT, "%s  %.4f", testName, testLoss[last]), x, testLoss,
                        Plot.ORANGE)));
        Plot.Panel accuracy = new Plot.Panel("Accuracy", xLabel, "accuracy", true, List.of(
                new Plot.Series(String.format(Locale.ROOT, "train  %.1f%%", trainAcc[last]), x, trainAcc, Plot.BLUE),
                new Plot.Series(String.format(Locale.ROOT, "%s  %.1f%%", testName, testAcc[last]), x, testAcc,
                        Plot.ORANGE)));
        Plot.writePng(file, title, subtitle, List.of(loss, accuracy));
    }
}
