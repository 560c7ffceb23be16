package io.jgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Collections;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Kernels.singleThreaded: products started on the thread stay on it, with the same bits. */
class SingleThreadedTest {

    private static Set<Thread> threadsOfParts(int parts) {
        Set<Thread> seen = Collections.synchronizedSet(new HashSet<>());
        GemmPool.run(parts, part -> seen.add(Thread.currentThread()));
        return seen;
    }

    @Test
    void partsRunOnTheCallerInsideTheScopeOnly() {
        try (Kernels.SingleThreaded scope = Kernels.singleThreaded()) {
            assertThat(Kernels.threadsHere()).isEqualTo(1);
            assertThat(threadsOfParts(4)).containsExactly(Thread.currentThread());
            try (Kernels.SingleThreaded inner = Kernels.singleThreaded()) {
                assertThat(threadsOfParts(3)).containsExactly(Thread.currentThread());
            }
            assertThat(Kernels.threadsHere()).as("the outer scope is still open").isEqualTo(1);
            assertThat(threadsOfParts(3)).containsExactly(Thread.currentThread());
        }
        assertThat(Kernels.threadsHere()).isEqualTo(Kernels.threads());
        // outside the scope a split goes to the pool: at least one part on another thread
        assertThat(threadsOfParts(3)).hasSizeGreaterThan(1);
    }

    @Test
    void aSplitProductHasTheSameBitsOnTheCallerAlone() {
        Random rng = new Random(3);
        int m = 67;
        int n = 45;
        int k = 53;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian();
        }
        Gemm split = new PlainGemm(2, 1); // splits every product over two parts
        double[] pooled = new double[m * n];
        split.gemm(false, true, m, n, k, a, 0, b, 0, pooled, 0);
        double[] serial = new double[m * n];
        try (Kernels.SingleThreaded scope = Kernels.singleThreaded()) {
            split.gemm(false, true, m, n, k, a, 0, b, 0, serial, 0);
        }
        assertThat(serial).containsExactly(pooled);
    }

    @Test
    void otherThreadsAreNotAffectedAndTheScopeClosesOnItsOwnThread() throws InterruptedException {
        Kernels.SingleThreaded scope = Kernels.singleThreaded();
        AtomicReference<Integer> elsewhere = new AtomicReference<>();
        AtomicReference<Throwable> closing = new AtomicReference<>();
        Thread t = new Thread(() -> {
            elsewhere.set(Kernels.threadsHere());
            try {
                scope.close();
            } catch (Throwable e) {
                closing.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(elsewhere.get()).isEqualTo(Kernels.threads());
        assertThat(closing.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close it on the thread that opened it");
        scope.close();
        scope.close(); // twice is harmless
        assertThat(Kernels.threadsHere()).isEqualTo(Kernels.threads());
        assertThatCode(() -> {
            Kernels.SingleThreaded s = Kernels.singleThreaded();
            s.close();
            s.close();
        }).doesNotThrowAnyException();
    }
}
