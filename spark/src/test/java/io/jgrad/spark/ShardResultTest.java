package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** A shard's result crosses Java serialization with every bit of its gradient. */
class ShardResultTest {

    private static ShardResult roundTrip(ShardResult r) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShardResult) in.readObject();
        }
    }

    @Test
    void gradientsKeepEveryBit() throws Exception {
        double[] g = {1.5, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), Double.MIN_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.1};
        ShardResult r = roundTrip(new ShardResult(3, 17, 0.25, g, null, new boolean[] {true, false}, new byte[] {1, 2},
                12345));
        assertThat(r.gradient32).isNull();
        assertThat(r.gradient64).hasSize(g.length);
        for (int i = 0; i < g.length; i++) {
            assertThat(Double.doubleToRawLongBits(r.gradient64[i])).isEqualTo(Double.doubleToRawLongBits(g[i]));
        }
        assertThat(r.shard).isEqualTo(3);
        assertThat(r.rows).isEqualTo(17);
        assertThat(r.loss).isEqualTo(0.25);
        assertThat(r.hasGradient).containsExactly(true, false);
        assertThat(r.buffers).containsExactly(1, 2);
        assertThat(r.computeNanos).isEqualTo(12345);

        float[] f = {1.5f, -0.0f, Float.intBitsToFloat(0x7fc00123), Float.MIN_VALUE};
        ShardResult r32 = roundTrip(new ShardResult(0, 1, 1, null, f, null, null, 0));
        assertThat(r32.gradient64).isNull();
        for (int i = 0; i < f.length; i++) {
            assertThat(Float.floatToRawIntBits(r32.gradient32[i])).isEqualTo(Float.floatToRawIntBits(f[i]));
        }
        ShardResult idle = roundTrip(ShardResult.idle(2));
        assertThat(idle.rows).isZero();
        assertThat(idle.gradient64).isNull();
        assertThat(idle.gradient32).isNull();
    }
}
