package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CNN example: a short run on generated images, the model's shapes, the missing-data message. */
class FashionCnnTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnATinyGeneratedDataSet() throws IOException {
        Random rng = new Random(5);
        FashionMnistTest.writeSet(dir, "train", 300, rng, true);
        FashionMnistTest.writeSet(dir, "t10k", 120, rng, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FashionCnn.Result r = FashionCnn.run(new FashionCnn.Options(dir, 1, 0, 0, dir.resolve("out")),
                new Progress(out, false), out);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.model()).exists();
        assertThat(r.curves()).exists();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("300 training and 120 test images")
                .contains("float32").contains("epoch 1/1");
    }

    @Test
    void theModelIsFloat32AndMapsImagesToTenLogits() {
        Sequential m = FashionCnn.model(new Random(0));
        assertThat(m.dtype()).isEqualTo(DType.FLOAT32);
        Tensor y = m.call(Tensor.zeros(DType.FLOAT32, 2, 1, 28, 28));
        assertThat(y.shape().toArray()).containsExactly(2, 10);
        assertThat(m.namedParameters().keySet()).contains("0.weight", "1.weight", "4.weight", "5.bias", "9.weight", "11.bias");
        assertThat(m.namedBuffers().keySet()).contains("1.running_mean", "5.num_batches_tracked");
    }

    @Test
    void absentDataIsExplained() {
        assertThatThrownBy(() -> FashionCnn.run(new FashionCnn.Options(dir.resolve("none"), 1, 0, 0, dir),
                new Progress(new PrintStream(new ByteArrayOutputStream()), false), System.out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apt-get install dataset-fashion-mnist");
    }
}
