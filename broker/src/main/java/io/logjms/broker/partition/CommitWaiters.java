package io.logjms.broker.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends of a replicated leader waiting for the high watermark to pass their last offset. Not thread-safe: the
 * {@link Partition} calls it under its lock and completes the returned futures outside it.
 */
final class CommitWaiters {
    private record Waiter(long lastOffset, CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.lastOffset, b.lastOffset));

    CompletableFuture<Void> add(long lastOffset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.add(new Waiter(lastOffset, f));
        return f;
    }

    /** Removes and returns the futures of every send whose last offset is below {@code highWatermark}. */
    List<CompletableFuture<Void>> committedBelow(long highWatermark) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.peek().lastOffset < highWatermark) {
            done.add(waiting.poll().future);
        }
        return done;
    }

    /** Removes and returns every waiting future. */
    List<CompletableFuture<Void>> drain() {
        List<CompletableFuture<Void>> all = new ArrayList<>(waiting.size());
        waiting.forEach(w -> all.add(w.future));
        waiting.clear();
        return all;
    }
}
