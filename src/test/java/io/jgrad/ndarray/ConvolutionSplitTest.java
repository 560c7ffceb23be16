package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Convolution} cuts a large batch into one range of images per thread for the forward pass and
 * the input gradient: the results must have the same bits as on one thread ({@link
 * Kernels#singleThreaded()}) for any batch size (fewer images than threads, one, an odd number),
 * groups, the 1×1 direct path, strides, padding and dilation, in both dtypes.
 */
class ConvolutionSplitTest {

    @Test
    void splitBatchGivesTheBitsOfOneThread() {
        assumeTrue(Kernels.threads() > 1, "one thread: nothing is split");
        Random rng = new Random(5);
        Window2d[] wins = {new Window2d(1, 1, 1, 1, 0, 0, 1, 1), new Window2d(3, 3, 1, 1, 1, 1, 1, 1),
            new Window2d(3, 3, 2, 1, 1, 0, 2, 1)};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (Window2d win : wins) {
                for (int groups : new int[] {1, 2}) {
                    for (int n : new int[] {1, 2, 3, 9}) {
                        int kh = win.kernelH();
                        int kw = win.kernelW();
                        Shape xs = Shape.of(n, 64, 15, 17);
                        Shape ws = Shape.of(96, 64 / groups, kh, kw);
                        NDArray x = Factories.randn(rng, dt, xs);
                        NDArray w = Factories.randn(rng, dt, ws);
                        NDArray b = Factories.randn(rng, dt, Shape.of(96));
                        NDArray y = Convolution.conv2d(x, w, b, win, groups);
                        NDArray gy = Factories.randn(rng, dt, y.shape());
                        NDArray dx = Convolution.inputGrad(gy, w, xs, win, groups);
                        NDArray y1;
                        NDArray dx1;
                        try (Kernels.SingleThreaded scope = Kernels.singleThreaded()) {
                            y1 = Convolution.conv2d(x, w, b, win, groups);
                            dx1 = Convolution.inputGrad(gy, w, xs, win, groups);
                        }
                        String what = dt + " n=" + n + " groups=" + groups + " kernel " + kh + "x" + kw;
                        if (dt == DType.FLOAT32) {
                            assertThat(y.floats()).as(what).isEqualTo(y1.floats());
                            assertThat(dx.floats()).as(what).isEqualTo(dx1.floats());
                        } else {
                            assertThat(y.data()).as(what).isEqualTo(y1.data());
                            assertThat(dx.data()).as(what).isEqualTo(dx1.data());
                        }
                    }
                }
            }
        }
    }
}
