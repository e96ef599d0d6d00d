package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.client.ProtocolErrorException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A session's sends on their way to the broker. Each partition has at most {@value #MAX_IN_FLIGHT}
 * PRODUCE requests in flight; records submitted meanwhile wait and leave together as one batch when
 * one is answered. So a burst of asynchronous sends is coalesced into few batches, the next batch is
 * appended while the broker syncs the previous one, and the records of one partition reach the log
 * in the order they were submitted (the broker appends a connection's batches for a partition in
 * arrival order). Thread-safe.
 *
 * <p>Batches carry the session's producer id and each partition's next sequences ({@link ProducerSequences}),
 * so the broker drops a resent batch and refuses one that would leave a gap. Each batch in flight keeps its
 * bytes until it is answered, so a batch in doubt can be sent again as it was. When the broker refuses a
 * batch for good (too large, unknown destination...), the batches sent after it are refused too, with
 * OUT_OF_ORDER_SEQUENCE since a sequence is missing: the lane then stops sending, waits for them all, sets
 * the partition's sequence back to the refused batch's and sends their records again, in order, so one bad
 * message fails only its own batch.
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
    private final ProducerSequences sequences;
    private int unfinished;

    private record PartitionKey(DestinationId destination, int partition) {
    }

    private record Pending(OutgoingRecord record, CompletableFuture<Void> done) {
    }

    /** A batch sent and not answered yet: its bytes (to send again as they are) and its records. */
    private record InFlight(OutgoingBatch batch, int baseSequence, List<Pending> taken) {
    }

    /** The records of one partition waiting for the request in flight to finish. */
    private static final class Lane {
        final PartitionKey key;
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        int inFlight;
        /** A batch was refused for good: send nothing until every batch in flight is answered. */
        boolean resyncing;
        /** While resyncing: the lowest sequence not stored, where the partition's sequence goes back to. */
        int rewindTo = Integer.MAX_VALUE;
        /** While resyncing: batches refused only because of the gap, to send again. */
        final List<InFlight> retry = new ArrayList<>();

        Lane(PartitionKey key) {
            this.key = key;
        }
    }

    /**
     * A queue whose batches carry no producer id (the broker does not check them).
     *
     * @param batchLimit the largest batch the broker takes for a destination (see {@link SendLimits})
     */
    public ProduceQueue(BrokerConnection broker, ToIntFunction<DestinationId> batchLimit) {
        this(broker, batchLimit, new ProducerSequences());
    }

    public ProduceQueue(BrokerConnection broker, ToIntFunction<DestinationId> batchLimit, ProducerSequences sequences) {
        this.broker = broker;
        this.batchLimit = batchLimit;
        this.sequences = sequences;
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
                    Lane::new);
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
        if (lane.waiting.isEmpty() || lane.resyncing) {
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
        OutgoingBatch batch = BatchAssembler.single(records, sequences);
        InFlight sent = new InFlight(batch, RecordBatch.of(batch.batch()).baseSequence(), taken);
        CompletableFuture<?> answer;
        try {
            answer = broker.produce(batch);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> finished(lane, sent, error));
    }

    private void finished(Lane lane, InFlight batch, Throwable error) {
        List<Pending> done = batch.taken();
        synchronized (this) {
            lane.inFlight--;
            boolean sequenced = batch.baseSequence() != RecordBatchLayout.NO_SEQUENCE;
            if (error != null && sequenced && lane.resyncing && code(error) == ErrorCode.OUT_OF_ORDER_SEQUENCE) {
                lane.retry.add(batch);
                lane.rewindTo = Math.min(lane.rewindTo, batch.baseSequence());
                done = List.of();
            } else if (error != null && sequenced && refusedForGood(error)) {
                lane.resyncing = true;
                lane.rewindTo = Math.min(lane.rewindTo, batch.baseSequence());
            }
            if (lane.resyncing && lane.inFlight == 0) {
                endResync(lane);
            }
            unfinished -= done.size();
            notifyAll();
            while (lane.inFlight < MAX_IN_FLIGHT && !lane.waiting.isEmpty() && !lane.resyncing) {
                sendNext(lane);
            }
        }
        for (Pending p : done) {
            if (error == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(error);
            }
        }
    }

    /** Every batch of the lane is answered: back to the first sequence not stored, resend what the gap refused. */
    private void endResync(Lane lane) {
        sequences.rewind(lane.key.destination(), lane.key.partition(), lane.rewindTo);
        lane.retry.sort(Comparator.comparingInt(InFlight::baseSequence));
        for (int i = lane.retry.size() - 1; i >= 0; i--) {
            List<Pending> taken = lane.retry.get(i).taken();
            for (int j = taken.size() - 1; j >= 0; j--) {
                lane.waiting.addFirst(taken.get(j));
            }
        }
        lane.retry.clear();
        lane.rewindTo = Integer.MAX_VALUE;
        lane.resyncing = false;
    }

    /** The broker's error code, or null for a failure that is not a broker answer (lost, timed out). */
    private static ErrorCode code(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ProtocolErrorException e ? e.error() : null;
    }

    /**
     * Whether the broker certainly did not store the batch: an answer with an error other than those that can
     * come after the write (storage, shutdown, unexpected). A lost connection or a timeout leaves it in doubt.
     */
    private static boolean refusedForGood(Throwable error) {
        ErrorCode code = code(error);
        return code != null && code != ErrorCode.STORAGE_ERROR && code != ErrorCode.BROKER_SHUTTING_DOWN
                && code != ErrorCode.UNKNOWN_ERROR;
    }
}
