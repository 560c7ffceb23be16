package io.jgrad.spark;

import java.io.Serializable;

/**
 * What one shard sends back to the driver at one step: its row count, its mean loss, the
 * gradient of that loss as one primitive array (every parameter flattened in
 * {@code parameters()} order; {@code float[]} when all parameters are float32, else
 * {@code double[]}, into which float32 values widen exactly), and its buffers' new values.
 */
final class ShardResult implements Serializable {

    private static final long serialVersionUID = 1L;

    final int shard;
    /** Rows computed; 0 when the shard sat the step out (then nothing else is set). */
    final int rows;
    final double loss;
    final double[] gradient64;
    final float[] gradient32;
    /** Which parameters got a gradient; null when all did. */
    final boolean[] hasGradient;
    /** The buffers' new values as a safetensors image; null when the model has no buffers. */
    final byte[] buffers;
    /** The task's own time: loading the parameters, forward, backward, packing the result. */
    final long computeNanos;

    ShardResult(int shard, int rows, double loss, double[] gradient64, float[] gradient32, boolean[] hasGradient,
                byte[] buffers, long computeNanos) {
        this.shard = shard;
        this.rows = rows;
        this.loss = loss;
        this.gradient64 = gradient64;
        this.gradient32 = gradient32;
        this.hasGradient = hasGradient;
        this.buffers = buffers;
        this.computeNanos = computeNanos;
    }

    /** A shard that has run out of rows for this epoch. */
    static ShardResult idle(int shard) {
        return new ShardResult(shard, 0, 0, null, null, null, null, 0);
    }

    /** @return the bytes of the arrays sent: the gradient and the buffers' image */
    long payloadBytes() {
        long bytes = 0;
        if (gradient64 != null) {
            bytes += 8L * gradient64.length;
        }
        if (gradient32 != null) {
            bytes += 4L * gradient32.length;
        }
        if (hasGradient != null) {
            bytes += hasGradient.length;
        }
        if (buffers != null) {
            bytes += buffers.length;
        }
        return bytes;
    }
}
