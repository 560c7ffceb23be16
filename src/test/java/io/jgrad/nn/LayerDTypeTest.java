package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.data.DataLoader;
import io.jgrad.data.TensorDataset;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.SGD;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Layers, optimizers and loaders in float32: {@code Layer.to(DType)} converts in place (the same
 * tensors keep serving an optimizer made before), state dicts keep each tensor's dtype and load by
 * converting, buffers are saved and converted, and a float32 model trains as its float64 twin.
 */
class LayerDTypeTest {

    /** A layer with a floating and an integer buffer, as a batch norm has. */
    static final class Counting extends Layer {
        final Linear linear;
        final Tensor mean;
        final Tensor count;

        Counting(Random rng) {
            linear = registerModule("linear", new Linear(3, 2, rng));
            mean = registerBuffer("running_mean", Tensor.zeros(2));
            count = registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));
        }

        @Override
        public Tensor forward(Tensor input) {
            return linear.forward(input).add(mean);
        }
    }

    @Test
    void toConvertsParametersAndFloatingBuffersInPlace() {
        Counting layer = new Counting(new Random(0));
        Tensor w = layer.linear.weight();
        double[] before = w.toArray();
        Optimizer opt = new SGD(layer.parameters(), 0.1);
        assertThat(layer.dtype()).isEqualTo(DType.FLOAT64);

        assertThat(layer.to(DType.FLOAT32)).isSameAs(layer);
        assertThat(layer.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(layer.linear.weight()).as("the same tensor object").isSameAs(w);
        assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.requiresGrad()).isTrue();
        assertThat(layer.mean.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(layer.count.dtype()).as("integer buffers keep their dtype").isEqualTo(DType.INT64);
        for (int i = 0; i < before.length; i++) {
            assertThat(w.toArray()[i]).isEqualTo((double) (float) before[i]);
        }

        // the optimizer made before the conversion updates the float32 parameters
        Tensor x = Tensor.randn(new Random(1), DType.FLOAT32, 4, 3);
        Tensor loss = layer.call(x).pow(2.0).mean();
        assertThat(loss.dtype()).isEqualTo(DType.FLOAT32);
        opt.zeroGrad();
        loss.backward();
        assertThat(w.grad().dtype()).isEqualTo(DType.FLOAT32);
        double[] beforeStep = w.toArray();
        opt.step();
        assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.toArray()).isNotEqualTo(beforeStep);

        layer.to(DType.FLOAT64);
        assertThat(w.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(w.grad().dtype()).as("the gradient is converted with its parameter").isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> layer.to(DType.INT64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int64");
    }

    @Test
    void stateDictsHoldBuffersAndKeepDtypes() {
        Counting layer = new Counting(new Random(0));
        layer.to(DType.FLOAT32);
        Map<String, Tensor> state = layer.stateDict();
        assertThat(state.keySet()).containsExactly("running_mean", "num_batches_tracked", "linear.weight", "linear.bias");
        assertThat(state.get("linear.weight").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(state.get("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(layer.namedBuffers().keySet()).containsExactly("running_mean", "num_batches_tracked");
        assertThat(layer.parameters()).hasSize(2);

        // a float32 state into a float64 model gives float64 values, as PyTorch's load_state_dict
        Counting other = new Counting(new Random(9));
        other.loadStateDict(state);
        assertThat(other.linear.weight().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(other.linear.weight().toArray()).containsExactly(layer.linear.weight().toArray());
        assertThat(other.count.dtype()).isEqualTo(DType.INT64);

        assertThatThrownBy(() -> other.loadStateDict(Map.of("linear.weight", Tensor.zeros(2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing key 'running_mean'");
    }

    @Test
    void buffersAreCheckedWhenRegistered() {
        assertThatThrownBy(() -> new Layer() {
            {
                registerBuffer("b", Tensor.zeros(2).requiresGrad(true));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requires grad");
        assertThatThrownBy(() -> new Layer() {
            {
                registerParameter("w", Tensor.zeros(2));
                registerBuffer("w", Tensor.zeros(2));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
    }

    @Test
    void float32TrainingFollowsFloat64Training() {
        for (String name : List.of("sgd", "adam")) {
            Sequential m64 = new Sequential(new Linear(4, 8, new Random(3)), new ReLU(), new Linear(8, 3, new Random(4)));
            Sequential m32 = new Sequential(new Linear(4, 8, new Random(3)), new ReLU(), new Linear(8, 3, new Random(4)));
            m32.to(DType.FLOAT32);
            Optimizer o64 = name.equals("sgd") ? new SGD(m64.parameters(), 0.1).momentum(0.9).weightDecay(1e-3)
                    : new Adam(m64.parameters(), 0.01).weightDecay(1e-3);
            Optimizer o32 = name.equals("sgd") ? new SGD(m32.parameters(), 0.1).momentum(0.9).weightDecay(1e-3)
                    : new Adam(m32.parameters(), 0.01).weightDecay(1e-3);
            Random data = new Random(5);
            Tensor x = Tensor.randn(data, 16, 4);
            int[] y = new int[16];
            for (int i = 0; i < y.length; i++) {
                y[i] = data.nextInt(3);
            }
            CrossEntropyLoss lossFn = new CrossEntropyLoss();
            double l64 = 0;
            double l32 = 0;
            for (int step = 0; step < 20; step++) {
                o64.zeroGrad();
                Tensor loss64 = lossFn.forward(m64.call(x), y);
                loss64.backward();
                o64.step();
                o32.zeroGrad();
                Tensor loss32 = lossFn.forward(m32.call(x.to(DType.FLOAT32)), y);
                assertThat(loss32.dtype()).isEqualTo(DType.FLOAT32);
                loss32.backward();
                o32.step();
                l64 = loss64.item();
                l32 = loss32.item();
            }
            assertThat(l32).as(name).isCloseTo(l64, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, l64)));
            List<Tensor> p64 = m64.parameters();
            List<Tensor> p32 = m32.parameters();
            for (int k = 0; k < p64.size(); k++) {
                assertThat(p32.get(k).dtype()).isEqualTo(DType.FLOAT32);
                double[] a = p64.get(k).toArray();
                double[] b = p32.get(k).toArray();
                for (int i = 0; i < a.length; i++) {
                    assertThat(b[i]).as("%s parameter %d element %d", name, k, i)
                            .isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(a[i]))));
                }
            }
        }
    }

    @Test
    void loadersYieldInt64LabelsInTheFeaturesDtype() {
        Tensor x = Tensor.randn(new Random(0), DType.FLOAT32, 5, 2);
        TensorDataset data = new TensorDataset(x, new int[] {0, 1, 2, 1, 0});
        assertThat(data.targets().dtype()).isEqualTo(DType.INT64);
        DataLoader loader = new DataLoader(data, 2).shuffle(new Random(1));
        int seen = 0;
        for (Batch b : loader) {
            assertThat(b.x().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(b.y().dtype()).isEqualTo(DType.INT64);
            assertThat(b.labels()).hasSize(b.size());
            seen += b.size();
        }
        assertThat(seen).isEqualTo(5);
        assertThat(data.get(2).label()).isEqualTo(2);
        assertThat(data.get(2).y().dtype()).isEqualTo(DType.INT64);
    }
}
