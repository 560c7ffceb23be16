package io.jgrad.nn;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.util.Random;

/**
 * A 2-d convolution layer, PyTorch's {@code nn.Conv2d}: {@link Functional#conv2d} with a learned
 * weight and bias.
 *
 * <ul>
 *   <li>input {@code (N, in, H, W)} or unbatched {@code (in, H, W)}</li>
 *   <li>weight {@code (out, in/groups, kh, kw)}, parameter {@code weight}</li>
 *   <li>bias {@code (out,)}, parameter {@code bias} (optional)</li>
 *   <li>output {@code (N, out, H', W')} with
 *       {@code H' = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1}, likewise {@code W'}</li>
 * </ul>
 *
 * <p>Initialisation as PyTorch's default ({@code reset_parameters}): weight and bias uniform in
 * {@code [-1/√fanIn, 1/√fanIn)} with {@code fanIn = in/groups · kh · kw} (Kaiming-uniform with
 * {@code a = √5}), weight first, row-major, then bias, drawn from the given {@code Random}.
 */
public class Conv2d extends Layer {

    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A convolution with a square kernel, stride 1, no padding, with bias.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the window's height and width
     * @param rng the random generator to draw from
     * @throws IllegalArgumentException if a size is not positive or {@code rng} is null
     */
    public Conv2d(int in, int out, int kernel, Random rng) {
        this(in, out, kernel, 1, 0, rng);
    }

    /**
     * A convolution with a square kernel, the same stride and padding along both axes, with bias.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the window's height and width
     * @param stride the step between windows, down and across
     * @param padding added on every side (zeros)
     * @param rng the random generator to draw from
     * @throws IllegalArgumentException if a size is not positive, the padding is negative, or
     *     {@code rng} is null
     */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Random rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {1, 1}, 1, true, rng);
    }

    /**
     * A convolution with every setting given: {@code (h, w)} pairs for the kernel, stride, padding
     * and dilation.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the window size, {@code {h, w}}
     * @param stride the step between windows, {@code {h, w}}
     * @param padding the zeros added on each side, {@code {h, w}}
     * @param dilation the spacing between kernel elements, {@code {h, w}}
     * @param groups divides both {@code in} and {@code out}: the channels are split into that many
     *     independent convolutions
     * @param bias whether the layer has a bias
     * @param rng the random generator to draw from
     * @throws IllegalArgumentException if a pair does not have two entries, a size, stride or
     *     dilation is not positive, a padding is negative, {@code groups} does not divide the channel
     *     counts, or {@code rng} is null
     */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias, Random rng) {
        Init.check("Conv2d", rng);
        this.kernel = pair("kernel", kernel, 1);
        this.stride = pair("stride", stride, 1);
        this.padding = pair("padding", padding, 0);
        this.dilation = pair("dilation", dilation, 1);
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in " + in + " and out " + out + " channels must be ≥ 1 and"
                    + " divisible by groups " + groups);
        }
        this.inChannels = in;
        this.outChannels = out;
        this.groups = groups;
        double bound = Init.kaimingBound(in / groups * this.kernel[0] * this.kernel[1]);
        this.weight = registerParameter("weight", Init.uniform(rng, bound, out, in / groups, this.kernel[0],
                this.kernel[1]));
        this.bias = bias ? registerParameter("bias", Init.uniform(rng, bound, out)) : null;
    }

    /**
     * A convolution with the given parameters (they are made to require grad): weight
     * {@code (out, in, kh, kw)}, bias {@code (out,)} or {@code null}, one group, no dilation.
     *
     * @param weight {@code (out, in/groups, kh, kw)}
     * @param bias {@code (out,)}, or null for none
     * @param stride the step between windows, down and across
     * @param padding added on every side (zeros)
     * @throws IllegalArgumentException if the weight is not 4-d, the bias does not fit, the stride
     *     is not positive or the padding is negative
     */
    public Conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        if (weight == null || weight.dim() != 4) {
            throw new IllegalArgumentException("Conv2d: the weight must be 4-d (out, in, kh, kw), got "
                    + (weight == null ? "null" : "shape " + weight.shape()));
        }
        int out = weight.shape().get(0);
        if (bias != null && !bias.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException("Conv2d: bias of shape " + bias.shape() + " does not fit weight of shape "
                    + weight.shape() + "; it must be (" + out + ",)");
        }
        this.kernel = new int[] {weight.shape().get(2), weight.shape().get(3)};
        this.stride = pair("stride", new int[] {stride, stride}, 1);
        this.padding = pair("padding", new int[] {padding, padding}, 0);
        this.dilation = new int[] {1, 1};
        this.groups = 1;
        this.inChannels = weight.shape().get(1);
        this.outChannels = out;
        this.weight = registerParameter("weight", weight);
        this.bias = bias == null ? null : registerParameter("bias", bias);
    }

    private static int[] pair(String what, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min) {
            throw new IllegalArgumentException("Conv2d: " + what + " must be two values ≥ " + min + ", got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        return v.clone();
    }

    /**
     * @param input {@code (N, in, H, W)} or {@code (in, H, W)}
     * @return {@code (N, out, H', W')} or {@code (out, H', W')}
     * @throws IllegalArgumentException if the input does not fit (see {@link Functional#conv2d})
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** {@return the weight {@code (out, in/groups, kh, kw)}} */
    public Tensor weight() {
        return weight;
    }

    /** {@return the bias {@code (out,)}, or {@code null}} */
    public Tensor bias() {
        return bias;
    }

    /** @return {@code 1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)}, as PyTorch prints it */
    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder(inChannels + ", " + outChannels + ", kernel_size=" + tuple(kernel)
                + ", stride=" + tuple(stride));
        if (padding[0] != 0 || padding[1] != 0) {
            s.append(", padding=").append(tuple(padding));
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            s.append(", dilation=").append(tuple(dilation));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }

    static String tuple(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }
}
