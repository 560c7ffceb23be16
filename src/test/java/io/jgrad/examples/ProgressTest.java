package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String run(boolean interactive) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), interactive);
        for (int epoch = 1; epoch <= 2; epoch++) {
            p.startEpoch(epoch, 2, 100);
            p.update(50, 0.5, 0.8);
            Thread.sleep(120); // past the redraw interval
            p.update(75, 0.4, 0.85);
            p.endEpoch(0.3, 0.9, "test acc  91.0%");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputIsOneLinePerEpoch() throws InterruptedException {
        String out = run(false);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines()).hasSize(2);
        assertThat(out.lines().findFirst().orElseThrow())
                .startsWith("epoch 1/2 [========================] 100%  loss 0.3000  acc  90.0%  ")
                .endsWith("samples/s  test acc  91.0%");
    }

    @Test
    void terminalOutputRedrawsInPlaceAndKeepsEachEpochsLastLine() throws InterruptedException {
        String out = run(true);
        assertThat(out).contains("\repoch 1/2 [==================>     ]  75%  loss 0.4000  acc  85.0%");
        assertThat(out.split("\n")).hasSize(2);
        for (String line : out.split("\n")) {
            String shown = line.substring(line.lastIndexOf('\r') + 1).stripTrailing();
            assertThat(shown).contains("100%").endsWith("test acc  91.0%");
        }
    }
}
