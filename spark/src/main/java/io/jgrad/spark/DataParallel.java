package io.jgrad.spark;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Layer;
import io.jgrad.nn.SafeTensors;
import io.jgrad.optim.Optimizer;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training on a Spark cluster that gives, bit for bit, the parameters and
 * losses of the same schedule run in one JVM ({@link #fitLocal}), whatever the cluster does.
 *
 * <pre>{@code
 * DataParallel<Image> trainer = DataParallel.<Image>builder()
 *         .model(() -> new Sequential(new Linear(784, 256, new Random(1)), new ReLU(), new Linear(256, 10, new Random(2))))
 *         .loss((logits, y) -> new CrossEntropyLoss().forward(logits, new Batch(logits, y).labels()))
 *         .batches(Image::batch)
 *         .optimizer(params -> new Adam(params, 1e-3))
 *         .shards(2).batchSize(128).seed(0)
 *         .build();
 * DataParallel.History h = trainer.fit(images, 3);     // images: a JavaRDD<Image>
 * trainer.save(Path.of("out/fashion.safetensors"));
 * }</pre>
 *
 * <p><b>The schedule</b> is fixed by {@code (rows N, shards K, batchSize B, shuffle, seed)} alone:
 * row {@code i} of the input (its position in the input's order, as {@code zipWithIndex} numbers
 * it) belongs to shard {@code i mod K} and keeps its relative order there. Each epoch every shard
 * shuffles its rows (when {@code shuffle}) with a generator seeded from {@code (seed, epoch,
 * shard)} and cuts them into consecutive local batches of {@code b = B/K} rows; an epoch has
 * {@code ceil(max shard size / b)} steps, and a shard that has run out sits a step out. Layers that
 * draw random numbers (dropout) are reseeded from {@code (seed, epoch, step, shard)} before each
 * shard's step ({@link Layer#manualSeed}). The exact formulas are in the package documentation.
 *
 * <p><b>A step</b>: the driver's parameters and buffers go to the executors once, as a
 * {@code Broadcast} of a safetensors image (destroyed after the step); each shard's task takes a
 * model replica (built from the factory once per executor thread and kept), loads the image,
 * computes the gradient of its mean loss {@code L_s} over its {@code m_s} rows and sends it back
 * once, as one primitive array. The driver then forms, adding in shard order {@code 0 … K-1} (never
 * in the order tasks finish, so never with {@code reduce} or {@code treeAggregate}):
 * <pre>
 *   M = Σ m_s,   w_s = m_s / M,
 *   g = Σ_s w_s · ∇L_s          the gradient of the mean loss over the step's M rows
 *   loss = Σ_s w_s · L_s        History.losses()[step]
 *   buffer = Σ_s w_s · buffer_s  for floating buffers (batch norm's running statistics);
 *                               integer and bool buffers take the first computing shard's value
 * </pre>
 * sets each parameter's gradient to its part of {@code g} (a parameter no shard reached keeps
 * {@code null}, and the optimizer skips it) and runs {@code optimizer.step()} on the driver. Every
 * task is a pure function of the image and the shard's rows, so a task that Spark re-runs changes
 * nothing, and the sums run in the same order on every run: hence the same bits as
 * {@link #fitLocal}, which runs the same tasks one after another in this JVM. (The kernels must be
 * the same on the driver and the executors: jgrad picks its Vector API kernels where the JVM has
 * {@code jdk.incubator.vector}, as Spark 4's launcher gives every JVM; start them alike.)
 *
 * <p><b>Data</b>: {@link #fit} numbers the input's rows with {@code zipWithIndex}, moves each to
 * its shard and caches the result as exactly {@code K} partitions (partition {@code s} holding
 * shard {@code s} in input order), for the duration of the call. The input must be deterministic
 * (files, {@code parallelize}, a sort), as Spark needs for any recomputation, and its rows
 * serializable.
 *
 * <p><b>Threads</b>: by default each task runs its matrix products on its own thread
 * ({@code Kernels.singleThreaded}): Spark's task slots already give each core a task, and jgrad's
 * own pool would oversubscribe them ({@code local[2]} would run four threads on two cores).
 * {@link Builder#singleThreadedTasks(boolean) singleThreadedTasks(false)} lets a task use the pool
 * ({@code -Djgrad.threads}) where executors have more cores than task slots. A system property is
 * not the way: in local mode the executors are the driver's JVM, so
 * {@code spark.executor.extraJavaOptions} does not reach them.
 *
 * <p>A trainer is used from one thread at a time.
 *
 * @param <T> the type of a row of the data
 */
public final class DataParallel<T> {

    private final Settings<T> settings;
    private final int shards;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final Layer model;
    private final Optimizer optimizer;
    private final Consumer<Step> onStep;
    // the driver model's parameters, in the order of the gradient arrays the shards send
    private final List<Tensor> params;
    private final int numel;

    private int epochsDone;
    private long stepsDone;
    // names each image of the parameters sent out, so that a replica holding it need not load it again
    private long images;

    private DataParallel(Builder<T> b, Layer model, Optimizer optimizer) {
        this.settings = new Settings<>(UUID.randomUUID().toString(), b.model, b.loss, b.batches, b.singleThreadedTasks);
        this.shards = b.shards;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.model = model;
        this.optimizer = optimizer;
        this.onStep = b.onStep;
        this.params = model.parameters();
        long n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        this.numel = Math.toIntExact(n);
    }

    /**
     * A builder with the defaults: 1 shard, batch size 32, shuffling on, seed 0, single-threaded
     * tasks; the model factory, loss, batch function and optimizer must be set.
     *
     * @param <T> the type of a row of the data
     * @return a new builder
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains {@code epochs} more epochs on Spark, continuing from {@link #epochsDone()}: the
     * schedule of the class description, each step one Spark job over the cached shards. For the
     * same rows, settings and initial model, the parameters and losses equal {@link #fitLocal}'s
     * bit for bit, on any master, with any number of input partitions, and when Spark re-runs
     * failed tasks.
     *
     * @param data the training rows, in a deterministic order
     * @param epochs how many epochs to train, ≥ 0
     * @return the steps' losses, bytes and timings
     * @throws IllegalArgumentException if {@code data} is null or empty, {@code epochs < 0}, or a
     *     function (model factory, loss, batch function) or the rows cannot be serialized
     * @throws ShardFailedException if a shard's computation threw and Spark gave up on it (the
     *     cause is the last attempt's exception); the model then holds the last completed step's
     *     parameters and {@link #epochsDone()} counts the completed epochs only
     */
    public History fit(JavaRDD<T> data, int epochs) {
        if (data == null) {
            throw new IllegalArgumentException("DataParallel.fit: data is null; pass a JavaRDD of the training rows");
        }
        checkEpochs("fit", epochs);
        if (epochs == 0) {
            return History.of(List.of());
        }
        checkSerializable();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        JavaRDD<List<T>> cached = readShards(data, shards);
        try {
            List<Integer> sizes = countShards(cached); // counts and fills the cache
            long rows = 0;
            for (int s : sizes) {
                rows += s;
            }
            if (rows == 0) {
                throw new IllegalArgumentException("DataParallel.fit: the input RDD is empty; pass at least one row");
            }
            Schedule schedule = new Schedule(rows, shards, batchSize, shuffle, seed);
            for (int s = 0; s < shards; s++) {
                if (sizes.get(s) != schedule.shardSize(s)) {
                    throw new IllegalStateException("DataParallel.fit: partition " + s + " of the cached shards holds "
                            + sizes.get(s) + " rows, but shard " + s + " of " + rows + " rows has " + schedule.shardSize(s));
                }
            }
            Settings<T> st = settings;
            return train("fit", schedule, epochs, (image, id, epoch, t, step) -> {
                long start = System.nanoTime();
                Broadcast<byte[]> state = sc.broadcast(image);
                long broadcast = System.nanoTime() - start;
                try {
                    long jobStart = System.nanoTime();
                    List<ShardResult> results = cached.mapPartitionsWithIndex(
                            stepTask(st, schedule, state, id, epoch, t, step), true).collect();
                    return new StepRun(results, broadcast, System.nanoTime() - jobStart);
                } catch (Exception e) { // Spark throws its checked SparkException undeclared
                    throw unwrap(e, step, epoch, t, schedule.stepsPerEpoch());
                } finally {
                    state.destroy(); // 10,000 steps must not leave 10,000 images in the block managers
                }
            });
        } finally {
            cached.unpersist(false);
        }
    }

    /**
     * Trains {@code epochs} more epochs in this JVM, continuing from {@link #epochsDone()}: the
     * schedule of the class description with the shards computed one after another by the same
     * code the executors run. The reference that {@link #fit} equals bit for bit, and a way to
     * train without a cluster.
     *
     * @param rows the training rows, in order (row {@code i} belongs to shard {@code i mod K})
     * @param epochs how many epochs to train, ≥ 0
     * @return the steps' losses, bytes (those that {@code fit} would send) and timings (the
     *     slowest shard's compute; no broadcast or collect)
     * @throws IllegalArgumentException if {@code rows} is null or empty, or {@code epochs < 0}
     * @throws ShardFailedException if a shard's computation threw, naming the shard and the step
     */
    public History fitLocal(List<T> rows, int epochs) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("DataParallel.fitLocal: the input is " + (rows == null ? "null" : "empty")
                    + "; pass at least one row");
        }
        checkEpochs("fitLocal", epochs);
        List<List<T>> byShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            byShard.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            byShard.get(i % shards).add(rows.get(i));
        }
        Schedule schedule = new Schedule(rows.size(), shards, batchSize, shuffle, seed);
        return train("fitLocal", schedule, epochs, (image, id, epoch, t, step) -> {
            List<ShardResult> results = new ArrayList<>(shards);
            for (int s = 0; s < shards; s++) {
                results.add(Worker.step(settings, schedule, s, byShard.get(s), () -> image, id, epoch, t, step));
            }
            return new StepRun(results, 0, 0);
        });
    }

    /** How one step's shards are run: on Spark, or one after another here. */
    @FunctionalInterface
    private interface Shards {
        StepRun run(byte[] image, long imageId, int epoch, int stepInEpoch, long step);
    }

    /**
     * What running a step's shards gave.
     *
     * @param wallNanos the time from submitting the shards' work to having every result back
     *     (0 when they ran here, one after another)
     */
    private record StepRun(List<ShardResult> results, long broadcastNanos, long wallNanos) {
    }

    // the loop that fit and fitLocal share: the schedule's steps, each reduced and applied on the driver
    private History train(String op, Schedule schedule, int epochs, Shards run) {
        List<Step> steps = new ArrayList<>();
        int perEpoch = schedule.stepsPerEpoch();
        for (int e = 0; e < epochs; e++) {
            int epoch = epochsDone;
            for (int t = 0; t < perEpoch; t++) {
                long start = System.nanoTime();
                byte[] image = stateImage();
                long imageNanos = System.nanoTime() - start;
                StepRun ran = run.run(image, ++images, epoch, t, stepsDone);
                long applyStart = System.nanoTime();
                Reduced r = reduce(op, ran.results());
                long end = System.nanoTime();
                long compute = 0;
                long up = 0;
                for (ShardResult result : ran.results()) {
                    compute = Math.max(compute, result.computeNanos);
                    up += result.payloadBytes();
                }
                long collect = ran.wallNanos() == 0 ? 0 : Math.max(0, ran.wallNanos() - compute);
                Step step = new Step(stepsDone, epoch, t, perEpoch, r.rows, r.loss, image.length, up,
                        millis(imageNanos + ran.broadcastNanos()), millis(compute), millis(collect),
                        millis(end - applyStart), millis(end - start));
                steps.add(step);
                stepsDone++;
                if (onStep != null) {
                    onStep.accept(step);
                }
            }
            epochsDone++;
        }
        return History.of(steps);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The step's row count and mean loss. */
    private record Reduced(int rows, double loss) {
    }

    /**
     * Sums the shards' results in shard order, sets the parameters' gradients and the buffers,
     * and steps the optimizer.
     */
    private Reduced reduce(String op, List<ShardResult> results) {
        if (results.size() != shards) {
            throw new IllegalStateException("DataParallel." + op + ": " + results.size() + " shard results for " + shards
                    + " shards");
        }
        int rows = 0;
        for (int s = 0; s < shards; s++) {
            ShardResult r = results.get(s);
            if (r.shard != s) {
                throw new IllegalStateException("DataParallel." + op + ": result " + s + " came from shard " + r.shard);
            }
            rows += r.rows;
        }
        double[] sum = new double[numel];
        boolean[] reached = new boolean[params.size()];
        double loss = 0;
        boolean first = true;
        for (ShardResult r : results) { // shard order 0 … K-1, whatever order the tasks finished in
            if (r.rows == 0) {
                continue;
            }
            int length = r.gradient64 != null ? r.gradient64.length : r.gradient32.length;
            if (length != numel) {
                throw new IllegalStateException("DataParallel." + op + ": shard " + r.shard + "'s model has " + length
                        + " parameter values but the driver's has " + numel + "; the model factory must make the"
                        + " same model every time");
            }
            double w = (double) r.rows / rows;
            loss = first ? w * r.loss : loss + w * r.loss;
            first = false;
            int offset = 0;
            for (int k = 0; k < params.size(); k++) {
                int n = params.get(k).numel();
                if (r.hasGradient == null || r.hasGradient[k]) {
                    boolean start = !reached[k];
                    for (int j = offset; j < offset + n; j++) {
                        double g = r.gradient64 != null ? r.gradient64[j] : r.gradient32[j];
                        sum[j] = start ? w * g : sum[j] + w * g;
                    }
                    reached[k] = true;
                }
                offset += n;
            }
        }
        int offset = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            p.zeroGrad();
            if (reached[k]) {
                // backward from a leaf with seed g leaves exactly g in its gradient
                p.backward(slice(sum, offset, p));
            }
            offset += p.numel();
        }
        averageBuffers(op, results, rows);
        optimizer.step();
        return new Reduced(rows, loss);
    }

    private static Tensor slice(double[] values, int offset, Tensor like) {
        int n = like.numel();
        int[] shape = like.shape().toArray();
        if (like.dtype() == DType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) values[offset + i];
            }
            return Tensor.fromArray(f, shape);
        }
        return Tensor.fromArray(Arrays.copyOfRange(values, offset, offset + n), shape);
    }

    // floating buffers: the row-weighted mean of the shards' new values, in shard order; others: the
    // first computing shard's value
    private void averageBuffers(String op, List<ShardResult> results, int rows) {
        Map<String, Tensor> buffers = model.namedBuffers();
        if (buffers.isEmpty()) {
            return;
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Tensor> firsts = new LinkedHashMap<>();
        for (ShardResult r : results) {
            if (r.rows == 0) {
                continue;
            }
            if (r.buffers == null) {
                throw new IllegalStateException("DataParallel." + op + ": shard " + r.shard + "'s model has no buffers but"
                        + " the driver's has " + buffers.keySet() + "; the model factory must make the same model every time");
            }
            Map<String, Tensor> values = SafeTensors.fromBytes(r.buffers);
            double w = (double) r.rows / rows;
            for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
                Tensor v = values.get(e.getKey());
                if (v == null || !v.shape().equals(e.getValue().shape())) {
                    throw new IllegalStateException("DataParallel." + op + ": shard " + r.shard + " sent buffer '"
                            + e.getKey() + "' " + (v == null ? "not at all" : "of shape " + v.shape()) + " but the driver's"
                            + " is " + e.getValue().shape() + "; the model factory must make the same model every time");
                }
                firsts.putIfAbsent(e.getKey(), v);
                if (e.getValue().dtype().isFloatingPoint()) {
                    double[] x = v.toArray();
                    double[] acc = sums.get(e.getKey());
                    if (acc == null) {
                        for (int i = 0; i < x.length; i++) {
                            x[i] = w * x[i];
                        }
                        sums.put(e.getKey(), x);
                    } else {
                        for (int i = 0; i < x.length; i++) {
                            acc[i] += w * x[i];
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            Tensor b = e.getValue();
            double[] acc = sums.get(e.getKey());
            if (acc != null) {
                b.setData(Tensor.fromArray(acc, b.shape().toArray()).to(b.dtype()));
            } else if (firsts.containsKey(e.getKey())) {
                b.setData(firsts.get(e.getKey()).to(b.dtype()));
            }
        }
    }

    /** The driver's parameters and buffers as the image sent to the shards. */
    private byte[] stateImage() {
        return SafeTensors.toBytes(model.stateDict(), Map.of());
    }

    private static void checkEpochs(String op, int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("DataParallel." + op + ": epochs must be ≥ 0, got " + epochs);
        }
    }

    // Spark would say "Task not serializable"; this says which function and why, before any job runs
    private void checkSerializable() {
        checkSerializable("model factory", settings.model);
        checkSerializable("loss function", settings.loss);
        checkSerializable("batch function", settings.batches);
    }

    private static void checkSerializable(String what, Serializable f) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(f);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("DataParallel.fit: the " + what + " cannot be sent to the executors:"
                    + " it holds a " + e.getMessage() + ", which is not serializable; make the function capture only"
                    + " serializable values (create the rest inside it)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("DataParallel.fit: the " + what + " cannot be serialized: " + e, e);
        }
    }

    // ------------------------------------------------------------------ Spark plumbing

    // the shards, cached (numbering a multi-partition input already runs a job)
    private static <T> JavaRDD<List<T>> readShards(JavaRDD<T> data, int k) {
        try {
            return shardsOf(data, k).persist(StorageLevel.MEMORY_AND_DISK());
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw inputFailure(e);
        }
    }

    // the shards' sizes, filling the cache
    private static <T> List<Integer> countShards(JavaRDD<List<T>> cached) {
        try {
            return cached.map(List::size).collect();
        } catch (Exception e) {
            throw inputFailure(e);
        }
    }

    private static final java.util.regex.Pattern NOT_SERIALIZABLE =
            java.util.regex.Pattern.compile("NotSerializableException: ([\\w.$]+)");

    // rows Spark cannot serialize (to ship a partition of parallelize, or to move rows to their
    // shards) are named; Spark reports them as an object in the causes or only in its message
    private static RuntimeException inputFailure(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            java.util.regex.Matcher m = NOT_SERIALIZABLE.matcher(c instanceof NotSerializableException
                    ? "NotSerializableException: " + c.getMessage() : String.valueOf(c.getMessage()));
            if (m.find()) {
                return new IllegalArgumentException("DataParallel.fit: the rows cannot be moved to their shards: Spark"
                        + " cannot serialize " + m.group(1) + "; make the row type Serializable", e);
            }
        }
        return e instanceof RuntimeException r ? r
                : new IllegalStateException("DataParallel.fit: reading the input failed: " + e.getMessage(), e);
    }

    /** Rows numbered in input order and moved to their shards: partition {@code s} holds shard {@code s}, in order. */
    static <T> JavaRDD<List<T>> shardsOf(JavaRDD<T> data, int k) {
        return data.zipWithIndex()
                .mapToPair(rowAndIndex -> new Tuple2<>(rowAndIndex._2(), rowAndIndex._1()))
                .partitionBy(new ShardPartitioner(k))
                .mapPartitionsWithIndex((Function2<Integer, Iterator<Tuple2<Long, T>>, Iterator<List<T>>>) (s, it) -> {
                    List<Tuple2<Long, T>> numbered = new ArrayList<>();
                    it.forEachRemaining(numbered::add);
                    numbered.sort((a, b) -> Long.compare(a._1(), b._1()));
                    List<T> rows = new ArrayList<>(numbered.size());
                    for (Tuple2<Long, T> row : numbered) {
                        rows.add(row._2());
                    }
                    return Collections.singletonList(rows).iterator();
                }, true);
    }

    /** Row {@code i} to partition {@code i mod K}. */
    static final class ShardPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int shards;

        ShardPartitioner(int shards) {
            this.shards = shards;
        }

        @Override
        public int numPartitions() {
            return shards;
        }

        @Override
        public int getPartition(Object index) {
            return (int) ((Long) index % shards);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShardPartitioner p && p.shards == shards;
        }

        @Override
        public int hashCode() {
            return shards;
        }
    }

    // static, so that the task captures the settings and the broadcast, never this trainer
    private static <T> Function2<Integer, Iterator<List<T>>, Iterator<ShardResult>> stepTask(
            Settings<T> settings, Schedule schedule, Broadcast<byte[]> state, long imageId, int epoch, int t, long step) {
        return (shard, it) -> {
            List<T> rows = it.hasNext() ? it.next() : List.of();
            Supplier<byte[]> image = state::value; // fetched only by a shard that computes
            return List.of(Worker.step(settings, schedule, shard, rows, image, imageId, epoch, t, step)).iterator();
        };
    }

    // the shard's own exception when Spark shipped it back, else Spark's
    private static RuntimeException unwrap(Exception e, long step, int epoch, int t, int perEpoch) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ShardFailedException f) {
                ShardFailedException out = new ShardFailedException(f.shard(), f.step(), f.epoch(), t, perEpoch,
                        f.getCause() != null ? f.getCause() : f);
                out.addSuppressed(e); // Spark's account: the stage, the attempts
                return out;
            }
        }
        return new IllegalStateException("DataParallel.fit: step " + step + " (epoch " + epoch + ", step " + t + " of "
                + perEpoch + ") failed on Spark: " + e.getMessage(), e);
    }

    // ------------------------------------------------------------------ prediction

    /**
     * The model (the driver's parameters, in evaluation mode, no graph) on every row: rows go
     * through the batch function in chunks of {@code batchSize} (their targets ignored), and each
     * row gives the {@code double[]} of its output values ({@code (n, c)} outputs give {@code c}
     * values per row; float32 outputs widen exactly). The result keeps the input's partitions and
     * order. It is lazy, as any RDD: the parameters are the ones at this call (a broadcast kept
     * until the RDD is garbage).
     *
     * @param data the rows
     * @return one {@code double[]} per row, in the input's order
     * @throws IllegalArgumentException if {@code data} is null
     */
    public JavaRDD<double[]> predict(JavaRDD<T> data) {
        if (data == null) {
            throw new IllegalArgumentException("DataParallel.predict: data is null; pass a JavaRDD of rows");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        Broadcast<byte[]> state = sc.broadcast(stateImage());
        return data.mapPartitions(predictTask(settings, batchSize, state, ++images), true);
    }

    private static <T> FlatMapFunction<Iterator<T>, double[]> predictTask(
            Settings<T> settings, int chunk, Broadcast<byte[]> state, long imageId) {
        return rows -> Worker.predict(settings, chunk, rows, state::value, imageId);
    }

    // ------------------------------------------------------------------ state

    /** @return the identity under which executors keep this trainer's model replicas (for tests) */
    String id() {
        return settings.trainerId;
    }

    /** {@return the epochs trained so far, by {@link #fit} and {@link #fitLocal} together (or as loaded)} */
    public int epochsDone() {
        return epochsDone;
    }

    /** {@return the driver's model: its parameters are the trained ones} */
    public Layer model() {
        return model;
    }

    /** {@return the optimizer, over the driver model's parameters} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Writes the trainer's state to one safetensors file: the model's state dict with keys
     * prefixed {@code model.}, the optimizer's prefixed {@code optimizer.}, and in the metadata
     * {@code epochs_done}, {@code shards}, {@code batch_size}, {@code seed}, {@code shuffle} and
     * {@code steps_done}. The file is replaced atomically: a failed save leaves the old file whole.
     *
     * @param file the file to write
     * @throws IllegalArgumentException if {@code file} is null
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void save(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("DataParallel.save: file is null; pass the path to write");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epochs_done", Integer.toString(epochsDone));
        meta.put("shards", Integer.toString(shards));
        meta.put("batch_size", Integer.toString(batchSize));
        meta.put("seed", Long.toString(seed));
        meta.put("shuffle", Boolean.toString(shuffle));
        meta.put("steps_done", Long.toString(stepsDone));
        SafeTensors.save(tensors, meta, file);
    }

    /**
     * Restores what {@link #save} wrote into this trainer, which must have been built with the
     * same settings: then training on gives the same parameters bit for bit as a run that never
     * stopped. Nothing changes unless everything fits.
     *
     * @param file a file {@code save} wrote
     * @throws IllegalArgumentException naming the setting if {@code shards}, {@code batch_size},
     *     {@code seed} or {@code shuffle} differ from this trainer's; naming the key if the model's
     *     or the optimizer's state does not fit; if the file is not a trainer's checkpoint or is malformed
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public void load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("DataParallel.load: file is null; pass a file that save wrote");
        }
        Map<String, String> meta = SafeTensors.metadata(file);
        checkSetting(file, meta, "shards", Integer.toString(shards), "shards(" + meta.get("shards") + ")");
        checkSetting(file, meta, "batch_size", Integer.toString(batchSize), "batchSize(" + meta.get("batch_size") + ")");
        checkSetting(file, meta, "seed", Long.toString(seed), "seed(" + meta.get("seed") + "L)");
        if (meta.containsKey("shuffle")) {
            checkSetting(file, meta, "shuffle", Boolean.toString(shuffle), "shuffle(" + meta.get("shuffle") + ")");
        }
        int epochs = parseCount(file, meta, "epochs_done");
        long steps = meta.containsKey("steps_done") ? parseCount(file, meta, "steps_done") : 0;
        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : SafeTensors.load(file).entrySet()) {
            if (e.getKey().startsWith("model.")) {
                modelState.put(e.getKey().substring("model.".length()), e.getValue());
            } else if (e.getKey().startsWith("optimizer.")) {
                optimizerState.put(e.getKey().substring("optimizer.".length()), e.getValue());
            } else {
                throw new IllegalArgumentException("DataParallel.load: " + file + " holds tensor '" + e.getKey()
                        + "', which is neither model.… nor optimizer.…; is it a file DataParallel.save wrote?");
            }
        }
        Map<String, Tensor> before = model.stateDict();
        model.loadStateDict(modelState);
        try {
            optimizer.loadStateDict(optimizerState);
        } catch (RuntimeException e) {
            model.loadStateDict(before); // all or nothing
            throw e;
        }
        epochsDone = epochs;
        stepsDone = steps;
    }

    private static void checkSetting(Path file, Map<String, String> meta, String key, String mine, String fix) {
        String theirs = meta.get(key);
        if (theirs == null) {
            throw new IllegalArgumentException("DataParallel.load: " + file + " has no '" + key + "' in its metadata; it"
                    + " is not a file DataParallel.save wrote");
        }
        if (!theirs.equals(mine)) {
            throw new IllegalArgumentException("DataParallel.load: " + file + " was saved with " + key + " = " + theirs
                    + " but this trainer has " + key + " = " + mine + "; build the trainer with " + fix
                    + " to train on from it");
        }
    }

    private static int parseCount(Path file, Map<String, String> meta, String key) {
        String v = meta.get(key);
        try {
            int n = Integer.parseInt(v == null ? "" : v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("DataParallel.load: " + file + " has " + key + " = " + v + " in its metadata;"
                + " a count ≥ 0 is needed (is it a file DataParallel.save wrote?)");
    }

    // ------------------------------------------------------------------ results

    /**
     * One step as it happened, given to the {@link Builder#onStep} listener on the driver after the
     * optimizer stepped.
     *
     * @param step the trainer's step, counted from 0 over its life
     * @param epoch the epoch, counted from 0 over the trainer's life
     * @param stepInEpoch the step within the epoch, from 0
     * @param stepsInEpoch the epoch's number of steps
     * @param rows the rows of the step, {@code M}
     * @param loss the mean loss over them
     * @param bytesDown the bytes of the parameters' image (one copy; each executor fetches one)
     * @param bytesUp the bytes of the shards' results: {@code K} gradients (and buffer images)
     * @param broadcastMillis making the image and the broadcast
     * @param computeMillis the slowest shard's task: loading the image, forward, backward, packing
     * @param collectMillis the rest of the Spark job: scheduling, shipping the task and the
     *     results (0 in {@code fitLocal})
     * @param optimizerMillis summing the gradients, setting them and the buffers, the optimizer's step
     * @param stepMillis the whole step
     */
    public record Step(long step, int epoch, int stepInEpoch, int stepsInEpoch, int rows, double loss, long bytesDown,
                       long bytesUp, double broadcastMillis, double computeMillis, double collectMillis,
                       double optimizerMillis, double stepMillis) {

        /** {@return what Spark adds to the slowest shard: {@code stepMillis − computeMillis}} */
        public double overheadMillis() {
            return stepMillis - computeMillis;
        }
    }

    /**
     * What {@link #fit} or {@link #fitLocal} did, one entry per step in step order.
     *
     * @param losses {@code losses()[s]}: the mean loss over the rows of step {@code s}
     * @param rows the rows of each step
     * @param bytesDown the bytes of each step's parameter image (one copy)
     * @param bytesUp the bytes of each step's shard results
     * @param broadcastMillis see {@link Step#broadcastMillis()}
     * @param computeMillis see {@link Step#computeMillis()}
     * @param collectMillis see {@link Step#collectMillis()}
     * @param optimizerMillis see {@link Step#optimizerMillis()}
     * @param stepMillis see {@link Step#stepMillis()}
     */
    public record History(double[] losses, int[] rows, long[] bytesDown, long[] bytesUp, double[] broadcastMillis,
                          double[] computeMillis, double[] collectMillis, double[] optimizerMillis, double[] stepMillis) {

        static History of(List<Step> steps) {
            int n = steps.size();
            History h = new History(new double[n], new int[n], new long[n], new long[n], new double[n], new double[n],
                    new double[n], new double[n], new double[n]);
            for (int i = 0; i < n; i++) {
                Step s = steps.get(i);
                h.losses[i] = s.loss();
                h.rows[i] = s.rows();
                h.bytesDown[i] = s.bytesDown();
                h.bytesUp[i] = s.bytesUp();
                h.broadcastMillis[i] = s.broadcastMillis();
                h.computeMillis[i] = s.computeMillis();
                h.collectMillis[i] = s.collectMillis();
                h.optimizerMillis[i] = s.optimizerMillis();
                h.stepMillis[i] = s.stepMillis();
            }
            return h;
        }

        /** {@return the number of steps} */
        public int steps() {
            return losses.length;
        }

        /** {@return per step, {@code stepMillis − computeMillis}: what distribution adds to the slowest shard} */
        public double[] overheadMillis() {
            double[] out = new double[stepMillis.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = stepMillis[i] - computeMillis[i];
            }
            return out;
        }

        /** @return e.g. {@code History[12 steps, last loss 0.4312, median step 14.2 ms]} */
        @Override
        public String toString() {
            if (losses.length == 0) {
                return "History[0 steps]";
            }
            double[] sorted = stepMillis.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "History[%d steps, last loss %.4f, median step %.1f ms]", losses.length,
                    losses[losses.length - 1], sorted[sorted.length / 2]);
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Collects a trainer's settings; {@link #build()} checks them and makes the driver's model and
     * optimizer.
     *
     * @param <T> the type of a row of the data
     */
    public static final class Builder<T> {
        private ModelFactory model;
        private LossFunction loss;
        private BatchFunction<T> batches;
        private Function<List<Tensor>, Optimizer> optimizer;
        private int shards = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed;
        private boolean singleThreadedTasks = true;
        private Consumer<Step> onStep;

        private Builder() {
        }

        /**
         * {@return this builder}
         *
         * @param factory makes the model (on the driver at {@link #build()}, and on the executors)
         */
        public Builder<T> model(ModelFactory factory) {
            this.model = factory;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param loss the mean loss of a batch's output and targets
         */
        public Builder<T> loss(LossFunction loss) {
            this.loss = loss;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param batches turns rows into a batch's tensors
         */
        public Builder<T> batches(BatchFunction<T> batches) {
            this.batches = batches;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param optimizer makes the optimizer, once, on the driver, over the driver model's
         *     {@code parameters()}: e.g. {@code params -> new SGD(params, 0.1).momentum(0.9)}
         */
        public Builder<T> optimizer(Function<List<Tensor>, Optimizer> optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param k the number of shards {@code K} (Spark tasks per step), ≥ 1; default 1
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Builder<T> shards(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("DataParallel.Builder.shards: shards must be ≥ 1, got " + k);
            }
            this.shards = k;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param b the global batch size {@code B}: rows per step over all shards, a multiple of
         *     the shards, ≥ 1; default 32
         * @throws IllegalArgumentException if {@code b < 1}
         */
        public Builder<T> batchSize(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("DataParallel.Builder.batchSize: batchSize must be ≥ 1, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param shuffle whether each shard shuffles its rows every epoch; default true
         */
        public Builder<T> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param seed seeds the shuffles and the random layers; default 0
         */
        public Builder<T> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param single whether each task runs its matrix products on its own thread (default
         *     true: Spark's cores give the parallelism); false lets them use jgrad's pool
         */
        public Builder<T> singleThreadedTasks(boolean single) {
            this.singleThreadedTasks = single;
            return this;
        }

        /**
         * {@return this builder}
         *
         * @param listener called on the driver after every step (a progress line, a learning-rate
         *     schedule: it may change the optimizer's {@code lr} for the next step); null for none
         */
        public Builder<T> onStep(Consumer<Step> listener) {
            this.onStep = listener;
            return this;
        }

        /**
         * Checks the settings, makes the driver's model with the factory and the optimizer over
         * its parameters.
         *
         * @return the trainer, with no epochs done
         * @throws IllegalStateException naming what is missing: the model factory, the loss, the
         *     batch function or the optimizer (or if the factory or the optimizer function returns null)
         * @throws IllegalArgumentException if the batch size is not a multiple of the shards (with
         *     both numbers)
         */
        public DataParallel<T> build() {
            if (model == null) {
                throw new IllegalStateException("DataParallel.build: no model factory; call model(() -> new …)");
            }
            if (loss == null) {
                throw new IllegalStateException("DataParallel.build: no loss function; call loss((output, target) -> …)");
            }
            if (batches == null) {
                throw new IllegalStateException("DataParallel.build: no batch function; call batches(rows -> new Batch(x, y))");
            }
            if (optimizer == null) {
                throw new IllegalStateException("DataParallel.build: no optimizer; call optimizer(params -> new SGD(params, lr))");
            }
            if (batchSize % shards != 0) {
                throw new IllegalArgumentException("DataParallel.build: batchSize " + batchSize + " is not a multiple of"
                        + " shards " + shards + "; each shard computes batchSize / shards rows a step, so use e.g. batchSize "
                        + Math.max(shards, batchSize / shards * shards));
            }
            Layer m = model.create();
            if (m == null) {
                throw new IllegalStateException("DataParallel.build: the model factory returned null; it must return a new model");
            }
            Optimizer opt = optimizer.apply(m.parameters());
            if (opt == null) {
                throw new IllegalStateException("DataParallel.build: the optimizer function returned null; it must return"
                        + " an optimizer over the parameters it is given");
            }
            return new DataParallel<>(this, m, opt);
        }
    }
}
