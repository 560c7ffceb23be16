package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void readsATable() throws IOException {
        Tensor t = Csv.read(write("t.csv", "1,2,3\n4.5, -6 ,7e1\n"), false);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.toArray()).containsExactly(1, 2, 3, 4.5, -6, 70);
    }

    @Test
    void skipsHeaderBlankLinesAndByteOrderMark() throws IOException {
        Tensor t = Csv.read(write("h.csv", "\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n\n"), true);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(t.toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path gz = writeGzip("looks-plain.csv", "1,2,0\n3,4,1\n");
        TensorDataset ds = Csv.readLabeled(gz, false, -1);
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.features().toArray()).containsExactly(1, 2, 3, 4);
        assertThat(ds.get(1).label()).isEqualTo(1);
        // and a plain file named .gz reads as plain
        assertThat(Csv.read(write("plain.csv.gz", "5,6\n"), false).toArray()).containsExactly(5, 6);
    }

    @Test
    void labelColumnAnywhere() throws IOException {
        Path p = write("l.csv", "x,label,y\n1,2,3\n4,0,6\n");
        TensorDataset first = Csv.readLabeled(p, true, 1);
        assertThat(first.features().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(first.features().toArray()).containsExactly(1, 3, 4, 6);
        assertThat(first.targets().toArray()).containsExactly(2, 0);
        TensorDataset negative = Csv.readLabeled(p, true, -2);
        assertThat(negative.features().toArray()).containsExactly(1, 3, 4, 6);
        TensorDataset leading = Csv.readLabeled(p, true, 0);
        assertThat(leading.features().toArray()).containsExactly(2, 3, 0, 6);
        assertThat(leading.targets().toArray()).containsExactly(1, 4);
    }

    @Test
    void streamsAreNamedInErrors() {
        byte[] bytes = "1,2\n3\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Csv.read(new ByteArrayInputStream(bytes), "resource:/d.csv", false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("resource:/d.csv line 2");
    }

    @Test
    void rowWithTooFewOrTooManyValuesNamesFileAndLine() throws IOException {
        Path few = write("few.csv", "1,2,3\n4,5,6\n7,8\n");
        assertThatThrownBy(() -> Csv.read(few, false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(few.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("found 2 values")
                .hasMessageContaining("has 3");
        Path many = write("many.csv", "a,b\n1,2\n1,2,3\n");
        assertThatThrownBy(() -> Csv.read(many, true))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("header");
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        Path p = write("bad.csv", "1,2\n3,x4\n");
        assertThatThrownBy(() -> Csv.read(p, false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("line 2, column 2")
                .hasMessageContaining("'x4'");
        Path empty = write("empty-field.csv", "1,,3\n");
        assertThatThrownBy(() -> Csv.read(empty, false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("line 1, column 2: an empty value");
        Path header = write("header.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> Csv.read(header, false))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("header=true");
    }

    @Test
    void labelsMustBeClassIndices() throws IOException {
        Path frac = write("frac.csv", "1,0\n2,1.5\n");
        assertThatThrownBy(() -> Csv.readLabeled(frac, false, -1))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining(frac.toString())
                .hasMessageContaining("line 2, column 2")
                .hasMessageContaining("1.5");
        Path negative = write("neg.csv", "\n1,-1\n");
        assertThatThrownBy(() -> Csv.readLabeled(negative, false, 1))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void emptyFilesAndBadLabelColumn() throws IOException {
        assertThatThrownBy(() -> Csv.read(write("empty.csv", ""), false))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("empty.csv")
                .hasMessageContaining("no data rows");
        assertThatThrownBy(() -> Csv.read(write("only-header.csv", "a,b\n"), true))
                .isInstanceOf(MalformedDataException.class).hasMessageContaining("after its header");
        Path ok = write("ok.csv", "1,2\n");
        assertThatThrownBy(() -> Csv.readLabeled(ok, false, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("2 columns");
        assertThatThrownBy(() -> Csv.readLabeled(ok, false, -3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        Path gz = writeGzip("t.csv.gz", "1,2\n".repeat(2000));
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Csv.read(cut, false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut.csv.gz");
    }

    @Test
    void missingFileIsAnIOException() {
        assertThatThrownBy(() -> Csv.read(dir.resolve("nope.csv"), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope.csv");
    }
}
