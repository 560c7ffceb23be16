package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.optim.Adam;
import io.jgrad.optim.AdamW;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.SGD;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A seeded XOR network, trained full-batch, reaches near-zero loss with each optimizer. */
class XorTrainingTest {

    private static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final int[] Y = {0, 1, 1, 0};

    @SuppressWarnings("try") // the scope only sets the grad mode
    private static double train(Function<Sequential, Optimizer> optimizer, int steps) {
        Random rng = new Random(42);
        Sequential model = new Sequential(new Linear(2, 8, rng), new Tanh(), new Linear(8, 2, rng));
        Optimizer opt = optimizer.apply(model);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(X), Y);
            loss.backward();
            opt.step();
        }
        model.eval();
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor logits = model.forward(X);
            for (int i = 0; i < 4; i++) {
                int predicted = logits.getDouble(i, 1) > logits.getDouble(i, 0) ? 1 : 0;
                assertThat(predicted).as("sample " + i).isEqualTo(Y[i]);
            }
            return lossFn.forward(logits, Y).item();
        }
    }

    @Test
    void sgdWithMomentum() {
        assertThat(train(m -> new SGD(m.parameters(), 0.1).momentum(0.9), 500)).isLessThan(0.01);
    }

    @Test
    void plainSgd() {
        assertThat(train(m -> new SGD(m.parameters(), 0.5), 2000)).isLessThan(0.01);
    }

    @Test
    void adam() {
        assertThat(train(m -> new Adam(m.parameters(), 0.05), 300)).isLessThan(0.01);
    }

    @Test
    void adamW() {
        assertThat(train(m -> new AdamW(m.parameters(), 0.05), 300)).isLessThan(0.01);
    }
}
