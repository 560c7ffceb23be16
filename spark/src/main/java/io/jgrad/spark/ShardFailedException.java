package io.jgrad.spark;

/**
 * A shard's computation at one step threw: the user's batch function, model or loss, or a model
 * that does not fit the parameters sent to it. On Spark it is thrown once Spark has given up on the
 * task (after {@code spark.task.maxFailures} attempts), with the exception of the last attempt as
 * its cause; in {@link DataParallel#fitLocal} at once. The trainer's model then holds the
 * parameters after the last step that completed.
 */
public class ShardFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The shard that failed. */
    private final int shard;
    /** The trainer's step at which it failed. */
    private final long step;
    /** The epoch of that step. */
    private final int epoch;

    /**
     * The failure of {@code shard} at a step, with what it threw as the cause.
     *
     * @param shard the shard, {@code 0 … K-1}
     * @param step the trainer's step, counted from 0 over its whole life
     * @param epoch the epoch the step belongs to, counted from 0 over the trainer's life
     * @param stepInEpoch the step within the epoch, from 0
     * @param stepsInEpoch the epoch's number of steps
     * @param cause what the shard threw
     */
    public ShardFailedException(int shard, long step, int epoch, int stepInEpoch, int stepsInEpoch, Throwable cause) {
        super("DataParallel: shard " + shard + " failed at step " + step + " (epoch " + epoch + ", step "
                + stepInEpoch + " of " + stepsInEpoch + " in the epoch): " + cause, cause);
        this.shard = shard;
        this.step = step;
        this.epoch = epoch;
    }

    /** {@return the shard that failed, {@code 0 … K-1}} */
    public int shard() {
        return shard;
    }

    /** {@return the step at which it failed, counted from 0 over the trainer's life} */
    public long step() {
        return step;
    }

    /** {@return the epoch of that step, counted from 0 over the trainer's life} */
    public int epoch() {
        return epoch;
    }
}
