package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bytes}: every encoding against bytes written by hand with {@link ByteBuffer}, round trips
 * compared bit for bit, streaming through small buffers, and binary16 against a second
 * implementation for all 65,536 bit patterns.
 */
class BytesTest {

    // little-endian bytes, written the obvious way, to compare the codec with
    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static final long[] DOUBLE_BITS = {
        0x3FF0000000000000L,  // 1.0
        0x8000000000000000L,  // -0.0
        0x7FF8000000000123L,  // quiet NaN with a payload
        0xFFF0000000000001L,  // negative signalling NaN
        0x7FF0000000000000L,  // inf
        0x0000000000000001L,  // the least subnormal
        0x7FEFFFFFFFFFFFFFL,  // the largest double
        0x3FB999999999999AL,  // 0.1
    };

    private static final int[] FLOAT_BITS = {
        0x3DCCCCCD,  // 0.1f
        0x80000000,  // -0.0f
        0x7FC00123,  // quiet NaN with a payload
        0xFF800001,  // negative signalling NaN
        0xFF800000,  // -inf
        0x00000001,  // the least subnormal
        0x7F7FFFFF,  // the largest float
    };

    @Test
    void float64RoundTripsBitExactlyAsLittleEndianDoubles() {
        double[] values = new double[DOUBLE_BITS.length];
        ByteBuffer expected = le(8 * values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(DOUBLE_BITS[i]);
            expected.putLong(DOUBLE_BITS[i]);
        }
        NDArray x = new NDArray(values, Shape.of(2, 4));
        byte[] bytes = Bytes.toBytes(x);
        assertThat(bytes).isEqualTo(expected.array());
        assertThat(bytes).startsWith(0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F); // 1.0, low byte first

        NDArray back = Bytes.fromBytes(Bytes.Encoding.FLOAT64, bytes, Shape.of(2, 4));
        assertThat(back.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(back.shape()).isEqualTo(Shape.of(2, 4));
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.data()[i])).as("element %d", i).isEqualTo(DOUBLE_BITS[i]);
        }
    }

    @Test
    void float32RoundTripsBitExactly() {
        float[] values = new float[FLOAT_BITS.length];
        ByteBuffer expected = le(4 * values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(FLOAT_BITS[i]);
            expected.putInt(FLOAT_BITS[i]);
        }
        byte[] bytes = Bytes.toBytes(new NDArray(values, Shape.of(values.length)));
        assertThat(bytes).isEqualTo(expected.array());
        NDArray back = Bytes.fromBytes(Bytes.Encoding.FLOAT32, bytes, Shape.of(values.length));
        assertThat(back.dtype()).isEqualTo(DType.FLOAT32);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back.floats()[i])).as("element %d", i).isEqualTo(FLOAT_BITS[i]);
        }
    }

    @Test
    void int64RoundTripsIncludingTheExtremes() {
        long[] values = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 0x0102030405060708L};
        byte[] bytes = Bytes.toBytes(new NDArray(values, Shape.of(3, 2)));
        assertThat(bytes).hasSize(48);
        assertThat(bytes).startsWith(0, 0, 0, 0, 0, 0, 0, (byte) 0x80);                  // MIN_VALUE
        assertThat(bytes).endsWith(8, 7, 6, 5, 4, 3, 2, 1);                              // little-endian
        NDArray back = Bytes.fromBytes(Bytes.Encoding.INT64, bytes, Shape.of(3, 2));
        assertThat(back.dtype()).isEqualTo(DType.INT64);
        assertThat(back.longs()).containsExactly(values);
    }

    @Test
    void boolIsOneBytePerElementAndAnyNonZeroByteIsTrue() {
        boolean[] values = {true, false, false, true, true};
        byte[] bytes = Bytes.toBytes(new NDArray(values, Shape.of(5)));
        assertThat(bytes).containsExactly(1, 0, 0, 1, 1);
        assertThat(Bytes.fromBytes(Bytes.Encoding.BOOL, bytes, Shape.of(5)).bools()).containsExactly(values);
        NDArray odd = Bytes.fromBytes(Bytes.Encoding.BOOL, new byte[] {2, 0, (byte) 0xFF}, Shape.of(3));
        assertThat(odd.bools()).containsExactly(true, false, true);
    }

    @Test
    void encodingsHaveTheirWidthsAndDtypes() {
        assertThat(Bytes.Encoding.of(DType.FLOAT64)).isEqualTo(Bytes.Encoding.FLOAT64);
        assertThat(Bytes.Encoding.of(DType.FLOAT32)).isEqualTo(Bytes.Encoding.FLOAT32);
        assertThat(Bytes.Encoding.of(DType.INT64)).isEqualTo(Bytes.Encoding.INT64);
        assertThat(Bytes.Encoding.of(DType.BOOL)).isEqualTo(Bytes.Encoding.BOOL);
        assertThat(Bytes.Encoding.FLOAT64.size()).isEqualTo(8);
        assertThat(Bytes.Encoding.FLOAT32.size()).isEqualTo(4);
        assertThat(Bytes.Encoding.FLOAT16.size()).isEqualTo(2);
        assertThat(Bytes.Encoding.BFLOAT16.size()).isEqualTo(2);
        assertThat(Bytes.Encoding.INT64.size()).isEqualTo(8);
        assertThat(Bytes.Encoding.BOOL.size()).isEqualTo(1);
        assertThat(Bytes.Encoding.FLOAT16.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Bytes.Encoding.BFLOAT16.dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void emptyAndZeroDimensionalArrays() {
        assertThat(Bytes.toBytes(NDArray.zeros(DType.INT64, Shape.of(0, 3)))).isEmpty();
        assertThat(Bytes.fromBytes(Bytes.Encoding.FLOAT32, new byte[0], Shape.of(3, 0)).shape()).isEqualTo(Shape.of(3, 0));
        byte[] pi = Bytes.toBytes(NDArray.scalar(Math.PI));
        assertThat(Bytes.fromBytes(Bytes.Encoding.FLOAT64, pi, Shape.of()).data()).containsExactly(Math.PI);
    }

    /** IEEE 754 binary16 to double in double arithmetic: the reference {@link Bytes#halfToFloat} must match. */
    private static double halfToDouble(int bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = (1024 + mantissa) * Math.scalb(1.0, exponent - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void halfToFloatIsExactForAll65536BitPatterns() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float f = Bytes.halfToFloat((short) bits);
            double reference = halfToDouble(bits);
            if (Double.isNaN(reference)) {
                // a NaN keeps its sign and its 10 payload bits, moved to the top of float32's 23
                assertThat(Float.floatToRawIntBits(f)).as("0x%04X", bits)
                        .isEqualTo((bits & 0x8000) << 16 | 0x7F800000 | (bits & 0x3FF) << 13);
            } else {
                assertThat(Double.doubleToRawLongBits(f)).as("0x%04X", bits)
                        .isEqualTo(Double.doubleToRawLongBits(reference));
            }
        }
        // the values the old SafeTensors.halfToDouble test pinned
        assertThat(Bytes.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Bytes.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Bytes.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Bytes.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(Bytes.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float.floatToRawIntBits(Bytes.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
    }

    @Test
    void float16AndBfloat16DecodeToFloat32BitPatterns() {
        // F16 bits and the float32 bits NumPy's astype(float32) gives them (src/test/python/safetensors_fixtures.py)
        int[] half = {0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x8000, 0x3555, 0x7E00, 0x7D01, 0xFE3F};
        int[] halfAsFloat = {0x3F800000, 0xC0000000, 0x33800000, 0x387FC000, 0x38800000, 0x477FE000, 0x7F800000,
            0xFF800000, 0x80000000, 0x3EAAA000, 0x7FC00000, 0x7FA02000, 0xFFC7E000};
        assertDecodes(Bytes.Encoding.FLOAT16, half, halfAsFloat);
        // BF16 bits and what PyTorch's bfloat16.float() gives them: the same bits followed by 16 zeros
        int[] bf = {0x3F80, 0x4049, 0x0001, 0x7F7F, 0xFF80, 0x8000, 0x7FC1, 0x7F81};
        int[] bfAsFloat = {0x3F800000, 0x40490000, 0x00010000, 0x7F7F0000, 0xFF800000, 0x80000000, 0x7FC10000,
            0x7F810000};
        assertDecodes(Bytes.Encoding.BFLOAT16, bf, bfAsFloat);
    }

    private static void assertDecodes(Bytes.Encoding encoding, int[] shorts, int[] floatBits) {
        ByteBuffer b = le(2 * shorts.length);
        for (int s : shorts) {
            b.putShort((short) s);
        }
        NDArray x = Bytes.fromBytes(encoding, b.array(), Shape.of(shorts.length));
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        for (int i = 0; i < shorts.length; i++) {
            assertThat(Float.floatToRawIntBits(x.floats()[i])).as("%s 0x%04X", encoding, shorts[i])
                    .isEqualTo(floatBits[i]);
        }
    }

    @Test
    void streamingThroughASmallBufferGivesTheSameBytes() {
        Random rng = new Random(5);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        NDArray x = new NDArray(values, Shape.of(values.length));
        // 100 bytes hold 12 doubles and 4 bytes that must stay unused
        ByteBuffer buf = ByteBuffer.allocate(100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int done = 0;
        while (done < x.numel()) {
            int k = Bytes.encode(x, done, buf);
            assertThat(k).isBetween(1, 12);
            done += k;
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        byte[] all = out.toByteArray();
        assertThat(all).isEqualTo(Bytes.toBytes(x));
        assertThat(Bytes.encode(x, x.numel(), buf)).isZero();
        assertThat(Bytes.encode(x, 0, ByteBuffer.allocate(7))).isZero();

        // decoding in pieces that split elements: the partial element stays in the buffer
        NDArray back = NDArray.zeros(DType.FLOAT64, x.shape());
        ByteBuffer in = ByteBuffer.allocate(100);
        int read = 0;
        int at = 0;
        while (read < all.length) {
            int n = Math.min(in.remaining(), all.length - read);
            in.put(all, read, n);
            read += n;
            in.flip();
            at += Bytes.decode(Bytes.Encoding.FLOAT64, in, back, at);
            assertThat(in.remaining()).isLessThan(8);
            in.compact();
        }
        assertThat(at).isEqualTo(values.length);
        assertThat(back.data()).containsExactly(values);
    }

    @Test
    void theBuffersByteOrderIsIgnoredAndLeftAsItWas() {
        ByteBuffer big = ByteBuffer.allocate(16); // big-endian by default
        assertThat(Bytes.encode(new NDArray(new long[] {1, 2}, Shape.of(2)), 0, big)).isEqualTo(2);
        assertThat(big.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(big.position()).isEqualTo(16);
        assertThat(big.array()[0]).isEqualTo((byte) 1);
        big.flip();
        NDArray back = NDArray.zeros(DType.INT64, Shape.of(2));
        assertThat(Bytes.decode(Bytes.Encoding.INT64, big, back, 0)).isEqualTo(2);
        assertThat(back.longs()).containsExactly(1, 2);
        assertThat(big.hasRemaining()).isFalse();
        assertThat(big.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void faultsNameTheArrayAndTheRule() {
        NDArray f64 = NDArray.zeros(DType.FLOAT64, Shape.of(2, 2));
        assertThatThrownBy(() -> Bytes.decode(Bytes.Encoding.FLOAT32, ByteBuffer.allocate(8), f64, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bytes.decode").hasMessageContaining("(2, 2)").hasMessageContaining("float32");
        assertThatThrownBy(() -> Bytes.decode(Bytes.Encoding.FLOAT64, ByteBuffer.allocate(24), f64, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("3 elements from index 2");
        assertThatThrownBy(() -> Bytes.decode(Bytes.Encoding.FLOAT64, ByteBuffer.allocate(8), f64, -1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.encode(f64, 5, ByteBuffer.allocate(8)))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 5");
        assertThatThrownBy(() -> Bytes.fromBytes(Bytes.Encoding.INT64, new byte[15], Shape.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 bytes, got 15");
    }
}
