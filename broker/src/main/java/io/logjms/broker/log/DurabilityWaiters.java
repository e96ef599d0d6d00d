package io.logjms.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Futures waiting for offsets to become durable, completed when the flushed offset passes them.
 * Thread-safe; futures are completed outside the lock so their callbacks never run under it.
 */
final class DurabilityWaiters {
    private final LongSupplier flushedOffset;
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
    private RuntimeException failure;

    /** @param flushedOffset everything below its value is on disk; it only grows */
    DurabilityWaiters(LongSupplier flushedOffset) {
        this.flushedOffset = flushedOffset;
    }

    /** A future completed once {@code offset} is below the flushed offset. */
    CompletableFuture<Void> await(long offset) {
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (offset < flushedOffset.getAsLong()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            waiting.computeIfAbsent(offset, k -> new ArrayList<>()).add(future);
            return future;
        }
    }

    /** Completes every future waiting for an offset below {@code flushed}. */
    void flushedUpTo(long flushed) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            Map<Long, List<CompletableFuture<Void>>> below = waiting.headMap(flushed);
            below.values().forEach(done::addAll);
            below.clear();
        }
        done.forEach(f -> f.complete(null));
    }

    /** Fails every waiting future and every later one with {@code error}. */
    void failAll(RuntimeException error) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (this) {
            if (failure == null) {
                failure = error;
            }
            waiting.values().forEach(failed::addAll);
            waiting.clear();
        }
        failed.forEach(f -> f.completeExceptionally(error));
    }

    synchronized int size() {
        int n = 0;
        for (List<CompletableFuture<Void>> futures : waiting.values()) {
            n += futures.size();
        }
        return n;
    }
}
