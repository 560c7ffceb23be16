package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A small CNN with batch norm written by PyTorch ({@code src/test/python/cnn_fixture.py}): its
 * {@code state_dict} (after three SGD steps, so the running statistics are not their initial
 * values) loads into the same jgrad model by PyTorch's keys, and jgrad reproduces PyTorch's outputs
 * in evaluation and training mode, the loss, every gradient and the updated buffers, to 1e-12 in
 * float64 and 1e-5 in float32; and the model saved by jgrad holds PyTorch's keys, shapes and dtypes.
 */
class CnnFixtureTest {

    static Sequential model() {
        Random r = new Random(0); // the weights come from the file
        return new Sequential(
                new Conv2d(1, 4, 3, 1, 1, r), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Conv2d(4, 8, 3, 1, 1, r), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * 2 * 2, 3, r));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(String tag) throws IOException {
        try (InputStream in = CnnFixtureTest.class.getResourceAsStream("/fixtures/cnn-bn-expected.json")) {
            Map<String, Object> all = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (Map<String, Object>) all.get(tag);
        }
    }

    private static double[] numbers(Object json) {
        List<?> list = (List<?>) json;
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    private static void close(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).as(what + " size").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double t = tol * Math.max(1, Math.abs(expected[i]));
            assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(t);
        }
    }

    @ParameterizedTest
    @CsvSource({"f64, FLOAT64, 1e-12", "f32, FLOAT32, 1e-5"})
    @SuppressWarnings("unchecked")
    void reproducesPyTorch(String tag, DType dtype, double tol, @TempDir Path dir) throws Exception {
        Map<String, Tensor> file = SafeTensors.load(fixture("cnn-bn-" + tag + ".safetensors"));
        Tensor x = file.remove("input");
        assertThat(x.dtype()).isEqualTo(dtype);
        Sequential m = model();
        m.to(dtype);
        // the file sorts its tensors (safetensors' order); the state dict lists them as PyTorch does
        assertThat(m.stateDict().keySet()).as("PyTorch's state-dict keys").containsExactlyInAnyOrderElementsOf(
                file.keySet());
        assertThat(m.stateDict().keySet()).startsWith("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked", "4.weight");
        m.loadStateDict(file);
        assertThat(((BatchNorm) m.layers().get(1)).numBatchesTracked().item()).isEqualTo(3.0);
        int[] targets = {0, 2, 1, 2, 0};
        Map<String, Object> e = expected(tag);

        m.eval();
        close("eval output", m.call(x).toArray(), numbers(e.get("eval_output")), tol);
        m.train();
        Tensor out = m.call(x);
        assertThat(out.dtype()).isEqualTo(dtype);
        close("train output", out.toArray(), numbers(e.get("train_output")), tol);
        Tensor loss = new CrossEntropyLoss().forward(out, targets);
        close("loss", new double[] {loss.item()}, new double[] {((Number) e.get("loss")).doubleValue()}, tol);
        loss.backward();
        Map<String, Object> grads = (Map<String, Object>) e.get("grads");
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            assertThat(p.getValue().grad().dtype()).isEqualTo(dtype);
            close("grad " + p.getKey(), p.getValue().grad().toArray(), numbers(grads.get(p.getKey())), tol);
        }
        Map<String, Object> buffers = (Map<String, Object>) e.get("buffers_after");
        assertThat(m.namedBuffers().keySet()).containsExactlyElementsOf(buffers.keySet());
        for (Map.Entry<String, Tensor> b : m.namedBuffers().entrySet()) {
            close("buffer " + b.getKey(), b.getValue().toArray(), numbers(buffers.get(b.getKey())), tol);
        }
        assertThat(m.namedBuffers().get("1.num_batches_tracked").dtype()).isEqualTo(DType.INT64);

        // and back: jgrad's file holds the same keys, shapes and dtypes as PyTorch's
        Path saved = dir.resolve("cnn.safetensors");
        m.save(saved);
        Map<String, Tensor> again = SafeTensors.load(saved);
        assertThat(again.keySet()).containsExactlyInAnyOrderElementsOf(file.keySet());
        for (String k : file.keySet()) {
            assertThat(again.get(k).shape()).as(k).isEqualTo(file.get(k).shape());
            assertThat(again.get(k).dtype()).as(k).isEqualTo(file.get(k).dtype());
        }
        assertThat(Files.size(saved)).isPositive();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CnnFixtureTest.class.getResource("/fixtures/" + name).toURI());
    }

    static Map<String, Tensor> copy(Map<String, Tensor> m) {
        return new LinkedHashMap<>(m);
    }
}
