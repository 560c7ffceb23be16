package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.nn.Functional;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The image operations of {@link Functional} against second implementations written here as plain
 * loops over every index (the convolution as its seven nested loops, with its gradients as the same
 * loops read backwards), on float64 and float32, over random sweeps of stride, padding, dilation,
 * groups, batch, unbatched inputs and odd sizes; and a few fixed cases against values printed by
 * PyTorch 2.13 ({@code torch.set_default_dtype(torch.float64)}), all exact binary fractions.
 */
class ImageReferenceTest {

    private final Random rng = new Random(20250611);

    // ------------------------------------------------------------------ conv2d

    /** A convolution's sizes and settings, drawn at random so that the kernel fits the padded input. */
    private record ConvCase(int n, int groups, int cg, int og, int h, int w, int kh, int kw, int[] stride,
                            int[] padding, int[] dilation, boolean bias, boolean unbatched) {
        int c() {
            return cg * groups;
        }

        int o() {
            return og * groups;
        }

        int oh() {
            return (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
        }

        int ow() {
            return (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
        }

        int[] inputShape() {
            return unbatched ? new int[] {c(), h, w} : new int[] {n, c(), h, w};
        }

        @Override
        public String toString() {
            return "input " + Shape.format(inputShape()) + ", weight " + Shape.format(o(), cg, kh, kw) + ", stride "
                    + Shape.format(stride) + ", padding " + Shape.format(padding) + ", dilation "
                    + Shape.format(dilation) + ", groups " + groups + (bias ? ", bias" : "");
        }
    }

    private ConvCase randomConv() {
        int groups = 1 + rng.nextInt(3);
        int kh = 1 + rng.nextInt(4);
        int kw = 1 + rng.nextInt(4);
        int[] stride = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
        int[] padding = {rng.nextInt(3), rng.nextInt(3)};
        int[] dilation = {1 + rng.nextInt(2), 1 + rng.nextInt(2)};
        int minH = Math.max(1, dilation[0] * (kh - 1) + 1 - 2 * padding[0]);
        int minW = Math.max(1, dilation[1] * (kw - 1) + 1 - 2 * padding[1]);
        boolean unbatched = rng.nextInt(5) == 0;
        return new ConvCase(unbatched ? 1 : 1 + rng.nextInt(3), groups, 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                minH + rng.nextInt(7), minW + rng.nextInt(7), kh, kw, stride, padding, dilation, rng.nextBoolean(),
                unbatched);
    }

    /** The seven loops: every output element, every filter tap of its group, skipping the padding. */
    private static double[] convLoops(ConvCase k, double[] x, double[] w, double[] b) {
        int oh = k.oh();
        int ow = k.ow();
        double[] y = new double[k.n() * k.o() * oh * ow];
        for (int n = 0; n < k.n(); n++) {
            for (int o = 0; o < k.o(); o++) {
                int g = o / k.og();
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b == null ? 0 : b[o];
                        for (int c = 0; c < k.cg(); c++) {
                            for (int i = 0; i < k.kh(); i++) {
                                for (int j = 0; j < k.kw(); j++) {
                                    int iy = oy * k.stride()[0] - k.padding()[0] + i * k.dilation()[0];
                                    int ix = ox * k.stride()[1] - k.padding()[1] + j * k.dilation()[1];
                                    if (iy >= 0 && iy < k.h() && ix >= 0 && ix < k.w()) {
                                        s += w[((o * k.cg() + c) * k.kh() + i) * k.kw() + j]
                                                * x[((n * k.c() + g * k.cg() + c) * k.h() + iy) * k.w() + ix];
                                    }
                                }
                            }
                        }
                        y[((n * k.o() + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        return y;
    }

    /** The same loops read backwards: {@code {∂x, ∂w, ∂b}} of {@code ⟨u, conv(x, w, b)⟩}. */
    private static double[][] convGradLoops(ConvCase k, double[] x, double[] w, double[] u) {
        int oh = k.oh();
        int ow = k.ow();
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        double[] db = new double[k.o()];
        for (int n = 0; n < k.n(); n++) {
            for (int o = 0; o < k.o(); o++) {
                int g = o / k.og();
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double gy = u[((n * k.o() + o) * oh + oy) * ow + ox];
                        db[o] += gy;
                        for (int c = 0; c < k.cg(); c++) {
                            for (int i = 0; i < k.kh(); i++) {
                                for (int j = 0; j < k.kw(); j++) {
                                    int iy = oy * k.stride()[0] - k.padding()[0] + i * k.dilation()[0];
                                    int ix = ox * k.stride()[1] - k.padding()[1] + j * k.dilation()[1];
                                    if (iy >= 0 && iy < k.h() && ix >= 0 && ix < k.w()) {
                                        int wi = ((o * k.cg() + c) * k.kh() + i) * k.kw() + j;
                                        int xi = ((n * k.c() + g * k.cg() + c) * k.h() + iy) * k.w() + ix;
                                        dx[xi] += gy * w[wi];
                                        dw[wi] += gy * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {dx, dw, db};
    }

    @Test
    void conv2dAndItsGradientsMatchLoopsOnARandomSweep() {
        for (int trial = 0; trial < 300; trial++) {
            ConvCase k = randomConv();
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[] x = normal(k.n() * k.c() * k.h() * k.w());
                double[] w = normal(k.o() * k.cg() * k.kh() * k.kw());
                double[] b = k.bias() ? normal(k.o()) : null;
                if (dtype == DType.FLOAT32) { // the reference sees exactly the float32 inputs
                    x = rounded(x);
                    w = rounded(w);
                    b = b == null ? null : rounded(b);
                }
                Tensor xt = tensor(x, dtype, k.inputShape()).requiresGrad(true);
                Tensor wt = tensor(w, dtype, k.o(), k.cg(), k.kh(), k.kw()).requiresGrad(true);
                Tensor bt = b == null ? null : tensor(b, dtype, k.o()).requiresGrad(true);
                Tensor y = Functional.conv2d(xt, wt, bt, k.stride(), k.padding(), k.dilation(), k.groups());

                int[] outShape = k.unbatched() ? new int[] {k.o(), k.oh(), k.ow()}
                        : new int[] {k.n(), k.o(), k.oh(), k.ow()};
                String what = k + " in " + dtype.label();
                assertThat(y.shape()).as(what).isEqualTo(Shape.of(outShape));
                assertThat(y.dtype()).as(what).isEqualTo(dtype);
                double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
                assertClose(what + ": output", y.toArray(), convLoops(k, x, w, b), tol);

                double[] u = normal(y.numel());
                y.backward(tensor(u, dtype, outShape));
                double[][] ref = convGradLoops(k, x, w, u);
                assertClose(what + ": ∂input", xt.grad().toArray(), ref[0], tol);
                assertClose(what + ": ∂weight", wt.grad().toArray(), ref[1], tol);
                if (bt != null) {
                    assertClose(what + ": ∂bias", bt.grad().toArray(), ref[2], tol);
                }
                assertThat(xt.grad().dtype()).as(what).isEqualTo(dtype);
            }
        }
    }

    @Test
    void conv2dOfTheBenchmarkShapeMatchesLoops() {
        // the shape of the PyTorch comparison, (64, 32, 14, 14) * (64, 32, 3, 3) padding 1, cut to 4 images
        ConvCase k = new ConvCase(4, 1, 32, 64, 14, 14, 3, 3, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                true, false);
        double[] x = normal(4 * 32 * 14 * 14);
        double[] w = normal(64 * 32 * 9);
        double[] b = normal(64);
        Tensor y = Functional.conv2d(Tensor.fromArray(x, 4, 32, 14, 14), Tensor.fromArray(w, 64, 32, 3, 3),
                Tensor.fromArray(b, 64), 1, 1);
        assertClose("benchmark shape", y.toArray(), convLoops(k, x, w, b), 1e-12);
    }

    @Test
    void conv2dMatchesPyTorch() {
        Tensor x = pattern(2 * 4 * 5 * 6, 7, 3, 4).reshape(2, 4, 5, 6).requiresGrad(true);
        Tensor w = pattern(6 * 2 * 3 * 2, 5, 2, 2).reshape(6, 2, 3, 2).requiresGrad(true);
        Tensor b = Tensor.of(0.5, -1, 0.25, 2, 0, -0.75).requiresGrad(true);
        Tensor y = Functional.conv2d(x, w, b, new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 2}, 2);

        assertThat(y.shape()).isEqualTo(Shape.of(2, 6, 3, 8));
        assertThat(checksums(y.toArray())).containsExactly(45.5, 626.09375, 5644.0);
        assertThat(y.get(1, 4, 2).toArray()).containsExactly(-0.25, -0.375, 0.125, 1.75, 1.625, -2.0, -0.25, -1.125);
        y.backward(pattern(y.numel(), 4, 1, 1).reshape(2, 6, 3, 8));
        assertThat(checksums(x.grad().toArray())).containsExactly(-14.0, 440.0, -2036.0);
        double[] dwGroup0 = {2.0, -4.0, 1.25, -0.75, 2.0, -4.0, -0.25, -0.25, 0.5, 0.5, -0.25, -0.25};
        double[] dwGroup1 = {-2.5, 3.5, -0.25, 1.75, -2.5, 3.5, 0.5, -1.5, -1.0, -0.5, 0.5, -1.5};
        double[] dw = new double[72];
        for (int o = 0; o < 6; o++) {
            System.arraycopy(o < 3 ? dwGroup0 : dwGroup1, 0, dw, o * 12, 12);
        }
        assertThat(w.grad().toArray()).containsExactly(dw);
        assertThat(b.grad().toArray()).containsExactly(24, 24, 24, 24, 24, 24);
    }

    @Test
    void conv2dOfEmptyBatchesAndChannelsGivesZerosAndTheBias() {
        Tensor y = Functional.conv2d(Tensor.zeros(0, 2, 4, 4), Tensor.ones(3, 2, 3, 3), Tensor.ones(3), 1, 0);
        assertThat(y.shape()).isEqualTo(Shape.of(0, 3, 2, 2));

        Tensor z = Functional.conv2d(Tensor.zeros(2, 0, 4, 4), Tensor.ones(3, 0, 3, 3), Tensor.of(1, 2, 3), 1, 1);
        assertThat(z.shape()).isEqualTo(Shape.of(2, 3, 4, 4));
        assertThat(z.get(1, 2).toArray()).containsOnly(3.0);
    }

    // ------------------------------------------------------------------ pooling

    @Test
    void poolingMatchesLoopsOnARandomSweep() {
        for (int trial = 0; trial < 200; trial++) {
            int[] k = {1 + rng.nextInt(4), 1 + rng.nextInt(4)};
            int[] s = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            int[] p = {rng.nextInt(k[0] / 2 + 1), rng.nextInt(k[1] / 2 + 1)};
            int n = rng.nextInt(3);
            int c = 1 + rng.nextInt(3);
            int h = Math.max(1, k[0] - 2 * p[0]) + rng.nextInt(6);
            int w = Math.max(1, k[1] - 2 * p[1]) + rng.nextInt(6);
            int oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
            int ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
            String what = "(" + n + ", " + c + ", " + h + ", " + w + ") kernel " + Shape.format(k) + " stride "
                    + Shape.format(s) + " padding " + Shape.format(p);
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[] x = rounded(normal(n * c * h * w));
                double[] u = rounded(normal(n * c * oh * ow));
                Tensor xt = tensor(x, dtype, n, c, h, w).requiresGrad(true);
                Tensor max = Functional.maxPool2d(xt, k, s, p);
                Tensor avg = Functional.avgPool2d(xt, k, s, p);
                assertThat(max.shape()).as(what).isEqualTo(Shape.of(n, c, oh, ow));
                assertThat(max.dtype()).isEqualTo(dtype);
                assertThat(avg.dtype()).isEqualTo(dtype);
                double[][] maxRef = maxPoolLoops(x, n * c, h, w, k, s, p, u);
                double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
                assertThat(max.toArray()).as(what).containsExactly(maxRef[0]);
                assertClose(what + " avg", avg.toArray(), avgPoolLoops(x, n * c, h, w, k, s, p), tol);
                max.backward(tensor(u, dtype, n, c, oh, ow));
                assertClose(what + " ∂max", xt.grad().toArray(), maxRef[1], tol);
                xt.zeroGrad();
                avg.backward(tensor(u, dtype, n, c, oh, ow));
                assertClose(what + " ∂avg", xt.grad().toArray(), avgPoolGradLoops(u, n * c, h, w, k, s, p), tol);
            }
        }
    }

    @Test
    void adaptiveAvgPoolMatchesLoopsOnARandomSweep() {
        for (int trial = 0; trial < 200; trial++) {
            int n = rng.nextInt(3);
            int c = rng.nextInt(3);
            int h = 1 + rng.nextInt(9);
            int w = 1 + rng.nextInt(9);
            int oh = rng.nextInt(9);
            int ow = rng.nextInt(9);
            String what = "(" + n + ", " + c + ", " + h + ", " + w + ") to (" + oh + ", " + ow + ")";
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[] x = rounded(normal(n * c * h * w));
                double[] u = rounded(normal(n * c * oh * ow));
                Tensor xt = tensor(x, dtype, n, c, h, w).requiresGrad(true);
                Tensor y = Functional.adaptiveAvgPool2d(xt, oh, ow);
                assertThat(y.shape()).as(what).isEqualTo(Shape.of(n, c, oh, ow));
                double[][] ref = adaptiveLoops(x, u, n * c, h, w, oh, ow);
                double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
                assertClose(what, y.toArray(), ref[0], tol);
                y.backward(tensor(u, dtype, n, c, oh, ow));
                assertClose(what + " ∂", xt.grad().toArray(), ref[1], tol);
            }
        }
    }

    @Test
    void poolingMatchesPyTorch() {
        double[] xv = new double[2 * 3 * 5 * 7];
        for (int i = 0; i < xv.length; i++) {
            xv[i] = ((i * 37) % 11 - 5) / 2.0;
        }
        Tensor x = Tensor.fromArray(xv, 2, 3, 5, 7);
        int[] k = {3, 2};
        int[] s = {2, 3};
        int[] p = {1, 1};
        assertThat(Functional.maxPool2d(x, k, s, p).toArray()).containsExactly(0.5, 1.5, 2.0, 1.0, 2.0, 2.5, 1.0,
                2.5, 2.0, 1.5, 2.0, 2.5, 2.0, 2.5, 1.0, 2.5, 1.0, 1.5, 0.0, 1.5, 2.0, 0.5, 2.0, 2.5, 1.0, 2.0, 2.5, 1.5,
                2.5, 2.5, 2.0, 2.5, 2.5, 2.0, 2.5, 1.0, 2.5, 1.0, 1.5, 0.5, 1.5, 2.0, 0.5, 2.0, 2.5, 1.0, 2.5, 2.0,
                1.5, 2.5, 2.5, 2.0, 2.5, 1.0);
        double[] avg = Functional.avgPool2d(x, k, s, p).mul(12.0).toArray(); // in twelfths
        assertClose("avgPool2d", avg, new double[] {-4, -1, 3, -1, 3, 9, -1, 5, -2, 1, -2, 2, 1, -4, -9, 4, -7, -3, -5, -3, 1,
                -8, 0, 6, -2, 3, 7, 0, 7, 0, 5, 4, -1, 3, 2, -5, 5, -5, -1, -4, -3, 3, -3, 1, 5, -1, 5, -2, -2, 1, -4,
                2, 0, -7}, 1e-13);
        double[] ada = Functional.adaptiveAvgPool2d(x, 3, 4).mul(72.0).toArray(); // windows of 4, 6, 9: in 72nds
        assertClose("adaptiveAvgPool2d", ada, new double[] {0, 18, -24, 27, -6, 12, -8, 54, -45, 6, -36, -18, -9, -24, 0, 18, 18, -8,
                16, -54, 45, -36, -12, -27, -18, 0, 24, 9, -24, 16, -4, 36, -63, -12, 12, 63, -27, 24, -18, 0, 0, -4,
                20, -6, 27, 12, 36, -45, 63, -18, 6, -9, 24, 20, 0, 18, 18, 36, -6, 45, -45, 6, -36, -18, -18, 0, -20,
                -24, 9, -6, 18, -63}, 1e-13);
    }

    @Test
    void maxPoolTakesTheFirstOfTiesAndTheLastNaNAsPyTorch() {
        double nan = Double.NaN;
        Tensor x = Tensor.fromArray(new double[] {1, nan, 3, nan, 5, 6, 7, 8}, 1, 1, 2, 4).requiresGrad(true);
        Tensor y = Functional.maxPool2d(x, 2);
        assertThat(y.toArray()).containsExactly(nan, nan);
        y.backward(Tensor.of(10, 20).reshape(1, 1, 1, 2));
        assertThat(x.grad().toArray()).containsExactly(0, 10, 0, 20, 0, 0, 0, 0);

        Tensor nans = Tensor.fromArray(new double[] {1, nan, nan, 9}, 1, 1, 2, 2).requiresGrad(true);
        Functional.maxPool2d(nans, 2).backward(Tensor.ones(1, 1, 1, 1));
        assertThat(nans.grad().toArray()).as("the last NaN, index 2").containsExactly(0, 0, 1, 0);

        Tensor ties = Tensor.full(2, 1, 1, 2, 4).requiresGrad(true);
        Functional.maxPool2d(ties, 2).backward(Tensor.of(1, 2).reshape(1, 1, 1, 2));
        assertThat(ties.grad().toArray()).containsExactly(1, 0, 2, 0, 0, 0, 0, 0);

        Tensor inf = Tensor.full(Double.NEGATIVE_INFINITY, DType.FLOAT32, 1, 1, 2, 2).requiresGrad(true);
        Tensor yi = Functional.maxPool2d(inf, new int[] {2}, new int[] {1}, new int[] {1});
        assertThat(yi.toArray()).containsOnly(Double.NEGATIVE_INFINITY);
        yi.backward(Tensor.ones(DType.FLOAT32, 1, 1, 3, 3));
        // each window's first in-image pixel, as PyTorch's indices [[0, 0, 1], [0, 0, 1], [2, 2, 3]]
        assertThat(inf.grad().toArray()).containsExactly(4, 2, 2, 1);
    }

    @Test
    void poolingOfInt64MatchesPyTorch() {
        long[] v = new long[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7L) % 13 - 6;
        }
        Tensor x = Tensor.fromArray(v, 1, 2, 4, 5);
        Tensor max = Functional.maxPool2d(x, new int[] {3}, new int[] {2}, new int[] {1});
        assertThat(max.dtype()).isEqualTo(DType.INT64);
        assertThat(max.toLongArray()).containsExactly(3, 4, 5, 6, 6, 5, 4, 5, 6, 5, 6, 4);
        Tensor avg = Functional.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1});
        assertThat(avg.dtype()).isEqualTo(DType.INT64);
        assertThat(avg.toLongArray()).containsOnly(0L);
        // −5/4 gives −1 and −3/4 gives 0: truncated towards zero, as PyTorch's integer division
        Tensor t = Tensor.fromArray(new long[] {-3, -4, -5, 7}, 1, 2, 2);
        assertThat(Functional.avgPool2d(t, 2).toLongArray()).containsExactly(-1);
        assertThat(Functional.avgPool2d(t, new int[] {2}, new int[] {1}, new int[] {1}).toLongArray())
                .containsExactly(0, -1, -1, -2, -1, 0, -1, 0, 1);
        Tensor negatives = Tensor.fromArray(new long[] {-5, -3, -7, -9}, 1, 1, 2, 2);
        assertThat(Functional.maxPool2d(negatives, 2).toLongArray()).containsExactly(-3);
    }

    // ------------------------------------------------------------------ pad

    @Test
    void padMatchesLoopsOnRandomShapesAndDtypes() {
        for (int trial = 0; trial < 300; trial++) {
            int rank = rng.nextInt(5);
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++) {
                dims[d] = rng.nextInt(4);
            }
            int padded = rng.nextInt(rank + 1);
            int[] pads = new int[2 * padded];
            for (int i = 0; i < padded; i++) {
                int size = dims[rank - 1 - i];
                int before = rng.nextInt(size + 3) - size;
                int after = rng.nextInt(size + 3) - (size + Math.min(0, before));
                pads[2 * i] = before;
                pads[2 * i + 1] = after;
            }
            double value = rng.nextInt(3) - 1.5;
            for (DType dtype : DType.values()) {
                Tensor x = tensor(normal(Shape.of(dims).numel()), dtype, dims);
                Tensor y = Functional.pad(x, pads, value);
                String what = Shape.format(dims) + " pads " + Shape.format(pads) + " " + dtype.label();
                assertThat(y.dtype()).as(what).isEqualTo(dtype);
                double fill = Tensor.full(value, dtype).item();
                assertThat(y.toArray()).as(what).containsExactly(padLoops(x.toArray(), dims, pads, fill, y.shape()));
            }
        }
    }

    @Test
    void padBackwardCropsThePaddingAndRestoresCroppedElementsAsZeros() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor y = Functional.pad(x, new int[] {-1, 2}, 9);
        assertThat(y.toArray()).containsExactly(2, 3, 9, 9, 5, 6, 9, 9);
        y.backward(Tensor.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        assertThat(x.grad().toArray()).containsExactly(0, 1, 2, 0, 5, 6);
        assertThat(y.gradFn().name()).isEqualTo("ConstantPadNd");
    }

    @Test
    void nodesAreNamedAsPyTorchUsersExpect() {
        Tensor x = Tensor.ones(1, 1, 4, 4).requiresGrad(true);
        assertThat(Functional.conv2d(x, Tensor.ones(1, 1, 3, 3), null, 1, 0).gradFn().name()).isEqualTo("Conv2d");
        assertThat(Functional.maxPool2d(x, 2).gradFn().name()).isEqualTo("MaxPool2d");
        assertThat(Functional.avgPool2d(x, 2).gradFn().name()).isEqualTo("AvgPool2d");
        assertThat(Functional.adaptiveAvgPool2d(x, 2, 2).gradFn().name()).isEqualTo("AdaptiveAvgPool2d");
        assertThat(Functional.pad(x, new int[] {1, 1}, 0).gradFn().name()).isEqualTo("ConstantPadNd");
        // an unbatched input is viewed as a batch of one and back, as PyTorch's squeeze
        assertThat(Functional.conv2d(Tensor.ones(1, 4, 4).requiresGrad(true), Tensor.ones(1, 1, 3, 3), null, 1, 0)
                .gradFn().name()).isEqualTo("Reshape");
    }

    // ------------------------------------------------------------------ reference loops

    /** {values, ∂x for upstream u}: each window's maximum (first on ties, NaN wins), padding skipped. */
    private static double[][] maxPoolLoops(double[] x, int planes, int h, int w, int[] k, int[] s, int[] p,
                                           double[] u) {
        int oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
        double[] y = new double[planes * oh * ow];
        double[] dx = new double[x.length];
        for (int q = 0; q < planes; q++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int i = 0; i < k[0]; i++) {
                        for (int j = 0; j < k[1]; j++) {
                            int iy = oy * s[0] - p[0] + i;
                            int ix = ox * s[1] - p[1] + j;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                int xi = (q * h + iy) * w + ix;
                                if (at < 0 || x[xi] > best || Double.isNaN(x[xi])) {
                                    best = x[xi];
                                    at = xi;
                                }
                            }
                        }
                    }
                    int o = (q * oh + oy) * ow + ox;
                    y[o] = best;
                    dx[at] += u[o];
                }
            }
        }
        return new double[][] {y, dx};
    }

    private static double[] avgPoolLoops(double[] x, int planes, int h, int w, int[] k, int[] s, int[] p) {
        int oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
        double[] y = new double[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double sum = 0;
                    for (int i = 0; i < k[0]; i++) {
                        for (int j = 0; j < k[1]; j++) {
                            int iy = oy * s[0] - p[0] + i;
                            int ix = ox * s[1] - p[1] + j;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                sum += x[(q * h + iy) * w + ix];
                            }
                        }
                    }
                    y[(q * oh + oy) * ow + ox] = sum / (k[0] * k[1]);
                }
            }
        }
        return y;
    }

    private static double[] avgPoolGradLoops(double[] u, int planes, int h, int w, int[] k, int[] s, int[] p) {
        int oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
        double[] dx = new double[planes * h * w];
        for (int q = 0; q < planes; q++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int i = 0; i < k[0]; i++) {
                        for (int j = 0; j < k[1]; j++) {
                            int iy = oy * s[0] - p[0] + i;
                            int ix = ox * s[1] - p[1] + j;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                dx[(q * h + iy) * w + ix] += u[(q * oh + oy) * ow + ox] / (k[0] * k[1]);
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** {values, ∂x}: windows from ⌊i·H/OH⌋ to ⌈(i+1)·H/OH⌉, in floating point as PyTorch's docs state them. */
    private static double[][] adaptiveLoops(double[] x, double[] u, int planes, int h, int w, int oh, int ow) {
        double[] y = new double[planes * oh * ow];
        double[] dx = new double[x.length];
        for (int q = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                int y0 = (int) Math.floor(i * (double) h / oh);
                int y1 = (int) Math.ceil((i + 1) * (double) h / oh);
                for (int j = 0; j < ow; j++) {
                    int x0 = (int) Math.floor(j * (double) w / ow);
                    int x1 = (int) Math.ceil((j + 1) * (double) w / ow);
                    double sum = 0;
                    int count = (y1 - y0) * (x1 - x0);
                    int o = (q * oh + i) * ow + j;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            sum += x[(q * h + iy) * w + ix];
                            dx[(q * h + iy) * w + ix] += u[o] / count;
                        }
                    }
                    y[o] = sum / count;
                }
            }
        }
        return new double[][] {y, dx};
    }

    /** Every output index minus the front padding: the input element there, or the fill. */
    private static double[] padLoops(double[] x, int[] dims, int[] pads, double fill, Shape outShape) {
        int rank = dims.length;
        int[] before = new int[rank];
        for (int i = 0; i < pads.length / 2; i++) {
            before[rank - 1 - i] = pads[2 * i];
        }
        int[] out = outShape.toArray();
        double[] y = new double[outShape.numel()];
        int[] idx = new int[rank];
        for (int flat = 0; flat < y.length; flat++) {
            int rest = flat;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % out[d];
                rest /= out[d];
            }
            int src = 0;
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                int i = idx[d] - before[d];
                inside &= i >= 0 && i < dims[d];
                src = src * dims[d] + i;
            }
            y[flat] = inside ? x[src] : fill;
        }
        return y;
    }

    // ------------------------------------------------------------------ helpers

    private double[] normal(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        return d;
    }

    private static double[] rounded(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (float) x[i];
        }
        return r;
    }

    private static Tensor tensor(double[] v, DType dtype, int... shape) {
        return Tensor.fromArray(v, shape).to(dtype);
    }

    // (i % mod − shift) / div, the inputs of the PyTorch fixtures
    private static Tensor pattern(int n, int mod, int shift, int div) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (double) (i % mod - shift) / div;
        }
        return Tensor.fromArray(v, n);
    }

    // Σ v, Σ v², Σ i·v: three exact sums that pin the values of a fixture
    private static double[] checksums(double[] v) {
        double[] s = new double[3];
        for (int i = 0; i < v.length; i++) {
            s[0] += v[i];
            s[1] += v[i] * v[i];
            s[2] += i * v[i];
        }
        return s;
    }

    /** |a − b| ≤ tol · (1 + |b|) element by element, with the first difference in the message. */
    private static void assertClose(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).as(what + ": size").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double scale = 1 + Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol * scale) && !(Double.isNaN(actual[i])
                    && Double.isNaN(expected[i]))) {
                throw new AssertionError(what + ", element " + i + ": " + actual[i] + " but the loops give "
                        + expected[i] + " (" + Arrays.toString(Arrays.copyOf(actual, Math.min(8, actual.length)))
                        + " …)");
            }
        }
    }
}
