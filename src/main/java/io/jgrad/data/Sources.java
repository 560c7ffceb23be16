package io.jgrad.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opening a data stream that may be gzipped: told apart by the gzip magic number, not the name. */
final class Sources {

    private static final int BUFFER = 1 << 16;

    private Sources() {
    }

    /**
     * Wraps {@code raw} in a buffer, and in a gzip decoder when it starts with {@code 1f 8b}.
     *
     * @throws MalformedDataException if the stream starts like gzip but its header is broken
     */
    static InputStream open(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return in;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        } catch (IOException e) {
            throw new MalformedDataException(name + ": starts like a gzip file but its gzip header is broken ("
                    + e.getMessage() + "); check that the download completed", e);
        }
    }
}
