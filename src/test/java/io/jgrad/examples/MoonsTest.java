package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoonsTest {

    @Test
    void scalarMlpSeparatesTheMoonsAsMicrogradsDemo() {
        // micrograd's demo configuration, the example's default: about 70,000 scalar nodes a step
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Moons.Result r = Moons.run(100, new int[] {16, 16, 1}, 100, 0, new PrintStream(out, true));
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.loss()).isLessThan(0.05);
        assertThat(out.toString()).contains("MLP 2-16-16-1 with 337 scalar parameters");
    }

    @Test
    void moonsAreTwoLabelledArcs() {
        double[][] x = new double[10][];
        double[] y = new double[10];
        Moons.moons(10, 0, new Random(0), x, y);
        assertThat(y).containsExactly(-1, -1, -1, -1, -1, 1, 1, 1, 1, 1);
        assertThat(x[0]).containsExactly(1, 0); // the upper arc starts at (1, 0)...
        assertThat(x[5][0]).isEqualTo(0);       // ...the lower one at (0, 0.5)
        assertThat(x[5][1]).isEqualTo(0.5);
    }
}
