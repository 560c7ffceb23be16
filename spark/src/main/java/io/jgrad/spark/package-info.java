/**
 * jgrad on Apache Spark: {@link io.jgrad.spark.DataParallel}, synchronous data-parallel training
 * whose parameters and losses equal, bit for bit, the same schedule run in one JVM.
 *
 * <p>What it owns: the schedule (which rows each shard computes at each step, {@code Schedule}),
 * the tasks the executors run ({@code Worker}: load the broadcast parameters into a model replica
 * kept per executor thread ({@code Replicas}), forward, backward, send the gradient back as one
 * primitive array), and the driver's side (sum in shard order, optimizer step, broadcast). The
 * user supplies three serializable functions: {@link io.jgrad.spark.ModelFactory},
 * {@link io.jgrad.spark.LossFunction} and {@link io.jgrad.spark.BatchFunction}.
 *
 * <p>Spark is a {@code provided} dependency: the cluster brings it. See {@code docs/distributed.md}
 * for the design, the measurements and the model of how it scales.
 */
package io.jgrad.spark;
