package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.ops.AddMm;
import io.jgrad.optim.SGD;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How gradients accumulate into {@code .grad}: in place into a gradient a tensor already holds
 * (PyTorch's rule), straight from the op into that buffer where the op offers it (AddMm's weight and
 * bias), and with {@code zeroGrad(false)} keeping the buffers across steps. Every path must give the
 * same bits as adding a freshly computed gradient.
 */
class GradAccumulationTest {

    private static Tensor addmm(Tensor x, Tensor w, Tensor b) {
        return AddMm.apply(x, w, b);
    }

    @Test
    void aSecondBackwardAddsIntoTheHeldGradientInPlace() {
        Tensor w = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        w.mul(w).sum().backward();
        Tensor first = w.grad();
        double[] array = first.array().data();
        int version = first.array().version();
        w.mul(3.0).sum().backward();
        assertThat(w.grad()).isSameAs(first);
        assertThat(w.grad().array().data()).isSameAs(array).containsExactly(5.0, 7.0, 9.0);
        assertThat(w.grad().array().version()).isGreaterThan(version);
    }

    @Test
    void addMmAddsIntoKeptBuffersWithTheBitsOfAFreshGradient() {
        Random rng = new Random(7);
        int[][] shapes = {{5, 7, 3}, {1, 40, 24}, {32, 64, 10}, {0, 4, 3}, {3, 0, 2}, {33, 17, 9}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (boolean bias : new boolean[] {true, false}) {
                Tensor x = Tensor.randn(rng, m, k);
                Tensor g1 = Tensor.randn(rng, m, n);
                Tensor g2 = Tensor.randn(rng, m, n);
                Tensor w0 = Tensor.randn(rng, n, k);
                Tensor b0 = bias ? Tensor.randn(rng, n) : null;

                // reference: two passes with fresh gradients, summed out of place
                Tensor wf = w0.detach().requiresGrad(true);
                Tensor bf = bias ? b0.detach().requiresGrad(true) : null;
                addmm(x, wf, bf).backward(g1);
                Tensor dw1 = wf.grad();
                Tensor db1 = bias ? bf.grad() : null;
                wf.zeroGrad();
                if (bias) {
                    bf.zeroGrad();
                }
                addmm(x, wf, bf).backward(g2);
                Tensor dwSum = dw1.add(wf.grad());
                Tensor dbSum = bias ? db1.add(bf.grad()) : null;

                // kept buffers: the first pass makes them, zeroGrad(false) keeps them, the next two add into them
                Tensor wk = w0.detach().requiresGrad(true);
                Tensor bk = bias ? b0.detach().requiresGrad(true) : null;
                addmm(x, wk, bk).backward(g2);
                double[] wBuffer = wk.grad().array().data();
                wk.zeroGrad(false);
                if (bias) {
                    bk.zeroGrad(false);
                }
                addmm(x, wk, bk).backward(g1);
                assertThat(wk.grad().toArray()).as("dW %s", wk.shape()).containsExactly(dw1.toArray());
                addmm(x, wk, bk).backward(g2);
                assertThat(wk.grad().array().data()).isSameAs(wBuffer);
                assertThat(wk.grad().toArray()).as("dW sum %s", wk.shape()).containsExactly(dwSum.toArray());
                if (bias) {
                    assertThat(bk.grad().toArray()).as("db sum %s", bk.shape()).containsExactly(dbSum.toArray());
                }
            }
        }
    }

    @Test
    void aSeedThatIsTheWeightsOwnGradientIsNotWrittenWhileItIsRead() {
        Random rng = new Random(3);
        Tensor x = Tensor.randn(rng, 3, 3);
        Tensor w = Tensor.randn(rng, 3, 3).requiresGrad(true);
        addmm(x, w, null).backward(Tensor.randn(rng, 3, 3));
        Tensor held = w.grad();
        double[] before = held.toArray();
        // y = x·Wᵀ, seeded with W's own gradient G: W.grad becomes G + Gᵀ·x
        addmm(x, w, null).backward(held);
        Tensor g0 = Tensor.fromArray(before, 3, 3);
        Tensor fresh = w.detach().requiresGrad(true);
        addmm(x, fresh, null).backward(g0);
        assertThat(w.grad().toArray()).containsExactly(g0.add(fresh.grad()).toArray());
    }

    @Test
    void aSeedThatIsALeafsOwnGradientStaysIntactForTheOtherInputs() {
        Tensor a = Tensor.of(1.0, 1.0).requiresGrad(true);
        Tensor b = Tensor.of(2.0, 2.0).requiresGrad(true);
        a.sum().backward();
        a.add(b).backward(a.grad()); // the seed is a's own gradient, [1, 1]
        assertThat(a.grad().toArray()).containsExactly(2.0, 2.0);
        assertThat(b.grad().toArray()).containsExactly(1.0, 1.0);
    }

    @Test
    void aSeedThatIsTheRootsOwnGradientIsNotDoubledBeforeItIsUsed() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x.mul(3.0);
        y.backward(Tensor.of(1.0, 1.0), true);
        assertThat(x.grad().toArray()).containsExactly(3.0, 3.0);
        y.backward(y.grad(), true); // y.grad() is [1, 1]
        assertThat(x.grad().toArray()).containsExactly(6.0, 6.0);
        assertThat(y.grad().toArray()).containsExactly(2.0, 2.0);
    }

    @Test
    void intermediateGradientsAreNeverWrittenInPlace() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x.mul(x);
        Tensor s = y.sum();
        s.backward(Tensor.scalar(1.0), true, true); // y.grad() is an input of the recorded backward of Mul
        Tensor dx = x.grad();
        s.backward(Tensor.scalar(1.0), true, false);
        assertThat(y.grad().toArray()).containsExactly(2.0, 2.0);
        Tensor dxFirst = dx;
        x.zeroGrad();
        dxFirst.sum().backward(); // d/dx Σ 2x = 2, through the graph of the first pass
        assertThat(x.grad().toArray()).containsExactly(2.0, 2.0);
    }

    @Test
    void aParameterUsedTwiceGetsTheSumItsPathsGiveThenTheHeldGradient() {
        Random rng = new Random(13);
        Tensor x = Tensor.randn(rng, 6, 5);
        Tensor w0 = Tensor.randn(rng, 4, 5);
        Tensor b0 = Tensor.randn(rng, 4);
        // the loss uses W in AddMm and in an L2 term, and b in AddMm twice (one Linear applied to two batches)
        java.util.function.BiFunction<Tensor, Tensor, Tensor> loss = (w, b) -> addmm(x, w, b).tanh().sum()
                .add(addmm(x.mul(0.5), w, b).sum()).add(w.mul(w).sum().mul(0.1));

        Tensor w = w0.detach().requiresGrad(true);
        Tensor b = b0.detach().requiresGrad(true);
        loss.apply(w, b).backward();
        double[] heldW = w.grad().toArray();
        double[] heldB = b.grad().toArray();
        loss.apply(w, b).backward(); // accumulates into the held gradients

        Tensor wf = w0.detach().requiresGrad(true);
        Tensor bf = b0.detach().requiresGrad(true);
        loss.apply(wf, bf).backward(); // a fresh gradient, summed over the paths as the engine sums them
        assertThat(w.grad().toArray()).containsExactly(Tensor.fromArray(heldW, 4, 5).add(wf.grad()).toArray());
        assertThat(b.grad().toArray()).containsExactly(Tensor.fromArray(heldB, 4).add(bf.grad()).toArray());
    }

    @Test
    void aGradientUsedAsAnOperandIsLeftAsItWasAndReadWithItsOldValues() {
        for (boolean view : new boolean[] {false, true}) {
            Random rng = new Random(17);
            Tensor x = Tensor.randn(rng, 3, 3);
            Tensor w = Tensor.randn(rng, 3, 3).requiresGrad(true);
            Tensor v = Tensor.randn(rng, 3, 3).requiresGrad(true);
            addmm(x, w, null).sum().backward();
            Tensor held = w.grad();
            double[] before = held.toArray();
            Tensor operand = view ? held.reshape(9).reshape(3, 3) : held;
            // AddMm's backward runs before Mul's, which reads w's gradient as an operand
            addmm(v.mul(operand), w, null).sum().backward();
            assertThat(held.toArray()).as("view %b: the operand", view).containsExactly(before);

            Tensor w2 = w.detach().requiresGrad(true);
            Tensor v2 = v.detach().requiresGrad(true);
            Tensor g0 = Tensor.fromArray(before, 3, 3);
            addmm(v2.mul(g0), w2, null).sum().backward();
            assertThat(w.grad().toArray()).as("view %b: w", view).containsExactly(g0.add(w2.grad()).toArray());
            assertThat(v.grad().toArray()).as("view %b: v", view).containsExactly(v2.grad().toArray());
        }
    }

    @Test
    void whetherAnOperandIsAGradientDoesNotDependOnOperandOrder() {
        for (boolean swapped : new boolean[] {false, true}) {
            Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor v = Tensor.of(3.0, 4.0).requiresGrad(true);
            w.mul(2.0).sum().backward();
            Tensor held = w.grad(); // [2, 2]
            Tensor a = w.mul(2.0).sum();
            Tensor b = v.add(held).sum();
            (swapped ? b.add(a) : a.add(b)).backward();
            assertThat(w.grad().toArray()).as("swapped %b", swapped).containsExactly(4.0, 4.0);
            assertThat(v.grad().toArray()).as("swapped %b", swapped).containsExactly(1.0, 1.0);
            assertThat(held.toArray()).as("swapped %b", swapped).containsExactly(2.0, 2.0);
        }
    }

    @Test
    void gradientsWithAGraphAreNeverWrittenInPlace() {
        Tensor x = Tensor.of(2.0).requiresGrad(true);
        x.pow(3.0).sum().backward(Tensor.scalar(1.0), true, true); // x.grad = 3x² = 12, with a graph
        Tensor first = x.grad();
        assertThat(first.requiresGrad()).isTrue();
        x.pow(2.0).sum().backward(); // adds 2x = 4, out of place
        assertThat(first.item()).isEqualTo(12.0);
        assertThat(x.grad().item()).isEqualTo(16.0);

        x.zeroGrad(false);
        assertThat(first.item()).isEqualTo(12.0);
        assertThat(x.grad().item()).isZero();
        assertThat(x.grad().requiresGrad()).isFalse();
        assertThat(x.grad().gradFn()).isNull();
    }

    @Test
    void createGraphOnAHeldBufferLeavesTheBufferAlone() {
        Random rng = new Random(11);
        Tensor x = Tensor.randn(rng, 4, 5);
        Tensor w = Tensor.randn(rng, 3, 5).requiresGrad(true);
        addmm(x, w, null).sum().backward();
        Tensor held = w.grad();
        double[] before = held.toArray();
        addmm(x, w, null).sum().backward(Tensor.scalar(1.0), false, true);
        assertThat(held.toArray()).containsExactly(before);
        assertThat(w.grad()).isNotSameAs(held);
        assertThat(w.grad().toArray()).containsExactly(held.mul(2.0).toArray());
    }

    @Test
    void autogradGradWritesNoBufferItCouldHaveUsed() {
        Random rng = new Random(5);
        Tensor x = Tensor.randn(rng, 4, 5);
        Tensor w = Tensor.randn(rng, 3, 5).requiresGrad(true);
        addmm(x, w, null).sum().backward();
        double[] before = w.grad().toArray();
        List<Tensor> g = Autograd.grad(addmm(x, w, null).sum(), List.of(w), false);
        assertThat(w.grad().toArray()).containsExactly(before);
        assertThat(g.get(0).toArray()).containsExactly(before);
    }

    @Test
    void zeroGradFalseZeroesInPlaceAndLeavesNullAlone() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor unused = Tensor.of(1.0).requiresGrad(true);
        a.mul(a).sum().backward();
        Tensor g = a.grad();
        a.zeroGrad(false);
        unused.zeroGrad(false);
        assertThat(a.grad()).isSameAs(g);
        assertThat(g.toArray()).containsExactly(0.0, 0.0);
        assertThat(unused.grad()).isNull();
        a.zeroGrad(true);
        assertThat(a.grad()).isNull();
    }

    @Test
    void layerAndOptimizerZeroGradFalseKeepTheBuffers() {
        Random rng = new Random(1);
        Linear layer = new Linear(4, 3, rng);
        SGD opt = new SGD(layer.parameters(), 0.1);
        Tensor x = Tensor.randn(rng, 2, 4);
        layer.forward(x).sum().backward();
        Tensor wg = layer.weight().grad();
        Tensor bg = layer.bias().grad();
        layer.zeroGrad(false);
        assertThat(layer.weight().grad()).isSameAs(wg);
        assertThat(wg.toArray()).containsOnly(0.0);
        layer.forward(x).sum().backward();
        opt.zeroGrad(false);
        assertThat(layer.bias().grad()).isSameAs(bg);
        assertThat(bg.toArray()).containsOnly(0.0);
    }

    @Test
    void keptBuffersTrainToTheSameBitsAsFreshGradients() {
        double[] fresh = train(true);
        double[] kept = train(false);
        assertThat(kept).containsExactly(fresh);
    }

    private static double[] train(boolean setToNone) {
        Random rng = new Random(42);
        Sequential model = new Sequential(new Linear(20, 16, rng), new ReLU(), new Linear(16, 4, rng));
        SGD opt = new SGD(model.parameters(), 0.05).momentum(0.9).weightDecay(1e-3);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Tensor x = Tensor.randn(rng, 8, 20);
        int[] y = {0, 1, 2, 3, 3, 2, 1, 0};
        for (int step = 0; step < 25; step++) {
            opt.zeroGrad(setToNone);
            lossFn.forward(model.forward(x), y).backward();
            opt.step();
        }
        return model.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.toArray())).toArray();
    }

    @Test
    void aTrainingStepWithKeptBuffersAllocatesNoParameterSizedArrays() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean tmx) || !tmx.isThreadAllocatedMemorySupported()) {
            return; // this JVM cannot count allocation; nothing to measure
        }
        Random rng = new Random(0);
        Sequential model = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        SGD opt = new SGD(model.parameters(), 1e-4);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Tensor x = Tensor.randn(rng, 32, 784);
        int[] y = new int[32];
        Runnable step = () -> {
            opt.zeroGrad(false);
            lossFn.forward(model.forward(x), y).backward();
            opt.step();
        };
        long id = Thread.currentThread().getId();
        long weightBytes = 8L * 784 * 256;
        // Until the JIT compiles the kernels, the interpreter allocates for its own reasons (the Vector
        // API boxes every vector), so the least over some windows of steps is what the code allocates
        // (on a loaded machine compilation takes longer: the loop stops as soon as a window is below)
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 200 && least >= weightBytes / 2; window++) {
            long before = tmx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10; i++) {
                step.run();
            }
            least = Math.min(least, (tmx.getThreadAllocatedBytes(id) - before) / 10);
        }
        // a fresh ∂W of the first layer alone would be 1.6 MB; the activations and their gradients ~300 KB
        assertThat(least).as("bytes allocated per step").isLessThan(weightBytes / 2);
    }
}
