package io.jgrad.ndarray;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The small shared pool that splits large matrix products across cores.
 *
 * <p>The number of threads is {@link Kernels#threads()}: the processors available to the JVM
 * unless the system property {@code jgrad.threads} says otherwise (read once, on first use). A
 * split into {@code t} parts runs part 0 on the calling thread and parts {@code 1..t-1} on
 * {@code t-1} daemon threads, so a two-way split costs one hand-off, and the pool never keeps
 * the JVM alive. On a thread inside {@link Kernels#singleThreaded()} every part runs on the calling
 * thread, one after another: the same parts, so the same bits.
 */
final class GemmPool {

    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    /** Per thread: how many {@link Kernels#singleThreaded()} scopes are open (mutated in place). */
    private static final ThreadLocal<int[]> SERIAL_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** Created on first use, so that single-threaded programs never start a thread. */
    private static volatile ExecutorService executor;

    private GemmPool() {
    }

    /** @return whether a {@link Kernels#singleThreaded()} scope is open on this thread */
    static boolean isSerial() {
        return SERIAL_DEPTH.get()[0] > 0;
    }

    /** Opens ({@code +1}) or closes ({@code -1}) a single-threaded scope on this thread. */
    static void serial(int delta) {
        SERIAL_DEPTH.get()[0] += delta;
    }

    private static ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (GemmPool.class) {
                e = executor;
                if (e == null) {
                    ThreadFactory tf = r -> {
                        Thread t = new Thread(r, "jgrad-gemm-" + THREAD_IDS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    };
                    e = Executors.newFixedThreadPool(Math.max(1, Kernels.threads() - 1), tf);
                    executor = e;
                }
            }
        }
        return e;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, parts)}, part 0 on the calling
     * thread and the others on the pool, and returns when all have finished. An exception thrown
     * by any part is rethrown here (an unchecked one as is, anything else wrapped).
     */
    static void run(int parts, IntConsumer body) {
        if (parts <= 1 || isSerial()) {
            for (int i = 0; i < parts; i++) {
                body.accept(i);
            }
            return;
        }
        ExecutorService e = executor();
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            int part = i;
            futures[i - 1] = e.submit(() -> body.accept(part));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (Throwable t) {
            failure = t;
        }
        // Wait for every part even after a failure: the parts write into the caller's arrays.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException ie) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException ee) {
                    if (failure == null) {
                        failure = ee.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
