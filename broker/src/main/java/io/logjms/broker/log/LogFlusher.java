package io.logjms.broker.log;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The durable end of a {@link PartitionLog} and the fsyncs that move it. One flush lock, separate from the
 * append lock: while one thread forces the active segment, others append, and the next fsync covers all of
 * them (group commit). Thread-safe.
 */
final class LogFlusher {
    private final LogSegments segments;
    private final LogHealth health;
    private final Clock clock;
    private final LongSupplier logEndOffset;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicLong flushedOffset = new AtomicLong();
    private final LongAdder fsyncs = new LongAdder();
    private final DurabilityWaiters waiters = new DurabilityWaiters(flushedOffset::get);
    private volatile long lastFlushMs;

    LogFlusher(LogSegments segments, LogHealth health, Clock clock, LongSupplier logEndOffset) {
        this.segments = segments;
        this.health = health;
        this.clock = clock;
        this.logEndOffset = logEndOffset;
        this.lastFlushMs = clock.millis();
    }

    long flushedOffset() {
        return flushedOffset.get();
    }

    long fsyncCount() {
        return fsyncs.sum();
    }

    /** Counts an fsync the log did itself (roll, close, truncation). */
    void countFsync() {
        fsyncs.increment();
    }

    /** Forces the active segment unless everything below {@code target} is durable already. */
    void flushUpTo(long target) {
        if (flushedOffset.get() >= target) {
            return;
        }
        flushLock.lock();
        try {
            if (flushedOffset.get() >= target) {
                return;
            }
            health.checkOnline();
            // Read the end before choosing the segment: whatever lies below it is in that segment or in
            // earlier ones, which were forced when they were rolled.
            long upTo = logEndOffset.getAsLong();
            segments.last().flushLog();
            fsyncs.increment();
            lastFlushMs = clock.millis();
            advance(upTo);
        } catch (IOException e) {
            throw health.failure("fsync", e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Flushes if the policy is {@link FsyncPolicy#INTERVAL} and the interval has passed. */
    boolean flushIfDue(long nowMs, LogConfig cfg) {
        if (health.state() != LogState.ONLINE || cfg.fsyncPolicy() != FsyncPolicy.INTERVAL
                || nowMs - lastFlushMs < cfg.fsyncIntervalMs()) {
            return false;
        }
        lastFlushMs = nowMs;
        long end = logEndOffset.getAsLong();
        if (flushedOffset.get() >= end) {
            return false;
        }
        flushUpTo(end);
        return true;
    }

    /** Notes that everything below {@code upTo} is durable and completes the waiters it covers. */
    void advance(long upTo) {
        long flushed = flushedOffset.accumulateAndGet(upTo, Math::max);
        waiters.flushedUpTo(flushed);
    }

    /** Forces the (new) active segment after a truncation and sets the durable end to the new log end. */
    void truncated(long newEnd) throws IOException {
        flushLock.lock();
        try {
            segments.last().flushAll();
            fsyncs.increment();
            flushedOffset.set(newEnd);
        } finally {
            flushLock.unlock();
        }
    }

    /** See {@link PartitionLog#awaitDurable(long)}. */
    CompletableFuture<Void> awaitDurable(long offset, LogConfig cfg) {
        LogException notOnline = health.notOnline();
        if (notOnline != null) {
            return CompletableFuture.failedFuture(notOnline);
        }
        if (cfg.fsyncPolicy() == FsyncPolicy.OS) {
            return CompletableFuture.completedFuture(null);
        }
        return waiters.await(offset);
    }

    void failAll(LogException e) {
        waiters.failAll(e);
    }
}
