package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule: shard sizes, steps, local batches, seeded shuffles, all from the settings alone. */
class ScheduleTest {

    @Test
    void rowIGoesToShardIModKAndAnEpochHasCeilOfTheLargestShardOverB() {
        Schedule s = new Schedule(11, 3, 6, false, 0); // shards of 4, 4, 3; b = 2
        assertThat(new int[] {s.shardSize(0), s.shardSize(1), s.shardSize(2)}).containsExactly(4, 4, 3);
        assertThat(s.stepsPerEpoch()).isEqualTo(2);
        assertThat(s.rowsAt(0, 0, 0)).containsExactly(0, 1);
        assertThat(s.rowsAt(0, 1, 2)).containsExactly(2); // the short shard's last batch
        Schedule t = new Schedule(7, 4, 4, false, 0); // shards of 2, 2, 2, 1; b = 1
        assertThat(t.stepsPerEpoch()).isEqualTo(2);
        assertThat(t.rowsAt(0, 1, 3)).as("a shard that has run out sits the step out").isEmpty();
        assertThat(new Schedule(2, 4, 4, false, 0).shardSize(3)).as("more shards than rows").isZero();
    }

    @Test
    void shufflesAreFisherYatesSeededFromSeedEpochAndShard() {
        Schedule s = new Schedule(1000, 2, 8, true, 42);
        int[] order = s.order(3, 1);
        assertThat(new HashSet<>(Arrays.asList(Arrays.stream(order).boxed().toArray(Integer[]::new)))).hasSize(500);
        // the same formula written out: java.util.Random of mix(seed, 1, epoch, shard)
        int[] expected = new int[500];
        for (int i = 0; i < 500; i++) {
            expected[i] = i;
        }
        Random rng = new Random(Schedule.mix(42, 1, 3, 1));
        for (int j = 499; j > 0; j--) {
            int k = rng.nextInt(j + 1);
            int tmp = expected[j];
            expected[j] = expected[k];
            expected[k] = tmp;
        }
        assertThat(order).containsExactly(expected);
        assertThat(new Schedule(1000, 2, 8, true, 42).order(3, 1)).as("a pure function").containsExactly(order);
        Set<String> distinct = new HashSet<>();
        for (int[] o : new int[][] {order, s.order(4, 1), s.order(3, 0), new Schedule(1000, 2, 8, true, 43).order(3, 1)}) {
            distinct.add(Arrays.toString(Arrays.copyOf(o, 20)));
        }
        assertThat(distinct).as("another epoch, shard or seed, another order").hasSize(4);
        assertThat(new Schedule(10, 1, 2, false, 9).order(5, 0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void layerSeedsDifferPerEpochStepAndShard() {
        Schedule s = new Schedule(100, 4, 8, true, 5);
        Set<Long> seeds = new HashSet<>();
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < 4; k++) {
                    seeds.add(s.layerSeed(e, t, k));
                }
            }
        }
        assertThat(seeds).hasSize(48);
    }
}
