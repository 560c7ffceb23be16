package io.jgrad.examples;

import java.io.PrintStream;
import java.nio.file.Path;

/** Writing a run's curves, where a missing font or display must not cost the run its result. */
final class Curves {

    private Curves() {
    }

    /**
     * Writes {@code history}'s PNG and says where; if Java 2D cannot draw here (a JVM without
     * fonts, say), says why and goes on.
     *
     * @return {@code file}, or {@code null} if it was not written
     */
    static Path write(History history, Path file, String title, String subtitle, PrintStream out) {
        try {
            history.writePng(file, title, subtitle);
            out.println("curves: " + file);
            return file;
        } catch (Exception | LinkageError | InternalError | java.awt.AWTError e) {
            out.println("curves: not written (" + e + "); the training itself succeeded");
            return null;
        }
    }
}
