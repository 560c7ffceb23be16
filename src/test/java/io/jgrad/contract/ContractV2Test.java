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
            Tensor v = Tensor.of(1, 2);
            assertThat(v.t()).isSameAs(v);
            Tensor s = Tensor.scalar(1);
            assertThat(s.t()).isSameAs(s);
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
}
