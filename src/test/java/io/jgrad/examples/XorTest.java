package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class XorTest {

    @Test
    void learnsTheTruthTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Xor.Result r = Xor.run(500, 0, new PrintStream(out, true));
        assertThat(r.loss()).isLessThan(0.01);
        assertThat(r.predictions()[0]).isCloseTo(0, within(0.1));
        assertThat(r.predictions()[1]).isCloseTo(1, within(0.1));
        assertThat(r.predictions()[2]).isCloseTo(1, within(0.1));
        assertThat(r.predictions()[3]).isCloseTo(0, within(0.1));
        assertThat(out.toString()).contains("step  500").contains(" x1 x2 | xor | network");
    }

    @Test
    void learnsItFromOtherSeedsToo() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] p = Xor.run(500, seed, new PrintStream(new ByteArrayOutputStream())).predictions();
            assertThat(p[0]).isLessThan(0.2);
            assertThat(p[1]).isGreaterThan(0.8);
            assertThat(p[2]).isGreaterThan(0.8);
            assertThat(p[3]).isLessThan(0.2);
        }
    }
}
