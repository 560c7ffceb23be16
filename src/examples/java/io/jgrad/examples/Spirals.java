package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * Three interleaved spirals (the classic from Stanford's CS231n): points that no straight line
 * separates, which a 2-64-64-3 ReLU network learns to tell apart. Training and test points are
 * drawn from the same spirals with different noise.
 *
 * <pre>
 * mvn -q test-compile exec:java@spirals                   # defaults: 100 points per arm, 200 epochs, seed 0
 * </pre>
 */
public final class Spirals {

    static final String USAGE = """
            usage: Spirals [--points N] [--epochs N] [--seed S]
              classifies three spirals with a 2-64-64-3 network
              --points N   points per spiral arm (default 100)
              --epochs N   passes over the training points (default 200)
              --seed S     seed of the data, the weights and the shuffling (default 0)""";

    /**
     * What a run produced.
     *
     * @param trainAccuracy the fraction of training points classified right
     * @param testAccuracy the fraction of fresh points classified right
     */
    record Result(double trainAccuracy, double testAccuracy) {
    }

    private Spirals() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) {
        long[] o = Args.parseOrExit(argv, USAGE, a -> new long[] {
            a.intValue("points", 100), a.intValue("epochs", 200), a.longValue("seed", 0)});
        run((int) o[0], (int) o[1], o[2], System.out);
    }

    /** Trains on {@code 3 × points} points and tests on as many fresh ones. */
    static Result run(int points, int epochs, long seed, PrintStream out) {
        Random rng = new Random(seed);
        TensorDataset train = spirals(points, 3, rng);
        TensorDataset test = spirals(points, 3, rng);
        DataLoader loader = new DataLoader(train, 32).shuffle(rng);

        Sequential model = new Sequential(
                new Linear(2, 64, rng), new ReLU(),
                new Linear(64, 64, rng), new ReLU(),
                new Linear(64, 3, rng));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Adam optimizer = new Adam(model.parameters(), 0.01);

        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            for (Batch batch : loader) {
                Tensor loss = lossFn.forward(model.forward(batch.x()), batch.labels());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item() * batch.size();
            }
            if (epoch % 50 == 0 || epoch == epochs) {
                out.printf(Locale.ROOT, "epoch %4d  loss %.4f%n", epoch, lossSum / train.size());
            }
        }
        DataLoader all = new DataLoader(train, train.size());
        double trainAcc = Metrics.evaluate(model, all, lossFn).accuracy();
        double testAcc = Metrics.evaluate(model, new DataLoader(test, test.size()), lossFn).accuracy();
        out.printf(Locale.ROOT, "train accuracy %.1f%%, test accuracy %.1f%%%n", 100 * trainAcc, 100 * testAcc);
        return new Result(trainAcc, testAcc);
    }

    /**
     * {@code classes} spiral arms of {@code points} points each: arm {@code k}'s point {@code i} is at
     * radius {@code r = i / (points - 1)} and angle {@code 4k + 4r} (plus noise of 0.2 radians),
     * labelled {@code k}.
     */
    static TensorDataset spirals(int points, int classes, Random rng) {
        double[] x = new double[points * classes * 2];
        int[] y = new int[points * classes];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < points; i++) {
                double r = points == 1 ? 0 : (double) i / (points - 1);
                double t = 4 * k + 4 * r + 0.2 * rng.nextGaussian();
                int n = k * points + i;
                x[2 * n] = r * Math.sin(t);
                x[2 * n + 1] = r * Math.cos(t);
                y[n] = k;
            }
        }
        return new TensorDataset(Tensor.fromArray(x, points * classes, 2), y);
    }
}
