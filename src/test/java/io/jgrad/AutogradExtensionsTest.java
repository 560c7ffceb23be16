package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.nn.Linear;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The autograd extension points of API.md "Contract v2 → Autograd extensions": custom functions,
 * tensor hooks, anomaly detection, the public gradient checker, and the state a failed backward
 * pass leaves.
 */
class AutogradExtensionsTest {

    /** y = x³ with ∂x = 3x²·g, in tensor operations (so it has a second derivative). */
    static final CustomFunction CUBE = new CustomFunction("Cube") {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            assertThat(GradMode.isEnabled()).as("forward runs with grad mode off").isFalse();
            ctx.saveForBackward(in[0]);
            return in[0].pow(3.0);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {g.mul(x.pow(2.0)).mul(3.0)};
        }
    };

    /** A function of two inputs whose backward returns whatever the test wants. */
    static CustomFunction returning(String name, java.util.function.BiFunction<Tensor[], Tensor, Tensor[]> grads) {
        return new CustomFunction(name) {
            private Tensor[] in;

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                in = inputs;
                Tensor out = inputs[0];
                for (int i = 1; i < inputs.length; i++) {
                    out = out.add(inputs[i]);
                }
                return out;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                return grads.apply(in, g);
            }
        };
    }

    private static Tensor param(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    // ------------------------------------------------------------------ custom functions

    @Test
    void customFunctionRecordsOneNodeAndDifferentiates() {
        Tensor x = param(1, -2, 3);
        Tensor y = CUBE.apply(x);
        assertThat(y.gradFn().name()).isEqualTo("Cube");
        assertThat(y.toArray()).containsExactly(1, -8, 27);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3, 12, 27);
        assertThat(CUBE.name()).isEqualTo("Cube");
        Gradcheck.check(in -> CUBE.apply(in.get(0)), List.of(param(0.5, -1.2, 2)));
        Gradcheck.checkSecondOrder(in -> CUBE.apply(in.get(0)), List.of(param(0.5, -1.2, 2)));

        // createGraph differentiates the backward: d²/dx² x³ = 6x
        Tensor z = param(2);
        Tensor dz = Autograd.grad(CUBE.apply(z).sum(), List.of(z), true).get(0);
        assertThat(dz.item()).isEqualTo(12);
        dz.backward();
        assertThat(z.grad().item()).isEqualTo(12);

        try (var off = GradMode.noGrad()) {
            assertThat(CUBE.apply(param(1)).gradFn()).as("no node with grad mode off").isNull();
        }
        assertThat(CUBE.apply(Tensor.of(1)).requiresGrad()).isFalse();
    }

    @Test
    void contextTellsWhichInputsNeedAGradient() {
        List<Boolean> seen = new ArrayList<>();
        CustomFunction f = new CustomFunction("Probe") {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                seen.add(ctx.needsInputGrad(0));
                seen.add(ctx.needsInputGrad(1));
                assertThatThrownBy(() -> ctx.needsInputGrad(2)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThat(ctx.savedTensors()).isEmpty();
                return in[0].mul(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                return new Tensor[] {ctx.needsInputGrad(0) ? g : null, ctx.needsInputGrad(1) ? g : null};
            }
        };
        f.apply(param(1), Tensor.of(2)).backward();
        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void whatABackwardReturnsIsChecked() {
        Tensor a = param(1, 2);
        Tensor b = param(3, 4);
        CustomFunction tooFew = returning("TooFew", (in, g) -> new Tensor[] {g});
        assertThatThrownBy(() -> tooFew.apply(a, b).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TooFew").hasMessageContaining("1 gradient(s)").hasMessageContaining("2 input(s)");
        CustomFunction badShape = returning("BadShape", (in, g) -> new Tensor[] {g, Tensor.zeros(3)});
        assertThatThrownBy(() -> badShape.apply(param(1, 2), param(3, 4)).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BadShape").hasMessageContaining("input 1")
                .hasMessageContaining("(3,)").hasMessageContaining("(2,)");
        CustomFunction badDtype = returning("BadDtype", (in, g) -> new Tensor[] {g.to(DType.FLOAT32), g});
        assertThatThrownBy(() -> badDtype.apply(param(1, 2), param(3, 4)).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BadDtype").hasMessageContaining("input 0").hasMessageContaining("float32")
                .hasMessageContaining("float64").hasMessageContaining("(2,)");
        CustomFunction nullForward = new CustomFunction("Null") {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return null;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                return null;
            }
        };
        assertThatThrownBy(() -> nullForward.apply(param(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Null");
        assertThatThrownBy(() -> new CustomFunction(" ") {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                return new Tensor[] {g};
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gradientsReturnedByACustomBackwardAreNeverShared() {
        // one tensor for both inputs, an input itself, a saved tensor: each input's gradient must
        // stay its own through later in-place accumulation
        Tensor shared = Tensor.of(1, 1);
        CustomFunction sameForBoth = returning("Same", (in, g) -> new Tensor[] {shared, shared});
        Tensor a = param(0, 0);
        Tensor b = param(0, 0);
        for (int step = 0; step < 3; step++) {
            sameForBoth.apply(a, b).sum().backward();
        }
        assertThat(a.grad().toArray()).containsExactly(3, 3);
        assertThat(b.grad().toArray()).containsExactly(3, 3);
        assertThat(shared.toArray()).as("the returned tensor itself is untouched").containsExactly(1, 1);
        assertThat(a.grad().array()).isNotSameAs(b.grad().array());

        CustomFunction returnsInput = returning("ReturnsInput", (in, g) -> new Tensor[] {in[1], in[0]});
        Tensor c = param(1, 2);
        Tensor d = param(5, 7);
        returnsInput.apply(c, d).sum().backward();
        returnsInput.apply(c, d).sum().backward();
        assertThat(c.grad().toArray()).containsExactly(10, 14);
        assertThat(d.grad().toArray()).containsExactly(2, 4);
        assertThat(c.toArray()).as("inputs keep their values").containsExactly(1, 2);
        assertThat(d.toArray()).containsExactly(5, 7);

        // forward returning its input: the input stays a leaf, the output is a new tensor
        CustomFunction identity = returning("Identity", (in, g) -> new Tensor[] {g});
        Tensor e = param(4);
        Tensor out = identity.apply(e);
        assertThat(e.isLeaf()).isTrue();
        assertThat(out).isNotSameAs(e);
        assertThat(out.gradFn().name()).isEqualTo("Identity");
    }

    // ------------------------------------------------------------------ hooks

    @Test
    void hooksSeeAndReplaceGradientsOfLeavesAndIntermediates() {
        Tensor x = param(1, 2);
        Tensor h = x.mul(3.0);
        List<double[]> seen = new ArrayList<>();
        HookHandle onH = h.registerHook(g -> {
            seen.add(g.toArray());
            return g.mul(10.0);
        });
        x.registerHook(g -> {
            seen.add(g.toArray());
            return null;
        });
        h.sum().backward();
        assertThat(seen.get(0)).containsExactly(1, 1);
        assertThat(seen.get(1)).as("the leaf's hook sees the replaced gradient, passed on").containsExactly(30, 30);
        assertThat(x.grad().toArray()).containsExactly(30, 30);

        onH.remove();
        onH.remove(); // twice is harmless
        x.zeroGrad();
        x.mul(3.0).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3, 3);
        assertThatThrownBy(() -> Tensor.of(1).registerHook(g -> g)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(1,)").hasMessageContaining("requiresGrad");
    }

    @Test
    void aTensorUsedTwiceGetsItsHookOnceWithTheSum() {
        Tensor x = param(2);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Double> got = new AtomicReference<>();
        Tensor y = x.mul(x.add(1.0)); // x used twice: ∂y/∂x = 2x + 1 = 5
        x.registerHook(g -> {
            calls.incrementAndGet();
            got.set(g.item());
            return null;
        });
        y.backward();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(got.get()).isEqualTo(5.0);
        // hooks run in registration order, each on the previous result
        Tensor z = param(1);
        List<String> order = new ArrayList<>();
        z.registerHook(g -> {
            order.add("first");
            return g.add(1.0);
        });
        z.registerHook(g -> {
            order.add("second " + g.item());
            return g.mul(2.0);
        });
        z.mul(1.0).backward();
        assertThat(order).containsExactly("first", "second 2.0");
        assertThat(z.grad().item()).isEqualTo(4.0);
    }

    @Test
    void hooksRunInAutogradGradAndGuardShapes() {
        Tensor x = param(1, 2);
        x.registerHook(g -> g.mul(2.0));
        List<Tensor> g = Autograd.grad(x.mul(x).sum(), List.of(x), false);
        assertThat(g.get(0).toArray()).containsExactly(4, 8);
        assertThat(x.grad()).as("nothing written").isNull();

        Tensor y = param(1, 2);
        y.registerHook(gr -> Tensor.zeros(3));
        assertThatThrownBy(() -> y.sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(3,)").hasMessageContaining("(2,)");
    }

    @Test
    void aLayersWeightHookSeesItsGradientWhenBuffersAreKept() {
        // with zeroGrad(false), a Linear layer adds its weight gradient straight into the kept
        // buffer; a hook on the weight must still see (and be able to change) that gradient
        Linear layer = new Linear(3, 2, new Random(0));
        SGD opt = new SGD(layer.parameters(), 0.1);
        Tensor x = Tensor.randn(new Random(1), 4, 3);
        layer.call(x).sum().backward();
        double[] plain = layer.weight().grad().toArray();
        opt.zeroGrad(false);
        AtomicInteger calls = new AtomicInteger();
        layer.weight().registerHook(g -> {
            calls.incrementAndGet();
            return g.mul(0.5);
        });
        layer.call(x).sum().backward();
        assertThat(calls.get()).isEqualTo(1);
        double[] hooked = layer.weight().grad().toArray();
        for (int i = 0; i < plain.length; i++) {
            assertThat(hooked[i]).isEqualTo(plain[i] * 0.5);
        }
    }

    // ------------------------------------------------------------------ anomaly detection

    @Test
    void anomalyModeNamesTheOperationThatFirstReturnedNaN() {
        Tensor x = param(0, 1);
        ArithmeticException e;
        try (Autograd.AnomalyScope scope = Autograd.detectAnomaly()) {
            Tensor y = x.sqrt().mul(0.0); // ∂sqrt at 0 is ∞, times the 0 upstream: NaN
            Throwable thrown = null;
            try {
                y.sum().backward();
            } catch (ArithmeticException ex) {
                thrown = ex;
            }
            e = (ArithmeticException) thrown;
        }
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Sqrt").contains("input 0").contains("(2,)")
                .contains("AutogradExtensionsTest.anomalyModeNamesTheOperationThatFirstReturnedNaN");
        assertThat(e.getCause()).as("the creation stack trace").isNotNull();
        assertThat(e.getCause().getStackTrace()[0].getClassName()).startsWith("io.jgrad");
        assertThat(e.getSuppressed()).as("the state the pass left is described").hasSize(1);

        // without the scope, the NaN gradient is returned as it is (PyTorch's behaviour)
        Tensor z = param(0, 1);
        z.sqrt().mul(0.0).sum().backward();
        assertThat(Double.isNaN(z.grad().getDouble(0))).isTrue();
    }

    @Test
    void anomalyScopesNestArePerThreadAndCheckGraphsBuiltOutside() throws Exception {
        Tensor x = param(0);
        Tensor y = x.sqrt().mul(0.0); // built outside any scope
        try (var outer = Autograd.detectAnomaly(); var inner = Autograd.detectAnomaly()) {
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    Tensor w = param(0);
                    w.sqrt().mul(0.0).backward(); // another thread: no scope open there
                } catch (Throwable ex) {
                    other.set(ex);
                }
            });
            t.start();
            t.join();
            assertThat(other.get()).isNull();
            assertThatThrownBy(y::backward).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("Sqrt").hasMessageContaining("outside Autograd.detectAnomaly()");
        }
        Tensor q = param(0);
        q.sqrt().mul(0.0).backward(); // all scopes closed: no check
        assertThat(Double.isNaN(q.grad().item())).isTrue();
        var a = Autograd.detectAnomaly();
        var b = Autograd.detectAnomaly();
        assertThatThrownBy(a::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("innermost first");
        b.close();
        a.close();
    }

    // ------------------------------------------------------------------ gradcheck

    @Test
    void gradcheckAcceptsCorrectGradientsAndNamesTheFirstWrongOne() {
        Random r = new Random(3);
        Tensor a = Tensor.randn(r, 2, 3).requiresGrad(true);
        Tensor b = Tensor.randn(r, 3).requiresGrad(true);
        Gradcheck.check(in -> in.get(0).mul(in.get(1)).tanh(), List.of(a, b));
        Gradcheck.checkSecondOrder(in -> in.get(0).mul(in.get(1)).tanh(), List.of(a, b));
        Gradcheck.check(in -> in.get(0).exp().sum(), List.of(a, Tensor.of(1)), 1e-6, 1e-7, 1e-6);

        CustomFunction wrong = new CustomFunction("Wrong") {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].pow(2.0);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                return new Tensor[] {g.mul(ctx.savedTensors().get(0))}; // forgot the factor 2
            }
        };
        assertThatThrownBy(() -> Gradcheck.check(in -> wrong.apply(in.get(0)), List.of(param(1.5, 2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("input 0").hasMessageContaining("element 0")
                .hasMessageContaining("analytic 1.5").hasMessageContaining("numerical 3.0");

        // right first derivative, wrong second: the backward treats x as a constant
        CustomFunction flatSecond = new CustomFunction("FlatSecond") {
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
        Gradcheck.check(in -> flatSecond.apply(in.get(0)), List.of(param(1.5, -0.5)));
        assertThatThrownBy(() -> Gradcheck.checkSecondOrder(in -> flatSecond.apply(in.get(0)), List.of(param(1.5, -0.5))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Gradcheck.checkSecondOrder")
                .hasMessageContaining("input 0");

        assertThatThrownBy(() -> Gradcheck.check(in -> in.get(0).exp(), List.of(Tensor.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no input requires grad");
        assertThatThrownBy(() -> Gradcheck.check(in -> in.get(0).exp(),
                List.of(Tensor.fromArray(new float[] {1f}, 1).requiresGrad(true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
        assertThatThrownBy(() -> Gradcheck.check(in -> in.get(0), List.of(param(1)), 0, 1e-5, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        Tensor kept = param(1.5, 2);
        Gradcheck.check(in -> in.get(0).pow(2.0), List.of(kept));
        assertThat(kept.toArray()).as("the caller's tensors are unchanged").containsExactly(1.5, 2);
    }

    // ------------------------------------------------------------------ a failed backward

    @Test
    void aFailedPassReleasesTheGraphWithAReasonAndMarksPartialGradients() {
        Tensor a = param(1, 2);
        Tensor b = param(3, 4);
        CustomFunction boom = returning("Boom", (in, g) -> {
            throw new IllegalArgumentException("boom");
        });
        // b's gradient is written before Boom's backward runs (the engine visits the inputs of the
        // Mul in reverse: b, then Boom's output)
        Tensor y = b.mul(boom.apply(a)).sum();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalArgumentException.class).hasMessage("boom")
                .satisfies(e -> assertThat(e.getSuppressed()[0].getMessage()).contains("Boom")
                        .contains("partial"));
        assertThatThrownBy(b::grad).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partial").hasMessageContaining("Boom").hasMessageContaining("zeroGrad");
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed at Boom").hasMessageContaining("forward pass again");
        assertThat(a.grad()).as("no gradient reached a").isNull();
        b.zeroGrad();
        assertThat(b.grad()).isNull();
        b.mul(2.0).sum().backward();
        assertThat(b.grad().toArray()).containsExactly(2, 2);
        assertThat(y.gradFn().name()).isEqualTo("Sum");

        // with retainGraph the graph stays usable: fix the cause and run again
        AtomicReference<Boolean> fail = new AtomicReference<>(true);
        CustomFunction flaky = returning("Flaky", (in, g) -> {
            if (fail.get()) {
                throw new IllegalStateException("not yet");
            }
            return new Tensor[] {g};
        });
        Tensor c = param(1);
        Tensor z = flaky.apply(c).mul(2.0);
        assertThatThrownBy(() -> z.backward(Tensor.scalar(1), true)).hasMessage("not yet");
        fail.set(false);
        z.backward(Tensor.of(1.0), true);
        assertThat(c.grad().toArray()).containsExactly(2);
    }
}
