package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.optim.SGD;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop of docs/nn.md, run as it is printed there. */
class DocsTrainingLoopTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the scopes only set the grad mode
    void trainingLoopFromTheDocs() {
        Path file = dir.resolve("xor.safetensors");
        // --- docs/nn.md: training loop ---
        Random rng = new Random(0);
        Sequential model = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 2, rng));
        SGD opt = new SGD(model.parameters(), 0.1).momentum(0.9);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();

        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        int[] y = {0, 1, 1, 0};

        model.train();
        for (int epoch = 0; epoch < 200; epoch++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            opt.step();
        }

        model.eval();
        model.save(file);                       // 0.weight, 0.bias, 2.weight, 2.bias as F64

        Sequential restored = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
        restored.load(file);
        try (var noGrad = GradMode.noGrad()) {
            Tensor logits = restored.forward(x);  // (4, 2), the same as model.forward(x)
        }
        // --- end ---
        try (var noGrad = GradMode.noGrad()) {
            Tensor logits = restored.forward(x);
            assertThat(logits.toArray()).containsExactly(model.forward(x).toArray());
            assertThat(lossFn.forward(logits, y).item()).isLessThan(0.01);
            for (int i = 0; i < 4; i++) {
                assertThat(logits.getDouble(i, y[i])).isGreaterThan(logits.getDouble(i, 1 - y[i]));
            }
        }
    }

    @Test
    void theDocsShowThisTestsLoopLineForLine() throws IOException {
        List<String> doc = block(Files.readAllLines(Path.of("docs/nn.md"), StandardCharsets.UTF_8),
                "<!-- training-loop: DocsTrainingLoopTest -->", "```");
        List<String> test = block(Files.readAllLines(Path.of("src/test/java/io/jgrad/nn/DocsTrainingLoopTest.java"),
                StandardCharsets.UTF_8), "// --- docs/nn.md: training loop ---", "// --- end ---");
        assertThat(doc).isNotEmpty().isEqualTo(test);
    }

    // the stripped, non-blank lines after the line containing `start` (and a ``` fence) up to `end`
    private static List<String> block(List<String> lines, String start, String end) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains(start)) {
            i++;
        }
        i++;
        if (i < lines.size() && lines.get(i).strip().startsWith("```")) {
            i++;
        }
        for (; i < lines.size() && !lines.get(i).strip().equals(end); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i).strip());
            }
        }
        return out;
    }
}
