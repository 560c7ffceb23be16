package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The notebook's last cell (In[31]): a Network of LinearLayer, ReLU, LinearLayer and its CrossEntropyLoss. */
class NotebookNetworkTest {

    @Test
    void lastCellGivesTheNotebooksGradients() {
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
        assertNear(first.weight().grad(), new double[] {2., 4., 2., 4.}, 1e-12);
        assertNear(first.bias().grad(), new double[] {2., 2.}, 1e-12);
        // the notebook prints 9 significant digits; the tiny entries are e^-78 times 6, 13 and 1
        assertRelative(last.weight().grad(), new double[] {
            8.00168889e-34, 1.73369926e-33,
            -6.00000000e+00, -1.30000000e+01,
            6.00000000e+00, 1.30000000e+01}, 1e-8);
        assertRelative(last.bias().grad(), new double[] {1.33361482e-34, -1.00000000e+00, 1.00000000e+00}, 1e-8);

        // and the notebook's own check, the norm of the difference below 1e-6
        assertThat(last.weight().grad().shape()).isEqualTo(last.weight().shape());
        assertThat(last.bias().grad().shape().toString()).isEqualTo("(3, 1)");
        // the loss itself: logits (33, 72, 111), target 1: 111 - 72 + log(1 + e^-39 + e^-78)
        assertThat(l.item()).isCloseTo(39.0, within(1e-12));
        assertThat(l.gradFn().name()).isEqualTo("CrossEntropy");
    }

    @Test
    void networkPrintsAndNamesItsLayersLikeSequential() {
        Network network = new Network().addLayer(new LinearLayer(Tensor.zeros(2, 2), Tensor.zeros(2, 1)))
                .addLayer(new ReLU());
        assertThat(network.namedParameters()).containsOnlyKeys("0.weight", "0.bias");
        assertThat(network.toString()).isEqualTo("Network(\n  (0): LinearLayer(in_features=2, out_features=2)\n"
                + "  (1): ReLU()\n)");
    }

    private static void assertNear(Tensor t, double[] expected, double tol) {
        assertThat(t).isNotNull();
        assertThat(t.toArray()).containsExactly(expected, within(tol));
    }

    private static void assertRelative(Tensor t, double[] expected, double rel) {
        double[] a = t.toArray();
        assertThat(a).hasSameSizeAs(expected);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element " + i).isCloseTo(expected[i], within(Math.abs(expected[i]) * rel));
        }
    }
}
