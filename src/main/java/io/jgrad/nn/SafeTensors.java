package io.jgrad.nn;

import io.jgrad.DType;
import io.jgrad.Shape;
import io.jgrad.Tensor;
import io.jgrad.ndarray.Bytes;
import io.jgrad.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a> file
 * format, the one PyTorch ({@code safetensors.torch.save_file}/{@code load_file}) and the Hugging
 * Face tools use for weights.
 *
 * <p>The format, all integers little-endian:
 * <pre>
 *   8 bytes          N, the header's length in bytes (unsigned 64-bit)
 *   N bytes          the header: a UTF-8 JSON object
 *                      {"__metadata__": {"key": "value", …},          (optional, strings only)
 *                       "0.weight": {"dtype": "F64", "shape": [8, 4], "data_offsets": [begin, end]}, …}
 *                    padded with spaces so that 8 + N is a multiple of 8
 *   the rest         the data section: each tensor's elements, row-major, at [begin, end) of it;
 *                    the tensors tile the section exactly, with no gap, overlap or trailing byte
 * </pre>
 *
 * <p>Each tensor keeps its dtype. The format's names and the dtypes they load as:
 * <pre>
 *   file dtype   bytes   jgrad dtype                           written from
 *   F64          8       FLOAT64                               FLOAT64
 *   F32          4       FLOAT32                               FLOAT32
 *   I64          8       INT64                                 INT64
 *   BOOL         1       BOOL (0 false, 1 true)                BOOL
 *   F16          2       FLOAT32 (exact)                       never written
 *   BF16         2       FLOAT32 (exact)                       never written
 * </pre>
 * F16 and BF16 load as FLOAT32, which holds every one of their values, because jgrad has no
 * half-precision dtype; PyTorch loads them as
 * {@code torch.float16} / {@code torch.bfloat16}. {@link #load(Path, DType)} reads every floating
 * tensor into one floating dtype instead. The bytes are encoded and decoded by {@link Bytes}.
 *
 * <p>{@link #save} lays the tensors out as the reference writer does (the Rust {@code safetensors}
 * crate behind {@code safetensors.torch.save_file}): grouped by dtype, I64, F64, F32, then BOOL,
 * and by name (UTF-8 byte order) within a dtype, so that a float64-only file is sorted by name and
 * a file PyTorch wrote is written again byte for byte. It replaces the file atomically where the
 * file system allows it, so a crash never leaves a half-written file under the name.
 *
 * <p>Faults: a malformed file — truncated, a header length beyond the file, invalid UTF-8 or JSON,
 * a missing or ill-typed field, an unsupported dtype, a tensor whose byte size does not match its
 * dtype and shape, offsets out of range, overlapping, leaving gaps or trailing bytes — gets an
 * {@code IllegalArgumentException} whose message names the file, the tensor and the rule broken;
 * nothing is returned then (never a partial load). A file that cannot be opened, read or written
 * gets an {@link UncheckedIOException}, so that no method here declares a checked exception.
 */
public final class SafeTensors {

    /** The reference implementation's limit on the header's length, against hostile files. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code tensors} to {@code file}, each in its own dtype, without metadata.
     *
     * @param tensors the tensors
     * @param file the file
     * @see #save(Map, Map, Path)
     */
    public static void save(Map<String, Tensor> tensors, Path file) {
        save(tensors, Map.of(), file);
    }

    /**
     * Writes {@code tensors} to {@code file}, each in its own dtype (FLOAT64 as F64, FLOAT32 as
     * F32, INT64 as I64, BOOL as BOOL: one byte, 1 or 0), with string metadata in the header's
     * {@code __metadata__} entry (omitted when empty). The file is replaced if it exists; if the
     * write fails, a file already there is left as it was.
     *
     * @param tensors tensors by name (a layer's {@link Layer#stateDict()}, say); their values are
     *     written bit for bit (NaN payloads included), their graphs and gradients are not
     * @param metadata free-form strings by key, e.g. {@code format → pt}
     * @param file the file to write
     * @throws IllegalArgumentException if a name is null or {@code __metadata__}, or a tensor,
     *     metadata key or value is null
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) {
        if (file == null) {
            throw new IllegalArgumentException("SafeTensors.save: tensors, metadata and file must not be null");
        }
        Layout layout = layout("SafeTensors.save", tensors, metadata);
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            // the folder is made as needed, as a user saving to out/model.safetensors expects
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            // a fresh name beside the target (not createTempFile, whose owner-only mode the file would keep)
            Path fresh = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            FileChannel ch = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            tmp = fresh; // ours from here on: deleted below if anything fails
            try (ch) {
                write(layout, tensors, ch);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.save: cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /**
     * The bytes {@link #save(Map, Map, Path)} would write to a file, in memory: the same layout,
     * byte for byte, for sending tensors over a network (a data-parallel trainer broadcasts its
     * parameters so). {@link #fromBytes} reads them back.
     *
     * @param tensors tensors by name, each written in its own dtype, bit for bit
     * @param metadata free-form strings by key (none: {@code Map.of()})
     * @return a new array holding the whole image
     * @throws IllegalArgumentException if a name is null or {@code __metadata__}, a tensor,
     *     metadata key or value is null, or the image would exceed 2^31 − 1 bytes (save to a file instead)
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Layout layout = layout("SafeTensors.toBytes", tensors, metadata);
        long total = 8L + layout.header.length + layout.dataBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors.toBytes: the image would have " + total + " bytes, more"
                    + " than a Java array holds; save it to a file with save(tensors, metadata, file)");
        }
        ByteBuffer image = ByteBuffer.allocate((int) total);
        try {
            write(layout, tensors, new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) {
                    int n = src.remaining();
                    image.put(src);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new AssertionError("writing to an array does not do I/O", e);
        }
        return image.array();
    }

    /** What {@link #write} writes: the tensors' names in file order and the padded header. */
    private static final class Layout {
        final List<String> names;
        final byte[] header;
        final long dataBytes;

        Layout(List<String> names, byte[] header, long dataBytes) {
            this.names = names;
            this.header = header;
            this.dataBytes = dataBytes;
        }
    }

    // checks the arguments and lays the tensors out as the reference writer does
    private static Layout layout(String op, Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null || metadata == null) {
            throw new IllegalArgumentException(op + ": tensors and metadata must not be null");
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException(op + ": tensor name " + e.getKey() + " is not allowed"
                        + " (" + METADATA + " is reserved for metadata); rename the tensor");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(op + ": tensor '" + e.getKey() + "' is null");
            }
            names.add(e.getKey());
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException(op + ": metadata entry " + e.getKey() + "=" + e.getValue()
                        + " has a null; metadata keys and values must be strings");
            }
        }
        // the reference writer's order: by dtype, widest first (so that every tensor starts at a
        // multiple of its element size and a reader may map it in place), then by UTF-8 bytes of the name
        Comparator<String> byDtype = Comparator.comparing(name -> FileDType.of(tensors.get(name).dtype()));
        names.sort(byDtype.thenComparing((a, b) ->
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));

        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            Json.writeString(json, METADATA);
            json.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                Json.writeString(json, e.getKey());
                json.append(':');
                Json.writeString(json, e.getValue());
            }
            json.append('}');
        }
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            FileDType dtype = FileDType.of(t.dtype());
            if (json.length() > 1) {
                json.append(',');
            }
            Json.writeString(json, name);
            json.append(":{\"dtype\":\"").append(dtype).append("\",\"shape\":[");
            int[] dims = t.shape().toArray();
            for (int i = 0; i < dims.length; i++) {
                json.append(i > 0 ? "," : "").append(dims[i]);
            }
            long end = offset + (long) dtype.encoding.size() * t.numel();
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(header, (header.length + 7) / 8 * 8);
        Arrays.fill(padded, header.length, padded.length, (byte) ' ');
        return new Layout(names, padded, offset);
    }

    // the header length, the padded header and the data section, a buffer at a time
    private static void write(Layout layout, Map<String, Tensor> tensors, WritableByteChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(layout.header.length);
        writeFully(ch, buf);
        ByteBuffer h = ByteBuffer.wrap(layout.header);
        while (h.hasRemaining()) {
            ch.write(h);
        }
        for (String name : layout.names) {
            NDArray values = tensors.get(name).array();
            int size = Bytes.Encoding.of(values.dtype()).size();
            int done = 0;
            while (done < values.numel()) {
                if (buf.remaining() < size) {
                    writeFully(ch, buf);
                }
                done += Bytes.encode(values, done, buf);
            }
        }
        writeFully(ch, buf);
    }

    // writes what buf holds (position 0 to its position) and empties it
    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    // ------------------------------------------------------------------ reading

    /** A tensor's entry in the header, checked. */
    private static final class Entry {
        final String name;
        final FileDType dtype;
        final int[] shape;
        final long begin;
        final long end;

        Entry(String name, FileDType dtype, int[] shape, long begin, long end) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.begin = begin;
            this.end = end;
        }
    }

    /**
     * The format's dtypes that jgrad reads, by their names in the header, each with its byte
     * encoding. Declared in the order the reference writer lays them out (its own enum's order,
     * reversed), which {@link #save} sorts by.
     */
    private enum FileDType {
        I64(Bytes.Encoding.INT64),
        F64(Bytes.Encoding.FLOAT64),
        F32(Bytes.Encoding.FLOAT32),
        BF16(Bytes.Encoding.BFLOAT16),
        F16(Bytes.Encoding.FLOAT16),
        BOOL(Bytes.Encoding.BOOL);

        final Bytes.Encoding encoding;

        FileDType(Bytes.Encoding encoding) {
            this.encoding = encoding;
        }

        // the name a tensor of this dtype is written under
        static FileDType of(DType dtype) {
            switch (dtype) {
                case FLOAT64:
                    return F64;
                case FLOAT32:
                    return F32;
                case INT64:
                    return I64;
                case BOOL:
                    return BOOL;
                default:
                    throw new AssertionError(dtype);
            }
        }
    }

    /**
     * Reads every tensor of a safetensors file, in the header's order, each in the dtype the file
     * stores it in: F64 as FLOAT64, F32 as FLOAT32, I64 as INT64, BOOL as BOOL, and F16 and BF16
     * widened exactly to FLOAT32. The tensors are new leaves, not requiring grad. Metadata is
     * checked (an object of strings) but not returned; see {@link #metadata}.
     *
     * @param file the file to read
     * @return tensors by name, insertion-ordered as in the header
     * @throws IllegalArgumentException if the file is malformed (the message names the file, the
     *     tensor and the rule broken); nothing is returned then
     * @throws UncheckedIOException if the file cannot be opened or read
     * @see #load(Path, DType)
     */
    public static Map<String, Tensor> load(Path file) {
        return read(file, null);
    }

    /**
     * Reads every tensor of a safetensors file as {@link #load(Path)} does, then converts every
     * floating tensor (F64, F32, F16, BF16) to {@code floating}, as Java casts convert (exact
     * when widening, rounding to nearest from F64 to FLOAT32); I64 and BOOL tensors keep their
     * dtype. {@code load(file, DType.FLOAT64)} gives what a float64 model holds, whatever
     * precision the file was written in.
     *
     * @param file the file to read
     * @param floating the dtype of the floating tensors returned: {@code FLOAT32} or {@code FLOAT64}
     * @return tensors by name, insertion-ordered as in the header
     * @throws IllegalArgumentException if {@code floating} is not a floating dtype, or the file is
     *     malformed (the message names the file, the tensor and the rule broken)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Map<String, Tensor> load(Path file, DType floating) {
        if (floating == null || !floating.isFloatingPoint()) {
            throw new IllegalArgumentException("SafeTensors.load: the dtype for floating tensors must be FLOAT32 or"
                    + " FLOAT64, got " + floating + "; int64 and bool tensors are read as they are anyway");
        }
        return read(file, floating);
    }

    // floating: the dtype to convert floating tensors to, or null to keep each as the file has it
    private static Map<String, Tensor> read(Path file, DType floating) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(Source.of(file, ch), floating);
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.load: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Tensor> read(Source src, DType floating) throws IOException {
        Header header = readHeader(src);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : header.entries) {
            Tensor t = readTensor(src, header.dataStart, e);
            out.put(e.name, floating != null && t.dtype().isFloatingPoint() ? t.to(floating) : t);
        }
        return out;
    }

    /**
     * Reads every tensor of a safetensors image held in memory, as {@link #load(Path)} reads a
     * file: each in the dtype the image stores it in, in the header's order, new leaves. The
     * inverse of {@link #toBytes}.
     *
     * @param bytes the whole image: header length, header and data section (not copied, not changed)
     * @return tensors by name, insertion-ordered as in the header
     * @throws IllegalArgumentException if {@code bytes} is null or malformed (the message names the
     *     tensor and the rule broken, as for a file); nothing is returned then
     */
    public static Map<String, Tensor> fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("SafeTensors.fromBytes: the bytes are null; pass what toBytes returned");
        }
        try {
            return read(Source.of(bytes), null);
        } catch (IOException e) {
            throw new AssertionError("reading an array does not do I/O", e);
        }
    }

    /**
     * Where a safetensors image is read from: a file or an array. {@code label} starts every
     * message about a malformed image.
     */
    private abstract static class Source {
        final String label;

        Source(String label) {
            this.label = label;
        }

        abstract long size() throws IOException;

        /** Reads into {@code buf} from position {@code at}; the bytes read, or -1 at the end. */
        abstract int read(ByteBuffer buf, long at) throws IOException;

        static Source of(Path file, FileChannel ch) {
            return new Source("SafeTensors.load: " + file) {
                @Override
                long size() throws IOException {
                    return ch.size();
                }

                @Override
                int read(ByteBuffer buf, long at) throws IOException {
                    return ch.read(buf, at);
                }
            };
        }

        static Source of(byte[] bytes) {
            return new Source("SafeTensors.fromBytes: an image of " + bytes.length + " bytes") {
                @Override
                long size() {
                    return bytes.length;
                }

                @Override
                int read(ByteBuffer buf, long at) {
                    if (at >= bytes.length) {
                        return -1;
                    }
                    int n = (int) Math.min(buf.remaining(), bytes.length - at);
                    buf.put(bytes, (int) at, n);
                    return n;
                }
            };
        }
    }

    /**
     * The {@code __metadata__} strings of a safetensors file (empty when it has none), after the
     * same checks of the whole header as {@link #load}.
     *
     * @param file the file
     * @return the {@code __metadata__} strings of a safetensors file (empty when it has none), after the same
     *     checks of the whole header as {@link #load}
     * @throws IllegalArgumentException if the file is malformed
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Map<String, String> metadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(Source.of(file, ch)).metadata;
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.metadata: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Header {
        final List<Entry> entries;
        final Map<String, String> metadata;
        final long dataStart;

        Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
            this.entries = entries;
            this.metadata = metadata;
            this.dataStart = dataStart;
        }
    }

    private static Header readHeader(Source src) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw fault(src, "the file is " + size + " bytes, too short for the 8-byte header length"
                    + " (truncated, or not a safetensors file)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(src, lenBuf, 0);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw fault(src, "the header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes (corrupt, or not a safetensors file)");
        }
        if (8 + n > size) {
            throw fault(src, "the header length " + n + " runs past the end of the file, which has only "
                    + (size - 8) + " bytes after the length (truncated)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(src, headerBytes, 8);
        headerBytes.flip();
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes);
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw fault(src, "the header is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw fault(src, "the header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw fault(src, "the header is JSON but not an object");
        }
        long dataLength = size - 8 - n;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                readMetadata(src, e.getValue(), metadata);
            } else {
                entries.add(entry(src, name, e.getValue(), dataLength));
            }
        }
        checkLayout(src, entries, dataLength);
        return new Header(entries, metadata, 8 + n);
    }

    private static void readMetadata(Source src, Object value, Map<String, String> into) {
        if (!(value instanceof Map)) {
            throw fault(src, METADATA + " must be an object of strings, got " + typeName(value));
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
            if (!(m.getValue() instanceof String)) {
                throw fault(src, METADATA + " entry '" + m.getKey() + "' must be a string, got " + typeName(m.getValue()));
            }
            into.put((String) m.getKey(), (String) m.getValue());
        }
    }

    private static Entry entry(Source src, String name, Object value, long dataLength) {
        if (!(value instanceof Map)) {
            throw fault(src, "tensor '" + name + "': its entry must be an object with dtype, shape and"
                    + " data_offsets, got " + typeName(value));
        }
        Map<?, ?> info = (Map<?, ?>) value;
        for (Object key : info.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw fault(src, "tensor '" + name + "': unknown field '" + key + "'; an entry has exactly dtype,"
                        + " shape and data_offsets");
            }
        }
        Object dt = info.get("dtype");
        if (!(dt instanceof String)) {
            throw fault(src, "tensor '" + name + "': dtype must be a string, got " + typeName(dt));
        }
        FileDType dtype;
        try {
            dtype = FileDType.valueOf((String) dt);
        } catch (IllegalArgumentException unknown) {
            throw fault(src, "tensor '" + name + "' has dtype " + dt + ", which jgrad does not read; the"
                    + " supported dtypes are F64, F32, F16, BF16, I64 and BOOL (convert the tensor before saving)");
        }
        long[] dims = longs(src, name, "shape", info.get("shape"), -1);
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw fault(src, "tensor '" + name + "': shape size " + dims[i] + " exceeds " + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
            numel = multiply(src, name, numel, dims[i]);
        }
        if (numel > Integer.MAX_VALUE) {
            throw fault(src, "tensor '" + name + "' has " + numel + " elements, more than a jgrad tensor holds ("
                    + Integer.MAX_VALUE + ")");
        }
        long[] offsets = longs(src, name, "data_offsets", info.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        String shapeText = Shape.of(shape).toString();
        if (end < begin) {
            throw fault(src, "tensor '" + name + "': data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long bytes = multiply(src, name, numel, dtype.encoding.size());
        if (end - begin != bytes) {
            throw fault(src, "tensor '" + name + "' of dtype " + dtype + " and shape " + shapeText + " needs "
                    + bytes + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        if (end > dataLength) {
            throw fault(src, "tensor '" + name + "': data_offsets [" + begin + ", " + end + "] lie beyond the data"
                    + " section, which has " + dataLength + " bytes (truncated?)");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    // the tensors must tile [0, dataLength) exactly, as the reference reader requires
    private static void checkLayout(Source src, List<Entry> entries, long dataLength) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort((a, b) -> a.begin != b.begin ? Long.compare(a.begin, b.begin) : Long.compare(a.end, b.end));
        long expected = 0;
        String previous = null;
        for (Entry e : byOffset) {
            if (e.begin < expected) {
                throw fault(src, "tensor '" + e.name + "' at [" + e.begin + ", " + e.end + "] overlaps tensor '"
                        + previous + "', which ends at " + expected);
            }
            if (e.begin > expected) {
                throw fault(src, "bytes [" + expected + ", " + e.begin + ") of the data section belong to no tensor"
                        + " (a gap before tensor '" + e.name + "')");
            }
            expected = e.end;
            previous = e.name;
        }
        if (expected != dataLength) {
            throw fault(src, "the data section has " + dataLength + " bytes but the tensors cover " + expected
                    + " (trailing bytes)");
        }
    }

    private static long[] longs(Source src, String name, String field, Object value, int count) {
        if (!(value instanceof List)) {
            throw fault(src, "tensor '" + name + "': " + field + " must be an array of integers, got " + typeName(value));
        }
        List<?> list = (List<?>) value;
        if (count >= 0 && list.size() != count) {
            throw fault(src, "tensor '" + name + "': " + field + " must have " + count + " integers, got " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Long) || (Long) v < 0) {
                throw fault(src, "tensor '" + name + "': " + field + " must hold non-negative integers, got " + v);
            }
            out[i] = (Long) v;
        }
        return out;
    }

    private static long multiply(Source src, String name, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fault(src, "tensor '" + name + "': its size overflows");
        }
    }

    private static String typeName(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "the string \"" + v + "\"";
        }
        return String.valueOf(v);
    }

    private static Tensor readTensor(Source src, long dataStart, Entry e) throws IOException {
        Tensor t = Tensor.zeros(e.dtype.encoding.dtype(), e.shape);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long position = dataStart + e.begin;
        long remaining = e.end - e.begin;
        int done = 0;
        while (remaining > 0) {
            buf.clear();
            if (remaining < buf.capacity()) {
                buf.limit((int) remaining);
            }
            readFully(src, buf, position);
            position += buf.position();
            remaining -= buf.position();
            buf.flip();
            // CHUNK is a multiple of every element size, so each chunk holds whole elements
            done += Bytes.decode(e.dtype.encoding, buf, t.array(), done);
        }
        return t;
    }

    // fills buf from position `at` of the source, or fails if it ends first
    private static void readFully(Source src, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int r = src.read(buf, pos);
            if (r < 0) {
                throw fault(src, "the file ended at byte " + pos + " while reading (truncated during the read?)");
            }
            pos += r;
        }
    }

    private static IllegalArgumentException fault(Source src, String what) {
        return new IllegalArgumentException(src.label + ": " + what);
    }
}
