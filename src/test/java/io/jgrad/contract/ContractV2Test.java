package io.jgrad.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.Autograd;
import io.jgrad.CustomFunction;
import io.jgrad.DType;
import io.jgrad.GradFn;
import io.jgrad.GradMode;
import io.jgrad.Gradcheck;
import io.jgrad.HookHandle;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.linalg.Linalg;
import io.jgrad.nn.AdaptiveAvgPool2d;
import io.jgrad.nn.AvgPool2d;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.BatchNorm2d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.ForwardHook;
import io.jgrad.nn.Functional;
import io.jgrad.nn.GELU;
import io.jgrad.nn.Gradients;
import io.jgrad.nn.Identity;
import io.jgrad.nn.Layer;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.LeakyReLU;
import io.jgrad.nn.Linear;
import io.jgrad.nn.LinearLayer;
import io.jgrad.nn.LogSoftmax;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Network;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.SiLU;
import io.jgrad.nn.Sigmoid;
import io.jgrad.nn.Softmax;
import io.jgrad.nn.Tanh;
import io.jgrad.optim.Adam;
import io.jgrad.optim.CosineAnnealingLR;
import io.jgrad.optim.LRScheduler;
import io.jgrad.optim.LambdaLR;
import io.jgrad.optim.LinearLR;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.RMSprop;
import io.jgrad.optim.SGD;
import io.jgrad.optim.StepLR;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API contract (/work/shared/spec/API.md: v1, "Contract v2", and the core part of
 * "Contract v3") as an external tester sees it: this class lives outside the library's packages,
 * so only public API is reachable, and every call uses exactly the contract's signature, so a
 * missing overload or a wrong parameter type fails compilation.
 *
 * <p>Where the contract is silent the reference is PyTorch 2.13 with
 * {@code torch.set_default_dtype(torch.float64)}; the reference values below were printed by
 * {@code src/test/python/contract_v2_reference.py}, each with the Python expression it came from as
 * a comment.
 */
class ContractV2Test {

    private static final double TOL = 1e-12;

    static void close(Tensor t, double... expected) {
        close(t.toArray(), expected, TOL);
    }

    static void close(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (Double.isNaN(e)) {
                assertThat(actual[i]).as("element %d", i).isNaN();
            } else if (Double.isInfinite(e)) {
                assertThat(actual[i]).as("element %d", i).isEqualTo(e);
            } else {
                assertThat(actual[i]).as("element %d of %s", i, java.util.Arrays.toString(actual))
                        .isCloseTo(e, within(tol * Math.max(1, Math.abs(e))));
            }
        }
    }

    static void allNear(double[] actual, double v, double tol) {
        for (double a : actual) {
            assertThat(a).isCloseTo(v, within(tol));
        }
    }

    static int[] dims(Tensor t) {
        return t.shape().toArray();
    }

    static Tensor x23() {
        return Tensor.of(new double[][] {{0.5, -1.2, 2.0}, {0.3, 0.7, -0.4}}).requiresGrad(true);
    }

    static Tensor i64(long... v) {
        return Tensor.fromArray(v, v.length);
    }

    static Tensor bools(boolean... v) {
        return Tensor.fromArray(v, v.length);
    }

    // ======================================================================================== v1

    @Nested
    class V1Shape {
        @Test
        void shapeIsAValueThatPrintsAsPython() {
            Shape s = Shape.of(2, 3);
            int[] a = s.toArray();
            a[0] = 99;
            assertThat(s.toArray()).containsExactly(2, 3);
            assertThat(s.rank()).isEqualTo(2);
            assertThat(s.get(1)).isEqualTo(3);
            assertThat(s.numel()).isEqualTo(6);
            assertThat(s).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
            assertThat(s.toString()).isEqualTo("(2, 3)");
            assertThat(Shape.of(3).toString()).isEqualTo("(3,)");
            assertThat(Shape.of().toString()).isEqualTo("()");
        }
    }

    @Nested
    class V1Tensor {
        @Test
        void creationCopiesAndRefusesRaggedInput() {
            double[] v = {1, 2, 3};
            Tensor t = Tensor.of(v);
            v[0] = 9;
            assertThat(t.toArray()).containsExactly(1, 2, 3);
            assertThat(dims(Tensor.scalar(2.5))).isEmpty();
            assertThat(dims(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}))).containsExactly(3, 2);
            assertThat(dims(Tensor.of(new double[][][] {{{1}, {2}}}))).containsExactly(1, 2, 1);
            assertThat(dims(Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6}, 1, 2, 3))).containsExactly(1, 2, 3);
            assertThat(Tensor.zeros(2, 2).toArray()).containsOnly(0.0);
            assertThat(Tensor.ones(3).toArray()).containsOnly(1.0);
            assertThat(Tensor.full(2.5, 2).toArray()).containsOnly(2.5);
            Tensor r = Tensor.rand(new Random(0), 100);
            assertThat(java.util.Arrays.stream(r.toArray()).allMatch(d -> d >= 0 && d < 1)).isTrue();
            assertThat(dims(Tensor.randn(new Random(0), 2, 3))).containsExactly(2, 3);
            assertThat(Tensor.arange(3).toArray()).containsExactly(0, 1, 2);
            assertThat(Tensor.eye(2).toArray()).containsExactly(1, 0, 0, 1);
            assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Tensor.of(new double[][][] {{{1}, {2, 3}}}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Tensor.fromArray(new double[] {1, 2, 3}, 2, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)");
        }

        @Test
        void gradientFlags() {
            Tensor a = Tensor.of(1, 2);
            assertThat(a.requiresGrad()).isFalse();
            assertThat(a.requiresGrad(true)).isSameAs(a);
            assertThat(a.requiresGrad()).isTrue();
            Tensor b = a.mul(2.0);
            assertThatThrownBy(() -> b.requiresGrad(false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(2,)");
            Tensor c = Tensor.of(1, 2).add(1.0);
            assertThat(c.requiresGrad()).isFalse();
            assertThat(c.gradFn()).isNull();
            assertThat(c.isLeaf()).isTrue();
        }

        @Test
        void everyV1OperationRecordsItsNamedNode() {
            Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
            Tensor b = Tensor.of(new double[][] {{0.5, 1}, {2, 3}}).requiresGrad(true);
            Object[][] cases = {
                {a.add(b), "Add"}, {a.add(2.0), "Add"}, {a.sub(b), "Sub"}, {a.sub(2.0), "Sub"},
                {a.mul(b), "Mul"}, {a.mul(2.0), "Mul"}, {a.div(b), "Div"}, {a.div(2.0), "Div"},
                {a.pow(2.0), "Pow"}, {a.pow(b), "Pow"}, {a.matmul(b), "MatMul"}, {a.relu(), "ReLU"},
                {a.exp(), "Exp"}, {a.log(), "Log"}, {a.sum(), "Sum"}, {a.sum(0), "Sum"}, {a.sum(0, true), "Sum"},
                {a.mean(), "Mean"}, {a.mean(1), "Mean"}, {a.mean(1, false), "Mean"}, {a.get(0, 1), "Index"},
            };
            for (Object[] c : cases) {
                assertThat(((Tensor) c[0]).gradFn().name()).isEqualTo(c[1]);
            }
            for (Tensor t : List.of(a.neg(), a.tanh(), a.sigmoid(), a.sqrt(), a.abs(), a.max(0), a.max(),
                    a.reshape(4), a.transpose(0, 1), a.t(), a.softmax(0), a.logSoftmax(-1))) {
                assertThat(t.gradFn()).isNotNull();
                assertThat(t.requiresGrad()).isTrue();
                assertThat(t.isLeaf()).isFalse();
            }
            Tensor d = a.detach();
            assertThat(d.requiresGrad()).isFalse();
            assertThat(d.gradFn()).isNull();
            assertThat(d.toArray()).containsExactly(1, 2, 3, 4);
        }

        @Test
        void matmulFollowsTorchRules() {
            Tensor v = Tensor.of(1, 2, 3);
            Tensor m = Tensor.ones(3, 2);
            assertThat(dims(v.matmul(v))).isEmpty();
            assertThat(dims(m.t().matmul(m))).containsExactly(2, 2);
            assertThat(dims(m.t().matmul(v))).containsExactly(2);
            assertThat(dims(v.matmul(m))).containsExactly(2);
            assertThat(dims(Tensor.ones(4, 1, 2, 3).matmul(Tensor.ones(5, 3, 2)))).containsExactly(4, 5, 2, 2);
            assertThatThrownBy(() -> Tensor.scalar(2).matmul(v)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("()").hasMessageContaining("(3,)");
            assertThatThrownBy(() -> m.matmul(m)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3, 2)");
        }

        @Test
        void reductionsIndexingAndMovement() {
            Tensor a = Tensor.fromArray(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
            assertThat(a.sum().item()).isEqualTo(21);
            assertThat(a.sum(-1).toArray()).containsExactly(9, 12);
            assertThat(dims(a.sum(0, true))).containsExactly(1, 3);
            assertThat(a.mean().item()).isEqualTo(3.5);
            assertThat(a.mean(0).toArray()).containsExactly(2.5, 3.5, 4.5);
            assertThat(dims(a.mean(-2, true))).containsExactly(1, 3);
            assertThat(a.max(1).toArray()).containsExactly(5, 6);
            assertThat(a.max().item()).isEqualTo(6);
            assertThat(a.get(-1).toArray()).containsExactly(4, 2, 6);
            assertThat(a.get(1, -1).dim()).isZero();
            assertThat(dims(a.reshape(-1, 2))).containsExactly(3, 2);
            assertThat(dims(a.transpose(0, 1))).containsExactly(3, 2);
            // 0-d and 1-d returned unchanged (the contract does not say whether as the same object)
            Tensor v = Tensor.of(1, 2);
            assertThat(dims(v.t())).containsExactly(2);
            assertThat(v.t().toArray()).containsExactly(1, 2);
            Tensor s = Tensor.scalar(1);
            assertThat(dims(s.t())).isEmpty();
            assertThat(s.t().item()).isEqualTo(1);
            assertThatThrownBy(() -> a.reshape(4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 3)");
            for (Runnable r : List.<Runnable>of(() -> a.sum(2), () -> a.mean(-3), () -> a.max(5),
                    () -> a.transpose(0, 2), () -> a.softmax(2), () -> a.logSoftmax(-3), () -> a.sum(2, true),
                    () -> a.mean(2, false))) {
                assertThatThrownBy(r::run).isInstanceOf(IndexOutOfBoundsException.class)
                        .hasMessageContaining("(2, 3)");
            }
            assertThatThrownBy(() -> a.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(2, 3)");
            assertThatThrownBy(() -> a.getDouble(0, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(2, 3)");
            Tensor big = Tensor.of(1000, 1001, 1002);
            assertThat(big.softmax(0).toArray()[2]).isCloseTo(0.6652409557748218, within(1e-15));
            assertThat(big.logSoftmax(0).toArray()[0]).isCloseTo(-2.4076059644443806, within(1e-12));
        }

        @Test
        void backwardVariants() {
            // the notebook's c.backward(0.5) on a 2-element c
            Tensor a = Tensor.of(1, 2).requiresGrad(true);
            Tensor c = a.mul(3.0);
            c.backward(0.5);
            assertThat(a.grad().toArray()).containsExactly(1.5, 1.5);
            assertThat(c.grad().toArray()).containsExactly(0.5, 0.5);
            assertThatThrownBy(c::backward).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("retainGraph");

            Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
            Tensor y = x.mul(x);
            y.backward(Tensor.of(1, 2), true); // broadcast (2,) to (2, 2)
            assertThat(y.grad().toArray()).containsExactly(1, 2, 1, 2);
            assertThat(x.grad().toArray()).containsExactly(2, 8, 6, 16);
            y.backward(Tensor.scalar(1.0)); // retained: a second pass accumulates
            assertThat(x.grad().toArray()).containsExactly(4, 12, 12, 24);
            assertThatThrownBy(() -> x.mul(2.0).backward(Tensor.of(1, 2, 3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3,)")
                    .hasMessageContaining("(2, 2)");
            x.zeroGrad();
            assertThat(x.grad()).isNull();

            Tensor z = Tensor.scalar(3).requiresGrad(true);
            Tensor cube = z.pow(3.0);
            cube.backward(Tensor.scalar(1), false, true);
            Tensor g = z.grad();
            assertThat(g.item()).isEqualTo(27);
            assertThat(g.requiresGrad()).isTrue();
            z.zeroGrad();
            g.backward();
            assertThat(z.grad().item()).isEqualTo(18);

            assertThatThrownBy(() -> Tensor.of(1, 2).sum().backward()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> Tensor.of(1, 2).item()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(2,)");
        }

        @Test
        void aChainOfAMillionOpsBackpropagatesWithoutRecursion() throws Exception {
            Throwable[] failure = new Throwable[1];
            // a small stack: recursion over the graph would overflow it
            Thread t = new Thread(null, () -> {
                try {
                    Tensor x = Tensor.scalar(1.0).requiresGrad(true);
                    Tensor y = x;
                    for (int i = 0; i < 200_000; i++) {
                        y = y.mul(1.0);
                    }
                    y.backward();
                    assertThat(x.grad().item()).isEqualTo(1.0);
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }, "small-stack", 256 * 1024);
            t.start();
            t.join();
            if (failure[0] != null) {
                throw new AssertionError(failure[0]);
            }
        }

        @Test
        void gradModeAndAutogradGrad() {
            Tensor x = Tensor.of(1, 2).requiresGrad(true);
            assertThat(GradMode.isEnabled()).isTrue();
            try (GradMode.Scope s = GradMode.noGrad()) {
                assertThat(GradMode.isEnabled()).isFalse();
                try (var inner = GradMode.noGrad()) {
                    assertThat(GradMode.isEnabled()).isFalse();
                }
                assertThat(GradMode.isEnabled()).isFalse();
                Tensor y = x.mul(2.0);
                assertThat(y.requiresGrad()).isFalse();
                assertThat(y.gradFn()).isNull();
            }
            assertThat(GradMode.isEnabled()).isTrue();

            Tensor h = x.mul(x);
            Tensor out = h.sum();
            Tensor unused = Tensor.of(5.0).requiresGrad(true);
            List<Tensor> g = Autograd.grad(out, List.of(x, h, unused), false);
            assertThat(g.get(0).toArray()).containsExactly(2, 4);
            assertThat(g.get(1).toArray()).containsExactly(1, 1);
            assertThat(g.get(2).toArray()).containsExactly(0);
            assertThat(x.grad()).isNull();
            assertThatThrownBy(out::backward).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void toStringPrintsValuesAndFlags() {
            Tensor a = Tensor.scalar(1).requiresGrad(true);
            assertThat(a.toString()).contains("requiresGrad=true");
            assertThat(a.add(Tensor.scalar(2)).toString()).isEqualTo("3.0 gradFn=Add");
            assertThat(Tensor.of(1, 2).toString()).doesNotContain("dtype").doesNotContain("gradFn");
        }
    }

    @Nested
    class V1Layers {
        @Test
        void linearHasPyTorchLayoutAndOwnsTheTensorsItIsGiven() {
            Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor b = Tensor.of(0.5, -0.5);
            Linear l = new Linear(w, b);
            assertThat(l).isInstanceOf(Layer.class);
            assertThat(l.weight()).isSameAs(w);
            assertThat(l.bias()).isSameAs(b);
            assertThat(w.requiresGrad()).isTrue();
            Tensor y = l.forward(Tensor.of(new double[][] {{1, 1, 1}}));
            assertThat(y.toArray()).containsExactly(6.5, 14.5);
            assertThat(dims(l.forward(Tensor.of(1, 0, 0)))).containsExactly(2);
            y.sum().backward();
            assertThat(l.weight().grad().toArray()).containsExactly(1, 1, 1, 1, 1, 1);
            assertThat(l.parameters()).containsExactly(w, b);
            l.zeroGrad();
            assertThat(w.grad()).isNull();
            assertThat(dims(new Linear(3, 4).weight())).containsExactly(4, 3);
            assertThat(dims(new Linear(3, 4, new Random(1)).bias())).containsExactly(4);
        }

        @Test
        void notebookLayersAndContainers() {
            Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
            Tensor b = Tensor.of(new double[][] {{1}, {2}, {3}});
            LinearLayer ll = new LinearLayer(w, b);
            assertThat(ll.weight()).isSameAs(w);
            assertThat(ll.bias()).isSameAs(b);
            Tensor y = ll.forward(Tensor.of(new double[][] {{1}, {1}}));
            assertThat(y.toArray()).containsExactly(4, 9, 14);

            Network net = new Network();
            net.addLayer(ll);
            net.addLayer(new ReLU());
            net.addLayer(new Tanh());
            net.addLayer(new Sigmoid());
            assertThat(net.layers()).hasSize(4);
            assertThat(dims(net.forward(Tensor.ones(2, 1)))).containsExactly(3, 1);

            Sequential seq = new Sequential(new Linear(2, 3, new Random(0)), new ReLU());
            seq.add(new Linear(3, 1, new Random(1)));
            assertThat(seq.layers()).hasSize(3);
            assertThat(dims(seq.forward(Tensor.ones(5, 2)))).containsExactly(5, 1);
        }

        @Test
        void losses() {
            Tensor logits = Tensor.of(new double[][] {{1}, {2}, {0.5}}).requiresGrad(true);
            CrossEntropyLoss ce = new CrossEntropyLoss();
            Tensor l = ce.forward(logits, 1);
            // F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(1))
            assertThat(l.item()).isCloseTo(0.4643687841079449, within(1e-14));
            Tensor batch = Tensor.of(new double[][] {{1e8, 0, -1e8}, {1000, -1000, 0}});
            assertThat(ce.forward(batch, new int[] {0, 1}).item()).isCloseTo(1000, within(1e-9));
            assertThatThrownBy(() -> ce.forward(batch, new int[] {0, 3})).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(2, 3)");
            assertThatThrownBy(() -> ce.forward(logits, 3)).isInstanceOf(IndexOutOfBoundsException.class);

            Tensor p = Tensor.of(1, 2).requiresGrad(true);
            Tensor t = Tensor.of(0, 4).requiresGrad(true);
            Tensor mse = new MSELoss().forward(p, t);
            assertThat(mse.item()).isEqualTo(2.5);
            mse.backward();
            assertThat(t.grad().toArray()).containsExactly(-1, 2);
        }

        @Test
        void optimizersCheckTheirHyperparameters() {
            Tensor w = Tensor.of(1, 2).requiresGrad(true);
            Tensor unused = Tensor.of(3.0).requiresGrad(true);
            SGD sgd = new SGD(List.of(w, unused), 0.1).momentum(0.9).weightDecay(0.01);
            w.sum().backward();
            sgd.step();
            // torch.optim.SGD([w], lr=0.1, momentum=0.9, weight_decay=0.01): w - 0.1 * (1 + 0.01 w)
            assertThat(w.toArray()).containsExactly(1 - 0.1 * 1.01, 2 - 0.1 * 1.02);
            assertThat(unused.toArray()).containsExactly(3.0);
            sgd.zeroGrad();
            assertThat(w.grad()).isNull();
            Adam adam = new Adam(List.of(w), 0.1).betas(0.8, 0.9).eps(1e-6).weightDecay(0.0);
            w.sum().backward();
            adam.step();
            adam.zeroGrad();
            for (Runnable r : List.<Runnable>of(() -> new SGD(List.of(w), -1), () -> new SGD(List.of(w), 1).momentum(-1),
                    () -> new SGD(List.of(w), 1).weightDecay(-1), () -> new Adam(List.of(w), -1),
                    () -> new Adam(List.of(w), 1).betas(1.0, 0.9), () -> new Adam(List.of(w), 1).betas(0.9, -0.1),
                    () -> new Adam(List.of(w), 1).eps(-1), () -> new Adam(List.of(w), 1).weightDecay(-1))) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    // ======================================================================================== v2: dtypes

    @Nested
    class DTypes {
        @Test
        void enumAndCreation() {
            assertThat(DType.values()).containsExactly(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.BOOL);
            assertThat(DType.FLOAT32.isFloatingPoint()).isTrue();
            assertThat(DType.BOOL.isFloatingPoint()).isFalse();
            assertThat(Tensor.of(1, 2, 3).dtype()).isEqualTo(DType.FLOAT64);
            Random rng = new Random(0);
            assertThat(Tensor.zeros(DType.INT64, 2, 3).dtype()).isEqualTo(DType.INT64);
            assertThat(Tensor.ones(DType.BOOL, 2).toBooleanArray()).containsExactly(true, true);
            assertThat(Tensor.full(2.5, DType.FLOAT32, 2).toFloatArray()).containsExactly(2.5f, 2.5f);
            assertThat(Tensor.rand(rng, DType.FLOAT32, 3).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Tensor.randn(rng, DType.FLOAT64, 3).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(Tensor.arange(DType.INT64, 3).toLongArray()).containsExactly(0, 1, 2);
            assertThat(Tensor.eye(DType.FLOAT32, 2).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Tensor.fromArray(new float[] {1, 2}, 2).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Tensor.fromArray(new long[] {1, 2}, 2).dtype()).isEqualTo(DType.INT64);
            assertThat(Tensor.fromArray(new boolean[] {true}, 1).dtype()).isEqualTo(DType.BOOL);
        }

        @Test
        void toConvertsAndIsDifferentiableBetweenFloatingDtypes() {
            Tensor x = Tensor.of(1.5, -2.7).requiresGrad(true);
            assertThat(x.to(DType.FLOAT64)).isSameAs(x);
            Tensor y = x.to(DType.FLOAT32);
            assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(y.gradFn().name()).isEqualTo("To");
            y.mul(2.0).sum().backward();
            assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT64);
            assertThat(x.grad().toArray()).containsExactly(2, 2);
            // torch.tensor([1.5, -2.7]).to(torch.int64) == [1, -2]
            assertThat(x.to(DType.INT64).toLongArray()).containsExactly(1, -2);
            assertThat(x.to(DType.INT64).requiresGrad()).isFalse();
            assertThat(Tensor.of(0, Double.NaN, -0.0).to(DType.BOOL).toBooleanArray()).containsExactly(false, true, false);
        }

        @Test
        void readingMethodsWorkForEveryDtype() {
            Tensor f = Tensor.of(2.7, -2.7);
            assertThat(f.toFloatArray()).containsExactly(2.7f, -2.7f);
            assertThat(f.toLongArray()).containsExactly(2, -2);
            assertThat(f.getLong(1)).isEqualTo(-2);
            assertThat(Tensor.of(0, 0.5).toBooleanArray()).containsExactly(false, true);
            Tensor b = bools(true, false);
            assertThat(b.toArray()).containsExactly(1.0, 0.0);
            assertThat(b.getDouble(0)).isEqualTo(1.0);
            assertThat(b.toLongArray()).containsExactly(1, 0);
            Tensor l = i64(3, -4);
            assertThat(l.toArray()).containsExactly(3, -4);
            assertThat(l.toFloatArray()).containsExactly(3f, -4f);
            assertThat(l.toBooleanArray()).containsExactly(true, true);
            assertThat(l.getDouble(-1)).isEqualTo(-4);
            assertThat(Tensor.fromArray(new float[] {1.5f}, 1).getLong(0)).isEqualTo(1);
        }

        @Test
        void toStringNamesEveryDtypeButFloat64() {
            assertThat(Tensor.fromArray(new float[] {1.5f, 2.5f}, 2).toString()).endsWith("dtype=float32");
            assertThat(i64(1, 2).toString()).endsWith("dtype=int64");
            assertThat(bools(true, false).toString()).endsWith("dtype=bool");
            assertThat(Tensor.of(1, 2).toString()).doesNotContain("dtype");
            Tensor g = Tensor.fromArray(new float[] {1.5f}, 1).requiresGrad(true).mul(2.0);
            assertThat(g.toString()).contains("dtype=float32").endsWith("gradFn=Mul");
        }

        @Test
        void onlyFloatingTensorsRequireGrad() {
            assertThatThrownBy(() -> i64(1, 2).requiresGrad(true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("int64").hasMessageContaining("(2,)");
            assertThatThrownBy(() -> bools(true).requiresGrad(true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bool");
            Tensor x = Tensor.fromArray(new float[] {1, 2}, 2).requiresGrad(true);
            x.square().sum().backward();
            assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT32);
        }

        @Test
        void float32ComputesWithinAbout1e5OfPyTorchFloat32() {
            // a = torch.arange(12, dtype=torch.float32).reshape(3, 4).mul(0.37).sin().requires_grad_(True)
            // b = torch.arange(8, dtype=torch.float32).reshape(4, 2).mul(0.21).cos()
            // y = (a @ b).softmax(1).log1p().sum() + F.layer_norm(a, [4]).mul(a).sum() + F.gelu(a).pow(2).mean()
            Tensor a = Tensor.arange(DType.FLOAT32, 12).reshape(3, 4).mul(0.37).sin().detach().requiresGrad(true);
            Tensor b = Tensor.arange(DType.FLOAT32, 8).reshape(4, 2).mul(0.21).cos();
            Tensor y = a.matmul(b).softmax(1).log1p().sum()
                    .add(Functional.layerNorm(a, new int[] {4}, null, null, 1e-5).mul(a).sum())
                    .add(a.gelu().pow(2.0).mean());
            assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
            y.backward();
            assertThat(a.grad().dtype()).isEqualTo(DType.FLOAT32);
            close(y.toArray(), new double[] {6.223267555236816}, 1e-5);
            close(a.grad().toArray(), new double[] {-1.432361364364624, -0.33154886960983276, 0.6457266807556152,
                1.3485920429229736, 1.0970598459243774, 0.9018768668174744, -0.01959453709423542, -1.5347687005996704,
                1.4096176624298096, 0.3960646986961365, -0.5315115451812744, -1.2628728151321411}, 1e-5);
        }

        @Test
        void noOverloadsThatWouldTakeIntegerLiterals() {
            for (Method m : Tensor.class.getMethods()) {
                if (m.getName().equals("of")) {
                    assertThat(m.getParameterTypes()).as(m.toString()).isNotEqualTo(new Class<?>[] {long[].class})
                            .isNotEqualTo(new Class<?>[] {float[].class}).isNotEqualTo(new Class<?>[] {int[].class});
                }
            }
        }

        @Test
        void promotionAsPyTorch() {
            Tensor x32 = Tensor.fromArray(new float[] {1.5f, 2.5f}, 2);
            Tensor x64 = Tensor.of(1, 2);
            Tensor i = i64(1, 2);
            Tensor b = bools(true, false);
            assertThat(x32.mul(x64).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(x32.mul(Tensor.scalar(2)).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(x32.mul(0.5).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(i.add(x32).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(b.add(x64).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(i.mul(0.5).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(i.add(2.0).dtype()).isEqualTo(DType.FLOAT64);
            Tensor q = i.div(i64(2, 4));
            assertThat(q.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(q.toArray()).containsExactly(0.5, 0.5);
            // i + torch.tensor(1.5, dtype=torch.float32) -> float32; b + i -> int64; b + b -> bool
            assertThat(i.add(Tensor.scalar(1.5).to(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(i.add(Tensor.scalar(1.5)).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(b.add(i).dtype()).isEqualTo(DType.INT64);
            assertThat(b.add(b).dtype()).isEqualTo(DType.BOOL);
            // torch.tensor(2.0) + torch.tensor(3, dtype=float32): both 0-d -> float64
            assertThat(Tensor.scalar(2).add(Tensor.scalar(3).to(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT64);
            for (Tensor t : List.of(i.exp(), i.log(), b.sigmoid(), i.mean(), b.mean(), i.softmax(0), i.logSoftmax(0),
                    i.tanh(), i.sqrt())) {
                assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
            }
            assertThat(x32.exp().dtype()).isEqualTo(DType.FLOAT32);
            // x32 computes in single precision: within 1e-5 relative of float32 results
            assertThat(x32.div(3.0).toFloatArray()[0]).isEqualTo(1.5f / 3f);
        }
    }

    // ======================================================================================== v2: Tensor ops

    @Nested
    class Movement {
        private final Tensor a = Tensor.arange(24).reshape(2, 3, 4);

        @Test
        void permuteSqueezeUnsqueezeFlattenExpand() {
            assertThat(dims(a.permute(2, 0, 1))).containsExactly(4, 2, 3);
            assertThat(a.permute(-1, 0, 1).getDouble(1, 0, 2)).isEqualTo(a.getDouble(0, 2, 1));
            assertThat(dims(Tensor.zeros(1, 3, 1).squeeze())).containsExactly(3);
            assertThat(dims(Tensor.zeros(1, 3, 1).squeeze(-1))).containsExactly(1, 3);
            assertThat(dims(Tensor.zeros(2, 3).squeeze(0))).containsExactly(2, 3);
            assertThat(dims(Tensor.zeros(2, 3).unsqueeze(-1))).containsExactly(2, 3, 1);
            assertThat(dims(Tensor.zeros(2, 3).unsqueeze(2))).containsExactly(2, 3, 1);
            assertThat(dims(a.flatten())).containsExactly(24);
            assertThat(dims(a.flatten(1, 2))).containsExactly(2, 12);
            assertThat(dims(Tensor.scalar(1).flatten())).containsExactly(1);
            assertThat(dims(Tensor.zeros(2, 1).expand(-1, 4))).containsExactly(2, 4);
            assertThat(dims(Tensor.zeros(3).expand(2, -1))).containsExactly(2, 3);

            assertThatThrownBy(() -> a.permute(0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 3, 4)");
            assertThatThrownBy(() -> a.permute(0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> a.permute(0, 1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(2, 3, 4)");
            assertThatThrownBy(() -> a.squeeze(3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.unsqueeze(4)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.flatten(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.expand(2, 5, 4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(2, 3, 4)");
        }

        @Test
        void narrowSliceSelect() {
            Tensor t = Tensor.arange(12).reshape(3, 4);
            assertThat(t.narrow(1, 1, 2).toArray()).containsExactly(1, 2, 5, 6, 9, 10);
            assertThat(t.narrow(0, -1, 1).toArray()).containsExactly(8, 9, 10, 11);
            assertThatThrownBy(() -> t.narrow(1, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(3, 4)");
            assertThatThrownBy(() -> t.narrow(1, 5, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> t.narrow(2, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            // t[:, -3:100:2] and t[-100:-1:2, 1:2]
            assertThat(t.slice(1, -3, 100, 2).toArray()).containsExactly(1, 3, 5, 7, 9, 11);
            assertThat(t.slice(0, -100, -1, 2).slice(1, 1, 2, 1).toArray()).containsExactly(1);
            assertThat(dims(t.slice(1, 3, 1, 1))).containsExactly(3, 0);
            assertThatThrownBy(() -> t.slice(1, 0, 4, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3, 4)");
            assertThatThrownBy(() -> t.slice(1, 0, 4, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.select(1, -1).toArray()).containsExactly(3, 7, 11);
            assertThat(dims(t.select(0, 0))).containsExactly(4);
            assertThatThrownBy(() -> t.select(0, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("(3, 4)");

            Tensor x = Tensor.arange(12).reshape(3, 4).requiresGrad(true);
            x.slice(1, 0, 4, 2).sum().backward();
            assertThat(x.grad().toArray()).containsExactly(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
        }

        @Test
        void indexingOps() {
            Tensor t = Tensor.arange(12).reshape(3, 4).requiresGrad(true);
            Tensor idx = i64(2, 0, 2);
            Tensor sel = t.indexSelect(0, idx);
            assertThat(dims(sel)).containsExactly(3, 4);
            sel.sum().backward();
            assertThat(t.grad().toArray()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2);
            assertThatThrownBy(() -> t.indexSelect(0, Tensor.of(1.0))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.indexSelect(0, i64(3))).isInstanceOf(IndexOutOfBoundsException.class);

            Tensor g = Tensor.arange(12).reshape(3, 4).gather(1, Tensor.fromArray(new long[] {0, 3, 1, 1, 2, 0}, 3, 2));
            assertThat(g.toArray()).containsExactly(0, 3, 5, 5, 10, 8);
            assertThatThrownBy(() -> t.gather(1, Tensor.fromArray(new long[] {4}, 1, 1)))
                    .isInstanceOf(IndexOutOfBoundsException.class);

            Tensor base = Tensor.zeros(2, 3).requiresGrad(true);
            Tensor src = Tensor.ones(2, 3).requiresGrad(true);
            Tensor sa = base.scatterAdd(1, Tensor.fromArray(new long[] {0, 0, 2, 1, 1, 1}, 2, 3), src);
            assertThat(sa.toArray()).containsExactly(2, 0, 1, 0, 3, 0);
            assertThat(base.toArray()).containsOnly(0.0);
            sa.mul(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}})).sum().backward();
            assertThat(src.grad().toArray()).containsExactly(1, 1, 3, 5, 5, 5);
            assertThat(base.grad().toArray()).containsExactly(1, 2, 3, 4, 5, 6);

            Tensor m = Tensor.arange(6).reshape(2, 3).maskedFill(bools(true, false, true), -1);
            assertThat(m.toArray()).containsExactly(-1, 1, -1, -1, 4, -1);
            assertThatThrownBy(() -> Tensor.zeros(2, 3).maskedFill(Tensor.of(1, 0, 1), 0))
                    .isInstanceOf(IllegalArgumentException.class);
            Tensor w = Tensor.where(bools(true, false), Tensor.of(1, 2), Tensor.scalar(9));
            assertThat(w.toArray()).containsExactly(1, 9);
            // torch.where(b, i, f).dtype == float32
            assertThat(Tensor.where(bools(true, false), i64(1, 2), Tensor.fromArray(new float[] {3, 4}, 2)).dtype())
                    .isEqualTo(DType.FLOAT32);
        }

        @Test
        void catStackSplitChunkTriangles() {
            Tensor c = Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.ones(1, 3)), 0);
            assertThat(dims(c)).containsExactly(3, 3);
            assertThat(Tensor.cat(List.of(i64(1), Tensor.fromArray(new float[] {2}, 1)), 0).dtype())
                    .isEqualTo(DType.FLOAT32);
            assertThatThrownBy(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 2)), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)");
            assertThatThrownBy(() -> Tensor.cat(List.of(Tensor.zeros(2, 3)), 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(dims(Tensor.stack(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3)), -1))).containsExactly(2, 3, 2);
            assertThatThrownBy(() -> Tensor.stack(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0))
                    .isInstanceOf(IllegalArgumentException.class);
            List<Tensor> parts = Tensor.arange(5).split(2, 0);
            assertThat(parts).hasSize(3);
            assertThat(parts.get(2).toArray()).containsExactly(4);
            // torch.arange(6.).chunk(4) gives 3 pieces of 2
            List<Tensor> chunks = Tensor.arange(6).chunk(4, 0);
            assertThat(chunks).hasSize(3);
            assertThat(chunks.get(2).toArray()).containsExactly(4, 5);
            Tensor m = Tensor.arange(6).reshape(2, 3);
            assertThat(m.tril().toArray()).containsExactly(0, 0, 0, 3, 4, 0);
            assertThat(m.tril(-1).toArray()).containsExactly(0, 0, 0, 3, 0, 0);
            assertThat(m.triu().toArray()).containsExactly(0, 1, 2, 0, 4, 5);
            assertThat(m.triu(1).toArray()).containsExactly(0, 1, 2, 0, 0, 5);
            assertThatThrownBy(() -> Tensor.arange(3).tril()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3,)");
        }
    }

    @Nested
    class Elementwise {
        @Test
        void unaryValuesAndGradientsMatchPyTorch() {
            Tensor x = x23();
            Tensor y = x.gelu().mul(x.sin()).add(x.softplus().mul(x.erf())).add(x.geluTanh()).add(x.silu().square()).sum();
            // (F.gelu(x)*x.sin() + F.softplus(x)*x.erf() + F.gelu(x, approximate='tanh') + F.silu(x).square()).sum()
            assertThat(y.item()).isCloseTo(12.006606683220495, within(1e-12));
            y.backward();
            close(x.grad(), 3.227264555854729, -0.2081532618751089, 6.023211307506264, 2.41891488025919,
                    3.997105045312309, 0.21694870421616216);

            Tensor x2 = x23();
            Tensor y2 = x2.cos().add(x2.leakyRelu(0.1)).add(x2.clamp(-0.5, 0.6)).add(x2.clampMin(0.4))
                    .add(x2.clampMax(0.4)).sum();
            // (x.cos() + F.leaky_relu(x, 0.1) + x.clamp(-0.5, 0.6) + x.clamp_min(0.4) + x.clamp_max(0.4)).sum()
            y2.backward();
            close(x2.grad(), 2.520574461395797, 2.0320390859672264, 1.0907025731743183, 2.7044797933386606,
                    1.355782312762309, 2.4894183423086504);

            Tensor z = Tensor.of(new double[][] {{1.5, 0.2, 3.0}, {0.8, 2.5, 0.6}}).requiresGrad(true);
            Tensor y3 = z.rsqrt().add(z.reciprocal()).add(z.sqrt()).add(z.log1p()).add(z.expm1()).sum();
            // (z.rsqrt() + z.reciprocal() + z.sqrt() + z.log1p() + z.expm1()).sum()
            assertThat(y3.item()).isCloseTo(63.456479782292774, within(1e-11));
            y3.backward();
            close(z.grad(), 4.573327389381576, -27.417399863506077, 20.41687590180643, 1.0788422354542857,
                    12.497944906027861, -0.7609904602992041);
        }

        @Test
        void powGradientsAtAZeroBaseAsPyTorch() {
            // e = torch.tensor([-1., 0, 2], requires_grad=True); torch.zeros(3).pow(e).sum().backward()
            // e.grad == [-inf, 0, 0] (pow_backward_exponent masks only where base == 0 and exponent >= 0)
            Tensor e = Tensor.of(-1, 0, 2).requiresGrad(true);
            Tensor y = Tensor.zeros(3).pow(e);
            assertThat(y.toArray()).containsExactly(Double.POSITIVE_INFINITY, 1, 0);
            y.sum().backward();
            assertThat(e.grad().toArray()).containsExactly(Double.NEGATIVE_INFINITY, 0, 0);
            // b = torch.zeros(3, requires_grad=True); b.pow(torch.tensor([-1, 0, 0.5])).sum().backward()
            Tensor b = Tensor.zeros(3).requiresGrad(true);
            b.pow(Tensor.of(-1, 0, 0.5)).sum().backward();
            assertThat(b.grad().toArray()).containsExactly(Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
            // broadcast: a (2, 1) base, a (3,) exponent
            Tensor a = Tensor.of(new double[][] {{0}, {2}}).requiresGrad(true);
            Tensor ex = Tensor.of(-1, 0, 1).requiresGrad(true);
            a.pow(ex).sum().backward();
            // torch: ex.grad == [-inf, log 2, 2 log 2]
            assertThat(ex.grad().toArray()).containsExactly(Double.NEGATIVE_INFINITY, Math.log(2), 2 * Math.log(2));
        }

        @Test
        void roundingFunctionsPassZeroGradient() {
            Tensor x = Tensor.of(0.5, 1.5, 2.5, -0.5, -1.7).requiresGrad(true);
            assertThat(x.round().toArray()).containsExactly(0.0, 2.0, 2.0, -0.0, -2.0);
            assertThat(x.floor().toArray()).containsExactly(0, 1, 2, -1, -2);
            assertThat(x.ceil().toArray()).containsExactly(1, 2, 3, -0.0, -1);
            assertThat(x.sign().toArray()).containsExactly(1, 1, 1, -1, -1);
            x.round().add(x.floor()).add(x.ceil()).add(x.sign()).sum().backward();
            assertThat(x.grad().toArray()).containsOnly(0.0);
            assertThat(x.square().gradFn().name()).isEqualTo("Pow");
            assertThat(i64(1, 2).square().dtype()).isEqualTo(DType.INT64);
            assertThat(bools(true).sign().dtype()).isEqualTo(DType.BOOL);
            assertThat(i64(1, 5).clamp(0.5, 1.5).dtype()).isEqualTo(DType.FLOAT64);
        }

        @Test
        void binaryComparisonsAndLogic() {
            Tensor a = Tensor.of(1, 5, 3).requiresGrad(true);
            Tensor b = Tensor.of(2, 5, 1).requiresGrad(true);
            a.maximum(b).add(a.minimum(b)).sum().backward();
            // ties split evenly, as torch.maximum / torch.minimum
            assertThat(a.grad().toArray()).containsExactly(1, 1, 1);
            assertThat(i64(1, 2).maximum(Tensor.fromArray(new float[] {0, 3}, 2)).dtype()).isEqualTo(DType.FLOAT32);
            Tensor x = Tensor.of(1, 2, 3);
            assertThat(x.eq(2).toBooleanArray()).containsExactly(false, true, false);
            assertThat(x.ne(2).toBooleanArray()).containsExactly(true, false, true);
            assertThat(x.lt(2).toBooleanArray()).containsExactly(true, false, false);
            assertThat(x.le(2).toBooleanArray()).containsExactly(true, true, false);
            assertThat(x.gt(2).toBooleanArray()).containsExactly(false, false, true);
            assertThat(x.ge(2).toBooleanArray()).containsExactly(false, true, true);
            Tensor y = Tensor.of(3, 2, 1);
            assertThat(x.eq(y).dtype()).isEqualTo(DType.BOOL);
            assertThat(x.ne(y).toBooleanArray()).containsExactly(true, false, true);
            assertThat(x.lt(y).toBooleanArray()).containsExactly(true, false, false);
            assertThat(x.le(y).toBooleanArray()).containsExactly(true, true, false);
            assertThat(x.gt(y).toBooleanArray()).containsExactly(false, false, true);
            assertThat(x.ge(y).toBooleanArray()).containsExactly(false, true, true);
            Tensor cmp = a.gt(b);
            assertThat(cmp.gradFn()).isNull();
            assertThat(cmp.requiresGrad()).isFalse();
            Tensor x32 = Tensor.fromArray(new float[] {0.1f, 0.2f}, 2);
            assertThat(x32.eq(0.1).toBooleanArray()).containsExactly(true, false);
            Tensor p = bools(true, false, true);
            Tensor q = bools(true, true, false);
            assertThat(p.logicalNot().toBooleanArray()).containsExactly(false, true, false);
            assertThat(p.logicalAnd(q).toBooleanArray()).containsExactly(true, false, false);
            assertThat(p.logicalOr(q).toBooleanArray()).containsExactly(true, true, true);
            assertThatThrownBy(() -> x.eq(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(3,)").hasMessageContaining("(2,)");
        }
    }

    @Nested
    class Reductions {
        @Test
        void valuesAndGradientsMatchPyTorch() {
            Tensor x = x23();
            // x.logsumexp(1, keepdim=False)
            Tensor lse = x.logsumexp(1, false);
            close(lse, 2.234196137135798, 1.3947414738655752);
            lse.sum().backward();
            close(x.grad(), 0.17654205886637117, 0.03225132545723402, 0.7912066156763948, 0.3346261053605723,
                    0.4992034884524116, 0.16617040618701598);

            x = x23();
            // x.var(1, correction=1, keepdim=True)
            Tensor v = x.var(1, 1, true);
            assertThat(dims(v)).containsExactly(2, 1);
            close(v, 2.5633333333333335, 0.31000000000000005);
            v.mul(Tensor.of(new double[][] {{1}, {2}})).sum().backward();
            close(x.grad(), 0.06666666666666665, -1.6333333333333333, 1.5666666666666667, 0.2, 1.0, -1.2);

            x = x23();
            // x.std(dim=[0,1], correction=0, keepdim=False)
            Tensor s = x.std(new int[] {0, 1}, 0, false);
            close(s, 0.9855906294648347);
            s.backward();
            close(x.grad(), 0.031002278879362813, -0.25647339800200153, 0.28465728789233136, -0.0028183889890329925,
                    0.06482294674775861, -0.12119072652841832);

            x = x23();
            close(x.var(), 1.1656666666666669);
            close(x.std(), 1.0796604404472117);
            close(x.var(new int[] {0, 1}, 1, false), 1.1656666666666669);
            close(x.std(1, 1, false), Math.sqrt(2.5633333333333335), Math.sqrt(0.31000000000000005));
            Tensor cs = x.cumsum(1);
            close(cs, 0.5, -0.7, 1.3, 0.3, 1.0, 0.6);
            cs.mul(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}})).sum().backward();
            close(x.grad(), 6, 5, 3, 15, 11, 6);

            x = x23();
            Tensor n = x.norm();
            close(n, 2.535744466621193);
            n.backward();
            close(x.grad(), 0.19718075168127477, -0.47323380403505944, 0.7887230067250991, 0.11830845100876486,
                    0.27605305235378463, -0.15774460134501983);

            x = x23();
            close(x.max(1, true), 2.0, 0.7);
            assertThat(dims(x.max(1, true))).containsExactly(2, 1);
            close(x.min(), -1.2);
            close(x.min(0), 0.3, -1.2, -0.4);
            assertThat(dims(x.min(0, true))).containsExactly(1, 3);
            close(x.sum(new int[] {0, 1}, true), 1.9);
            assertThat(dims(x.sum(new int[] {-1}, false))).containsExactly(2);
            close(x.mean(new int[] {0, 1}, true), 0.3166666666666667);
            assertThat(dims(x.mean(new int[] {}, false))).isEmpty();
        }

        @Test
        void argExtremesAreInt64AndTakeTheFirstOfTies() {
            Tensor x = x23();
            Tensor am = x.argmax();
            assertThat(am.dtype()).isEqualTo(DType.INT64);
            assertThat(am.toLongArray()).containsExactly(2);
            assertThat(x.argmax(1).toLongArray()).containsExactly(2, 1);
            assertThat(dims(x.argmax(1, true))).containsExactly(2, 1);
            assertThat(x.argmin(0, true).toLongArray()).containsExactly(1, 0, 1);
            assertThat(x.argmin(1).toLongArray()).containsExactly(1, 2);
            assertThat(x.argmin().toLongArray()).containsExactly(1);
            assertThat(Tensor.of(1, 5, 5).argmax().toLongArray()).containsExactly(1);
            assertThat(Tensor.of(3, 1, 1).argmin().toLongArray()).containsExactly(1);
        }

        @Test
        void dimErrors() {
            Tensor x = Tensor.zeros(2, 3);
            for (Runnable r : List.<Runnable>of(() -> x.sum(new int[] {0, 2}, false), () -> x.mean(new int[] {-3}, true),
                    () -> x.max(2, true), () -> x.min(2), () -> x.min(-3, false), () -> x.argmax(2),
                    () -> x.argmin(2, true), () -> x.var(2, 1, false), () -> x.std(new int[] {3}, 1, false),
                    () -> x.logsumexp(2, false), () -> x.cumsum(2), () -> x.std(5, 0, true),
                    () -> x.var(new int[] {-4}, 0, true))) {
                assertThatThrownBy(r::run).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("(2, 3)");
            }
            for (Runnable r : List.<Runnable>of(() -> x.sum(new int[] {0, 0}, false), () -> x.mean(new int[] {1, -1}, true),
                    () -> x.var(new int[] {0, -2}, 1, false), () -> x.std(new int[] {1, 1}, 1, true))) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3)");
            }
        }

        @Test
        void softmaxFamilyGradientsMatchPyTorch() {
            Tensor w = Tensor.of(new double[][] {{1, -2, 3}, {0.5, 0.1, -1}});
            Tensor x = x23();
            x.softmax(0).mul(w).sum().backward();
            close(x.grad(), 0.12375828635592998, -0.23767854445005507, 0.3050199962074089, -0.12375828635592999,
                    0.2376785444500551, -0.305019996207409);
            x = x23();
            x.logSoftmax(-1).mul(w).sum().backward();
            close(x.grad(), 0.6469158822672577, -2.064502650914468, 1.4175867686472103, 0.6338504421442289,
                    0.29968139538096467, -0.9335318375251936);
        }
    }

    // ======================================================================================== v2: Functional

    @Nested
    class FunctionalSection {
        // torch.arange(64.).reshape(2,2,4,4).sin(), torch.arange(54.).reshape(3,2,3,3).cos()
        private final Tensor x = Tensor.arange(64).reshape(2, 2, 4, 4).sin();
        private final Tensor w = Tensor.arange(54).reshape(3, 2, 3, 3).cos();

        @Test
        void conv2dBothForms() {
            Tensor xi = x.detach().requiresGrad(true);
            Tensor wi = w.detach().requiresGrad(true);
            Tensor b = Tensor.of(0.1, -0.2, 0.3).requiresGrad(true);
            // F.conv2d(x, w, b, stride=2, padding=1)
            Tensor y = Functional.conv2d(xi, wi, b, 2, 1);
            assertThat(dims(y)).containsExactly(2, 3, 2, 2);
            close(y.toArray(), new double[] {-1.5895614837503398, -4.380888206810246, -2.5843049009620906,
                0.9502586071529027, -4.615009915990558, -1.8531491924607066, -4.882138797715799, 4.674985511385548,
                -3.8410481454333754, 2.5976841408062206, -3.19908405593709, 5.887810164078474, -2.5122298996769645,
                -2.3337293541895545, -1.492542458929589, 4.070158872031895, -5.376977520039544, 1.1400746310146328,
                -1.7631530803300794, 6.008308937491855, -3.924659609695262, 4.50347669249552, -0.17180973404071487,
                4.528741370701956}, 1e-12);
            y.sum().backward();
            close(b.grad(), 8, 8, 8);
            close(java.util.Arrays.copyOf(wi.grad().toArray(), 6), new double[] {-1.602462408020138,
                -1.7316282682405846, 0.018319576982738894, 2.0948786613522112, 2.263735542485123,
                -0.02394894926337443}, 1e-12);
            // F.conv2d(x, torch.arange(8.).reshape(2,1,2,2).cos(), None, stride=(1,2), padding=(0,1),
            //          dilation=(2,1), groups=2)
            Tensor yg = Functional.conv2d(x, Tensor.arange(8).reshape(2, 1, 2, 2).cos(), null, new int[] {1, 2},
                    new int[] {0, 1}, new int[] {2, 1}, 2);
            assertThat(dims(yg)).containsExactly(2, 2, 2, 3);
            close(yg.toArray(), new double[] {-0.979457240606921, 1.699841495098536, 0.557262769094066,
                0.12230102939780108, -2.2654381450472365, 0.3863713711923311, -0.7643848526086346, 0.863198971062137,
                0.8203174673126347, 0.46320452954962443, -1.931466208327938, 0.16518162730634145, -0.4397193306006978,
                2.259136232649673, -0.0820422416314463, -0.5533851744563179, -1.7302740145291775, 0.9123708221714111,
                -0.6111232724517145, 1.7163098786855555, 0.17328588952927088, 0.05007152459978048, -1.9022088413038647,
                0.8141735622235752}, 1e-12);
            // unbatched (C, H, W)
            assertThat(dims(Functional.conv2d(x.get(0), w, null, 1, 0))).containsExactly(3, 2, 2);
            assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(3, 3, 3, 3), null, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2, 4, 4)")
                    .hasMessageContaining("(3, 3, 3, 3)");
        }

        @Test
        void pooling() {
            // F.max_pool2d(x, kernel_size=(2,3), stride=(2,1), padding=(1,1))
            Tensor mp = Functional.maxPool2d(x, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1});
            assertThat(dims(mp)).containsExactly(2, 2, 3, 4);
            close(java.util.Arrays.copyOf(mp.toArray(), 8), new double[] {0.8414709848078965, 0.9092974268256817,
                0.9092974268256817, 0.9092974268256817, 0.9893582466233818, 0.9893582466233818, 0.6569865987187891,
                0.6569865987187891}, 1e-15);
            assertThat(dims(Functional.maxPool2d(x, 2))).containsExactly(2, 2, 2, 2);
            // F.avg_pool2d(x, kernel_size=(3,3), stride=(2,2), padding=(1,1)): padding counted
            Tensor ap = Functional.avgPool2d(x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1});
            close(java.util.Arrays.copyOf(ap.toArray(), 4), new double[] {-0.09713953168479668, 0.14561502728335224,
                -0.047850657697746914, 0.0386462473707818}, 1e-14);
            Tensor ap2 = Functional.avgPool2d(x, 2);
            assertThat(ap2.getDouble(0, 0, 0, 0)).isCloseTo((x.getDouble(0, 0, 0, 0) + x.getDouble(0, 0, 0, 1)
                    + x.getDouble(0, 0, 1, 0) + x.getDouble(0, 0, 1, 1)) / 4, within(1e-15));
            // F.adaptive_avg_pool2d(x, (3, 2))
            Tensor ad = Functional.adaptiveAvgPool2d(x, 3, 2);
            assertThat(dims(ad)).containsExactly(2, 2, 3, 2);
            close(java.util.Arrays.copyOf(ad.toArray(), 4), new double[] {-0.21856394629079254, 0.356997133851353,
                -0.07856250952648204, -0.2916100542300525}, 1e-14);
            // F.pad(torch.arange(6.).reshape(2,3), (1, 2, -1, 1), value=9.0)
            Tensor pd = Functional.pad(Tensor.arange(6).reshape(2, 3), new int[] {1, 2, -1, 1}, 9.0);
            assertThat(dims(pd)).containsExactly(2, 6);
            assertThat(pd.toArray()).containsExactly(9, 3, 4, 5, 9, 9, 9, 9, 9, 9, 9, 9);
        }

        private final Tensor xn = Tensor.of(new double[][] {{0.5, -1.2, 2.0, 0.1}, {0.3, 0.7, -0.4, 1.9},
            {1.0, 1.0, 2.5, -3.0}});
        private final Tensor upstream = Tensor.arange(12).reshape(3, 4);

        @Test
        void layerNormAndBatchNorm() {
            Tensor xi = xn.detach().requiresGrad(true);
            Tensor g = Tensor.of(1.5, 0.5, -1.0, 2.0).requiresGrad(true);
            Tensor bb = Tensor.of(0.1, 0.2, 0.3, 0.4).requiresGrad(true);
            // F.layer_norm(xn, [4], g, bb, 1e-5)
            Tensor y = Functional.layerNorm(xi, new int[] {4}, g, bb, 1e-5);
            close(y.toArray(), new double[] {0.29714782264823697, -0.4790647224550382, -1.145750699420404,
                -0.038106272551637566, -0.4839747395913355, 0.24492113381471808, 1.5278443242689617,
                3.454637099400831, 0.5589919959191415, 0.35299733197304717, -0.7403818574167207,
                -2.904742370617819}, 1e-12);
            y.mul(upstream).sum().backward();
            close(xi.grad().toArray(), new double[] {-0.8451005114564356, -2.0008983924652872, -1.191139583815496,
                4.037138487737219, 5.351814998936522, -2.663295921043056, -2.3336222348796363, -0.35489684301382973,
                3.948817282303236, 0.2768813149501055, -3.073253520142399, -1.1524450771109436}, 1e-11);
            close(g.grad().toArray(), new double[] {0.8906913393251934, 1.8450338687519532, 5.928254027394246,
                -8.142012599322547}, 1e-12);
            assertThat(dims(Functional.layerNorm(xn, new int[] {3, 4}, null, null, 1e-5))).containsExactly(3, 4);

            xi = xn.detach().requiresGrad(true);
            Tensor rm = Tensor.zeros(4);
            Tensor rv = Tensor.ones(4);
            // F.batch_norm(xn, rm, rv, g, bb, True, 0.1, 1e-5): running statistics updated in place
            Tensor bn = Functional.batchNorm(xi, rm, rv, g.detach(), bb.detach(), true, 0.1, 1e-5);
            close(bn.toArray(), new double[] {-0.4094952722549068, -0.5014918622239316, -0.20034505908498845,
                0.8282478115840262, -1.428485816764721, 0.4737529218434855, 1.695699375342336, 2.6071233366253654,
                2.1379810890196285, 0.6277389403804461, -0.5953543162573477, -2.2353711482093916}, 1e-12);
            close(rm.toArray(), new double[] {0.06, 0.016666666666666666, 0.13666666666666666, -0.03333333333333333},
                    1e-14);
            close(rv.toArray(), new double[] {0.913, 1.0423333333333333, 1.1403333333333334, 1.5143333333333333},
                    1e-14);
            bn.mul(upstream).sum().backward();
            close(xi.grad().toArray(), new double[] {-16.461068650801543, 0.11537650486286517, 3.3682607160273244,
                -3.520859769161619, 11.75622671818422, -0.8462530414396122, -0.5807312057035726, 2.227476604708875,
                4.704841932617322, 0.7308765365767471, -2.787529510323752, 1.2933831644527438}, 1e-11);
            // F.batch_norm(xn, rm, rv, None, None, False, 0.1, 1e-5)
            close(Functional.batchNorm(xn, rm, rv, null, null, false, 0.1, 1e-5).toArray(), new double[] {
                0.4604843865467513, -1.1916980074803563, 1.7449088252895182, 0.10834941270459589, 0.2511733017527734,
                0.6693098398177344, -0.5025587135449239, 1.5710664842166404, 0.9837620985316959, 0.9631531841279592,
                2.21313122921336, -2.4107744326772584}, 1e-12);
        }

        @Test
        void embeddingOneHotDropout() {
            Tensor table = Tensor.arange(8).reshape(4, 2).requiresGrad(true);
            Tensor e = Functional.embedding(Tensor.fromArray(new long[] {0, 3, 3, 1}, 2, 2), table);
            assertThat(dims(e)).containsExactly(2, 2, 2);
            assertThat(e.toArray()).containsExactly(0, 1, 6, 7, 6, 7, 2, 3);
            e.sum().backward();
            assertThat(table.grad().toArray()).containsExactly(1, 1, 1, 1, 0, 0, 2, 2);
            assertThatThrownBy(() -> Functional.embedding(Tensor.of(0, 1), table))
                    .isInstanceOf(IllegalArgumentException.class);
            Tensor oh = Functional.oneHot(i64(2, 0), 4);
            assertThat(oh.dtype()).isEqualTo(DType.INT64);
            assertThat(oh.toLongArray()).containsExactly(0, 0, 1, 0, 1, 0, 0, 0);

            Tensor in = Tensor.ones(1000);
            Tensor d = Functional.dropout(in, 0.25, true, new Random(3));
            long zeros = java.util.Arrays.stream(d.toArray()).filter(v -> v == 0).count();
            assertThat(zeros).isBetween(200L, 300L);
            assertThat(java.util.Arrays.stream(d.toArray()).filter(v -> v != 0)).allMatch(v -> v == 1 / 0.75);
            assertThat(Functional.dropout(in, 0.25, false, new Random(3)).toArray()).containsOnly(1.0);
        }

        @Test
        void attention() {
            // q = torch.arange(24.).reshape(2,3,4).mul(0.1).sin(); k = torch.arange(40.).reshape(2,5,4).mul(0.2).cos()
            // v = torch.arange(20.).reshape(2,5,2).mul(0.3).sin()
            Tensor q = Tensor.arange(24).reshape(2, 3, 4).mul(0.1).sin().requiresGrad(true);
            Tensor k = Tensor.arange(40).reshape(2, 5, 4).mul(0.2).cos();
            Tensor v = Tensor.arange(20).reshape(2, 5, 2).mul(0.3).sin();
            // F.scaled_dot_product_attention(q, k, v, is_causal=True)
            Tensor a = Functional.scaledDotProductAttention(q, k, v, null, true);
            close(a.toArray(), new double[] {0.0, 0.29552020666133955, 0.20877452786814774, 0.4758849841998227,
                0.23693076623160236, 0.4916487280500025, 0.1411200080598672, -0.1577456941432482, -0.3347638535634295,
                -0.5899093405414642, -0.6811931392306783, -0.8387312199865586}, 1e-12);
            a.sum().backward();
            close(java.util.Arrays.copyOf(q.grad().toArray(), 8), new double[] {0, 0, 0, 0, -0.037192316972609676,
                -0.05392751076440494, -0.06851278488012448, -0.08036667046726854}, 1e-12);
            // F.scaled_dot_product_attention(q, k, v, attn_mask=torch.tensor([[True, False, True, True, False]]*3))
            boolean[] m = new boolean[15];
            for (int i = 0; i < 3; i++) {
                m[5 * i] = true;
                m[5 * i + 2] = true;
                m[5 * i + 3] = true;
            }
            Tensor mask = Tensor.fromArray(m, 3, 5);
            close(Functional.scaledDotProductAttention(q, k, v, mask, false).toArray(), new double[] {
                0.5283604072449684, 0.6507171409306116, 0.2790067395408318, 0.48797978012236515, 0.14660954260676384,
                0.39850442705648303, -0.8900854412530702, -0.9204791043023248, -0.8921175093389514,
                -0.9214635529364524, -0.8757620538603662, -0.9087669881163969}, 1e-12);
            // a floating mask is added to the scores
            Tensor additive = Tensor.where(mask, Tensor.scalar(0), Tensor.scalar(Double.NEGATIVE_INFINITY));
            close(Functional.scaledDotProductAttention(q, k, v, additive, false).toArray(),
                    Functional.scaledDotProductAttention(q, k, v, mask, false).toArray(), 1e-15);
        }

        @Test
        void losses() {
            Tensor lg = Tensor.of(new double[][] {{1.0, 2.0, 0.5}, {0.1, -1.0, 3.0}, {2.0, 2.0, 2.0}, {0.0, 1.0, -1.0}});
            // F.cross_entropy(lg, torch.tensor([1, 2, 0, -100]))
            assertThat(Functional.crossEntropy(lg, i64(1, 2, 0, -100)).item()).isCloseTo(0.5445850972455154,
                    within(1e-14));
            Tensor lgi = lg.detach().requiresGrad(true);
            // F.cross_entropy(lg, torch.tensor([1, 2, 0, 1]), label_smoothing=0.2, ignore_index=2)
            Tensor ls = Functional.crossEntropy(lgi, i64(1, 2, 0, 1), 0.2, 2);
            assertThat(ls.item()).isCloseTo(0.7790845679623672, within(1e-14));
            ls.backward();
            close(lgi.grad().toArray(), new double[] {0.0548524103184941, -0.07937831581830143, 0.02452590549980726,
                0, 0, 0, -0.17777777777777778, 0.08888888888888885, 0.08888888888888885, 0.05935393479604364,
                -0.06714190363061498, 0.007787968834571248}, 1e-14);
            Tensor probs = Tensor.of(0.2, 0.3, 0.5).expand(4, 3);
            // F.cross_entropy(lg, probs), F.cross_entropy(lg, probs, label_smoothing=0.1)
            assertThat(Functional.crossEntropy(lg, probs).item()).isCloseTo(1.4928403140452315, within(1e-14));
            assertThat(Functional.crossEntropy(lg, probs, 0.1, -100).item()).isCloseTo(1.497923647378565,
                    within(1e-14));
            // F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(2))
            Tensor one = Functional.crossEntropy(Tensor.of(1.0, 2.0, 0.5), Tensor.scalar(2).to(DType.INT64));
            assertThat(one.dim()).isZero();
            assertThat(one.item()).isCloseTo(1.964368784107945, within(1e-14));
            // F.nll_loss(lg.log_softmax(1), torch.tensor([1, 2, 0, 1]))
            assertThat(Functional.nllLoss(lg.logSoftmax(1), i64(1, 2, 0, 1)).item()).isCloseTo(0.5103403140452316,
                    within(1e-14));
            Tensor a = Tensor.of(0.5, -1.0, 2.0, 0.2);
            Tensor b = Tensor.of(0.0, 0.5, 0.5, 0.3);
            assertThat(Functional.mseLoss(a, b).item()).isCloseTo(1.19, within(1e-14));
            assertThat(Functional.l1Loss(a, b).item()).isCloseTo(0.9, within(1e-14));
            // F.smooth_l1_loss(a, b, beta=0.5)
            assertThat(Functional.smoothL1Loss(a, b, 0.5).item()).isCloseTo(0.69, within(1e-14));
            Tensor p = Tensor.of(0.1, 0.9, 0.5, 0.999);
            Tensor t = Tensor.of(0.0, 1.0, 0.3, 0.0);
            assertThat(Functional.binaryCrossEntropy(p, t).item()).isCloseTo(1.9529058727144335, within(1e-13));
            assertThat(Functional.binaryCrossEntropyWithLogits(a, t).item()).isCloseTo(1.1531013880307235,
                    within(1e-14));
            assertThatThrownBy(() -> Functional.crossEntropy(lg, i64(1, 2, 0, 3)))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("(4, 3)");

            CrossEntropyLoss ce = new CrossEntropyLoss().labelSmoothing(0.2).ignoreIndex(2);
            assertThat(ce.forward(lg, i64(1, 2, 0, 1)).item()).isCloseTo(0.7790845679623672, within(1e-14));
        }
    }

    // ======================================================================================== v2: nn layers

    /** A layer of a user's, outside the library: registerBuffer is reachable from a subclass. */
    static final class Scaler extends Layer {
        final Tensor scale;
        final Tensor count;

        Scaler() {
            scale = registerBuffer("scale", Tensor.full(2.0, 3));
            count = registerBuffer("count", Tensor.zeros(DType.INT64));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(scale);
        }
    }

    @Nested
    class Layers {
        @Test
        void registerBufferIsProtectedFinalAndCallIsPublicFinal() throws Exception {
            Method rb = Layer.class.getDeclaredMethod("registerBuffer", String.class, Tensor.class);
            assertThat(Modifier.isProtected(rb.getModifiers())).isTrue();
            assertThat(Modifier.isFinal(rb.getModifiers())).isTrue();
            assertThat(rb.getReturnType()).isEqualTo(Tensor.class);
            Method call = Layer.class.getDeclaredMethod("call", Tensor.class);
            assertThat(Modifier.isPublic(call.getModifiers()) && Modifier.isFinal(call.getModifiers())).isTrue();
            Method hook = Layer.class.getMethod("registerForwardHook", ForwardHook.class);
            assertThat(hook.getReturnType()).isEqualTo(HookHandle.class);
            Method to = Layer.class.getMethod("to", DType.class);
            assertThat(to.getReturnType()).isEqualTo(Layer.class);

            Scaler s = new Scaler();
            assertThat(s.namedBuffers().keySet()).containsExactly("scale", "count");
            assertThat(s.parameters()).isEmpty();
            assertThat(s.stateDict().keySet()).containsExactly("scale", "count");
            assertThat(s.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(s.to(DType.FLOAT32)).isSameAs(s);
            assertThat(s.scale.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(s.count.dtype()).isEqualTo(DType.INT64);
        }

        @Test
        void conv2dConstructorsParametersAndInitialisation() {
            Conv2d c1 = new Conv2d(3, 4, 3, new Random(0));
            assertThat(dims(c1.weight())).containsExactly(4, 3, 3, 3);
            assertThat(dims(c1.bias())).containsExactly(4);
            double bound = 1 / Math.sqrt(27);
            assertThat(java.util.Arrays.stream(c1.weight().toArray()).allMatch(v -> Math.abs(v) <= bound)).isTrue();
            assertThat(c1.stateDict().keySet()).containsExactly("weight", "bias");
            assertThat(dims(c1.forward(Tensor.zeros(2, 3, 5, 5)))).containsExactly(2, 4, 3, 3);
            Conv2d c2 = new Conv2d(3, 4, 3, 2, 1, new Random(0));
            assertThat(dims(c2.forward(Tensor.zeros(2, 3, 5, 5)))).containsExactly(2, 4, 3, 3);
            Conv2d c3 = new Conv2d(4, 6, new int[] {3, 1}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}, 2,
                    false, new Random(0));
            assertThat(dims(c3.weight())).containsExactly(6, 2, 3, 1);
            assertThat(c3.bias()).isNull();
            assertThat(c3.namedParameters().keySet()).containsExactly("weight");
            assertThat(dims(c3.forward(Tensor.zeros(1, 4, 5, 5)))).containsExactly(1, 6, 3, 3);
            Tensor w = Tensor.ones(2, 1, 2, 2);
            Tensor b = Tensor.of(1, -1);
            Conv2d c4 = new Conv2d(w, b, 1, 0);
            assertThat(c4.weight()).isSameAs(w);
            assertThat(c4.bias()).isSameAs(b);
            assertThat(w.requiresGrad()).isTrue();
            assertThat(c4.forward(Tensor.ones(1, 1, 2, 2)).toArray()).containsExactly(5, 3);
        }

        @Test
        void poolingFlattenIdentity() {
            Tensor in = Tensor.arange(32).reshape(1, 2, 4, 4);
            assertThat(dims(new MaxPool2d(2).forward(in))).containsExactly(1, 2, 2, 2);
            assertThat(dims(new MaxPool2d(3, 1, 1).forward(in))).containsExactly(1, 2, 4, 4);
            assertThat(new AvgPool2d(2).forward(in).getDouble(0, 0, 0, 0)).isEqualTo(2.5);
            assertThat(dims(new AvgPool2d(3, 2, 1).forward(in))).containsExactly(1, 2, 2, 2);
            assertThat(dims(new AdaptiveAvgPool2d(1, 3).forward(in))).containsExactly(1, 2, 1, 3);
            assertThat(dims(new Flatten().forward(in))).containsExactly(1, 32);
            assertThat(new Identity().forward(in)).isSameAs(in);
        }

        @Test
        void batchNormLayers() {
            BatchNorm1d bn = new BatchNorm1d(4);
            assertThat(bn.namedParameters().keySet()).containsExactly("weight", "bias");
            assertThat(bn.namedBuffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
            assertThat(bn.stateDict().keySet()).containsExactly("weight", "bias", "running_mean", "running_var",
                    "num_batches_tracked");
            assertThat(bn.namedBuffers().get("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
            Tensor x = Tensor.of(new double[][] {{0.5, -1.2, 2.0, 0.1}, {0.3, 0.7, -0.4, 1.9}, {1.0, 1.0, 2.5, -3.0}});
            Tensor y = bn.forward(x);
            // nn.BatchNorm1d(4) in training: F.batch_norm(x, rm, rv, ones, zeros, True, 0.1, 1e-5)
            close(bn.runningMean().toArray(), new double[] {0.06, 0.016666666666666666, 0.13666666666666666,
                -0.03333333333333333}, 1e-14);
            close(bn.runningVar().toArray(), new double[] {0.913, 1.0423333333333333, 1.1403333333333334,
                1.5143333333333333}, 1e-14);
            assertThat(bn.namedBuffers().get("num_batches_tracked").toLongArray()).containsExactly(1);
            allNear(y.mean(0).toArray(), 0, 1e-12);
            bn.eval();
            Tensor ye = bn.forward(x);
            assertThat(ye.getDouble(0, 0)).isCloseTo((0.5 - 0.06) / Math.sqrt(0.913 + 1e-5), within(1e-12));
            assertThat(bn.namedBuffers().get("num_batches_tracked").toLongArray()).containsExactly(1);

            BatchNorm2d bn2 = new BatchNorm2d(3);
            assertThat(dims(bn2.forward(Tensor.randn(new Random(0), 2, 3, 4, 4)))).containsExactly(2, 3, 4, 4);
            bn2.to(DType.FLOAT32);
            assertThat(bn2.weight().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(bn2.runningMean().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(bn2.namedBuffers().get("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
            assertThat(bn2.dtype()).isEqualTo(DType.FLOAT32);
        }

        @Test
        void layerNormEmbeddingActivations() {
            LayerNorm ln = new LayerNorm(3, 4);
            assertThat(ln.namedParameters().keySet()).containsExactly("weight", "bias");
            assertThat(dims(ln.weight())).containsExactly(3, 4);
            assertThat(ln.weight().toArray()).containsOnly(1.0);
            assertThat(ln.bias().toArray()).containsOnly(0.0);
            Tensor y = ln.forward(Tensor.randn(new Random(0), 2, 3, 4));
            allNear(y.mean(new int[] {1, 2}, false).toArray(), 0, 1e-12);

            Embedding e = new Embedding(10, 3, new Random(0));
            assertThat(dims(e.weight())).containsExactly(10, 3);
            assertThat(e.stateDict().keySet()).containsExactly("weight");
            Random r = new Random(0);
            assertThat(e.weight().getDouble(0, 0)).isEqualTo(r.nextGaussian());
            assertThat(dims(e.forward(Tensor.fromArray(new long[] {1, 2, 3, 4}, 2, 2)))).containsExactly(2, 2, 3);
            Tensor table = Tensor.ones(2, 2);
            assertThat(new Embedding(table).weight()).isSameAs(table);
            assertThat(table.requiresGrad()).isTrue();

            Tensor x = Tensor.of(-1, 0.5, 2);
            close(new GELU().forward(x).toArray(), x.gelu().toArray(), 0);
            close(new SiLU().forward(x).toArray(), x.silu().toArray(), 0);
            close(new LeakyReLU(0.2).forward(x).toArray(), new double[] {-0.2, 0.5, 2}, 0);
            close(new Softmax(0).forward(x).toArray(), x.softmax(0).toArray(), 0);
            close(new LogSoftmax(-1).forward(x).toArray(), x.logSoftmax(-1).toArray(), 0);
        }

        @Test
        void layerToKeepsTheTensorObjectsSoAnOptimizerKeepsServingThem() {
            Linear l = new Linear(3, 2, new Random(0));
            Tensor w = l.weight();
            SGD opt = new SGD(l.parameters(), 0.1);
            assertThat(l.to(DType.FLOAT32)).isSameAs(l);
            assertThat(l.weight()).isSameAs(w);
            assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(l.dtype()).isEqualTo(DType.FLOAT32);
            double before = w.getDouble(0, 0);
            l.forward(Tensor.ones(DType.FLOAT32, 1, 3)).sum().backward();
            opt.step();
            assertThat(w.getDouble(0, 0)).isCloseTo(before - 0.1, within(1e-6));
            assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        }

        @Test
        void stateDictsAndSafetensorsKeepDtypesAndLoadingConverts(@TempDir Path dir) throws Exception {
            Sequential m = new Sequential(new Linear(2, 3, new Random(0)), new BatchNorm1d(3));
            assertThat(m.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                    "1.running_mean", "1.running_var", "1.num_batches_tracked");
            m.to(DType.FLOAT32);
            Path f = dir.resolve("m.safetensors");
            m.save(f);
            String header = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(header).contains("\"F32\"").contains("\"I64\"").doesNotContain("\"F64\"");
            Sequential m64 = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
            m64.load(f);
            assertThat(m64.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(((Linear) m64.layers().get(0)).weight().dtype()).isEqualTo(DType.FLOAT64);
            assertThat(((Linear) m64.layers().get(0)).weight().toFloatArray())
                    .containsExactly(((Linear) m.layers().get(0)).weight().toFloatArray());
            Map<String, Tensor> sd = m.stateDict();
            assertThat(sd.get("0.weight").dtype()).isEqualTo(DType.FLOAT32);
            assertThat(sd.get("1.num_batches_tracked").dtype()).isEqualTo(DType.INT64);
            m64.loadStateDict(sd);
            assertThat(m64.dtype()).isEqualTo(DType.FLOAT64);
        }

        @Test
        void layersPrintAsPyTorch() {
            // print(nn.Sequential(nn.LayerNorm(4), nn.BatchNorm1d(3), nn.Embedding(3, 2), nn.GELU(), nn.Flatten(),
            //                     nn.Identity(), nn.Dropout(0.5), nn.AdaptiveAvgPool2d((1, 1))))
            Sequential s = new Sequential(new LayerNorm(4), new BatchNorm1d(3), new Embedding(3, 2, new Random(0)),
                    new GELU(), new Flatten(), new Identity(), new io.jgrad.nn.Dropout(0.5), new AdaptiveAvgPool2d(1, 1));
            assertThat(s.toString()).isEqualTo("Sequential(\n"
                    + "  (0): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)\n"
                    + "  (1): BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)\n"
                    + "  (2): Embedding(3, 2)\n"
                    + "  (3): GELU(approximate='none')\n"
                    + "  (4): Flatten(start_dim=1, end_dim=-1)\n"
                    + "  (5): Identity()\n"
                    + "  (6): Dropout(p=0.5, inplace=False)\n"
                    + "  (7): AdaptiveAvgPool2d(output_size=(1, 1))\n"
                    + ")");
        }

        @Test
        void callRunsForwardHooksInOrderAndContainersCallTheirChildren() {
            Linear l = new Linear(Tensor.of(new double[][] {{2}}), Tensor.of(0.0));
            List<String> seen = new ArrayList<>();
            HookHandle h1 = l.registerForwardHook((layer, in, out) -> {
                seen.add("h1 " + out.item());
                return out.add(1.0);
            });
            ForwardHook second = (layer, in, out) -> {
                assertThat(layer).isSameAs(l);
                seen.add("h2 " + out.item() + " of " + in.item());
                return null;
            };
            HookHandle h2 = l.registerForwardHook(second);
            Tensor x = Tensor.of(3.0);
            assertThat(l.forward(x).item()).isEqualTo(6);
            assertThat(seen).isEmpty();
            assertThat(l.call(x).item()).isEqualTo(7);
            assertThat(seen).containsExactly("h1 6.0", "h2 7.0 of 3.0");
            seen.clear();
            assertThat(new Sequential(l).forward(x).item()).isEqualTo(7);
            assertThat(new Network().addLayer(l).forward(x).item()).isEqualTo(7);
            assertThat(seen).hasSize(4);
            h1.remove();
            h1.remove();
            h2.remove();
            seen.clear();
            assertThat(l.call(x).item()).isEqualTo(6);
            assertThat(seen).isEmpty();
        }
    }

    // ======================================================================================== v2: optim

    @Nested
    class Optim {
        @Test
        void rmspropSettersAndUpdateMatchPyTorch() {
            Tensor w = Tensor.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}}).requiresGrad(true);
            RMSprop opt = new RMSprop(List.of(w), 0.01);
            RMSprop same = opt.alpha(0.9).eps(1e-6).momentum(0.5).weightDecay(0.1).centered(true);
            assertThat(same).isSameAs(opt);
            for (int i = 0; i < 3; i++) {
                opt.zeroGrad();
                w.pow(3.0).sum().add(w.get(0).mul(w.get(1)).sum()).backward();
                opt.step();
            }
            // torch.optim.RMSprop([w], lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5, weight_decay=0.1, centered=True),
            // three steps of (w**3).sum() + (w[0]*w[1]).sum()
            close(w.toArray(), new double[] {0.38304052139296757, -1.1219980389809383, 1.8824432518182148,
                0.3675910377139474}, 1e-13);
            for (Runnable r : List.<Runnable>of(() -> new RMSprop(List.of(w), -0.1), () -> opt.alpha(-1),
                    () -> opt.eps(-1), () -> opt.momentum(-1), () -> opt.weightDecay(-1))) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
            }
        }

        private List<Double> schedule(Function<Optimizer, LRScheduler> make, int steps) {
            Tensor w = Tensor.zeros(1).requiresGrad(true);
            SGD opt = new SGD(List.of(w), 0.1);
            LRScheduler s = make.apply(opt);
            List<Double> out = new ArrayList<>();
            out.add(s.lastLr());
            for (int i = 0; i < steps; i++) {
                opt.step();
                s.step();
                out.add(s.lastLr());
                assertThat(opt.lr()).isEqualTo(s.lastLr());
            }
            return out;
        }

        private void sameSequence(List<Double> actual, double... expected) {
            close(actual.stream().mapToDouble(Double::doubleValue).toArray(), expected, 1e-15);
        }

        @Test
        void schedulersFollowPyTorchSequences() {
            // StepLR(opt, 3, 0.5), get_last_lr() at creation and after each step, lr 0.1
            sameSequence(schedule(o -> new StepLR(o, 3, 0.5), 10), 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025,
                    0.025, 0.0125, 0.0125);
            // CosineAnnealingLR(opt, 4, 0.01), twelve steps (past T_max: it rises again)
            sameSequence(schedule(o -> new CosineAnnealingLR(o, 4, 0.01), 12), 0.1, 0.08681980515339464,
                    0.05500000000000001, 0.023180194846605363, 0.01, 0.023180194846605363, 0.05500000000000002,
                    0.08681980515339469, 0.10000000000000006, 0.0868198051533947, 0.05500000000000005,
                    0.023180194846605412, 0.01);
            // LinearLR(opt, 0.25, 1.0, 4)
            sameSequence(schedule(o -> new LinearLR(o, 0.25, 1.0, 4), 7), 0.025, 0.043750000000000004,
                    0.06250000000000001, 0.08125000000000002, 0.10000000000000002, 0.10000000000000002,
                    0.10000000000000002, 0.10000000000000002);
            // LambdaLR(opt, lambda e: 0.9**e)
            IntToDoubleFunction decay = e -> Math.pow(0.9, e);
            sameSequence(schedule(o -> new LambdaLR(o, decay), 5), 0.1, 0.09000000000000001, 0.08100000000000002,
                    0.0729, 0.06561, 0.05904900000000001);
        }

        private List<Double> chained(Function<Optimizer, List<LRScheduler>> make, int steps) {
            Tensor w = Tensor.zeros(1).requiresGrad(true);
            SGD opt = new SGD(List.of(w), 0.1);
            List<LRScheduler> all = make.apply(opt);
            List<Double> out = new ArrayList<>();
            out.add(opt.lr());
            for (int i = 0; i < steps; i++) {
                opt.step();
                for (LRScheduler s : all) {
                    s.step();
                }
                out.add(opt.lr());
            }
            return out;
        }

        @Test
        void schedulersChainAsPyTorchsWithTheOptimizersInitialRate() {
            // s1 = LinearLR(opt, 0.5, 1.0, 4); s2 = LambdaLR(opt, lambda e: 1.0): LambdaLR's base_lr is the
            // group's initial_lr 0.1, not the 0.05 LinearLR left (both stepped each epoch)
            sameSequence(chained(o -> List.of(new LinearLR(o, 0.5, 1.0, 4), new LambdaLR(o, e -> 1.0)), 8),
                    0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
            // s1 = LinearLR(opt, 0.5, 1.0, 4); s2 = CosineAnnealingLR(opt, 4, 0.0)
            sameSequence(chained(o -> List.of(new LinearLR(o, 0.5, 1.0, 4), new CosineAnnealingLR(o, 4, 0.0)), 12),
                    0.05, 0.05334708691207961, 0.0375, 0.01281407832308855, 0.0, 0.014644660940672622,
                    0.05000000000000001, 0.0853553390593274, 0.10000000000000003, 0.0853553390593274,
                    0.05000000000000003, 0.014644660940672672, 0.0);
            // s1 = StepLR(opt, 2, 0.5); s2 = LinearLR(opt, 0.5, 1.0, 4)
            sameSequence(chained(o -> List.of(new StepLR(o, 2, 0.5), new LinearLR(o, 0.5, 1.0, 4)), 8),
                    0.05, 0.0625, 0.0375, 0.043750000000000004, 0.025, 0.025, 0.0125, 0.0125, 0.00625);
        }

        @Test
        void gradientClipping() {
            Tensor a = Tensor.of(0.0, 0.0).requiresGrad(true);
            Tensor b = Tensor.zeros(1, 1).requiresGrad(true);
            Tensor none = Tensor.zeros(2).requiresGrad(true);
            a.mul(Tensor.of(3, 4)).sum().add(b.mul(12.0).sum()).backward();
            // torch.nn.utils.clip_grad_norm_([a, b], 1.0) with grads [3, 4] and [[12]]
            double total = Gradients.clipNorm(List.of(a, b, none), 1.0);
            assertThat(total).isEqualTo(13.0);
            close(a.grad().toArray(), new double[] {0.23076921301775288, 0.3076922840236705}, 1e-15);
            close(b.grad().toArray(), new double[] {0.9230768520710115}, 1e-15);
            assertThat(Gradients.clipNorm(List.of(a, b), 5.0)).isCloseTo(1.0, within(1e-6));
            close(a.grad().toArray(), new double[] {0.23076921301775288, 0.3076922840236705}, 1e-15);
            Gradients.clipValue(List.of(a, b, none), 0.25);
            close(a.grad().toArray(), new double[] {0.23076921301775288, 0.25}, 0);
            close(b.grad().toArray(), new double[] {0.25}, 0);
            assertThatThrownBy(() -> Gradients.clipNorm(List.of(a), -1)).isInstanceOf(IllegalArgumentException.class);
        }

        // ----------------------------------------------------------------- v3: optimizer state (core)

        private Tensor trainedParam() {
            return Tensor.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}}).requiresGrad(true);
        }

        private void lossStep(Optimizer opt, Tensor w) {
            opt.zeroGrad();
            w.pow(3.0).sum().add(w.get(0).mul(w.get(1)).sum()).backward();
            opt.step();
        }

        @Test
        void optimizerStateDictsHavePyTorchKeysAndRestoreBitForBit() {
            Object[][] cases = {
                {(Function<List<Tensor>, Optimizer>) p -> new SGD(p, 0.1).momentum(0.9),
                    List.of("state.0.momentum_buffer", "lr")},
                {(Function<List<Tensor>, Optimizer>) p -> new Adam(p, 0.1),
                    List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "lr")},
                {(Function<List<Tensor>, Optimizer>) p -> new io.jgrad.optim.AdamW(p, 0.1),
                    List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "lr")},
                {(Function<List<Tensor>, Optimizer>) p -> new RMSprop(p, 0.01),
                    List.of("state.0.step", "state.0.square_avg", "lr")},
                {(Function<List<Tensor>, Optimizer>) p -> new RMSprop(p, 0.01).momentum(0.5).centered(true),
                    List.of("state.0.step", "state.0.square_avg", "state.0.momentum_buffer", "state.0.grad_avg", "lr")},
            };
            for (Object[] c : cases) {
                @SuppressWarnings("unchecked")
                Function<List<Tensor>, Optimizer> make = (Function<List<Tensor>, Optimizer>) c[0];
                Tensor w = trainedParam();
                Tensor idle = Tensor.ones(3).requiresGrad(true); // never gets a gradient: no state
                Optimizer opt = make.apply(List.of(w, idle));
                lossStep(opt, w);
                lossStep(opt, w);
                Map<String, Tensor> sd = opt.stateDict();
                assertThat(sd.keySet()).containsExactlyInAnyOrderElementsOf((List<String>) c[1]);
                assertThat(sd.get("lr").dim()).isZero();
                assertThat(sd.get("lr").dtype()).isEqualTo(DType.FLOAT64);
                if (sd.containsKey("state.0.step")) {
                    assertThat(sd.get("state.0.step").item()).isEqualTo(2.0);
                }

                Tensor w2 = Tensor.fromArray(w.toArray(), 2, 2).requiresGrad(true);
                Optimizer restored = make.apply(List.of(w2, Tensor.ones(3).requiresGrad(true)));
                restored.loadStateDict(sd);
                lossStep(opt, w);
                lossStep(restored, w2);
                assertThat(w2.toArray()).containsExactly(w.toArray());

                Map<String, Tensor> bad = new java.util.LinkedHashMap<>(sd);
                bad.put("state.0.bogus", Tensor.zeros(2, 2));
                assertThatThrownBy(() -> restored.loadStateDict(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("state.0.bogus");
                Map<String, Tensor> wrongShape = new java.util.LinkedHashMap<>(sd);
                String key = ((List<String>) c[1]).get(((List<String>) c[1]).size() - 2);
                if (!key.endsWith("step")) {
                    wrongShape.put(key, Tensor.zeros(3));
                    assertThatThrownBy(() -> restored.loadStateDict(wrongShape))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
                }
                Map<String, Tensor> noSuchParam = new java.util.LinkedHashMap<>(sd);
                noSuchParam.put("state.7.exp_avg", Tensor.zeros(2, 2));
                assertThatThrownBy(() -> restored.loadStateDict(noSuchParam))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.7.exp_avg");
            }
        }
    }

    // ======================================================================================== v2: autograd extensions

    /** y = x³ with a correct backward, written in tensor operations. */
    static final class Cube extends CustomFunction {
        Cube() {
            super("Cube");
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            assertThat(GradMode.isEnabled()).isFalse();
            ctx.saveForBackward(inputs[0]);
            return inputs[0].pow(3.0);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {gradOutput.mul(x.pow(2.0)).mul(3.0)};
        }
    }

    @Nested
    class AutogradExtensions {
        @Test
        void customFunctionRecordsANodeNamedAfterItAndDifferentiatesTwice() {
            Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor y = new Cube().apply(x);
            assertThat(y.gradFn().name()).isEqualTo("Cube");
            assertThat(y.toArray()).containsExactly(1, 8);
            y.sum().backward(Tensor.scalar(1.0), false, true);
            assertThat(x.grad().toArray()).containsExactly(3, 12);
            Tensor g = x.grad();
            x.zeroGrad();
            g.sum().backward();
            assertThat(x.grad().toArray()).containsExactly(6, 12);

            boolean[] needs = new boolean[2];
            CustomFunction mulBy = new CustomFunction("MulBy") {
                @Override
                protected Tensor forward(Context ctx, Tensor... in) {
                    needs[0] = ctx.needsInputGrad(0);
                    needs[1] = ctx.needsInputGrad(1);
                    ctx.saveForBackward(in[0], in[1]);
                    return in[0].mul(in[1]);
                }

                @Override
                protected Tensor[] backward(Context ctx, Tensor g) {
                    List<Tensor> s = ctx.savedTensors();
                    return new Tensor[] {g.mul(s.get(1)), null};
                }
            };
            Tensor a = Tensor.of(2.0).requiresGrad(true);
            mulBy.apply(a, Tensor.of(5.0)).sum().backward();
            assertThat(needs).containsExactly(true, false);
            assertThat(a.grad().item()).isEqualTo(5);
        }

        private CustomFunction returning(String name, Function<Tensor, Tensor[]> grads) {
            return new CustomFunction(name) {
                @Override
                protected Tensor forward(Context ctx, Tensor... in) {
                    return in[0].mul(2.0);
                }

                @Override
                protected Tensor[] backward(Context ctx, Tensor g) {
                    return grads.apply(g);
                }
            };
        }

        @Test
        void aBackwardThatReturnsTheWrongGradientsIsRefused() {
            Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
            assertThatThrownBy(() -> returning("Two", g -> new Tensor[] {g, g}).apply(x).sum().backward())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two")
                    .hasMessageContaining("2 gradient(s) (shapes (2, 3), (2, 3))")
                    .hasMessageContaining("1 input(s) (shapes (2, 3))");
            assertThatThrownBy(() -> returning("Shape", g -> new Tensor[] {Tensor.zeros(3, 2)}).apply(x).sum().backward())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Shape")
                    .hasMessageContaining("input 0").hasMessageContaining("(3, 2)").hasMessageContaining("(2, 3)");
            assertThatThrownBy(() -> returning("Dtype", g -> new Tensor[] {g.to(DType.FLOAT32)}).apply(x).sum()
                    .backward()).isInstanceOf(IllegalStateException.class).hasMessageContaining("Dtype")
                    .hasMessageContaining("input 0").hasMessageContaining("float32 (shape (2, 3))")
                    .hasMessageContaining("float64 (shape (2, 3))");
        }

        @Test
        void tensorHooks() {
            Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor h = x.mul(3.0);
            List<double[]> seen = new ArrayList<>();
            UnaryOperator<Tensor> doubler = g -> {
                seen.add(g.toArray());
                return g.mul(2.0);
            };
            HookHandle handle = h.registerHook(doubler);
            HookHandle observer = h.registerHook(g -> {
                seen.add(g.toArray());
                return null;
            });
            h.sum().backward();
            assertThat(seen.get(0)).containsExactly(1, 1);
            assertThat(seen.get(1)).containsExactly(2, 2);
            assertThat(h.grad().toArray()).containsExactly(2, 2);
            assertThat(x.grad().toArray()).containsExactly(6, 6);
            handle.remove();
            observer.remove();
            x.zeroGrad();
            x.mul(3.0).sum().backward();
            assertThat(x.grad().toArray()).containsExactly(3, 3);
            assertThatThrownBy(() -> Tensor.of(1.0).registerHook(g -> g)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void anomalyDetectionNamesTheOperationTheInputTheShapeAndWhereItWasCreated() {
            Tensor x = Tensor.of(0.0, 1.0).requiresGrad(true);
            try (Autograd.AnomalyScope scope = Autograd.detectAnomaly()) {
                Tensor y = x.sqrt().mul(0.0).sum(); // Sqrt's backward: 0 / (2·0) = NaN
                assertThatThrownBy(y::backward).isInstanceOf(ArithmeticException.class)
                        .hasMessageContaining("Sqrt").hasMessageContaining("input 0").hasMessageContaining("(2,)")
                        .hasMessageContaining(ContractV2Test.class.getName())
                        .satisfies(e -> assertThat(e.getCause()).isNotNull()
                                .satisfies(c -> assertThat(c.getStackTrace()).isNotEmpty()));
            }
            // built outside the scope, run inside it: still checked
            Tensor y = x.sqrt().mul(0.0).sum();
            try (var scope = Autograd.detectAnomaly()) {
                assertThatThrownBy(y::backward).isInstanceOf(ArithmeticException.class).hasMessageContaining("Sqrt");
            }
            // outside any scope nothing is checked
            x.zeroGrad();
            x.sqrt().mul(0.0).sum().backward();
            assertThat(x.grad().toArray()[0]).isNaN();
        }

        @Test
        void anomalyScopesArePerThread() throws Exception {
            try (var scope = Autograd.detectAnomaly()) {
                Throwable[] got = new Throwable[1];
                Thread t = new Thread(() -> {
                    try {
                        Tensor x = Tensor.of(0.0).requiresGrad(true);
                        x.sqrt().mul(0.0).sum().backward();
                    } catch (Throwable e) {
                        got[0] = e;
                    }
                });
                t.start();
                t.join();
                assertThat(got[0]).isNull();
            }
        }

        @Test
        void gradcheckAndItsOverloads() {
            Tensor x = Tensor.randn(new Random(0), 3, 2).requiresGrad(true);
            Tensor c = Tensor.randn(new Random(1), 2);
            Function<List<Tensor>, Tensor> fn = in -> in.get(0).tanh().mul(in.get(1)).sum(1);
            Gradcheck.check(fn, List.of(x, c));
            Gradcheck.check(fn, List.of(x, c), 1e-6, 1e-5, 1e-3);
            Gradcheck.checkSecondOrder(fn, List.of(x, c));
            Gradcheck.checkSecondOrder(fn, List.of(x, c), 1e-6, 1e-5, 1e-3);
            Gradcheck.check(in -> new Cube().apply(in.get(0)), List.of(x));
            Gradcheck.checkSecondOrder(in -> new Cube().apply(in.get(0)), List.of(x));

            CustomFunction wrong = new CustomFunction("WrongCube") {
                @Override
                protected Tensor forward(Context ctx, Tensor... in) {
                    ctx.saveForBackward(in[0]);
                    return in[0].pow(3.0);
                }

                @Override
                protected Tensor[] backward(Context ctx, Tensor g) {
                    return new Tensor[] {g.mul(ctx.savedTensors().get(0).pow(2.0)).mul(2.0)};
                }
            };
            assertThatThrownBy(() -> Gradcheck.check(in -> wrong.apply(in.get(0)), List.of(x)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("input 0")
                    .hasMessageContaining("element 0").hasMessageContaining("analytic").hasMessageContaining("numeric");
            // first order right, second order wrong: the backward detaches the saved input
            CustomFunction detached = new CustomFunction("DetachedCube") {
                @Override
                protected Tensor forward(Context ctx, Tensor... in) {
                    ctx.saveForBackward(in[0]);
                    return in[0].pow(3.0);
                }

                @Override
                protected Tensor[] backward(Context ctx, Tensor g) {
                    return new Tensor[] {g.mul(ctx.savedTensors().get(0).detach().pow(2.0)).mul(3.0)};
                }
            };
            Gradcheck.check(in -> detached.apply(in.get(0)), List.of(x));
            assertThatThrownBy(() -> Gradcheck.checkSecondOrder(in -> detached.apply(in.get(0)), List.of(x)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("input 0");
        }
    }

    // ======================================================================================== v2: linalg

    @Nested
    class LinalgSection {
        private Tensor a() {
            return Tensor.of(new double[][] {{4, 1, 2}, {1, 3, 0.5}, {2, 0.5, 5}}).requiresGrad(true);
        }

        @Test
        void valuesAndGradientsMatchPyTorch() {
            Tensor a = a();
            Tensor d = Linalg.det(a);
            assertThat(d.item()).isCloseTo(44, within(1e-12));
            d.backward();
            close(a.grad().toArray(), new double[] {14.75, -4, -5.5, -4, 16, 0, -5.5, 0, 11}, 1e-12);

            Linalg.SignLogDet sl = Linalg.slogdet(a());
            assertThat(sl.sign().item()).isEqualTo(1.0);
            assertThat(sl.logAbsDet().item()).isCloseTo(3.7841896339182615, within(1e-14));

            a = a();
            Tensor b = Tensor.of(new double[][] {{1, 0}, {2, 1}, {-1, 3}});
            Tensor x = Linalg.solve(a, b);
            close(x.toArray(), new double[] {0.27840909090909094, -0.46590909090909094, 0.6363636363636364,
                0.36363636363636365, -0.375, 0.75}, 1e-13);
            x.sum().backward();
            close(a.grad().toArray(), new double[] {0.022372159090909095, -0.11931818181818182, -0.044744318181818184,
                0.05113636363636363, -0.2727272727272727, -0.10227272727272727, 0.0234375, -0.125, -0.046875}, 1e-13);
            Tensor xv = Linalg.solve(a(), Tensor.of(1, 2, 3));
            assertThat(dims(xv)).containsExactly(3);
            close(xv.toArray(), new double[] {-0.22159090909090906, 0.6363636363636364, 0.625}, 1e-13);
            close(Linalg.inv(a()).toArray(), new double[] {0.3352272727272727, -0.09090909090909091, -0.125,
                -0.09090909090909091, 0.36363636363636365, 0, -0.125, 0, 0.25}, 1e-13);

            a = a();
            Tensor l = Linalg.cholesky(a);
            close(l.toArray(), new double[] {2, 0, 0, 0.5, 1.6583123951777, 0, 1, 0, 2}, 1e-13);
            l.sum().backward();
            close(a.grad().toArray(), new double[] {0.21922229518055114, 0.02386649156667728, 0.04962216385555909,
                0.023866491566677278, 0.30151134457776363, 0.30151134457776363, 0.04962216385555909,
                0.30151134457776363, 0.25}, 1e-12);

            a = a();
            Linalg.Eigh eh = Linalg.eigh(a);
            close(eh.eigenvalues().toArray(), new double[] {2.0965216172967183, 3.072223952005075, 6.831254430698205},
                    1e-13);
            assertThat(dims(eh.eigenvectors())).containsExactly(3, 3);
            eh.eigenvalues().sum().backward();
            close(a.grad().toArray(), new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1e-12);

            Tensor m = Tensor.of(new double[][] {{1, 2, 0.5}, {-1, 0.3, 2}}).requiresGrad(true);
            Tensor s = Linalg.svdvals(m);
            close(s.toArray(), new double[] {2.4031874329766425, 2.1365135529603214}, 1e-13);
            s.sum().backward();
            close(m.grad().toArray(), new double[] {0.4643922825881581, 0.8695795438796784, 0.1678428572759948,
                -0.47125663288342057, 0.08217196856838865, 0.8781599817487564}, 1e-12);
            Linalg.SVD svd = Linalg.svd(m);
            assertThat(dims(svd.u())).containsExactly(2, 2);
            assertThat(dims(svd.s())).containsExactly(2);
            assertThat(dims(svd.vh())).containsExactly(2, 3);
            Linalg.QR qr = Linalg.qr(m.t());
            assertThat(dims(qr.q())).containsExactly(3, 2);
            // torch.linalg.qr(M.T).R (LAPACK's signs)
            close(qr.r().toArray(), new double[] {-2.29128784747792, -0.261861468283191, 0, -2.2408544288794334},
                    1e-13);
            // batched over leading dims
            assertThat(dims(Linalg.det(Tensor.randn(new Random(0), 4, 2, 3, 3)))).containsExactly(4, 2);
            assertThat(Linalg.det(Tensor.of(new double[][] {{1, 2}, {2, 4}}).to(DType.FLOAT32)).dtype())
                    .isEqualTo(DType.FLOAT32);
        }

        @Test
        void secondOrderGradientsAndFloat32() {
            Tensor m = Tensor.of(new double[][] {{1.5, 0.2, -0.3}, {0.4, 2.0, 0.1}, {-0.2, 0.3, 1.2}}).requiresGrad(true);
            Tensor rhs = Tensor.of(new double[][] {{1, 0}, {2, 1}, {-1, 3}}).requiresGrad(true);
            // symmetric positive definite from any m: m·mᵀ + I
            Function<Tensor, Tensor> spd = t -> t.matmul(t.t()).add(Tensor.eye(t.dtype(), 3));
            List<Function<List<Tensor>, Tensor>> fns = List.of(
                in -> Linalg.det(in.get(0)),
                in -> Linalg.inv(in.get(0)),
                in -> Linalg.solve(in.get(0), in.get(1)),
                in -> Linalg.slogdet(in.get(0)).logAbsDet(),
                in -> Linalg.cholesky(spd.apply(in.get(0))),
                in -> Linalg.eigh(spd.apply(in.get(0))).eigenvalues(),
                in -> Linalg.svdvals(in.get(0)),
                in -> Linalg.qr(in.get(0)).r().sum());
            for (Function<List<Tensor>, Tensor> fn : fns) {
                Gradcheck.check(fn, List.of(m, rhs));
                Gradcheck.checkSecondOrder(fn, List.of(m, rhs));
            }
            Tensor m32 = m.detach().to(DType.FLOAT32);
            assertThat(Linalg.inv(m32).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.solve(m32, rhs.detach().to(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.slogdet(m32).logAbsDet().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.cholesky(spd.apply(m32)).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.eigh(spd.apply(m32)).eigenvectors().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.svd(m32).vh().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.qr(m32).q().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(Linalg.svdvals(m32).dtype()).isEqualTo(DType.FLOAT32);
        }

        @Test
        void singularMatricesAndWrongDtypes() {
            Tensor sing = Tensor.of(new double[][] {{1, 2}, {2, 4}});
            assertThat(Math.abs(Linalg.det(sing).item())).isEqualTo(0.0);
            Linalg.SignLogDet sl = Linalg.slogdet(sing);
            assertThat(Math.abs(sl.sign().item())).isEqualTo(0.0);
            assertThat(sl.logAbsDet().item()).isEqualTo(Double.NEGATIVE_INFINITY);
            Tensor batch = Tensor.stack(List.of(Tensor.eye(2), sing), 0);
            assertThatThrownBy(() -> Linalg.inv(batch)).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("inv").hasMessageContaining("(2, 2, 2)").hasMessageContaining("1");
            assertThatThrownBy(() -> Linalg.solve(batch, Tensor.ones(2, 2, 1))).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("solve").hasMessageContaining("(2, 2, 2)");
            assertThatThrownBy(() -> Linalg.cholesky(Tensor.of(new double[][] {{1, 2}, {2, 1}})))
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("cholesky")
                    .hasMessageContaining("(2, 2)");
            Tensor ints = Tensor.eye(DType.INT64, 2);
            for (Runnable r : List.<Runnable>of(() -> Linalg.det(ints), () -> Linalg.inv(ints),
                    () -> Linalg.slogdet(ints), () -> Linalg.cholesky(ints), () -> Linalg.qr(ints),
                    () -> Linalg.eigh(ints), () -> Linalg.svd(ints), () -> Linalg.svdvals(ints),
                    () -> Linalg.solve(ints, ints), () -> Linalg.det(Tensor.eye(DType.BOOL, 2)))) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)");
            }
        }
    }
}
