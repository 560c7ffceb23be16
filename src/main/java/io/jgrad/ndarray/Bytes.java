package io.jgrad.ndarray;

import io.jgrad.DType;
import io.jgrad.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays to and from little-endian bytes, element after element in row-major order, as binary
 * weight files (safetensors) store them. The file formats decide which {@link Encoding} a tensor
 * has; this class is the only code that turns bytes into elements or elements into bytes.
 *
 * <p>Every encoding is exact in both directions: a value decodes to the bit pattern it was
 * written from (NaN payloads, {@code -0.0}, subnormals, {@link Long#MIN_VALUE}). The two 16-bit
 * floating encodings, which jgrad has no dtype for, decode to {@link DType#FLOAT32}, which holds
 * every one of their values; they are read-only.
 *
 * <p>{@link #decode} and {@link #encode} work on part of an array at a time, so that a caller can
 * stream a tensor larger than one buffer through a fixed-size {@link ByteBuffer};
 * {@link #fromBytes} and {@link #toBytes} do a whole array in memory. None of them records a
 * {@linkplain NDArray#version() version}: a caller that decodes into an array someone else holds
 * calls {@link NDArray#bumpVersion()}.
 */
public final class Bytes {

    private Bytes() {
    }

    /** How one element is stored: its width in bytes and the dtype it decodes to. */
    public enum Encoding {
        /** IEEE 754 binary64, 8 bytes; decodes to {@link DType#FLOAT64}. */
        FLOAT64(8, DType.FLOAT64),
        /** IEEE 754 binary32, 4 bytes; decodes to {@link DType#FLOAT32}. */
        FLOAT32(4, DType.FLOAT32),
        /**
         * IEEE 754 binary16, 2 bytes (1 sign, 5 exponent, 10 mantissa bits); decodes exactly to
         * {@link DType#FLOAT32}: {@code (-1)^s · 2^(e-15) · (1 + m/1024)}, subnormals
         * {@code (-1)^s · 2^-24 · m}, infinities, and NaNs with their sign and payload (the
         * mantissa moved to the top of float32's, as NumPy's {@code astype(float32)} does).
         * Decode only.
         */
        FLOAT16(2, DType.FLOAT32),
        /**
         * bfloat16, 2 bytes: the upper half of a binary32 (1 sign, 8 exponent, 7 mantissa bits);
         * decodes exactly to {@link DType#FLOAT32} by appending 16 zero bits. Decode only.
         */
        BFLOAT16(2, DType.FLOAT32),
        /** Two's-complement signed 64-bit integers, 8 bytes; decodes to {@link DType#INT64}. */
        INT64(8, DType.INT64),
        /**
         * One byte per element, written as 1 for {@code true} and 0 for {@code false}; decodes to
         * {@link DType#BOOL}, any non-zero byte as {@code true} (as {@code value != 0} everywhere
         * else in jgrad).
         */
        BOOL(1, DType.BOOL);

        private final int size;
        private final DType dtype;

        Encoding(int size, DType dtype) {
            this.size = size;
            this.dtype = dtype;
        }

        /** {@return the width of one element in bytes} */
        public int size() {
            return size;
        }

        /** {@return the dtype of the arrays this encoding decodes to} */
        public DType dtype() {
            return dtype;
        }

        /**
         * The encoding that stores a dtype's values exactly, the one {@link #encode} writes:
         * {@code FLOAT64 → FLOAT64}, {@code FLOAT32 → FLOAT32}, {@code INT64 → INT64},
         * {@code BOOL → BOOL}.
         *
         * @param dtype the element type
         * @return the encoding
         */
        public static Encoding of(DType dtype) {
            switch (dtype) {
                case FLOAT64:
                    return FLOAT64;
                case FLOAT32:
                    return FLOAT32;
                case INT64:
                    return INT64;
                case BOOL:
                    return BOOL;
                default:
                    throw new AssertionError(dtype);
            }
        }
    }

    /**
     * Decodes the whole elements that {@code src} holds from its position to its limit,
     * {@code k = src.remaining() / encoding.size()} of them, into {@code dst[at], …, dst[at + k - 1]},
     * and advances {@code src}'s position by {@code k · encoding.size()}; bytes of a partial
     * element are left in {@code src}. The bytes are read as little-endian whatever {@code src}'s
     * {@link ByteBuffer#order() order}, which is left unchanged.
     *
     * @param encoding how the bytes store elements
     * @param src the bytes
     * @param dst the array to write, of {@code encoding.dtype()}
     * @param at the flat index of the first element to write
     * @return {@code k}, the number of elements decoded
     * @throws IllegalArgumentException if {@code dst}'s dtype is not {@code encoding.dtype()}
     * @throws IndexOutOfBoundsException if {@code at} is negative or the {@code k} elements do not
     *     fit in {@code dst} from {@code at}
     */
    public static int decode(Encoding encoding, ByteBuffer src, NDArray dst, int at) {
        if (dst.dtype() != encoding.dtype()) {
            throw new IllegalArgumentException("Bytes.decode: " + encoding + " decodes to " + encoding.dtype().label()
                    + ", but the array of shape " + dst.shape() + " holds " + dst.dtype().label()
                    + "; decode into a " + encoding.dtype().label() + " array and convert it with Casts.to");
        }
        int k = src.remaining() / encoding.size();
        if (at < 0 || at > dst.numel() - k) {
            throw new IndexOutOfBoundsException("Bytes.decode: " + k + " elements from index " + at
                    + " do not fit the array of shape " + dst.shape() + ", which holds " + dst.numel());
        }
        ByteBuffer le = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (encoding) {
            case FLOAT64:
                le.asDoubleBuffer().get(dst.data(), at, k);
                break;
            case FLOAT32:
                le.asFloatBuffer().get(dst.floats(), at, k);
                break;
            case FLOAT16: {
                float[] d = dst.floats();
                for (int i = 0; i < k; i++) {
                    d[at + i] = halfToFloat(le.getShort());
                }
                break;
            }
            case BFLOAT16: {
                float[] d = dst.floats();
                for (int i = 0; i < k; i++) {
                    d[at + i] = Float.intBitsToFloat((le.getShort() & 0xFFFF) << 16);
                }
                break;
            }
            case INT64:
                le.asLongBuffer().get(dst.longs(), at, k);
                break;
            case BOOL: {
                boolean[] d = dst.bools();
                for (int i = 0; i < k; i++) {
                    d[at + i] = le.get() != 0;
                }
                break;
            }
            default:
                throw new AssertionError(encoding);
        }
        src.position(src.position() + k * encoding.size());
        return k;
    }

    /**
     * Encodes {@code src[from], src[from + 1], …} in {@link Encoding#of(DType) its dtype's encoding},
     * as many as fit in {@code dst}'s remaining bytes and no more than are left,
     * {@code k = min(dst.remaining() / size, src.numel() - from)}, and advances {@code dst}'s
     * position by {@code k · size}. The bytes are written little-endian whatever {@code dst}'s
     * {@link ByteBuffer#order() order}, which is left unchanged.
     *
     * @param src the array to read
     * @param from the flat index of the first element to write
     * @param dst where the bytes go
     * @return {@code k}, the number of elements encoded (0 when {@code dst} has room for none)
     * @throws IndexOutOfBoundsException if {@code from} is outside {@code [0, src.numel()]}
     */
    public static int encode(NDArray src, int from, ByteBuffer dst) {
        if (from < 0 || from > src.numel()) {
            throw new IndexOutOfBoundsException("Bytes.encode: index " + from + " is outside the array of shape "
                    + src.shape() + ", which holds " + src.numel());
        }
        Encoding encoding = Encoding.of(src.dtype());
        int k = Math.min(dst.remaining() / encoding.size(), src.numel() - from);
        ByteBuffer le = dst.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (encoding) {
            case FLOAT64:
                // DoubleBuffer.put writes the raw bits, so NaN payloads survive
                le.asDoubleBuffer().put(src.data(), from, k);
                break;
            case FLOAT32:
                le.asFloatBuffer().put(src.floats(), from, k);
                break;
            case INT64:
                le.asLongBuffer().put(src.longs(), from, k);
                break;
            case BOOL: {
                boolean[] s = src.bools();
                for (int i = 0; i < k; i++) {
                    le.put(s[from + i] ? (byte) 1 : (byte) 0);
                }
                break;
            }
            default:
                throw new AssertionError(encoding);
        }
        dst.position(dst.position() + k * encoding.size());
        return k;
    }

    /**
     * A new array of {@code shape} and {@code encoding.dtype()} decoded from {@code bytes}.
     *
     * @param encoding the element encoding
     * @param bytes {@code shape.numel()} elements, little-endian
     * @param shape the shape
     * @return the array
     * @throws IllegalArgumentException if {@code bytes.length} is not {@code shape.numel() · encoding.size()}
     */
    public static NDArray fromBytes(Encoding encoding, byte[] bytes, Shape shape) {
        long need = (long) shape.numel() * encoding.size();
        if (bytes.length != need) {
            throw new IllegalArgumentException("Bytes.fromBytes: shape " + shape + " of " + encoding + " needs "
                    + need + " bytes, got " + bytes.length);
        }
        NDArray out = NDArray.zeros(encoding.dtype(), shape);
        decode(encoding, ByteBuffer.wrap(bytes), out, 0);
        return out;
    }

    /**
     * The elements of {@code x} as bytes in {@link Encoding#of(DType) its dtype's encoding},
     * {@code x.numel() · size} of them.
     *
     * @param x the input array
     * @return the bytes
     * @throws IllegalArgumentException if they would not fit in a Java array (2 GiB)
     */
    public static byte[] toBytes(NDArray x) {
        long n = (long) x.numel() * Encoding.of(x.dtype()).size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Bytes.toBytes: the array of shape " + x.shape() + " and dtype "
                    + x.dtype().label() + " needs " + n + " bytes, more than a Java array holds; use encode with a"
                    + " buffer at a time");
        }
        ByteBuffer out = ByteBuffer.allocate((int) n);
        encode(x, 0, out);
        return out.array();
    }

    /**
     * IEEE 754 binary16 to binary32, exactly: every half-precision value, subnormals included, is
     * a float. NaNs keep their sign and payload, the 10 mantissa bits becoming the top of the 23.
     */
    static float halfToFloat(short half) {
        int sign = (half >> 15) & 1;
        int exponent = (half >> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            // infinity or NaN: the bits are moved, not computed, so that a NaN's payload survives
            return Float.intBitsToFloat(sign << 31 | 0x7F800000 | mantissa << 13);
        }
        float magnitude = exponent == 0
                ? mantissa * 0x1p-24f                                   // zero or subnormal: m · 2^-24
                : Math.scalb((float) (1024 + mantissa), exponent - 25); // (1024 + m) · 2^(e - 15 - 10)
        return sign == 1 ? -magnitude : magnitude;
    }

    /**
     * The values of an IDX file (the MNIST format: big-endian, element type given by a code:
     * {@code 0x08} unsigned byte, {@code 0x09} signed byte, {@code 0x0B} short, {@code 0x0C} int,
     * {@code 0x0D} float, {@code 0x0E} double) as a float64 array of the given shape.
     *
     * @param bytes exactly {@code shape.numel()} elements of the type's size
     * @param type the element type code
     * @param shape the shape
     * @return a new float64 array
     * @throws IllegalArgumentException for an unknown type code or a length that does not fit
     */
    public static NDArray fromIdx(byte[] bytes, int type, Shape shape) {
        int size;
        switch (type) {
            case 0x08:
            case 0x09:
                size = 1;
                break;
            case 0x0B:
                size = 2;
                break;
            case 0x0C:
            case 0x0D:
                size = 4;
                break;
            case 0x0E:
                size = 8;
                break;
            default:
                throw new IllegalArgumentException("fromIdx: unknown IDX element type 0x" + Integer.toHexString(type));
        }
        if ((long) shape.numel() * size != bytes.length) {
            throw new IllegalArgumentException("fromIdx: " + bytes.length + " bytes do not hold " + shape.numel()
                    + " elements of " + size + " bytes (shape " + shape + ")");
        }
        double[] out = new double[shape.numel()];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            switch (type) {
                case 0x08:
                    out[i] = bytes[i] & 0xff;
                    break;
                case 0x09:
                    out[i] = bytes[i];
                    break;
                case 0x0B:
                    out[i] = b.getShort();
                    break;
                case 0x0C:
                    out[i] = b.getInt();
                    break;
                case 0x0D:
                    out[i] = b.getFloat();
                    break;
                default:
                    out[i] = b.getDouble();
                    break;
            }
        }
        return new NDArray(out, shape);
    }
}
