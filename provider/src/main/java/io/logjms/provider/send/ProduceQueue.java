package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.OutgoingBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A session's sends on their way to the broker. Each partition has at most {@value #MAX_IN_FLIGHT}
 * PRODUCE requests in flight; records submitted meanwhile wait and leave together as one batch when
 * one is answered. So a burst of asynchronous sends is coalesced into few batches, the next batch is
 * appended while the broker syncs the previous one, and the records of one partition reach the log
 * in the order they were submitted (the broker appends a connection's batches for a partition in
 * arrival order). Thread-safe.
 */
public final class ProduceQueue {
    private final BrokerConnection broker;
    private final ToIntFunction<DestinationId> batchLimit;
    /**
     * Batches keep flowing while the broker syncs earlier ones. Publishing 200,000 messages between two
     * JVMs: 44,000–53,000 msgs/s with one request in flight, 62,000–80,000 with two, 70,000–125,000
     * with four (as Kafka's producer allows five).
     */
    static final int MAX_IN_FLIGHT = 4;
    private final Map<PartitionKey, Lane> lanes = new HashMap<>();
    private int unfinished;

    private record PartitionKey(DestinationId destination, int partition) {
    }

    private record Pending(OutgoingRecord record, CompletableFuture<Void> done) {
    }

    /** The records of one partition waiting for the request in flight to finish. */
    private static final class Lane {
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        int inFlight;
    }

    /** @param batchLimit the largest batch the broker takes for a destination (see {@link SendLimits}) */
    public ProduceQueue(BrokerConnection broker, ToIntFunction<DestinationId> batchLimit) {
        this.broker = broker;
        this.batchLimit = batchLimit;
    }

    /**
     * Queues a record; the future completes when the broker has made it durable, or fails with the
     * broker's error for its batch.
     */
    public CompletableFuture<Void> submit(OutgoingRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            unfinished++;
            Lane lane = lanes.computeIfAbsent(new PartitionKey(record.destination(), record.partition()),
                    k -> new Lane());
            lane.waiting.add(new Pending(record, done));
            if (lane.inFlight < MAX_IN_FLIGHT) {
                sendNext(lane);
            }
        }
        return done;
    }

    /** Whether every submitted record has been answered. */
    public synchronized boolean isIdle() {
        return unfinished == 0;
    }

    /** Waits until every submitted record has been answered; false on timeout. */
    public synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (unfinished > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Sends what waits in {@code lane} as one batch (up to the maximum size); called holding the lock. */
    private void sendNext(Lane lane) {
        if (lane.waiting.isEmpty()) {
            return;
        }
        lane.inFlight++;
        int limit = batchLimit.applyAsInt(lane.waiting.peek().record().destination());
        List<Pending> taken = new ArrayList<>();
        List<OutgoingRecord> records = new ArrayList<>();
        int size = RecordBatchLayout.HEADER_SIZE;
        while (!lane.waiting.isEmpty()) {
            Pending next = lane.waiting.peek();
            int recordSize = next.record().estimatedSize();
            if (!taken.isEmpty() && size + recordSize > limit) {
                break;
            }
            lane.waiting.poll();
            taken.add(next);
            records.add(next.record());
            size += recordSize;
        }
        OutgoingBatch batch = BatchAssembler.single(records);
        CompletableFuture<?> answer;
        try {
            answer = broker.produce(batch);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> finished(lane, taken, error));
    }

    private void finished(Lane lane, List<Pending> taken, Throwable error) {
        synchronized (this) {
            unfinished -= taken.size();
            lane.inFlight--;
            notifyAll();
            sendNext(lane);
        }
        for (Pending p : taken) {
            if (error == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(error);
            }
        }
    }
}
