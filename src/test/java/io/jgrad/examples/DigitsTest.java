package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.SafeTensors;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTest {

    @TempDir
    Path dir;

    @Test
    void bundledDataIsTheDigitsSet() throws IOException {
        TensorDataset digits = Digits.load();
        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.sampleShape()).isEqualTo(Shape.of(64));
        double max = 0;
        int[] perClass = new int[10];
        for (int i = 0; i < digits.size(); i++) {
            perClass[digits.get(i).label()]++;
        }
        for (double v : digits.features().toArray()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1.0); // 16 / 16
        for (int n : perClass) {
            assertThat(n).isBetween(170, 190);
        }
    }

    @Test
    void theReadmeRunReachesItsAccuracyAndWritesItsFiles() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Digits.Result r = Digits.run(new Digits.Options(30, 0, dir), new Progress(out, false), out);

        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.96);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1437 training and 360 test images");
        assertThat(text.lines().filter(l -> l.startsWith("epoch "))).hasSize(30);
        assertThat(text).contains("epoch 30/30 [========================] 100%").contains("samples/s");
        assertThat(text).containsPattern("test accuracy: 9\\d\\.\\d\\d% \\(\\d+ of 360\\) after 30 epochs");

        Map<String, Tensor> saved = SafeTensors.load(r.model());
        assertThat(saved.keySet()).containsExactlyInAnyOrder(
                "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(saved.get("0.weight").shape()).isEqualTo(Shape.of(128, 64));
        assertThat(saved.get("4.weight").shape()).isEqualTo(Shape.of(10, 64));

        BufferedImage png = ImageIO.read(r.curves().toFile());
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(480);
        assertThat(r.history().size()).isEqualTo(30);
    }

    @Test
    void aShortRunFromAnotherSeedAlreadyReads93Percent() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Digits.Result r = Digits.run(new Digits.Options(8, 1, dir), new Progress(quiet, false), quiet);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new Digits.Options(0, 0, dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--epochs");
    }
}
