package io.logjms.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads for the consumers of W3 and W5. */
final class Threads {
    private Threads() {
    }

    /** Daemon threads named {@code prefix-N}, so a stuck consumer never keeps the JVM alive. */
    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Waits until consumers counted {@code ready} down; fails early with the consumer's own error when
     * one of them fails first.
     */
    static void awaitReady(CountDownLatch ready, Iterable<? extends Future<?>> consumers, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            for (Future<?> consumer : consumers) {
                if (consumer.isDone()) {
                    join(consumer);
                    throw new IllegalStateException("a consumer ended before it was ready");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StalledException("consumers not ready within " + Figures.seconds(timeout));
            }
        }
    }

    static void awaitReady(CountDownLatch ready, Future<?> consumer, Duration timeout) throws Exception {
        awaitReady(ready, List.of(consumer), timeout);
    }

    /** The task's result, or the exception the task itself threw. */
    static <T> T join(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
