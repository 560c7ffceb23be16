package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void absentDataIsExplained() {
        Path empty = dir.resolve("nothing-here");
        String message = FashionMnist.missingData(empty);
        assertThat(message)
                .contains(empty.toString())
                .contains("train-images-idx3-ubyte.gz")
                .contains("apt-get install dataset-fashion-mnist")
                .contains("/usr/share/datasets/fashion-mnist")
                .contains("zalandoresearch/fashion-mnist")
                .contains("--data DIR");
        assertThatThrownBy(() -> FashionMnist.run(new FashionMnist.Options(empty, 1, 0, dir),
                new Progress(new PrintStream(new ByteArrayOutputStream()), false), System.out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void mainExitsWithStatus2WhenTheDataIsAbsent() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.jgrad.examples.FashionMnist", "--data", dir.resolve("absent").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("apt-get install dataset-fashion-mnist").contains("absent");
    }

    @Test
    void trainsOnATinyGeneratedDataSet() throws IOException {
        // 28x28 images of ten classes: class k is a bright 7x7 square at its own place, plus noise
        Random rng = new Random(5);
        writeSet(dir, "train", 600, rng, true);
        writeSet(dir, "t10k", 200, rng, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FashionMnist.Result r = FashionMnist.run(new FashionMnist.Options(dir, 3, 0, dir.resolve("out")),
                new Progress(out, false), out);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.model()).exists();
        assertThat(r.curves()).exists();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("600 training and 200 test images").contains("epoch 3/3");
    }

    static void writeSet(Path dir, String prefix, int n, Random rng, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            labels[i] = (byte) k;
            int top = 7 * (k / 4);
            int left = 7 * (k % 4);
            for (int p = 0; p < 784; p++) {
                int r = p / 28;
                int c = p % 28;
                boolean on = r >= top && r < top + 7 && c >= left && c < left + 7;
                pixels[i * 784 + p] = (byte) (on ? 200 + rng.nextInt(56) : rng.nextInt(60));
            }
        }
        String gz = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), 0x803, new int[] {n, 28, 28}, pixels, gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), 0x801, new int[] {n}, labels, gzip);
    }

    private static void write(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
