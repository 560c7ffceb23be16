package io.jgrad.data;

import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Bytes;
import io.jgrad.ndarray.Casts;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * A reader for the IDX format of MNIST and Fashion-MNIST, plain or gzipped (told apart by the
 * gzip magic number, not the file name).
 *
 * <p>The format: a 4-byte magic number — two zero bytes, a type code ({@code 0x08} unsigned byte,
 * {@code 0x09} signed byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float,
 * {@code 0x0E} double) and the number of dimensions — then each dimension's size as a big-endian
 * 32-bit integer, then the values, big-endian, row-major. Image files have magic
 * {@code 0x00000803} (unsigned bytes, {@code (N, rows, cols)}), label files {@code 0x00000801}
 * (unsigned bytes, {@code (N,)}).
 *
 * <p>A wrong magic number, data shorter or longer than the header declares, a broken gzip stream,
 * or images and labels that disagree in count are each a {@link MalformedDataException} naming
 * the file.
 *
 * <pre>{@code
 * TensorDataset train = Idx.readDataset(dir.resolve("train-images-idx3-ubyte.gz"),
 *                                       dir.resolve("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class Idx {

    /** The magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /**
     * Reads any IDX file into a tensor of the shape its header declares, values converted to double.
     *
     * @param file the file
     * @return the values, of the shape the header declares
     * @throws MalformedDataException if the file is not IDX, or its data is shorter or longer than declared
     * @throws IOException if it cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads IDX from a stream; the stream is not closed.
     *
     * @param in the stream
     * @param name what to call the source in error messages, e.g. its file name
     * @return the values as stored, of the shape the header declares
     * @throws IOException if the stream cannot be read ({@link MalformedDataException} if it is not IDX)
     * @see #read(Path)
     */
    public static Tensor read(InputStream in, String name) throws IOException {
        return parse(in, name, 0);
    }

    /**
     * Reads an image file (magic {@code 0x00000803}).
     *
     * @param file the file
     * @return the pixel values as stored (0–255), shape {@code (N, rows, cols)}
     * @throws MalformedDataException if the magic number is not {@code 0x00000803} or the data is
     *     shorter or longer than declared
     * @throws IOException if it cannot be read
     */
    public static Tensor readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), IMAGES_MAGIC);
        }
    }

    /**
     * Reads a label file (magic {@code 0x00000801}).
     *
     * @param file the file
     * @return the {@code N} labels
     * @throws MalformedDataException if the magic number is not {@code 0x00000801} or the data is
     *     shorter or longer than declared
     * @throws IOException if it cannot be read
     */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Casts.toInts(parse(in, file.toString(), LABELS_MAGIC).array());
        }
    }

    /**
     * Reads an image file and its label file as a classification data set, the pixels scaled to
     * {@code [0, 1]} (divided by 255, as torchvision's {@code ToTensor}).
     *
     * @param images the image file (magic {@code 0x00000803})
     * @param labels the label file (magic {@code 0x00000801})
     * @return features {@code (N, rows, cols)}, labels {@code (N,)}
     * @throws MalformedDataException if either file is malformed, or they hold different numbers of samples
     * @throws IOException if either cannot be read
     */
    public static TensorDataset readDataset(Path images, Path labels) throws IOException {
        Tensor x = readImages(images);
        int[] y = readLabels(labels);
        int n = x.shape().get(0);
        if (n != y.length) {
            throw new MalformedDataException("Idx: " + images + " holds " + n + " images but " + labels + " holds "
                    + y.length + " labels; pass the label file that belongs to these images");
        }
        Elementwise.binaryInPlace(BinaryOp.DIV, x.array(), NDArray.wrappedScalar(255.0));
        return new TensorDataset(x, y);
    }

    /** Parses one IDX stream; {@code expectedMagic} 0 accepts any valid magic number. */
    private static Tensor parse(InputStream raw, String name, int expectedMagic) throws IOException {
        DataInputStream in = new DataInputStream(Sources.open(raw, name));
        try {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            int size = elementSize(type);
            if (expectedMagic != 0 && magic != expectedMagic) {
                throw new MalformedDataException(String.format(
                        "Idx: %s has magic number 0x%08X but %s file has 0x%08X;"
                        + " check that the file is an IDX %s file and not swapped with another", name, magic,
                        expectedMagic == IMAGES_MAGIC ? "an image" : "a label", expectedMagic,
                        expectedMagic == IMAGES_MAGIC ? "image" : "label"));
            }
            if ((magic >>> 16) != 0 || size == 0 || rank == 0) {
                throw new MalformedDataException(String.format("Idx: %s has magic number 0x%08X, which is not IDX;"
                        + " an IDX file starts with two zero bytes, a type code (0x08, 0x09, 0x0B-0x0E) and the"
                        + " number of dimensions", name, magic));
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new MalformedDataException("Idx: " + name + " declares size " + (dims[i] & 0xffffffffL)
                            + " for dimension " + i + ", which is too large to read");
                }
                count *= dims[i];
            }
            if (count * size > Integer.MAX_VALUE - 8) {
                throw new MalformedDataException("Idx: " + name + " declares " + count + " values of " + size
                        + " bytes, more than one tensor can hold");
            }
            byte[] bytes = new byte[(int) (count * size)];
            int got;
            try {
                got = in.readNBytes(bytes, 0, bytes.length);
            } catch (EOFException e) { // a gzip stream cut short
                got = -1;
            }
            if (got < bytes.length) {
                throw new MalformedDataException("Idx: " + name + " is truncated: its header declares "
                        + describe(dims) + " = " + count + " values (" + bytes.length + " bytes) but "
                        + (got < 0 ? "the compressed data ends early" : "only " + got + " bytes follow the header")
                        + "; download the file again");
            }
            if (in.read() != -1) {
                throw new MalformedDataException("Idx: " + name + " is longer than its header declares ("
                        + describe(dims) + " = " + bytes.length + " bytes of data); the header or the file is damaged");
            }
            return Tensor.wrap(Bytes.fromIdx(bytes, type, Shape.of(dims)));
        } catch (EOFException e) {
            throw new MalformedDataException("Idx: " + name + " is truncated: it ends inside its header;"
                    + " an IDX file starts with a 4-byte magic number and a 4-byte size per dimension", e);
        } catch (ZipException e) {
            throw new MalformedDataException("Idx: " + name + " is not a valid gzip stream (" + e.getMessage()
                    + "); download the file again", e);
        }
    }

    private static int elementSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
    }

    private static String describe(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }
}
