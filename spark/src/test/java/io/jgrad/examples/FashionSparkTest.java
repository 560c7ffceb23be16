package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.spark.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fashion-spark example on a tiny synthetic Fashion-MNIST written as IDX files by the test. */
class FashionSparkTest {

    @TempDir
    Path dir;

    // n images of 28×28 whose class shows as a bright row band, and their labels, as gzipped IDX
    private static void writeSplit(Path dir, String split, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(10);
            labels[i] = (byte) label;
            for (int j = 0; j < 784; j++) {
                int band = (j / 28) / 3 == label ? 200 : 0;
                pixels[i * 784 + j] = (byte) Math.min(255, band + rng.nextInt(40));
            }
        }
        write(dir.resolve(split + "-images-idx3-ubyte.gz"), new int[] {0x00000803, n, 28, 28}, pixels);
        write(dir.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {0x00000801, n}, labels);
    }

    private static void write(Path file, int[] header, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            for (int h : header) {
                out.writeInt(h);
            }
            out.write(data);
        }
    }

    @Test
    void trainsOnSparkPrintsStepsAndAccuracyAndVerifiesTheBits() throws IOException {
        writeSplit(dir, "train", 96, 1);
        writeSplit(dir, "t10k", 40, 2);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        FashionSpark.Options o = new FashionSpark.Options(dir.toString(), "local[2]", 2, 16, 2, 0,
                dir.resolve("out"), true);
        FashionSpark.Result r = FashionSpark.run(LocalSpark.context("local[2]"), o,
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("96 training and 40 test images read by Spark");
        assertThat(printed).contains("epoch 1/2 step    1/6  loss ").contains("epoch 2/2 step    6/6  loss ")
                .contains(" samples/s  down ").contains("  up ");
        assertThat(printed).containsPattern("test accuracy: \\d+\\.\\d\\d% \\(\\d+ of 40\\)");
        assertThat(printed).contains("the parameters of fit on Spark and of fitLocal are equal bit for bit (203530 values)");
        assertThat(r.bitForBit()).isTrue();
        assertThat(r.history().steps()).isEqualTo(12);
        assertThat(r.testAccuracy()).as("the bands are easy").isGreaterThan(0.5);
        assertThat(dir.resolve("out/fashion-spark.safetensors")).exists();
    }

    @Test
    void theCnnTrainsOnSparkWithItsBatchNormBuffersAndVerifiesTheBits() throws IOException {
        writeSplit(dir, "train", 64, 3);
        writeSplit(dir, "t10k", 20, 4);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        FashionSpark.Options o = new FashionSpark.Options(dir.toString(), "local[2]", 2, 16, 1, 0,
                dir.resolve("out"), true, "cnn");
        FashionSpark.Result r = FashionSpark.run(LocalSpark.context("local[2]"), o,
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("model: CNN conv 3x3 32").contains("421834 parameters and 194 buffer values")
                .contains("epoch 1/1 step    4/4  loss ");
        assertThat(printed).containsPattern("test accuracy: \\d+\\.\\d\\d% \\(\\d+ of 20\\)");
        // 421,834 parameters, 2 · (32 + 32 + 64 + 64) running statistics and 2 batch counts
        assertThat(printed).contains("the parameters and buffers of fit on Spark and of fitLocal are equal bit for bit"
                + " (422028 values)");
        assertThat(r.bitForBit()).isTrue();
        assertThat(dir.resolve("out/fashion-spark-cnn.safetensors")).exists();
    }

    @Test
    void missingFilesAreExplained() {
        FashionSpark.Options o = new FashionSpark.Options(dir.resolve("none").toString(), "local[2]", 2, 16, 1, 0,
                dir.resolve("out"), false);
        assertThatThrownBy(() -> FashionSpark.run(LocalSpark.context("local[2]"), o, System.out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataset-fashion-mnist")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
    }
}
