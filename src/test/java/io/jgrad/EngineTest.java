package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backward pass ({@code Engine}) and grad mode: depth without recursion, linear cost on shared
 * subgraphs, freeing the graph, retaining it, and per-thread grad mode.
 *
 * <p>The surefire {@code argLine} runs tests with {@code -Xss1m}, so a recursive walk of the deep
 * chain would overflow the stack.
 */
class EngineTest {

    // ------------------------------------------------------------------ depth and sharing

    /**
     * {@code y = (…((x + ½)·m + ½)·m …)}, 500,000 adds and 500,000 multiplies: {@code dy/dx = m^500000}.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void chainOfAMillionOpsBackpropagatesWithoutRecursion() {
        int pairs = 500_000;
        double m = 1 + 1e-6;
        Tensor x = Tensor.scalar(0.25).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < pairs; i++) {
            y = y.add(0.5).mul(m);
        }

        long start = System.nanoTime();
        y.backward();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("EngineTest: backward through a chain of 1,000,000 ops took " + ms + " ms");

        double expected = Math.pow(m, pairs);
        assertThat(x.grad().item()).isCloseTo(expected, within(expected * 1e-9));
        // y = m^K·x + ½·(m + m² + … + m^K)
        double value = Math.pow(m, pairs) * 0.25 + 0.5 * m * (Math.pow(m, pairs) - 1) / (m - 1);
        assertThat(y.item()).isCloseTo(value, within(value * 1e-8));
        assertThat(y.grad().item()).isEqualTo(1.0);
    }

    /**
     * {@code xₖ₊₁ = xₖ·a + xₖ·b}, 100,000 rungs: 2^100000 paths from the top to {@code x}, so only
     * an engine that visits each node once finishes; {@code dx/dx₀ = (a + b)^100000}.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ladderOfDiamondsStaysLinear() {
        int rungs = 100_000;
        double a = 0.5;
        double b = 0.5 + 1e-6;
        Tensor x0 = Tensor.scalar(1.0).requiresGrad(true);
        Tensor x = x0;
        for (int i = 0; i < rungs; i++) {
            x = x.mul(a).add(x.mul(b));
        }

        long start = System.nanoTime();
        x.backward();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("EngineTest: backward through 100,000 diamonds took " + ms + " ms");

        double expected = Math.pow(a + b, rungs);
        assertThat(x0.grad().item()).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void sharedSubexpressionGetsTheSumOfItsPaths() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor s = x.mul(x);               // used three times below
        Tensor y = s.add(s.mul(3.0)).add(s.exp()).sum();

        y.backward();

        // dy/ds = 1 + 3 + e^s; dy/dx = dy/ds · 2x
        assertThat(s.grad().toArray()).containsExactly(new double[] {4 + Math.exp(1), 4 + Math.exp(4)}, within(1e-12));
        assertThat(x.grad().toArray())
                .containsExactly(new double[] {2 * (4 + Math.exp(1)), 4 * (4 + Math.exp(4))}, within(1e-12));
    }

    @Test
    void intermediatesHoldTheirGradientAfterThePass() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor c = a.mul(3.0);
        Tensor d = c.pow(2.0);
        Tensor out = d.sum();

        out.backward();

        assertThat(out.grad().item()).isEqualTo(1.0);
        assertThat(d.grad().toArray()).containsExactly(1.0, 1.0);
        assertThat(c.grad().toArray()).containsExactly(6.0, 12.0);
        assertThat(a.grad().toArray()).containsExactly(18.0, 36.0);
    }

    @Test
    void inputsThatDoNotRequireGradGetNoGradient() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor k = Tensor.of(3.0, 4.0);

        a.mul(k).sum().backward();

        assertThat(a.grad().toArray()).containsExactly(3.0, 4.0);
        assertThat(k.grad()).isNull();
    }

    @Test
    void backwardWithABroadcastGradExpandsItToTheTensorsShape() {
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor d = a.mul(2.0);

        d.backward(Tensor.of(1.0, 2.0, 3.0));

        assertThat(d.grad().shape()).isEqualTo(Shape.of(2, 3));
        assertThat(d.grad().toArray()).containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(a.grad().toArray()).containsExactly(2, 4, 6, 2, 4, 6);
    }

    // ------------------------------------------------------------------ freeing and retaining

    /**
     * Training steps keep only the loss and the parameters; after each backward the intermediate
     * tensors of its graph must be collectable, or memory grows with every step.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void intermediatesOfAFinishedGraphAreCollectable() throws InterruptedException {
        Random rng = new Random(3);
        Tensor w = Tensor.randn(rng, 64, 64).requiresGrad(true);
        List<Tensor> losses = new ArrayList<>();
        List<WeakReference<Tensor>> intermediates = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            losses.add(trainingStep(rng, w, intermediates, false));
            w.zeroGrad();
        }

        long start = System.nanoTime();
        boolean collected = awaitCollected(intermediates, 15_000);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("EngineTest: the intermediates of 20 finished steps were collected after " + ms + " ms");

        assertThat(collected).as("intermediates collected while the losses are still referenced").isTrue();
        assertThat(losses).hasSize(20); // the losses stayed reachable all along
    }

    /** The control for the test above: with {@code retainGraph} the graph, and so the intermediates, stay. */
    @Test
    void retainedGraphKeepsItsIntermediatesReachable() throws InterruptedException {
        Random rng = new Random(4);
        Tensor w = Tensor.randn(rng, 8, 8).requiresGrad(true);
        List<WeakReference<Tensor>> intermediates = new ArrayList<>();
        Tensor loss = trainingStep(rng, w, intermediates, true);

        assertThat(awaitCollected(intermediates, 300)).isFalse();
        assertThat(loss.gradFn()).isNotNull();
    }

    // builds h = tanh(x·W), loss = mean(h²) in a frame of its own, so that only weak references escape
    private static Tensor trainingStep(Random rng, Tensor w, List<WeakReference<Tensor>> refs, boolean retain) {
        Tensor x = Tensor.randn(rng, 16, w.shape().get(0));
        Tensor z = x.matmul(w);
        Tensor h = z.tanh();
        Tensor sq = h.mul(h);
        Tensor loss = sq.mean();
        refs.add(new WeakReference<>(z));
        refs.add(new WeakReference<>(h));
        refs.add(new WeakReference<>(sq));
        loss.backward(Tensor.scalar(1.0), retain);
        assertThat(w.grad().gradFn()).as("the parameter's gradient holds no graph").isNull();
        return loss;
    }

    private static boolean awaitCollected(List<WeakReference<Tensor>> refs, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            System.gc();
            if (refs.stream().allMatch(r -> r.get() == null)) {
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void retainGraphAllowsASecondBackwardThatDoublesTheGrads() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor b = Tensor.of(3.0, 4.0).requiresGrad(true);
        Tensor c = a.mul(b);
        Tensor d = c.add(a).sum();

        d.backward(Tensor.scalar(1.0), true);
        d.backward(Tensor.scalar(1.0), true);

        assertThat(a.grad().toArray()).containsExactly(8.0, 10.0); // 2·(b + 1)
        assertThat(b.grad().toArray()).containsExactly(2.0, 4.0);  // 2·a
        assertThat(c.grad().toArray()).containsExactly(2.0, 2.0);

        d.backward(); // the default frees the graph
        assertThatThrownBy(d::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retainGraph");
        assertThat(a.grad().toArray()).containsExactly(12.0, 15.0);
    }

    @Test
    void aFreedGraphIsDetectedBeforeAnyGradientIsWritten() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor c = a.mul(2.0);
        c.sum().backward();            // frees c's node
        Tensor e = c.add(a).sum();     // a new graph on top of the freed one

        assertThatThrownBy(e::backward).isInstanceOf(IllegalStateException.class);
        assertThat(a.grad().toArray()).as("unchanged by the failed pass").containsExactly(2.0, 2.0);
    }

    // ------------------------------------------------------------------ grad mode

    @Test
    void noGradScopesNestAndRestore() {
        assertThat(GradMode.isEnabled()).isTrue();
        try (var outer = GradMode.noGrad()) {
            assertThat(GradMode.isEnabled()).isFalse();
            try (var inner = GradMode.noGrad()) {
                assertThat(GradMode.isEnabled()).isFalse();
            }
            assertThat(GradMode.isEnabled()).as("closing the inner scope keeps the outer one").isFalse();
            try (var on = GradMode.enableGrad()) {
                assertThat(GradMode.isEnabled()).isTrue();
            }
            assertThat(GradMode.isEnabled()).isFalse();
        }
        assertThat(GradMode.isEnabled()).isTrue();

        GradMode.Scope s = GradMode.noGrad();
        s.close();
        s.close(); // closing twice is harmless
        assertThat(GradMode.isEnabled()).isTrue();
    }

    @Test
    void resultsMadeUnderNoGradAreLeavesWithoutGraph() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor r;
        try (var s = GradMode.noGrad()) {
            r = a.mul(a).exp().sum();
        }

        assertThat(r.requiresGrad()).isFalse();
        assertThat(r.gradFn()).isNull();
        assertThat(r.isLeaf()).isTrue();
        assertThat(r.item()).isCloseTo(Math.exp(1) + Math.exp(4), within(1e-12));
        assertThatThrownBy(r::backward).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resultsOfInputsThatDoNotRequireGradAreLeavesWithoutGraph() {
        Tensor r = Tensor.of(1.0, 2.0).mul(3.0).sum();

        assertThat(r.requiresGrad()).isFalse();
        assertThat(r.gradFn()).isNull();
        assertThat(r.isLeaf()).isTrue();
    }

    @Test
    void noGradOnOneThreadDoesNotAffectAnother() throws Exception {
        CyclicBarrier inScope = new CyclicBarrier(2);
        CyclicBarrier checked = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> quiet = pool.submit(() -> {
                try (var s = GradMode.noGrad()) {
                    inScope.await(10, TimeUnit.SECONDS);
                    Tensor r = Tensor.of(1.0).requiresGrad(true).mul(2.0);
                    checked.await(10, TimeUnit.SECONDS);
                    return r.requiresGrad();
                }
            });
            Future<Boolean> recording = pool.submit(() -> {
                inScope.await(10, TimeUnit.SECONDS); // the other thread is inside noGrad now
                boolean enabled = GradMode.isEnabled();
                Tensor r = Tensor.of(1.0).requiresGrad(true).mul(2.0);
                checked.await(10, TimeUnit.SECONDS);
                return enabled && r.requiresGrad() && r.gradFn() != null;
            });

            assertThat(quiet.get(20, TimeUnit.SECONDS)).as("no graph under noGrad").isFalse();
            assertThat(recording.get(20, TimeUnit.SECONDS)).as("the other thread still records").isTrue();
            assertThat(GradMode.isEnabled()).as("this thread is untouched").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoThreadsBuildIndependentGraphsConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    Random rng = new Random(id);
                    int ok = 0;
                    for (int i = 0; i < 300; i++) {
                        double xv = rng.nextDouble() + 0.5;
                        Tensor x = Tensor.of(xv, 2 * xv).requiresGrad(true);
                        Tensor y = x.pow(3.0).add(x.log()).sum(); // dy/dx = 3x² + 1/x
                        if (id == 1 && i % 2 == 0) {
                            try (var s = GradMode.noGrad()) {
                                Tensor.of(1.0).requiresGrad(true).mul(2.0); // toggles this thread only
                            }
                        }
                        y.backward();
                        double[] g = x.grad().toArray();
                        if (Math.abs(g[0] - (3 * xv * xv + 1 / xv)) < 1e-12
                                && Math.abs(g[1] - (12 * xv * xv + 1 / (2 * xv))) < 1e-12) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ detach

    @Test
    void detachGivesALeafWithTheSameValuesThatStopsTheGradient() {
        Tensor x = Tensor.of(1.5, -2.0).requiresGrad(true);
        Tensor y = x.mul(3.0);
        Tensor d = y.detach();

        assertThat(d.toArray()).containsExactly(4.5, -6.0);
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.gradFn()).isNull();
        assertThat(d.isLeaf()).isTrue();

        x.mul(d).sum().backward(); // d is a constant: the gradient is d, not d + 3x
        assertThat(x.grad().toArray()).containsExactly(4.5, -6.0);
    }

    @Test
    void noTwoTensorsShareAGradientArray() {
        Tensor a = Tensor.of(1, 2).requiresGrad(true);
        Tensor b = Tensor.of(3, 4).requiresGrad(true);
        Tensor c = a.add(b);
        Tensor seed = Tensor.of(1, 1);
        c.backward(seed);

        a.grad().array().data()[0] = 100; // an in-place write to one gradient, as gradient clipping does
        assertThat(b.grad().toArray()).containsExactly(1, 1);
        assertThat(c.grad().toArray()).containsExactly(1, 1);
        assertThat(seed.toArray()).containsExactly(1, 1);

        Tensor x = Tensor.of(1, 2, 3, 4).requiresGrad(true);
        Tensor y = x.reshape(2, 2);
        y.backward(Tensor.ones(2, 2));
        assertThat(x.grad().array().data()).isNotSameAs(y.grad().array().data());
    }

    @Test
    void gradModeScopesMustCloseInnermostFirst() {
        GradMode.Scope outer = GradMode.noGrad();
        GradMode.Scope inner = GradMode.enableGrad();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("innermost first");
        inner.close();
        outer.close();
        assertThat(GradMode.isEnabled()).isTrue();
    }

    @Test
    void backwardRefusesInputsWrittenInPlaceAfterTheForwardPass() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor x = Tensor.of(3, 4);
        Tensor y = w.mul(x).sum();
        y.backward(Tensor.scalar(1), true);

        x.array().data()[0] = 10; // what an optimizer step does to a parameter
        x.array().bumpVersion();

        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Mul").hasMessageContaining("(2,)").hasMessageContaining("in place");
        assertThat(w.grad().toArray()).containsExactly(3, 4); // nothing written by the refused pass
    }
}
