package io.logjms.benchmarks.sidebyside;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the acknowledgements of a series of asynchronous sends and bounds how many are in flight
 * (32 MiB of payload, like Kafka's default producer buffer), so a client without back pressure
 * cannot fill the heap. Thread-safe.
 */
final class AsyncSends implements Publisher.SendCallback {
    private static final long IN_FLIGHT_BYTES = 32L * 1024 * 1024;

    private final Semaphore inFlight;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final Progress progress;
    private final Duration idleTimeout;
    private volatile long lastCompletionNanos;

    AsyncSends(int payloadBytes, Progress progress, Duration idleTimeout) {
        this.inFlight = new Semaphore((int) Math.max(1, IN_FLIGHT_BYTES / payloadBytes));
        this.progress = progress;
        this.idleTimeout = idleTimeout;
    }

    /** Call before each send: waits while too many sends are unacknowledged. */
    void beforeSend() throws InterruptedException, StalledException {
        if (!inFlight.tryAcquire(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StalledException("no send acknowledged for " + Figures.seconds(idleTimeout) + " after "
                    + completed.get() + " acknowledgements");
        }
    }

    @Override
    public void completed(Throwable error) {
        if (error != null) {
            firstError.compareAndSet(null, error);
        }
        lastCompletionNanos = System.nanoTime();
        completed.incrementAndGet();
        inFlight.release();
        if (progress != null) {
            progress.add(1);
        }
    }

    /**
     * Waits until {@code expected} sends are acknowledged and returns the time of the last one
     * ({@link System#nanoTime()}).
     */
    long awaitAll(long expected) throws Exception {
        long lastSeen = -1;
        long lastChange = System.nanoTime();
        while (completed.get() < expected) {
            Throwable error = firstError.get();
            if (error != null) {
                throw new IllegalStateException("a send failed: " + error, error);
            }
            long now = completed.get();
            if (now != lastSeen) {
                lastSeen = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > idleTimeout.toNanos()) {
                throw new StalledException(now + " of " + expected + " sends acknowledged, then none for "
                        + Figures.seconds(idleTimeout));
            }
            // the figure uses lastCompletionNanos, so polling late does not change it
            LockSupport.parkNanos(1_000_000);
        }
        Throwable error = firstError.get();
        if (error != null) {
            throw new IllegalStateException("a send failed: " + error, error);
        }
        return lastCompletionNanos;
    }
}
