package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    /** A file from a header and a data section, as a writer would lay it out (header padded to 8). */
    private Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        b.put(data);
        Path f = dir.resolve("t" + System.nanoTime() + ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    @Test
    void roundTripKeepsNamesShapesAndValuesExactly() {
        Random rng = new Random(1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", Tensor.randn(rng, 3, 4));
        tensors.put("bias", Tensor.of(1.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN));
        tensors.put("scalar", Tensor.scalar(Math.PI));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("cube", Tensor.randn(rng, 2, 2, 2));
        tensors.put("ünïcødé \"quoted\"", Tensor.of(7.0));
        Path f = dir.resolve("round.safetensors");
        SafeTensors.save(tensors, f);
        Map<String, Tensor> back = SafeTensors.load(f);
        assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = back.get(e.getKey());
            assertThat(t.shape()).isEqualTo(e.getValue().shape());
            assertThat(Arrays.equals(t.toArray(), e.getValue().toArray())).as(e.getKey()).isTrue();
            assertThat(t.requiresGrad()).isFalse();
        }
        // saving twice gives the same bytes (sorted names, no timestamps)
        Path g = dir.resolve("again.safetensors");
        SafeTensors.save(back, g);
        assertThat(bytes(g)).isEqualTo(bytes(f));
    }

    // the raw bits of every element, for comparisons that NaN payloads and -0.0 cannot fool
    private static long[] bits(Tensor t) {
        switch (t.dtype()) {
            case FLOAT64:
                return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
            case FLOAT32: {
                float[] f = t.toFloatArray();
                long[] out = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = Float.floatToRawIntBits(f[i]) & 0xFFFFFFFFL; // unsigned, as the bits are written
                }
                return out;
            }
            default:
                return t.toLongArray();
        }
    }

    private static void assertSameTensors(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor t = actual.get(e.getKey());
            assertThat(t.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
            assertThat(t.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            assertThat(bits(t)).as(e.getKey()).containsExactly(bits(e.getValue()));
            assertThat(t.requiresGrad()).isFalse();
        }
    }

    @Test
    void everyDtypeRoundTripsBitExactly() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f64", Tensor.of(Double.longBitsToDouble(0x7FF8000000000123L), Double.longBitsToDouble(0xFFF0000000000001L),
                -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY, 0.1));
        tensors.put("f32", Tensor.fromArray(new float[] {Float.intBitsToFloat(0x7FC00123), Float.intBitsToFloat(0xFF800001),
            -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f}, 2, 3));
        tensors.put("i64", Tensor.fromArray(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}, 5));
        tensors.put("mask", Tensor.fromArray(new boolean[] {true, false, false, true, true, false}, 3, 2));
        tensors.put("step", Tensor.fromArray(new long[] {7}));
        tensors.put("flag", Tensor.fromArray(new boolean[] {true}));
        tensors.put("f32 empty", Tensor.zeros(DType.FLOAT32, 0, 4));
        tensors.put("bool empty", Tensor.zeros(DType.BOOL, 2, 0));
        Path f = dir.resolve("dtypes.safetensors");
        SafeTensors.save(tensors, f);
        assertSameTensors(SafeTensors.load(f), tensors);
        Path g = dir.resolve("again.safetensors");
        SafeTensors.save(SafeTensors.load(f), g);
        assertThat(bytes(g)).isEqualTo(bytes(f));
    }

    @Test
    void headerNamesEachDtypeAndGroupsTheTensorsAsTheReferenceWriterDoes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.fromArray(new boolean[] {true, false, true}, 3));
        tensors.put("b", Tensor.fromArray(new float[] {1.5f}, 1));
        tensors.put("c", Tensor.fromArray(new long[] {-2, 3}, 2));
        tensors.put("d", Tensor.of(0.25));
        tensors.put("e", Tensor.fromArray(new long[] {9}));
        Path f = dir.resolve("mixed.safetensors");
        SafeTensors.save(tensors, f);
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        // I64, then F64, then F32, then BOOL, by name within a dtype: each tensor starts at a
        // multiple of its element size
        assertThat(new String(all, 8, (int) n, StandardCharsets.UTF_8).strip()).isEqualTo("{"
                + "\"c\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"e\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[24,32]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]},"
                + "\"a\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[36,39]}}");
        ByteBuffer data = ByteBuffer.wrap(all, (int) (8 + n), 39).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getLong()).isEqualTo(-2);
        assertThat(data.getLong()).isEqualTo(3);
        assertThat(data.getLong()).isEqualTo(9);
        assertThat(data.getDouble()).isEqualTo(0.25);
        assertThat(data.getFloat()).isEqualTo(1.5f);
        assertThat(new byte[] {data.get(), data.get(), data.get()}).containsExactly(1, 0, 1);
        assertThat(data.hasRemaining()).isFalse();
        // loaded in the header's order, each in its dtype
        Map<String, Tensor> back = SafeTensors.load(f);
        assertThat(back.keySet()).containsExactly("c", "e", "d", "b", "a");
        assertSameTensors(back, tensors);
    }

    @Test
    void loadWithAFloatingDtypeConvertsOnlyTheFloatingTensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f64", Tensor.of(0.1, -0.0, 1e300));
        tensors.put("f32", Tensor.fromArray(new float[] {0.1f, Float.MIN_VALUE}, 2));
        tensors.put("i64", Tensor.fromArray(new long[] {Long.MIN_VALUE}, 1));
        tensors.put("mask", Tensor.fromArray(new boolean[] {true}, 1));
        Path f = dir.resolve("convert.safetensors");
        SafeTensors.save(tensors, f);

        Map<String, Tensor> as64 = SafeTensors.load(f, DType.FLOAT64);
        assertThat(as64.get("f64").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(as64.get("f32").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(as64.get("f32").toArray()).containsExactly((double) 0.1f, (double) Float.MIN_VALUE);
        assertThat(as64.get("i64").dtype()).isEqualTo(DType.INT64);
        assertThat(as64.get("i64").toLongArray()).containsExactly(Long.MIN_VALUE);
        assertThat(as64.get("mask").dtype()).isEqualTo(DType.BOOL);

        Map<String, Tensor> as32 = SafeTensors.load(f, DType.FLOAT32);
        assertThat(as32.get("f64").dtype()).isEqualTo(DType.FLOAT32);
        // rounded to nearest, as (float) does: 1e300 overflows to infinity, -0.0 keeps its sign
        assertThat(as32.get("f64").toFloatArray()).containsExactly(0.1f, -0.0f, Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(as32.get("f64").toFloatArray()[1])).isEqualTo(0x80000000);
        assertThat(as32.get("f32").toFloatArray()).containsExactly(0.1f, Float.MIN_VALUE);
        assertThat(as32.get("i64").dtype()).isEqualTo(DType.INT64);
        assertThat(as32.get("mask").dtype()).isEqualTo(DType.BOOL);
        assertThat(as32.get("f64").requiresGrad()).isFalse();

        assertThatThrownBy(() -> SafeTensors.load(f, DType.INT64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLOAT32 or FLOAT64").hasMessageContaining("INT64");
        assertThatThrownBy(() -> SafeTensors.load(f, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void aSaveThatFailsMidwayLeavesTheOldFileWhole() throws IOException {
        Path f = dir.resolve("keep.safetensors");
        SafeTensors.save(Map.of("w", Tensor.of(1, 2, 3)), f);
        byte[] before = bytes(f);
        // a map whose values cannot be read once the temporary file exists: the write fails half done
        Map<String, Tensor> failing = new LinkedHashMap<>() {
            @Override
            public Tensor get(Object key) {
                try (var files = Files.list(dir)) {
                    if (files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"))) {
                        throw new IllegalStateException("disk on fire");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return super.get(key);
            }
        };
        failing.put("w", Tensor.fromArray(new long[] {4, 5}, 2));
        failing.put("v", Tensor.fromArray(new float[] {6}, 1));
        assertThatThrownBy(() -> SafeTensors.save(failing, f)).hasMessageContaining("disk on fire");
        assertThat(bytes(f)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.safetensors");
        }
    }

    @Test
    void toBytesIsTheFileAndFromBytesReadsItBack() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.randn(new Random(4), 3, 5));
        tensors.put("h", Tensor.fromArray(new float[] {1.5f, Float.NaN, -0f}, 3));
        tensors.put("n", Tensor.fromArray(new long[] {Long.MIN_VALUE, 7}, 2));
        tensors.put("b", Tensor.fromArray(new boolean[] {true, false, true}, 3));
        tensors.put("s", Tensor.scalar(2.5));
        Map<String, String> meta = Map.of("epochs_done", "3");
        Path f = dir.resolve("same.safetensors");
        SafeTensors.save(tensors, meta, f);
        byte[] image = SafeTensors.toBytes(tensors, meta);
        assertThat(image).isEqualTo(bytes(f));
        assertSameTensors(SafeTensors.fromBytes(image), tensors);
        assertThat(SafeTensors.fromBytes(SafeTensors.toBytes(Map.of(), Map.of()))).isEmpty();

        // a malformed image is reported as a file is, named as an image of so many bytes
        assertThatThrownBy(() -> SafeTensors.fromBytes(Arrays.copyOf(image, image.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SafeTensors.fromBytes: an image of " + (image.length - 1) + " bytes")
                .hasMessageContaining("beyond the data section");
        assertThatThrownBy(() -> SafeTensors.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> SafeTensors.fromBytes(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> SafeTensors.toBytes(Map.of("__metadata__", Tensor.of(1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SafeTensors.toBytes");
    }

    @Test
    void layoutIsTheReferenceWritersSortedAndPadded() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(1, 2));
        tensors.put("a", Tensor.of(new double[][] {{3}}));
        Path f = dir.resolve("layout.safetensors");
        SafeTensors.save(tensors, Map.of("format", "pt"), f);
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.strip()).isEqualTo("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}");
        assertThat(header).endsWith(header.strip() + " ".repeat(header.length() - header.strip().length()));
        assertThat(all.length).isEqualTo(8 + n + 24);
        ByteBuffer data = ByteBuffer.wrap(all, (int) (8 + n), 24).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getDouble()).isEqualTo(3.0);
        assertThat(data.getDouble()).isEqualTo(1.0);
        assertThat(SafeTensors.metadata(f)).containsExactly(Map.entry("format", "pt"));
        assertThat(SafeTensors.load(f).keySet()).containsExactly("a", "b");
        // written beside the target and moved into place: nothing else is left behind
        SafeTensors.save(tensors, f);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("layout.safetensors");
        }
    }

    @Test
    void readsF32AsFloat32AndF16AndBf16WidenedExactlyToFloat32() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 6 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0.1f).putFloat(-2.5f).putFloat(Float.MIN_VALUE);
        b.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001); // f16: 1, -2, 2^-24
        b.putShort((short) 0x3F80).putShort((short) 0x4049);                          // bf16: 1, 3.140625
        Path f = file("{\"f\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[12,18]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[18,22]}}", b.array());
        Map<String, Tensor> t = SafeTensors.load(f);
        assertThat(t.keySet()).containsExactly("f", "h", "bf");
        for (Tensor x : t.values()) {
            assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(x.requiresGrad()).isFalse();
        }
        assertThat(t.get("f").toFloatArray()).containsExactly(0.1f, -2.5f, Float.MIN_VALUE);
        assertThat(t.get("h").toFloatArray()).containsExactly(1f, -2f, 0x1p-24f);
        assertThat(t.get("bf").toFloatArray()).containsExactly(1f, 3.140625f);
        // the widening to float64 that load(Path) did before, now asked for
        Map<String, Tensor> d = SafeTensors.load(f, DType.FLOAT64);
        for (Tensor x : d.values()) {
            assertThat(x.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(x.requiresGrad()).isFalse();
        }
        assertThat(d.get("f").toArray()).containsExactly((double) 0.1f, -2.5, (double) Float.MIN_VALUE);
        assertThat(d.get("h").toArray()).containsExactly(1.0, -2.0, Math.scalb(1.0, -24));
        assertThat(d.get("bf").toArray()).containsExactly(1.0, 3.140625);
        // (binary16 itself is tested in io.jgrad.ndarray.BytesTest, all 65,536 bit patterns)
    }

    private static Path fixture(String name) {
        try {
            return Path.of(SafeTensorsTest.class.getResource("/fixtures/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Written by PyTorch with src/test/python/safetensors_fixtures.py, which lists the values by their bits. */
    @Test
    void loadsPyTorchsMixedDtypeFileBitExactlyAndWritesItBackByteForByte() throws IOException {
        Path pytorch = fixture("mixed-dtypes.safetensors");
        Map<String, Tensor> t = SafeTensors.load(pytorch);
        assertThat(t.keySet()).containsExactly("bn.num_batches_tracked", "ids", "scalar64", "weight64",
                "bn.running_mean", "empty", "mask");
        assertThat(SafeTensors.metadata(pytorch)).containsExactly(Map.entry("format", "pt"));

        Tensor step = t.get("bn.num_batches_tracked");
        assertThat(step.dtype()).isEqualTo(DType.INT64);
        assertThat(step.shape()).isEqualTo(io.jgrad.Shape.of());
        assertThat(step.toLongArray()).containsExactly(7);
        assertThat(t.get("ids").dtype()).isEqualTo(DType.INT64);
        assertThat(t.get("ids").toLongArray()).containsExactly(Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE);

        assertThat(t.get("scalar64").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.get("scalar64").item()).isEqualTo(-2.5);
        Tensor w = t.get("weight64");
        assertThat(w.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(w.shape()).isEqualTo(io.jgrad.Shape.of(2, 3));
        assertThat(bits(w)).containsExactly(0x3FF0000000000000L, 0x8000000000000000L, 0x7FF8000000000123L,
                0x7FF0000000000000L, 0x0000000000000001L, 0x3FB999999999999AL);

        Tensor mean = t.get("bn.running_mean");
        assertThat(mean.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(bits(mean)).containsExactly(0x3DCCCCCDL, 0x80000000L, 0x7FC00123L, 0x00000001L);
        assertThat(t.get("empty").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.get("empty").shape()).isEqualTo(io.jgrad.Shape.of(0, 3));

        assertThat(t.get("mask").dtype()).isEqualTo(DType.BOOL);
        assertThat(t.get("mask").toBooleanArray()).containsExactly(true, false, false, true);

        // the same layout, header and bytes as PyTorch's writer
        Path out = dir.resolve("mixed.safetensors");
        SafeTensors.save(t, Map.of("format", "pt"), out);
        assertThat(bytes(out)).isEqualTo(bytes(pytorch));
    }

    /**
     * F16 and BF16 written by PyTorch from bit patterns; the expected float32 bits are NumPy's
     * {@code astype(float32)} for F16 and PyTorch's {@code float()} for BF16, printed by
     * {@code safetensors_fixtures.py --expected}.
     */
    @Test
    void readsPyTorchsF16AndBf16AsFloat32BitPatterns() {
        Map<String, Tensor> t = SafeTensors.load(fixture("half-dtypes.safetensors"));
        assertThat(t.keySet()).containsExactly("bf", "h");
        assertThat(t.get("h").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(bits(t.get("h"))).containsExactly(0x3F800000L, 0xC0000000L, 0x33800000L, 0x387FC000L, 0x38800000L,
                0x477FE000L, 0x7F800000L, 0xFF800000L, 0x80000000L, 0x3EAAA000L, 0x7FC00000L, 0x7FA02000L, 0xFFC7E000L);
        assertThat(t.get("bf").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(bits(t.get("bf"))).containsExactly(0x3F800000L, 0x40490000L, 0x00010000L, 0x7F7F0000L,
                0xFF800000L, 0x80000000L, 0x7FC10000L, 0x7F810000L);
        // and into float64 on request: exact, so the float32 values again
        Map<String, Tensor> d = SafeTensors.load(fixture("half-dtypes.safetensors"), DType.FLOAT64);
        assertThat(d.get("h").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(d.get("h").getDouble(5)).isEqualTo(65504.0);
        assertThat(d.get("bf").getDouble(1)).isEqualTo(3.140625);
    }

    private void assertFault(Path f, String... parts) {
        assertThatThrownBy(() -> SafeTensors.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SafeTensors.load").hasMessageContaining(f.toString())
                .satisfies(e -> {
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }

    @Test
    void unknownDtypeNamesTheDtypeAndTheTensor() throws IOException {
        assertFault(file("{\"ids\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]),
                "'ids'", "I32", "F64, F32, F16, BF16, I64 and BOOL");
        assertFault(file("{\"m\":{\"dtype\":\"bool\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]),
                "'m'", "dtype bool", "does not read");
    }

    @Test
    void byteSizesFollowTheDtype() throws IOException {
        assertFault(file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,24]}}", new byte[24]),
                "'m'", "dtype BOOL", "(3,)", "needs 3 bytes", "span 24");
        assertFault(file("{\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]),
                "'i'", "dtype I64", "needs 16 bytes");
    }

    @Test
    void truncatedFiles() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.save(Map.of("w", Tensor.randn(new Random(1), 4, 4)), good);
        byte[] all = bytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 8));
        assertFault(cut, "'w'", "beyond the data section");
        Files.write(cut, Arrays.copyOf(all, 20));
        assertFault(cut, "header length", "past the end of the file");
        Files.write(cut, Arrays.copyOf(all, 5));
        assertFault(cut, "5 bytes", "too short");
        Files.write(cut, new byte[0]);
        assertFault(cut, "0 bytes");
    }

    @Test
    void headerLengthBeyondTheLimitOrNegative() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(0);
        Path f = dir.resolve("huge.safetensors");
        Files.write(f, b.array());
        assertFault(f, "18446744073709551615", "limit");
    }

    @Test
    void sizeMismatchBetweenShapeAndOffsets() throws IOException {
        assertFault(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,24]}}", new byte[24]),
                "'w'", "(2, 2)", "needs 32 bytes", "span 24");
    }

    @Test
    void offsetsOutOfRangeOverlappingOrLeavingGaps() throws IOException {
        assertFault(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", new byte[16]),
                "'w'", "beyond the data section");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", new byte[24]), "overlaps");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[16]), "gap");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[16]),
                "trailing bytes");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,0]}}", new byte[8]), "'a'");
    }

    @Test
    void malformedHeaders() throws IOException {
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}", new byte[8]), "not valid JSON");
        assertFault(file("[1, 2]", new byte[0]), "not an object");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", new byte[8]),
                "shape", "non-negative");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", new byte[8]), "data_offsets");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"x\":1}}", new byte[8]),
                "unknown field 'x'");
        assertFault(file("{\"a\":{\"dtype\":64,\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]), "dtype");
        assertFault(file("{\"a\":[1]}", new byte[0]), "'a'");
        assertFault(file("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__", "string");
        assertFault(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]), "duplicate key");
        Path bad = dir.resolve("utf8.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8);
        b.put(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}', ' '});
        Files.write(bad, b.array());
        assertFault(bad, "UTF-8");
    }

    @Test
    void emptyHeaderIsAnEmptyFile() throws IOException {
        assertThat(SafeTensors.load(file("{}", new byte[0]))).isEmpty();
        Path f = dir.resolve("none.safetensors");
        SafeTensors.save(Map.of(), f);
        assertThat(SafeTensors.load(f)).isEmpty();
        assertThat(Files.size(f)).isEqualTo(16);
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> SafeTensors.load(dir.resolve("absent.safetensors")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.safetensors");
        Path aFile = dir.resolve("plain-file");
        SafeTensors.save(Map.of(), aFile);
        assertThatThrownBy(() -> SafeTensors.save(Map.of(), aFile.resolve("x.safetensors")))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void saveCreatesMissingFolders() {
        Path f = dir.resolve("no/such/dir/x.safetensors");
        SafeTensors.save(Map.of("w", Tensor.of(1, 2)), f);
        assertThat(SafeTensors.load(f).get("w").toArray()).containsExactly(1, 2);
    }

    @Test
    void saveRejectsTheReservedName() {
        assertThatThrownBy(() -> SafeTensors.save(Map.of("__metadata__", Tensor.of(1)), dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
    }

    @Test
    void layerSaveAndLoadRoundTripAndAFaultyFileChangesNothing() throws IOException {
        Random rng = new Random(3);
        Sequential model = new Sequential(new Linear(3, 5, rng), new Tanh(), new Linear(5, 2, rng));
        Path f = dir.resolve("model.safetensors");
        model.save(f);
        Sequential other = new Sequential(new Linear(3, 5, rng), new Tanh(), new Linear(5, 2, rng));
        Tensor x = Tensor.randn(rng, 4, 3);
        assertThat(other.forward(x).toArray()).isNotEqualTo(model.forward(x).toArray());
        other.load(f);
        assertThat(other.forward(x).toArray()).containsExactly(model.forward(x).toArray());

        // a file that does not fit: nothing changes
        Map<String, Tensor> state = model.stateDict();
        state.remove("2.bias");
        state.put("0.weight", Tensor.zeros(5, 4));
        Path partial = dir.resolve("partial.safetensors");
        SafeTensors.save(state, partial);
        Map<String, Tensor> before = other.stateDict();
        assertThatThrownBy(() -> other.load(partial)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing key '2.bias'").hasMessageContaining("(5, 4)");
        for (String k : before.keySet()) {
            assertThat(other.stateDict().get(k).toArray()).containsExactly(before.get(k).toArray());
        }
        // a corrupt file: nothing changes either
        byte[] all = bytes(f);
        Files.write(partial, Arrays.copyOf(all, all.length - 1));
        assertThatThrownBy(() -> other.load(partial)).isInstanceOf(IllegalArgumentException.class);
        assertThat(other.forward(x).toArray()).containsExactly(model.forward(x).toArray());
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
