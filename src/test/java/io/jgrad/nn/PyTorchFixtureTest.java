package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PyTorch {@code Sequential(Linear(4, 8), ReLU(), Linear(8, 3))} saved by PyTorch as safetensors
 * in F64 and in F32, with the logits, mean cross-entropy and parameter gradients PyTorch computed for
 * one batch ({@code fixtures/mlp-4-8-3-expected.json}).
 *
 * <p>The weights were drawn in float32 and widened: every F64 value is exactly representable in
 * float32, and the F32 file holds the same numbers. The F32 file loads as FLOAT32 tensors, which
 * widen exactly to the F64 file's doubles, so a float64 model loaded from either reproduces
 * PyTorch's float64 results to 1e-12, the F32 one included (checked by
 * {@link #bothFilesHoldTheSameValues()}).
 */
class PyTorchFixtureTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(PyTorchFixtureTest.class.getResource("/fixtures/" + name).toURI());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected() throws IOException {
        try (InputStream in = PyTorchFixtureTest.class.getResourceAsStream("/fixtures/mlp-4-8-3-expected.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // a JSON array of numbers (any nesting) as a flat row-major array
    private static double[] flat(Object json) {
        List<?> list = (List<?>) json;
        if (list.isEmpty() || !(list.get(0) instanceof List)) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).doubleValue();
            }
            return out;
        }
        double[][] parts = new double[list.size()][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = flat(list.get(i));
            n += parts[i].length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-4-8-3-f64.safetensors", "mlp-4-8-3-f32.safetensors"})
    void reproducesPyTorchsLogitsLossAndGradients(String file) throws Exception {
        Map<String, Object> expected = expected();
        Sequential model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        model.load(fixture(file));

        List<?> inputRows = (List<?>) expected.get("input");
        Tensor x = Tensor.fromArray(flat(inputRows), inputRows.size(), 4);
        List<?> targetList = (List<?>) expected.get("targets");
        int[] targets = new int[targetList.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = ((Long) targetList.get(i)).intValue();
        }

        Tensor logits = model.forward(x);
        assertThat(logits.shape().toString()).isEqualTo("(5, 3)");
        assertThat(logits.toArray()).containsExactly(flat(expected.get("logits")), within(1e-12));

        Tensor loss = new CrossEntropyLoss().forward(logits, targets);
        assertThat(loss.item()).isCloseTo(((Number) expected.get("cross_entropy_mean")).doubleValue(), within(1e-12));

        loss.backward();
        @SuppressWarnings("unchecked")
        Map<String, Object> grads = (Map<String, Object>) expected.get("grads");
        Map<String, Tensor> params = model.namedParameters();
        assertThat(params.keySet()).containsExactlyElementsOf(grads.keySet());
        for (Map.Entry<String, Object> e : grads.entrySet()) {
            assertThat(params.get(e.getKey()).grad().toArray()).as(e.getKey())
                    .containsExactly(flat(e.getValue()), within(1e-12));
        }
    }

    @Test
    void bothFilesHoldTheSameValues() throws Exception {
        Map<String, Tensor> f64 = SafeTensors.load(fixture("mlp-4-8-3-f64.safetensors"));
        Map<String, Tensor> f32 = SafeTensors.load(fixture("mlp-4-8-3-f32.safetensors"));
        assertThat(f64.keySet()).containsExactly("0.bias", "0.weight", "2.bias", "2.weight");
        assertThat(f32.keySet()).containsExactlyElementsOf(f64.keySet());
        for (String k : f64.keySet()) {
            assertThat(f64.get(k).dtype()).isEqualTo(DType.FLOAT64);
            // the file's dtype is kept, so the F32 values are widened here, explicitly
            assertThat(f32.get(k).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(f32.get(k).shape()).isEqualTo(f64.get(k).shape());
            assertThat(f32.get(k).to(DType.FLOAT64).toArray()).as(k).containsExactly(f64.get(k).toArray());
            for (double v : f64.get(k).toArray()) {
                assertThat((double) (float) v).isEqualTo(v);
            }
        }
    }

    @Test
    void jgradWritesTheSameBytesAsPyTorch(@TempDir Path dir) throws Exception {
        Path pytorch = fixture("mlp-4-8-3-f64.safetensors");
        Sequential model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        model.load(pytorch);
        Path out = dir.resolve("mlp.safetensors");
        model.save(out);
        // same sorted names, field order, offsets, padding and little-endian doubles
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(pytorch));
    }
}
