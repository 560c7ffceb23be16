package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file: header for {@code type} and {@code dims}, then {@code payload} as given. */
    static byte[] idx(int type, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    /** {@code n} images of 2×3 pixels, pixel j of image i = 10 i + j; labels i % 10. */
    static byte[] images(int n) throws IOException {
        byte[] px = new byte[n * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (10 * (i / 6) + i % 6);
        }
        return idx(0x08, new int[] {n, 2, 3}, px);
    }

    static byte[] labels(int n) throws IOException {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return idx(0x08, new int[] {n}, l);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    @Test
    void readsImagesAndLabelsPlainAndGzipped() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path img = gz ? gzip("img.gz", images(20)) : file("img", images(20));
            Path lab = gz ? gzip("lab.gz", labels(20)) : file("lab", labels(20));
            Tensor x = Idx.readImages(img);
            assertThat(x.shape()).isEqualTo(Shape.of(20, 2, 3));
            assertThat(x.getDouble(19, 1, 2)).isEqualTo(195); // above 127: read as unsigned
            assertThat(Idx.readLabels(lab)).startsWith(0, 1, 2).endsWith(8, 9);
            TensorDataset ds = Idx.readDataset(img, lab);
            assertThat(ds.size()).isEqualTo(20);
            assertThat(ds.get(19).x().getDouble(1, 2)).isCloseTo(195 / 255.0, within(1e-15));
            assertThat(ds.get(13).label()).isEqualTo(3);
        }
    }

    @Test
    void readsEveryElementType() throws IOException {
        assertThat(Idx.read(file("s8", idx(0x09, new int[] {2}, new byte[] {-3, 4}))).toArray())
                .containsExactly(-3, 4);
        assertThat(Idx.read(file("i16", idx(0x0B, new int[] {2}, new byte[] {(byte) 0xff, (byte) 0xfe, 1, 0})))
                .toArray()).containsExactly(-2, 256);
        assertThat(Idx.read(file("i32", idx(0x0C, new int[] {1, 1}, new byte[] {0, 1, 0, 0}))).shape())
                .isEqualTo(Shape.of(1, 1));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeFloat(1.5f);
        d.writeDouble(-2.25);
        byte[] both = b.toByteArray();
        assertThat(Idx.read(file("f32", idx(0x0D, new int[] {1}, Arrays.copyOf(both, 4)))).toArray())
                .containsExactly(1.5);
        assertThat(Idx.read(file("f64", idx(0x0E, new int[] {1}, Arrays.copyOfRange(both, 4, 12)))).toArray())
                .containsExactly(-2.25);
    }

    @Test
    void emptyFileSetIsFine() throws IOException {
        assertThat(Idx.readImages(file("none", idx(0x08, new int[] {0, 28, 28}, new byte[0]))).shape())
                .isEqualTo(Shape.of(0, 28, 28));
    }

    @Test
    void labelFilePassedAsImagesIsAWrongMagicNumber() throws IOException {
        Path lab = file("train-labels", labels(5));
        assertThatThrownBy(() -> Idx.readImages(lab))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(lab.toString())
                .hasMessageContaining("0x00000801")
                .hasMessageContaining("0x00000803");
        Path img = gzip("train-images.gz", images(5));
        assertThatThrownBy(() -> Idx.readLabels(img))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("train-images.gz")
                .hasMessageContaining("label");
    }

    @Test
    void notIdxAtAll() throws IOException {
        Path png = file("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertThatThrownBy(() -> Idx.read(png))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("picture.png")
                .hasMessageContaining("not IDX");
        Path badType = file("bad-type", idx(0x07, new int[] {1}, new byte[] {1}));
        assertThatThrownBy(() -> Idx.read(badType)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("0x00000701");
    }

    @Test
    void truncatedDataSaysHowMuchWasDeclared() throws IOException {
        byte[] full = images(10);
        for (boolean gz : new boolean[] {false, true}) {
            byte[] cut = Arrays.copyOf(full, full.length - 7);
            Path p = gz ? gzip("cut.gz", cut) : file("cut", cut);
            assertThatThrownBy(() -> Idx.readImages(p))
                    .isInstanceOf(MalformedDataException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("truncated")
                    .hasMessageContaining("10×2×3 = 60 values")
                    .hasMessageContaining("only 53 bytes follow the header");
        }
    }

    @Test
    void truncatedHeader() throws IOException {
        Path p = file("short", Arrays.copyOf(images(1), 9));
        assertThatThrownBy(() -> Idx.readImages(p))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("short")
                .hasMessageContaining("header");
        Path empty = file("empty", new byte[0]);
        assertThatThrownBy(() -> Idx.read(empty)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void extraBytesAfterTheData() throws IOException {
        byte[] full = images(3);
        Path p = file("long", Arrays.copyOf(full, full.length + 1));
        assertThatThrownBy(() -> Idx.readImages(p))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("long")
                .hasMessageContaining("longer than its header declares");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] gz;
        Path whole = gzip("whole.gz", images(200));
        gz = Files.readAllBytes(whole);
        Path cut = file("cut-stream.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.readImages(cut))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("cut-stream.gz")
                .hasMessageContaining("the compressed data ends early");
        byte[] broken = gz.clone();
        broken[3] = (byte) 0xff; // reserved flag bits: the gzip header is invalid
        Path bad = file("bad-header.gz", broken);
        assertThatThrownBy(() -> Idx.readImages(bad))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("bad-header.gz")
                .hasMessageContaining("gzip");
    }

    @Test
    void imagesAndLabelsMustAgreeInCount() throws IOException {
        Path img = file("img", images(10));
        Path lab = file("lab", labels(9));
        assertThatThrownBy(() -> Idx.readDataset(img, lab))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(img.toString())
                .hasMessageContaining(lab.toString())
                .hasMessageContaining("10 images")
                .hasMessageContaining("9 labels");
    }
}
