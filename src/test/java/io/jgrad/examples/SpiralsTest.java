package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.data.TensorDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpiralsTest {

    @Test
    void separatesTheSpirals() {
        Spirals.Result r = Spirals.run(100, 100, 0, new PrintStream(new ByteArrayOutputStream()));
        assertThat(r.trainAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void dataHasThreeBalancedArmsInTheUnitDisc() {
        TensorDataset ds = Spirals.spirals(50, 3, new Random(0));
        assertThat(ds.size()).isEqualTo(150);
        int[] counts = new int[3];
        for (int i = 0; i < ds.size(); i++) {
            counts[ds.get(i).label()]++;
            double x = ds.get(i).x().getDouble(0);
            double y = ds.get(i).x().getDouble(1);
            assertThat(x * x + y * y).isLessThanOrEqualTo(1 + 1e-12);
        }
        assertThat(counts).containsExactly(50, 50, 50);
    }
}
