package io.jgrad.data;

import java.io.IOException;

/**
 * A data file that cannot be read as the format it claims: a wrong magic number, data shorter or
 * longer than its header declares, images and labels that disagree in count, a CSV row with a
 * missing or non-numeric value. The message names the file (and, for CSV, the line), says what
 * was expected and what was found.
 */
public class MalformedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message names the file and the fault
     */
    public MalformedDataException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message names the file and the fault
     * @param cause the lower-level exception that revealed it
     */
    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
