package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.GradCheck;
import io.jgrad.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract-v2 layers for CNNs: each against its functional form, PyTorch's parameter names,
 * shapes, default initialisation and printout, and a gradient check through the layer.
 */
class LayersV2Test {

    @Test
    void conv2dHasPyTorchsParametersInitialisationAndForward() {
        Conv2d conv = new Conv2d(2, 4, 3, 1, 1, new Random(7));
        assertThat(conv.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(conv.weight().shape().toArray()).containsExactly(4, 2, 3, 3);
        assertThat(conv.bias().shape().toArray()).containsExactly(4);
        // uniform in [-1/√fanIn, 1/√fanIn), fanIn = 2·3·3, weight row-major then bias, from the rng
        Random r = new Random(7);
        double bound = 1 / Math.sqrt(18);
        for (double w : conv.weight().toArray()) {
            assertThat(w).isEqualTo(-bound + 2 * bound * r.nextDouble());
        }
        for (double b : conv.bias().toArray()) {
            assertThat(b).isEqualTo(-bound + 2 * bound * r.nextDouble());
        }
        Tensor x = Tensor.randn(new Random(1), 2, 2, 5, 5);
        assertThat(conv.call(x).toArray()).containsExactly(
                Functional.conv2d(x, conv.weight(), conv.bias(), 1, 1).toArray());
        assertThat(conv.call(x).shape().toArray()).containsExactly(2, 4, 5, 5);

        Conv2d grouped = new Conv2d(4, 8, new int[] {3, 5}, new int[] {2, 1}, new int[] {0, 2}, new int[] {1, 2}, 2,
                false, new Random(0));
        assertThat(grouped.weight().shape().toArray()).containsExactly(8, 2, 3, 5);
        assertThat(grouped.bias()).isNull();
        assertThat(grouped.namedParameters().keySet()).containsExactly("weight");

        Conv2d given = new Conv2d(Tensor.ones(3, 2, 1, 1), Tensor.zeros(3), 1, 0);
        assertThat(given.weight().requiresGrad()).isTrue();
        assertThat(given.call(Tensor.ones(2, 4, 4)).shape().toArray()).containsExactly(3, 4, 4);

        assertThatThrownBy(() -> new Conv2d(3, 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, 2, true, new Random(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups 2");
        assertThatThrownBy(() -> new Conv2d(1, 1, 0, new Random(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel");
        assertThatThrownBy(() -> new Conv2d(Tensor.ones(3, 2), null, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 2)");
        assertThatThrownBy(() -> new Conv2d(1, 1, 3, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rng");
    }

    @Test
    void layersPrintAsPyTorchPrintsThem() {
        // print(nn.Sequential(nn.Conv2d(1,32,3,padding=1), nn.Conv2d(4,8,(3,5),stride=(2,1),padding=(0,2),
        //       dilation=(1,2),groups=2,bias=False), nn.MaxPool2d(2), nn.AvgPool2d(3,1,1), nn.AdaptiveAvgPool2d((1,1)),
        //       nn.Flatten(), nn.Identity(), nn.GELU(), nn.SiLU(), nn.LeakyReLU(0.01), nn.LeakyReLU(1e-5),
        //       nn.Softmax(1), nn.LogSoftmax(-1)))   -- torch 2.13
        Sequential s = new Sequential(new Conv2d(1, 32, 3, 1, 1, new Random(0)),
                new Conv2d(4, 8, new int[] {3, 5}, new int[] {2, 1}, new int[] {0, 2}, new int[] {1, 2}, 2, false,
                        new Random(0)),
                new MaxPool2d(2), new AvgPool2d(3, 1, 1), new AdaptiveAvgPool2d(1, 1), new Flatten(), new Identity(),
                new GELU(), new SiLU(), new LeakyReLU(0.01), new LeakyReLU(1e-5), new Softmax(1), new LogSoftmax(-1));
        assertThat(s.toString()).isEqualTo(String.join("\n",
                "Sequential(",
                "  (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
                "  (1): Conv2d(4, 8, kernel_size=(3, 5), stride=(2, 1), padding=(0, 2), dilation=(1, 2), groups=2,"
                        + " bias=False)",
                "  (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                "  (3): AvgPool2d(kernel_size=3, stride=1, padding=1)",
                "  (4): AdaptiveAvgPool2d(output_size=(1, 1))",
                "  (5): Flatten(start_dim=1, end_dim=-1)",
                "  (6): Identity()",
                "  (7): GELU(approximate='none')",
                "  (8): SiLU()",
                "  (9): LeakyReLU(negative_slope=0.01)",
                "  (10): LeakyReLU(negative_slope=1e-05)",
                "  (11): Softmax(dim=1)",
                "  (12): LogSoftmax(dim=-1)",
                ")"));
        assertThat(Repr.number(1e-4)).isEqualTo("0.0001");
        assertThat(Repr.number(2.5e-7)).isEqualTo("2.5e-07");
        assertThat(Repr.number(3)).isEqualTo("3.0");
        assertThat(Repr.number(1e16)).isEqualTo("1e+16");
    }

    @Test
    void parameterFreeLayersApplyTheirFunction() {
        Tensor x = Tensor.randn(new Random(2), 2, 3, 4, 4);
        assertThat(new MaxPool2d(2).call(x).toArray()).containsExactly(Functional.maxPool2d(x, 2).toArray());
        assertThat(new MaxPool2d(3, 1, 1).call(x).shape().toArray()).containsExactly(2, 3, 4, 4);
        assertThat(new AvgPool2d(2).call(x).toArray()).containsExactly(Functional.avgPool2d(x, 2).toArray());
        assertThat(new AdaptiveAvgPool2d(1, 1).call(x).toArray())
                .containsExactly(Functional.adaptiveAvgPool2d(x, 1, 1).toArray());
        assertThat(new Flatten().call(x).shape().toArray()).containsExactly(2, 48);
        assertThat(new Identity().call(x)).isSameAs(x);
        assertThat(new GELU().call(x).toArray()).containsExactly(x.gelu().toArray());
        assertThat(new SiLU().call(x).toArray()).containsExactly(x.silu().toArray());
        assertThat(new LeakyReLU(0.2).call(x).toArray()).containsExactly(x.leakyRelu(0.2).toArray());
        assertThat(new Softmax(1).call(x).toArray()).containsExactly(x.softmax(1).toArray());
        assertThat(new LogSoftmax(-1).call(x).toArray()).containsExactly(x.logSoftmax(-1).toArray());
        assertThat(new MaxPool2d(2).parameters()).isEmpty();
        assertThatThrownBy(() -> new MaxPool2d(2, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding 2");
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSmallCnnDifferentiatesAndRunsInFloat32() {
        Sequential cnn = new Sequential(new Conv2d(1, 3, 3, 1, 1, new Random(0)), new GELU(), new MaxPool2d(2),
                new Flatten(), new Linear(12, 2, new Random(1)));
        Tensor x = Tensor.randn(new Random(3), 2, 1, 4, 4);
        // the layer stack differentiates as its functional form: conv → gelu → pool → flatten → linear
        Conv2d conv = (Conv2d) cnn.layers().get(0);
        Linear lin = (Linear) cnn.layers().get(4);
        GradCheck.check("conv-gelu-pool-linear", t -> Functional.maxPool2d(
                Functional.conv2d(x, t.get(0), t.get(1), 1, 1).gelu(), 2).flatten(1, -1).matmul(t.get(2).t()),
                List.of(conv.weight().detach(), conv.bias().detach(), lin.weight().detach()), 5);
        cnn.to(DType.FLOAT32);
        Tensor y = cnn.call(x.to(DType.FLOAT32));
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        y.sum().backward();
        assertThat(((Conv2d) cnn.layers().get(0)).weight().grad().dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void normalisationAndEmbeddingLayersFollowPyTorch() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertThat(bn.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(bn.namedBuffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
        assertThat(bn.weight().toArray()).containsExactly(1, 1, 1);
        assertThat(bn.runningVar().toArray()).containsExactly(1, 1, 1);
        assertThat(bn.numBatchesTracked().dtype()).isEqualTo(DType.INT64);
        Tensor x = Tensor.randn(new Random(4), 4, 3, 2, 2);
        Tensor y = bn.call(x);
        assertThat(bn.numBatchesTracked().item()).isEqualTo(1.0);
        Tensor expected = Functional.batchNorm(x, Tensor.zeros(3), Tensor.ones(3), Tensor.ones(3), Tensor.zeros(3),
                true, 0.1, 1e-5);
        assertThat(y.toArray()).containsExactly(expected.toArray());
        bn.eval();
        bn.call(x);
        assertThat(bn.numBatchesTracked().item()).as("evaluation does not count").isEqualTo(1.0);
        assertThatThrownBy(() -> bn.call(Tensor.ones(3, 2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 2, 2)");
        assertThatThrownBy(() -> new BatchNorm1d(4).call(Tensor.ones(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels");
        assertThat(new BatchNorm1d(5).call(Tensor.randn(new Random(1), 4, 5, 7)).shape().toArray())
                .containsExactly(4, 5, 7);

        LayerNorm ln = new LayerNorm(4);
        assertThat(ln.namedParameters().keySet()).containsExactly("weight", "bias");
        Tensor z = Tensor.randn(new Random(5), 2, 3, 4);
        assertThat(ln.call(z).toArray()).containsExactly(
                Functional.layerNorm(z, new int[] {4}, ln.weight(), ln.bias(), 1e-5).toArray());
        assertThatThrownBy(() -> new LayerNorm()).isInstanceOf(IllegalArgumentException.class);

        Embedding emb = new Embedding(10, 3, new Random(6));
        Random r = new Random(6);
        for (double w : emb.weight().toArray()) {
            assertThat(w).isEqualTo(r.nextGaussian());
        }
        Tensor ids = Tensor.fromArray(new long[] {1, 9, 1, 0}, 2, 2);
        Tensor e = emb.call(ids);
        assertThat(e.shape().toArray()).containsExactly(2, 2, 3);
        e.sum().backward();
        assertThat(emb.weight().grad().getDouble(1, 0)).as("a repeated index accumulates").isEqualTo(2.0);
        assertThat(new Embedding(Tensor.ones(4, 2)).weight().requiresGrad()).isTrue();

        // print(nn.BatchNorm2d(32), nn.BatchNorm1d(10), nn.LayerNorm(128), nn.LayerNorm((4,5)), nn.Embedding(65,128))
        assertThat(new BatchNorm2d(32).toString())
                .isEqualTo("BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)");
        assertThat(new BatchNorm1d(10).toString())
                .isEqualTo("BatchNorm1d(10, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)");
        assertThat(new LayerNorm(128).toString()).isEqualTo("LayerNorm((128,), eps=1e-05, elementwise_affine=True, bias=True)");
        assertThat(new LayerNorm(4, 5).toString()).isEqualTo("LayerNorm((4, 5), eps=1e-05, elementwise_affine=True, bias=True)");
        assertThat(new Embedding(65, 128, new Random(0)).toString()).isEqualTo("Embedding(65, 128)");
    }
}
