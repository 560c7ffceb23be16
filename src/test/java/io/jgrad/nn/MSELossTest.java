package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MSELossTest {

    private final MSELoss loss = new MSELoss();
    private final Random rng = new Random(23);

    @Test
    void forwardIsTheMeanOfSquaredErrors() {
        Tensor p = Tensor.randn(rng, 3, 4);
        Tensor t = Tensor.randn(rng, 3, 4);
        double[] a = p.toArray();
        double[] b = t.toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        Tensor l = loss.forward(p, t);
        assertThat(l.shape().toString()).isEqualTo("()");
        assertThat(l.item()).isCloseTo(s / a.length, within(1e-15));
        assertThat(loss.forward(Tensor.scalar(3), Tensor.scalar(1)).item()).isEqualTo(4.0);
    }

    @Test
    void bothArgumentsGetGradients() {
        Tensor p = Tensor.randn(rng, 2, 3).requiresGrad(true);
        Tensor t = Tensor.randn(rng, 2, 3).requiresGrad(true);
        GradCheck.check(xs -> loss.forward(xs.get(0), xs.get(1)), List.of(p, t), 1e-8);
        loss.forward(p, t).backward();
        double[] gp = p.grad().toArray();
        double[] gt = t.grad().toArray();
        double[] a = p.toArray();
        double[] b = t.toArray();
        for (int i = 0; i < gp.length; i++) {
            assertThat(gp[i]).isCloseTo(2 * (a[i] - b[i]) / 6, within(1e-15));
            assertThat(gt[i]).isEqualTo(-gp[i]);
        }
    }

    @Test
    void targetWithoutGradGetsNone() {
        Tensor p = Tensor.randn(rng, 4).requiresGrad(true);
        Tensor t = Tensor.randn(rng, 4);
        loss.forward(p, t).backward();
        assertThat(t.grad()).isNull();
        assertThat(p.grad()).isNotNull();
    }

    @Test
    void shapesMustBeEqual() {
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(4, 1), Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(4, 1)").hasMessageContaining("(4,)").hasMessageContaining("reshape(4, 1)");
    }
}
