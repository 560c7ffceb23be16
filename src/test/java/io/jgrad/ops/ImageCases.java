package io.jgrad.ops;

import io.jgrad.Tensor;
import io.jgrad.ndarray.Window2d;
import io.jgrad.nn.Functional;
import io.jgrad.ops.OpCases.Case;
import io.jgrad.ops.OpCases.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The gradient-check cases of the image operations of {@link Functional}: convolution (with the
 * transposed convolution and the weight product its backward records), max, average and adaptive
 * average pooling (with their backward operations), and constant padding. {@link OpCases} appends
 * these lists to its own.
 *
 * <p>Sizes are small, since every element of every input is perturbed twice, but cover stride,
 * padding, dilation, groups (depthwise too), 1×1 kernels, odd and non-square sizes, unbatched
 * inputs and an empty batch. Max pooling gets distinct values, so no window has a tie.
 */
final class ImageCases {

    private ImageCases() {
    }

    /** @return the first-order cases */
    static List<Case> firstOrder() {
        Gen g = new Gen(4242);
        List<Case> c = new ArrayList<>();

        // conv2d: input, weight, bias over the settings that change the index arithmetic
        c.add(conv("conv2d (2, 3, 5, 5) * (4, 3, 3, 3) + b", g, new int[] {2, 3, 5, 5}, new int[] {4, 3, 3, 3}, true,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        c.add(conv("conv2d stride 2 padding 1 (1, 2, 6, 5) * (2, 2, 3, 2)", g, new int[] {1, 2, 6, 5},
                new int[] {2, 2, 3, 2}, true, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1));
        c.add(conv("conv2d stride (1, 3) padding (2, 0) (1, 1, 4, 7) * (2, 1, 2, 2)", g, new int[] {1, 1, 4, 7},
                new int[] {2, 1, 2, 2}, false, new int[] {1, 3}, new int[] {2, 0}, new int[] {1, 1}, 1));
        c.add(conv("conv2d dilation (2, 1) padding (1, 0) (1, 2, 7, 6) * (3, 2, 2, 3)", g, new int[] {1, 2, 7, 6},
                new int[] {3, 2, 2, 3}, true, new int[] {1, 1}, new int[] {1, 0}, new int[] {2, 1}, 1));
        c.add(conv("conv2d groups 2 stride (1, 2) padding 1 (2, 4, 5, 5) * (6, 2, 3, 3)", g, new int[] {2, 4, 5, 5},
                new int[] {6, 2, 3, 3}, true, new int[] {1, 2}, new int[] {1, 1}, new int[] {1, 1}, 2));
        c.add(conv("conv2d depthwise groups 3 (1, 3, 4, 4) * (3, 1, 2, 2)", g, new int[] {1, 3, 4, 4},
                new int[] {3, 1, 2, 2}, true, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 3));
        c.add(conv("conv2d 1x1 (2, 3, 3, 4) * (5, 3, 1, 1)", g, new int[] {2, 3, 3, 4}, new int[] {5, 3, 1, 1}, true,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        c.add(conv("conv2d 1x1 stride 2 (1, 2, 5, 5) * (2, 2, 1, 1)", g, new int[] {1, 2, 5, 5}, new int[] {2, 2, 1, 1},
                false, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, 1));
        c.add(conv("conv2d unbatched padding 1 (2, 5, 4) * (3, 2, 3, 3)", g, new int[] {2, 5, 4},
                new int[] {3, 2, 3, 3}, true, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
        c.add(conv("conv2d empty batch (0, 2, 4, 4) * (3, 2, 3, 3)", g, new int[] {0, 2, 4, 4},
                new int[] {3, 2, 3, 3}, true, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
        c.add(new Case("conv2d(x, w, b, 2, 1) (1, 2, 5, 5) * (3, 2, 3, 3)",
                t -> Functional.conv2d(t.get(0), t.get(1), t.get(2), 2, 1),
                List.of(g.normal(1, 2, 5, 5), g.normal(3, 2, 3, 3), g.normal(3))));
        c.add(new Case("conv2d(x, w, null, 1, 0) then tanh (1, 1, 4, 4) * (2, 1, 2, 2)",
                t -> Functional.conv2d(t.get(0), t.get(1), null, 1, 0).tanh(),
                List.of(g.normal(1, 1, 4, 4), g.normal(2, 1, 2, 2))));

        // the backward's products as functions of both their operands
        Window2d w = new Window2d(3, 2, 2, 1, 1, 0, 1, 2);
        c.add(new Case("Conv2dInputGrad g (2, 4, 3, 2), W (4, 1, 3, 2), groups 2 → (2, 2, 5, 4)",
                t -> Conv2dInputGrad.apply(t.get(0), t.get(1), io.jgrad.Shape.of(2, 2, 5, 4), w, 2),
                List.of(g.normal(2, 4, 3, 2), g.normal(4, 1, 3, 2))));
        c.add(new Case("Conv2dWeightGrad x (2, 2, 5, 4), g (2, 4, 3, 2), groups 2 → (4, 1, 3, 2)",
                t -> Conv2dWeightGrad.apply(t.get(0), t.get(1), io.jgrad.Shape.of(4, 1, 3, 2), w, 2),
                List.of(g.normal(2, 2, 5, 4), g.normal(2, 4, 3, 2))));

        // pooling
        c.add(unary("maxPool2d(2) (1, 2, 4, 4)", g.distinct(1, 2, 4, 4), x -> Functional.maxPool2d(x, 2)));
        c.add(unary("maxPool2d k3 s2 p1 (2, 1, 5, 5)", g.distinct(2, 1, 5, 5),
                x -> Functional.maxPool2d(x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1})));
        c.add(unary("maxPool2d overlapping k3 s1 p1 (1, 1, 4, 5)", g.distinct(1, 1, 4, 5),
                x -> Functional.maxPool2d(x, new int[] {3}, new int[] {1}, new int[] {1})));
        c.add(unary("maxPool2d unbatched k (2, 3) s (1, 2) p (1, 1) (3, 5, 4)", g.distinct(3, 5, 4),
                x -> Functional.maxPool2d(x, new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1})));
        c.add(unary("avgPool2d(2) (1, 2, 4, 4)", g.normal(1, 2, 4, 4), x -> Functional.avgPool2d(x, 2)));
        c.add(unary("avgPool2d k3 s2 p1 (2, 1, 5, 5)", g.normal(2, 1, 5, 5),
                x -> Functional.avgPool2d(x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1})));
        c.add(unary("avgPool2d overlapping k (3, 2) s1 p (1, 0) (1, 1, 4, 5)", g.normal(1, 1, 4, 5),
                x -> Functional.avgPool2d(x, new int[] {3, 2}, new int[] {1}, new int[] {1, 0})));
        c.add(unary("avgPool2d unbatched k2 (3, 5, 4)", g.normal(3, 5, 4), x -> Functional.avgPool2d(x, 2)));
        c.add(unary("adaptiveAvgPool2d (1, 2, 5, 7) → (3, 4)", g.normal(1, 2, 5, 7),
                x -> Functional.adaptiveAvgPool2d(x, 3, 4)));
        c.add(unary("adaptiveAvgPool2d (2, 1, 4, 4) → (1, 1)", g.normal(2, 1, 4, 4),
                x -> Functional.adaptiveAvgPool2d(x, 1, 1)));
        c.add(unary("adaptiveAvgPool2d upsampling (1, 1, 3, 2) → (5, 4)", g.normal(1, 1, 3, 2),
                x -> Functional.adaptiveAvgPool2d(x, 5, 4)));
        c.add(unary("adaptiveAvgPool2d unbatched (2, 6, 6) → (4, 3)", g.normal(2, 6, 6),
                x -> Functional.adaptiveAvgPool2d(x, 4, 3)));

        // pad
        c.add(unary("pad (1, 2) value 2.5 (2, 3)", g.normal(2, 3), x -> Functional.pad(x, new int[] {1, 2}, 2.5)));
        c.add(unary("pad (1, 0, -1, 2) (2, 3, 4)", g.normal(2, 3, 4),
                x -> Functional.pad(x, new int[] {1, 0, -1, 2}, 0.0)));
        c.add(unary("pad (-1, -1, 1, 1) (3, 4)", g.normal(3, 4), x -> Functional.pad(x, new int[] {-1, -1, 1, 1}, -1)));
        c.add(unary("pad every dimension (1, 1, 0, 2, 1, 0) (2, 1, 2)", g.normal(2, 1, 2),
                x -> Functional.pad(x, new int[] {1, 1, 0, 2, 1, 0}, 0.5)));
        c.add(unary("pad crop to empty then pad (-3, 2) (3,)", g.normal(3), x -> Functional.pad(x, new int[] {-3, 2}, 1)));
        c.add(unary("pad () of a 0-d tensor", g.normal(), x -> Functional.pad(x, new int[0], 1)));
        return c;
    }

    /** @return the second-order cases */
    static List<Case> secondOrder() {
        Gen g = new Gen(2424);
        List<Case> c = new ArrayList<>();
        // conv alone is bilinear: its second derivative pairs the input with the weight
        c.add(conv("conv2d (2, 2, 4, 4) * (3, 2, 3, 3) + b", g, new int[] {2, 2, 4, 4}, new int[] {3, 2, 3, 3}, true,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        c.add(conv("conv2d stride 2 padding 1 dilation (1, 2) (1, 2, 5, 6) * (2, 2, 2, 2)", g, new int[] {1, 2, 5, 6},
                new int[] {2, 2, 2, 2}, true, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 2}, 1));
        c.add(conv("conv2d groups 2 padding (0, 1) (1, 4, 4, 3) * (4, 2, 2, 2)", g, new int[] {1, 4, 4, 3},
                new int[] {4, 2, 2, 2}, false, new int[] {1, 1}, new int[] {0, 1}, new int[] {1, 1}, 2));
        c.add(conv("conv2d 1x1 (2, 3, 2, 3) * (2, 3, 1, 1)", g, new int[] {2, 3, 2, 3}, new int[] {2, 3, 1, 1}, true,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        // a nonlinearity after it makes the output gradient depend on the inputs too
        c.add(new Case("conv2d then tanh, padding 1 (1, 2, 4, 4) * (2, 2, 3, 3) + b",
                t -> Functional.conv2d(t.get(0), t.get(1), t.get(2), 1, 1).tanh(),
                List.of(g.normal(1, 2, 4, 4), g.normal(2, 2, 3, 3).mul(0.5), g.normal(2))));
        c.add(new Case("conv2d of conv2d then tanh, stride 2 (1, 1, 6, 6) * (2, 1, 2, 2) * (1, 2, 2, 2)",
                t -> Functional.conv2d(Functional.conv2d(t.get(0), t.get(1), null, 2, 0).tanh(), t.get(2), null, 1, 1),
                List.of(g.normal(1, 1, 6, 6), g.normal(2, 1, 2, 2), g.normal(1, 2, 2, 2))));
        Window2d w = new Window2d(2, 2, 1, 2, 1, 0, 2, 1);
        c.add(new Case("Conv2dInputGrad then tanh, g (1, 2, 3, 2), W (2, 2, 2, 2) → (1, 2, 3, 4)",
                t -> Conv2dInputGrad.apply(t.get(0), t.get(1), io.jgrad.Shape.of(1, 2, 3, 4), w, 1).tanh(),
                List.of(g.normal(1, 2, 3, 2), g.normal(2, 2, 2, 2))));
        c.add(new Case("Conv2dWeightGrad then tanh, x (1, 2, 3, 4), g (1, 2, 3, 2) → (2, 2, 2, 2)",
                t -> Conv2dWeightGrad.apply(t.get(0), t.get(1), io.jgrad.Shape.of(2, 2, 2, 2), w, 1).tanh(),
                List.of(g.normal(1, 2, 3, 4), g.normal(1, 2, 3, 2))));

        c.add(unary("maxPool2d k3 s2 p1 then tanh (1, 2, 5, 5)", g.distinct(1, 2, 5, 5),
                x -> Functional.maxPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}).tanh()));
        c.add(unary("maxPool2d overlapping k2 s1 times itself (1, 1, 3, 4)", g.distinct(1, 1, 3, 4),
                x -> {
                    Tensor y = Functional.maxPool2d(x, new int[] {2}, new int[] {1}, new int[] {0});
                    return y.mul(y);
                }));
        c.add(unary("avgPool2d k3 s2 p1 then tanh (1, 2, 5, 5)", g.normal(1, 2, 5, 5),
                x -> Functional.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}).tanh()));
        c.add(unary("adaptiveAvgPool2d (1, 2, 5, 7) → (3, 2) then tanh", g.normal(1, 2, 5, 7),
                x -> Functional.adaptiveAvgPool2d(x, 3, 2).tanh()));
        c.add(unary("pad (1, -1, 2, 0) then tanh (2, 3, 3)", g.normal(2, 3, 3),
                x -> Functional.pad(x, new int[] {1, -1, 2, 0}, 0.5).tanh()));
        return c;
    }

    private static Case conv(String name, Gen g, int[] x, int[] w, boolean bias, int[] stride, int[] padding,
                             int[] dilation, int groups) {
        List<Tensor> inputs = new ArrayList<>(List.of(g.normal(x), g.normal(w)));
        if (bias) {
            inputs.add(g.normal(w[0]));
        }
        return new Case(name, t -> Functional.conv2d(t.get(0), t.get(1), bias ? t.get(2) : null, stride, padding,
                dilation, groups), inputs);
    }

    private static Case unary(String name, Tensor x, Function<Tensor, Tensor> f) {
        return new Case(name, t -> f.apply(t.get(0)), List.of(x));
    }
}
