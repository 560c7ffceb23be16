package io.jgrad.examples;

import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.LinearLayer;
import io.jgrad.nn.Network;
import io.jgrad.nn.ReLU;
import java.io.PrintStream;

/**
 * The backpropagation notebook, cell by cell, in Java: each {@code In [n]} below is the
 * notebook's cell of that number, and it prints what the notebook prints. The notebook's
 * {@code assert} cells check the same values here, and say that they passed.
 *
 * <pre>
 * mvn -q test-compile exec:java@notebook
 * </pre>
 */
public final class Notebook {

    private Notebook() {
    }

    /** Runs every cell, printing to standard output. */
    public static void main(String[] argv) {
        run(System.out);
    }

    /**
     * Runs every cell.
     *
     * @throws IllegalStateException with the notebook's assertion message if a check fails
     */
    static void run(PrintStream out) {
        // In [12]-[14]: a graph of additions, and the gradient of d with respect to each tensor
        Tensor a = Tensor.scalar(1.).requiresGrad(true);
        Tensor b = Tensor.scalar(2.).requiresGrad(true);
        Tensor c = a.add(b);
        Tensor d = c.add(a);
        d.backward();
        out.println("In [14]:");
        out.println(d.grad());
        out.println(c.grad());
        out.println(b.grad());
        out.println(a.grad());

        // In [15]: every result remembers the operation that made it; leaves have none
        c = a.add(b);
        d = c.add(a);
        out.println("In [15]:");
        out.println(d.gradFn());
        out.println(c.gradFn());
        out.println(b.gradFn());
        out.println(a.gradFn());

        // In [16]: the graph is freed after the first backward pass
        a = Tensor.scalar(1.).requiresGrad(true);
        b = Tensor.scalar(2.).requiresGrad(true);
        c = a.add(b);
        d = c.add(a);
        d.backward();
        out.println("In [16]:");
        try {
            d.backward();
        } catch (IllegalStateException e) {
            out.println("IllegalStateException: " + e.getMessage());
        }

        // In [17]: gradients accumulate over passes...
        a = Tensor.scalar(1.).requiresGrad(true);
        b = Tensor.scalar(2.).requiresGrad(true);
        c = a.add(b);
        d = c.add(a);
        d.backward();
        c = a.add(b);
        d = c.add(a);
        d.backward();
        out.println("In [17]:");
        out.println(d.grad());
        out.println(c.grad());
        out.println(b.grad());
        out.println(a.grad());

        // In [18]: ...unless they are reset in between
        a = Tensor.scalar(1.).requiresGrad(true);
        b = Tensor.scalar(2.).requiresGrad(true);
        c = a.add(b);
        d = c.add(a);
        d.backward();
        a.zeroGrad();
        b.zeroGrad();
        c = a.add(b);
        d = c.add(a);
        d.backward();
        out.println("In [18]:");
        out.println(d.grad());
        out.println(c.grad());
        out.println(b.grad());
        out.println(a.grad());

        // In [19]: multiplication
        a = Tensor.scalar(2.).requiresGrad(true);
        b = Tensor.scalar(3.).requiresGrad(true);
        c = a.mul(b);
        c.backward(2.);
        out.println("In [19]:");
        out.println(a.grad());
        out.println(b.grad());
        out.println(c.grad());
        check(Math.abs(a.grad().item() - 6.) < 1e-6 && Math.abs(b.grad().item() - 4.) < 1e-6,
                "Multiplication doesn't work properly!");

        // In [20]: division
        a = Tensor.of(1., 2.).requiresGrad(true);
        b = Tensor.of(3., 4.).requiresGrad(true);
        c = a.div(b);
        c.backward(0.5);
        check(near(a.grad(), 1. / 6, 1. / 8) && near(b.grad(), -1. / 18, -1. / 16), "Division doesn't work properly!");
        out.println("In [20]: division checked");

        // In [21]: power
        Tensor A = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        b = A.pow(4);
        b.backward(Tensor.of(new double[][] {{-1., 0}, {1., 2.}}));
        check(near(A.grad(), -4., 0., 108., 512.), "Exponentiation doesn't work properly!");
        out.println("In [21]: exponentiation checked");

        // In [22]: matrix products
        A = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        b = Tensor.of(new double[][] {{1.}, {2.}}).requiresGrad(true);
        c = Tensor.of(new double[][] {{3., 4.}}).requiresGrad(true);
        d = c.matmul(A).matmul(b);
        d.backward(-1.5);
        out.println("In [22]:");
        out.println(A.grad());
        out.println(c.grad());
        out.println(b.grad());
        out.println(d.grad());
        check(near(A.grad(), -4.5, -9., -6., -12.) && near(b.grad(), -22.5, -33.) && near(c.grad(), -7.5, -16.5),
                "Matrix multiplication doesn't work properly!");

        // In [23]: ReLU
        A = Tensor.of(new double[][] {{-1., -2.}, {0.5, 2.}, {1., 5.}}).requiresGrad(true);
        b = A.relu();
        b.backward(Tensor.of(new double[][] {{4., 3.}, {2., 1.}, {0., -1.}}));
        check(near(A.grad(), 0., 0., 2., 1., 0., -1.), "ReLU doesn't work properly!");
        out.println("In [23]: ReLU checked");

        // In [24]: exponential
        A = Tensor.of(new double[][] {{-1.}, {2.}}).requiresGrad(true);
        b = A.exp();
        b.backward(Tensor.of(new double[][] {{-1.}, {2.}}));
        check(near(A.grad(), -Math.exp(-1.), 2 * Math.exp(2.)), "Exponential function doesn't work properly!");
        out.println("In [24]: exponential checked");

        // In [25]: logarithm, also of e^100
        A = Tensor.of(0.1, 1., 2., Math.exp(100.)).requiresGrad(true);
        b = A.log();
        b.backward(1.5);
        check(near(A.grad(), 15., 1.5, 0.75, 1.5 * Math.exp(-100.)), "Logarithm doesn't work properly!");
        out.println("In [25]: logarithm checked");

        // In [26]: sums
        A = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        b = A.sum(1);
        b = b.sum();
        b.backward(2.5);
        check(near(A.grad(), 2.5, 2.5, 2.5, 2.5), "Summation doesn't work properly!");
        out.println("In [26]: summation checked");

        // In [27]: mean
        A = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        b = A.mean();
        b.backward();
        check(near(A.grad(), 0.25, 0.25, 0.25, 0.25), "Mean doesn't work properly!");
        out.println("In [27]: mean checked");

        // In [28]: indexing
        A = Tensor.of(new double[][] {{1., 2.}, {3., 4.}}).requiresGrad(true);
        b = A.get(0, 1);
        b.backward(5.);
        check(near(A.grad(), 0., 5., 0., 0.), "Indexing doesn't work properly!");
        out.println("In [28]: indexing checked");

        // In [31]: backpropagation through a network
        Network network = new Network();
        network.addLayer(new LinearLayer(Tensor.of(new double[][] {{1., 2.}, {3., 4.}}),
                Tensor.of(new double[][] {{1.}, {2.}})));
        network.addLayer(new ReLU());
        network.addLayer(new LinearLayer(Tensor.of(new double[][] {{1., 2.}, {3., 4.}, {5., 6.}}),
                Tensor.of(new double[][] {{1.}, {2.}, {3.}})));
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Tensor data = Tensor.of(new double[][] {{1.}, {2.}});
        int target = 1;
        Tensor l = loss.forward(network.forward(data), target);
        l.backward();
        LinearLayer first = (LinearLayer) network.layers().get(0);
        LinearLayer last = (LinearLayer) network.layers().get(2);
        check(near(first.weight().grad(), 2., 4., 2., 4.)
                && near(first.bias().grad(), 2., 2.)
                && near(last.weight().grad(), 8.00168889e-34, 1.73369926e-33, -6., -13., 6., 13.)
                && near(last.bias().grad(), 1.33361482e-34, -1., 1.), "Something is wrong...");
        out.println("In [31]: network gradients checked");
    }

    /** The notebook's {@code np.linalg.norm(t - expected) < 1e-6}. */
    private static boolean near(Tensor t, double... expected) {
        double[] v = t.toArray();
        if (v.length != expected.length) {
            return false;
        }
        double sq = 0;
        for (int i = 0; i < v.length; i++) {
            sq += (v[i] - expected[i]) * (v[i] - expected[i]);
        }
        return Math.sqrt(sq) < 1e-6;
    }

    /** The notebook's {@code assert ok, message}, as an exception that is always checked. */
    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
