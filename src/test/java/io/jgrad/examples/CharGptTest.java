package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPT example: nanoGPT's parameter names and tying, a short training run, sampling. */
class CharGptTest {

    @TempDir
    Path dir;

    @Test
    void theModelHasNanoGptsParameterNamesAndTiesTheHead() {
        Gpt g = new Gpt(new Gpt.Config(8, 27, 2, 2, 16, 0.0), new Random(0));
        Map<String, Tensor> named = g.namedParameters();
        assertThat(named.keySet()).startsWith("transformer.wte.weight", "transformer.wpe.weight",
                "transformer.h.0.ln_1.weight", "transformer.h.0.ln_1.bias", "transformer.h.0.attn.c_attn.weight",
                "transformer.h.0.attn.c_attn.bias", "transformer.h.0.attn.c_proj.weight");
        assertThat(named).containsKey("transformer.ln_f.bias").doesNotContainKey("lm_head.weight");
        assertThat(g.stateDict()).containsKey("lm_head.weight");
        assertThat(g.stateDict().get("lm_head.weight").toArray())
                .containsExactly(g.stateDict().get("transformer.wte.weight").toArray());
        Tensor logits = g.call(Tensor.fromArray(new long[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(logits.shape().toArray()).containsExactly(2, 3, 27);
        // causal: the logits at position 0 do not depend on later tokens
        Tensor other = g.call(Tensor.fromArray(new long[] {1, 9, 9, 4, 5, 6}, 2, 3));
        for (int v = 0; v < 27; v++) {
            assertThat(other.getDouble(0, 0, v)).isEqualTo(logits.getDouble(0, 0, v));
        }
    }

    @Test
    void aShortRunLearnsAndSamplesNames() throws IOException {
        Path text = dir.resolve("names.txt");
        Files.writeString(text, CharGpt.names().substring(0, 20_000), StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CharGpt.Result r = CharGpt.run(new CharGpt.Options(text, 60, 16, 16, 1, 2, 16, 3e-3, 30, 3, 0,
                dir.resolve("out"), dir.resolve("init.safetensors")), out);
        // a uniform guess over 27 characters costs ln 27 = 3.30 nats
        assertThat(r.valLoss()).isLessThan(3.0);
        assertThat(r.samples()).hasSize(3);
        for (String s : r.samples()) {
            assertThat(s).matches("[a-z]*");
        }
        assertThat(dir.resolve("out/char-gpt.safetensors")).exists();
        assertThat(SafeTensors.load(dir.resolve("init.safetensors")).get("transformer.wte.weight").dtype())
                .isEqualTo(DType.FLOAT32);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("validation loss").contains("samples");
    }

    @Test
    void samplingDrawsOnlyFromTheTopK() {
        Random rng = new Random(1);
        double[] logits = {0, 5, 4, -1, 3};
        for (int i = 0; i < 200; i++) {
            int s = Sampling.sample(logits, 2, rng);
            assertThat(s).isIn(1, 2);
        }
        int[] counts = new int[5];
        for (int i = 0; i < 5000; i++) {
            counts[Sampling.sample(logits, 0, rng)]++;
        }
        assertThat(counts[1]).isGreaterThan(counts[2]).isGreaterThan(counts[4]);
        assertThat(CharGpt.learningRate(0, 1000, 1e-3)).isEqualTo(1e-5);
        assertThat(CharGpt.learningRate(99, 1000, 1e-3)).isEqualTo(1e-3);
        assertThat(CharGpt.learningRate(999, 1000, 1e-3)).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-8));
    }
}
