package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerTest {

    /** A layer with its own parameter and a child, registered explicitly. */
    static final class Block extends Layer {
        final Tensor scale = registerParameter("scale", Tensor.ones(3));
        final Linear inner;
        final Dropout dropout = registerModule("drop", new Dropout(0.5, new Random(0)));

        Block(Random rng) {
            inner = registerModule("inner", new Linear(3, 3, rng));
        }

        @Override
        public Tensor forward(Tensor input) {
            return dropout.forward(inner.forward(input.mul(scale)));
        }
    }

    private static Sequential mlp() {
        Random rng = new Random(0);
        return new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 3, rng));
    }

    @Test
    void sequentialNamesChildrenByPositionAndParametersWithDots() {
        Sequential model = mlp();
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(model.namedChildren().keySet()).containsExactly("0", "1", "2");
        Linear first = (Linear) model.layers().get(0);
        assertThat(model.parameters()).containsExactly(first.weight(), first.bias(),
                ((Linear) model.layers().get(2)).weight(), ((Linear) model.layers().get(2)).bias());
        assertThat(model.namedParameters().get("0.weight")).isSameAs(first.weight());
    }

    @Test
    void nestedLayersGetLongerPaths() {
        Sequential model = new Sequential(new Block(new Random(1)), new Sequential(new Linear(3, 2, new Random(2))));
        assertThat(model.namedParameters().keySet())
                .containsExactly("0.scale", "0.inner.weight", "0.inner.bias", "1.0.weight", "1.0.bias");
    }

    @Test
    void sharedParameterIsListedOnceButSavedUnderEveryName() {
        Linear shared = new Linear(2, 2, new Random(1));
        Sequential model = new Sequential(shared, new ReLU(), shared);
        assertThat(model.parameters()).hasSize(2);
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
        assertThat(model.stateDict().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void trainAndEvalRecurse() {
        Block block = new Block(new Random(1));
        Sequential model = new Sequential(new Sequential(block), new ReLU());
        assertThat(model.isTraining()).isTrue();
        assertThat(model.eval()).isSameAs(model);
        assertThat(model.isTraining()).isFalse();
        assertThat(block.isTraining()).isFalse();
        assertThat(block.dropout.isTraining()).isFalse();
        model.train();
        assertThat(block.dropout.isTraining()).isTrue();
        model.train(false);
        assertThat(block.inner.isTraining()).isFalse();
    }

    @Test
    void printsTheTreeAsPyTorch() {
        assertThat(mlp().toString()).isEqualTo("Sequential(\n"
                + "  (0): Linear(in_features=4, out_features=8, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Linear(in_features=8, out_features=3, bias=True)\n"
                + ")");
        Sequential nested = new Sequential(new Sequential(new Tanh(), new Block(new Random(1))), new Sigmoid());
        assertThat(nested.toString()).isEqualTo("Sequential(\n"
                + "  (0): Sequential(\n"
                + "    (0): Tanh()\n"
                + "    (1): Block(\n"
                + "      (drop): Dropout(p=0.5, inplace=False)\n"
                + "      (inner): Linear(in_features=3, out_features=3, bias=True)\n"
                + "    )\n"
                + "  )\n"
                + "  (1): Sigmoid()\n"
                + ")");
        assertThat(new Sequential().toString()).isEqualTo("Sequential()");
    }

    @Test
    void zeroGradResetsEveryParameter() {
        Sequential model = mlp();
        model.forward(Tensor.ones(2, 4)).sum().backward();
        assertThat(model.parameters()).allSatisfy(p -> assertThat(p.grad()).isNotNull());
        model.zeroGrad();
        assertThat(model.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Layer {
            Bad(String a, String b) {
                registerParameter(a, Tensor.zeros(1));
                registerModule(b, new ReLU());
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        assertThatThrownBy(() -> new Bad("w", "w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'w'").hasMessageContaining("already registered");
        assertThatThrownBy(() -> new Bad("a.b", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.b'");
        assertThatThrownBy(() -> new Bad("", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sequential((Layer) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateDictIsASnapshotAndLoadsBackInPlace() {
        Sequential model = mlp();
        Map<String, Tensor> saved = model.stateDict();
        assertThat(saved.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        Tensor w0 = model.namedParameters().get("0.weight");
        double[] before = w0.toArray();
        assertThat(saved.get("0.weight")).isNotSameAs(w0);
        assertThat(saved.get("0.weight").requiresGrad()).isFalse();

        // train a step: the snapshot does not move
        SGD opt = new SGD(model.parameters(), 0.5);
        new CrossEntropyLoss().forward(model.forward(Tensor.ones(2, 4)), new int[] {0, 1}).backward();
        opt.step();
        assertThat(w0.toArray()).isNotEqualTo(before);
        assertThat(saved.get("0.weight").toArray()).containsExactly(before);

        // load it into a differently initialised model: same tensors, the saved values
        Sequential other = new Sequential(new Linear(4, 8, new Random(9)), new ReLU(), new Linear(8, 3, new Random(9)));
        Map<String, Tensor> params = other.namedParameters();
        other.loadStateDict(saved);
        assertThat(other.namedParameters()).isEqualTo(params);
        for (String k : saved.keySet()) {
            assertThat(other.namedParameters().get(k).toArray()).containsExactly(saved.get(k).toArray());
            assertThat(other.namedParameters().get(k).requiresGrad()).isTrue();
        }
        Tensor x = Tensor.randn(new Random(4), 3, 4);
        Sequential fresh = mlp();
        assertThat(other.forward(x).toArray()).containsExactly(fresh.forward(x).toArray());

        // and an optimizer holding the old model's tensors still updates them after a load
        model.loadStateDict(saved);
        assertThat(w0.toArray()).containsExactly(before);
        new CrossEntropyLoss().forward(model.forward(Tensor.ones(2, 4)), new int[] {0, 1}).backward();
        opt.step();
        assertThat(w0.toArray()).isNotEqualTo(before);
    }

    @Test
    void loadStateDictReportsEveryFaultAtOnceAndLoadsNothing() {
        Sequential model = mlp();
        Map<String, Tensor> before = model.stateDict();
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("0.weight", Tensor.zeros(8, 5));          // wrong shape
        bad.put("0.bias", Tensor.zeros(8));               // fine
        bad.put("2.bias", Tensor.zeros(3));               // fine; 2.weight missing
        bad.put("3.weight", Tensor.zeros(3, 8));          // unexpected
        assertThatThrownBy(() -> model.loadStateDict(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 faults")
                .hasMessageContaining("missing key '2.weight' (parameter of shape (3, 8))")
                .hasMessageContaining("unexpected key '3.weight' (shape (3, 8))")
                .hasMessageContaining("shape mismatch for '0.weight': the state dict has (8, 5) but the parameter is (8, 4)")
                .hasMessageContaining("nothing was loaded");
        Map<String, Tensor> after = model.stateDict();
        for (String k : before.keySet()) {
            assertThat(after.get(k).toArray()).containsExactly(before.get(k).toArray());
        }
        assertThatThrownBy(() -> model.loadStateDict(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLayerTreeCannotContainItself() {
        Sequential outer = new Sequential(new ReLU());
        Sequential inner = new Sequential(outer);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outer.add(inner))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outer.add(outer))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
