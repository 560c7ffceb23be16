package io.jgrad.spark;

import java.io.Serializable;

/**
 * What a task needs besides the data and the parameters: the user's functions and the trainer's
 * identity, shipped with every step's tasks (a few hundred bytes plus what the functions capture).
 *
 * @param <T> the type of a row
 */
final class Settings<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Names the trainer, so that an executor keeps its model replicas apart from other trainers'. */
    final String trainerId;
    final ModelFactory model;
    final LossFunction loss;
    final BatchFunction<T> batches;
    /** Whether a task's matrix products stay on the task's thread ({@code Kernels.singleThreaded}). */
    final boolean singleThreaded;

    Settings(String trainerId, ModelFactory model, LossFunction loss, BatchFunction<T> batches, boolean singleThreaded) {
        this.trainerId = trainerId;
        this.model = model;
        this.loss = loss;
        this.batches = batches;
        this.singleThreaded = singleThreaded;
    }
}
