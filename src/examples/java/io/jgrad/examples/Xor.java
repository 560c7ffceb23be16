package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Sigmoid;
import io.jgrad.nn.Tanh;
import io.jgrad.optim.SGD;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * XOR, the function no single linear layer can learn: a 2-8-1 network with a tanh hidden layer
 * and a sigmoid output learns it from its four points, with mean squared error and SGD with
 * momentum.
 *
 * <pre>
 * mvn -q test-compile exec:java@xor                       # defaults: 500 steps, seed 0
 * mvn -q test-compile exec:java@xor -Dexec.args="--steps 300 --seed 3"
 * </pre>
 */
public final class Xor {

    static final String USAGE = """
            usage: Xor [--steps N] [--seed S]
              learns XOR with a 2-8-1 network
              --steps N   gradient steps on the four points (default 500)
              --seed S    seed of the initial weights (default 0)""";

    /**
     * What a run produced.
     *
     * @param loss the final mean squared error
     * @param predictions the network's output for (0,0), (0,1), (1,0), (1,1)
     */
    record Result(double loss, double[] predictions) {
    }

    private Xor() {
    }

    /** Runs with the options of the command line. */
    public static void main(String[] argv) {
        long[] o = Args.parseOrExit(argv, USAGE, a -> new long[] {a.intValue("steps", 500), a.longValue("seed", 0)});
        run((int) o[0], o[1], System.out);
    }

    /** Trains for {@code steps} full-batch steps and prints the loss now and then and the truth table. */
    static Result run(int steps, long seed, PrintStream out) {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

        Random rng = new Random(seed);
        Sequential model = new Sequential(new Linear(2, 8, rng), new Tanh(), new Linear(8, 1, rng), new Sigmoid());
        MSELoss lossFn = new MSELoss();
        SGD optimizer = new SGD(model.parameters(), 0.5).momentum(0.9);

        Tensor loss = null;
        for (int step = 1; step <= steps; step++) {
            loss = lossFn.forward(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step % 100 == 0 || step == steps) {
                out.printf(Locale.ROOT, "step %4d  loss %.6f%n", step, loss.item());
            }
        }

        double[] p = model.forward(x).toArray();
        out.println(" x1 x2 | xor | network");
        for (int i = 0; i < 4; i++) {
            out.printf(Locale.ROOT, "  %d  %d |  %d  | %.4f%n", (int) x.getDouble(i, 0), (int) x.getDouble(i, 1),
                    (int) y.getDouble(i, 0), p[i]);
        }
        return new Result(loss == null ? Double.NaN : loss.item(), p);
    }
}
