package io.jgrad.spark;

import io.jgrad.GradMode;
import io.jgrad.Tensor;
import io.jgrad.data.Batch;
import io.jgrad.ndarray.Kernels;
import io.jgrad.nn.Layer;
import io.jgrad.nn.SafeTensors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a task computes, on an executor or (for {@code fitLocal}) on the driver: the same code in
 * both places, so that both give the same bits. Each call is a pure function of its arguments —
 * the parameters' image, the shard's rows and the step's coordinates — whatever replica serves it
 * and whatever ran on that replica before, so a task that Spark re-runs gives the same result.
 */
final class Worker {

    private Worker() {
    }

    /**
     * One shard's part of one step: the gradient of its mean loss over its rows of the step, at
     * the parameters in {@code state}.
     *
     * @param shardRows all rows of the shard, in input order
     * @param state the driver's parameters and buffers, a safetensors image (fetched only when the
     *     shard computes at this step)
     * @param stateId names {@code state}; a replica that holds it already does not load it again
     * @throws ShardFailedException naming the shard and the step, with what the user's code (or
     *     the loading of the parameters) threw as its cause
     */
    static <T> ShardResult step(Settings<T> settings, Schedule schedule, int shard, List<T> shardRows,
                                Supplier<byte[]> state, long stateId, int epoch, int stepInEpoch, long step) {
        int[] at = schedule.rowsAt(epoch, stepInEpoch, shard);
        if (at.length == 0) {
            return ShardResult.idle(shard);
        }
        long start = System.nanoTime();
        try (Kernels.SingleThreaded threads = settings.singleThreaded ? Kernels.singleThreaded() : null;
             GradMode.Scope grad = GradMode.enableGrad()) {
            if (shardRows.size() != schedule.shardSize(shard)) {
                throw new IllegalStateException("DataParallel: shard " + shard + " holds " + shardRows.size()
                        + " rows but the schedule gives it " + schedule.shardSize(shard) + " (the input changed"
                        + " between the count and the step: is it deterministic?)");
            }
            Replicas.Replica replica = Replicas.borrow(settings);
            replica.load(state, stateId);
            replica.loadedState = -1; // the forward pass may change the buffers
            List<T> rows = new ArrayList<>(at.length);
            for (int i : at) {
                rows.add(shardRows.get(i));
            }
            Layer model = replica.model;
            model.train();
            model.manualSeed(schedule.layerSeed(epoch, stepInEpoch, shard));
            model.zeroGrad(); // to null, never zeros kept from an earlier task: what a task sees must not depend on them
            Batch batch = batchOf(settings, rows);
            Tensor loss = settings.loss.apply(model.call(batch.x()), batch.y());
            if (loss == null || loss.numel() != 1) {
                throw new IllegalStateException("DataParallel: the loss function returned "
                        + (loss == null ? "null" : "a tensor of shape " + loss.shape()) + "; it must return the 0-d"
                        + " mean loss over the rows it is given (e.g. CrossEntropyLoss.forward, or .mean())");
            }
            loss.backward();
            ShardResult result = pack(replica, shard, rows.size(), loss.item(), start);
            model.zeroGrad(); // the gradients are in the result; let them go
            Replicas.giveBack(settings, replica);
            return result;
        } catch (RuntimeException e) {
            // the replica (if any) is not given back: its state after a failure is not to be trusted
            throw new ShardFailedException(shard, step, epoch, stepInEpoch, schedule.stepsPerEpoch(), e);
        }
    }

    private static <T> Batch batchOf(Settings<T> settings, List<T> rows) {
        Batch batch = settings.batches.apply(rows);
        if (batch == null || batch.x() == null) {
            throw new IllegalStateException("DataParallel: the batch function returned " + (batch == null ? "null"
                    : "a batch without features x") + " for " + rows.size() + " rows; return new Batch(x, y)");
        }
        if (batch.x().dim() == 0 || batch.x().shape().get(0) != rows.size()) {
            throw new IllegalStateException("DataParallel: the batch function made features of shape " + batch.x().shape()
                    + " from " + rows.size() + " rows; x must have one row per input row, (" + rows.size() + ", …)");
        }
        return batch;
    }

    // the gradient as one primitive array, and the buffers' new values
    private static ShardResult pack(Replicas.Replica replica, int shard, int rows, double loss, long start) {
        List<Tensor> params = replica.params;
        double[] g64 = replica.float32 ? null : new double[replica.numel];
        float[] g32 = replica.float32 ? new float[replica.numel] : null;
        boolean[] has = null;
        int offset = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Tensor g = p.grad();
            if (g == null) {
                if (has == null) {
                    has = new boolean[params.size()];
                    java.util.Arrays.fill(has, true);
                }
                has[k] = false;
            } else if (g32 != null) {
                System.arraycopy(g.toFloatArray(), 0, g32, offset, p.numel());
            } else {
                System.arraycopy(g.toArray(), 0, g64, offset, p.numel());
            }
            offset += p.numel();
        }
        byte[] buffers = replica.hasBuffers ? SafeTensors.toBytes(replica.model.namedBuffers(), Map.of()) : null;
        return new ShardResult(shard, rows, loss, g64, g32, has, buffers, System.nanoTime() - start);
    }

    /**
     * The model in evaluation mode on every row of a partition, in chunks of {@code chunk} rows,
     * without recording a graph: one {@code double[]} of output values per row, in order.
     */
    static <T> Iterator<double[]> predict(Settings<T> settings, int chunk, Iterator<T> rows, Supplier<byte[]> state,
                                          long stateId) {
        List<double[]> out = new ArrayList<>();
        if (!rows.hasNext()) {
            return out.iterator();
        }
        try (Kernels.SingleThreaded threads = settings.singleThreaded ? Kernels.singleThreaded() : null;
             GradMode.Scope noGrad = GradMode.noGrad()) {
            Replicas.Replica replica = Replicas.borrow(settings);
            replica.load(state, stateId);
            replica.model.eval();
            List<T> batchRows = new ArrayList<>(chunk);
            while (rows.hasNext()) {
                batchRows.add(rows.next());
                if (batchRows.size() == chunk || !rows.hasNext()) {
                    Tensor y = replica.model.call(batchOf(settings, batchRows).x());
                    int n = batchRows.size();
                    if (y.dim() == 0 || y.shape().get(0) != n) {
                        throw new IllegalStateException("DataParallel.predict: the model's output has shape " + y.shape()
                                + " for " + n + " rows; it must have one row per input row, (" + n + ", …)");
                    }
                    double[] values = y.toArray();
                    int width = values.length / n;
                    for (int i = 0; i < n; i++) {
                        out.add(java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width));
                    }
                    batchRows.clear();
                }
            }
            Replicas.giveBack(settings, replica);
        }
        return out.iterator();
    }
}
