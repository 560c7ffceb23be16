package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotebookTest {

    @Test
    void printsWhatTheNotebookPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Notebook.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        // the notebook's own outputs, cell by cell; grad_fn prints as the operation's name, None as null
        assertThat(out).contains("In [14]:\n1.0\n1.0\n1.0\n2.0\n");
        assertThat(out).contains("In [15]:\nAdd\nAdd\nnull\nnull\n");
        assertThat(out).containsPattern("In \\[16\\]:\nIllegalStateException: .*retainGraph");
        assertThat(out).contains("In [17]:\n1.0\n1.0\n2.0\n4.0\n");
        assertThat(out).contains("In [18]:\n1.0\n1.0\n1.0\n2.0\n");
        assertThat(out).contains("In [19]:\n6.0\n4.0\n2.0\n");
        assertThat(out).contains("In [22]:\n"
                + "[[ -4.5  -9. ]\n [ -6.  -12. ]]\n"
                + "[[ -7.5 -16.5]]\n"
                + "[[-22.5]\n [-33. ]]\n"
                + "[[-1.5]]\n");
        for (String cell : new String[] {"20", "21", "23", "24", "25", "26", "27", "28", "31"}) {
            assertThat(out).contains("In [" + cell + "]: ");
        }
        assertThat(out).endsWith("In [31]: network gradients checked\n");
    }
}
