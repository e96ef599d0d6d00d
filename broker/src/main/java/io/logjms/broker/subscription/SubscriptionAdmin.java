package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.selector.Selector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the browser and the admin tools do with a subscription's cursors: browse pending records, move
 * the position (seek, reset) and report progress. Runs on the subscription's executor; not thread-safe.
 */
public final class SubscriptionAdmin {
    private static final long BROWSE_PAGE_BYTES = 4L * 1024 * 1024;

    /** A record a browser sees, with the delivery count it would carry. */
    public record BrowsedRecord(int partition, Delivery delivery) {
    }

    /** A page of records a browser sees: not yet acknowledged, unexpired, matching the selector. */
    public record BrowsePage(List<BrowsedRecord> records, Map<Integer, Long> positions, boolean done) {
    }

    /** Where a subscription stands in one partition, for the admin tools. */
    public record PartitionProgress(int partition, long logStartOffset, long logEndOffset, long committed,
                                    long inFlight, long skippedByRetention) {
    }

    private final DestinationId destination;
    private final List<PartitionDispatcher> partitions;
    private final CursorStore store;

    SubscriptionAdmin(DestinationId destination, List<PartitionDispatcher> partitions, CursorStore store) {
        this.destination = destination;
        this.partitions = partitions;
        this.store = store;
    }

    BrowsePage browse(Map<Integer, Long> from, Selector filter, int maxRecords, long now) {
        List<BrowsedRecord> out = new ArrayList<>();
        long pageBytes = 0;
        Map<Integer, Long> positions = new TreeMap<>();
        boolean done = true;
        for (PartitionDispatcher d : partitions) {
            if (!d.active()) {
                continue; // a cluster: browsed where the partition is led
            }
            int p = d.partition();
            PartitionSource source = d.source();
            PartitionCursor cursor = d.cursor();
            long pos = Math.max(from.getOrDefault(p, 0L), Math.max(cursor.ackFloor(), source.logStartOffset()));
            long end = source.logEndOffset();
            while (pos < end && out.size() < maxRecords && pageBytes < BROWSE_PAGE_BYTES) {
                List<ByteBuffer> batches = source.readBatches(pos, PartitionDispatcher.READ_BYTES);
                if (batches.isEmpty()) {
                    break;
                }
                long before = pos;
                outer:
                for (ByteBuffer b : batches) {
                    boolean control = RecordBatch.of(b).isControl();
                    Iterator<Record> it = RecordBatch.of(b).records();
                    while (it.hasNext()) {
                        Record r = it.next();
                        if (r.offset() < pos) {
                            continue;
                        }
                        if (out.size() >= maxRecords || pageBytes >= BROWSE_PAGE_BYTES) {
                            break outer;
                        }
                        pos = r.offset() + 1;
                        if (control) {
                            continue;
                        }
                        if (cursor.isAcked(r.offset())) {
                            continue;
                        }
                        StoredRecord record = StoredRecord.of(r);
                        if (record.expiredAt(now) || !DispatchPolicy.matches(filter, record)) {
                            continue;
                        }
                        pageBytes += record.approximateSize();
                        out.add(new BrowsedRecord(p, new Delivery(record, cursor.deliveryCount(r.offset()))));
                    }
                }
                if (pos == before) {
                    break;
                }
            }
            positions.put(p, pos);
            if (pos < end) {
                done = false;
            }
        }
        return new BrowsePage(out, positions, done);
    }

    /**
     * Moves the cursor of one partition (or all, {@code partition} < 0): what is in flight is forgotten
     * and everything from there is delivered again. Stored and synced at once for durable subscriptions.
     */
    void seek(SeekMode mode, long value, int partition) {
        if (partition >= 0 && partitions.stream().noneMatch(d -> d.partition() == partition)) {
            throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_PARTITION, destination + " has no partition "
                    + partition + (partitions.isEmpty() ? "" : " in this subscription"));
        }
        for (PartitionDispatcher d : partitions) {
            if (partition >= 0 && d.partition() != partition) {
                continue;
            }
            if (!d.active()) {
                if (partition >= 0) {
                    throw new io.logjms.broker.partition.NotLeaderException(d.source().topicPartition(), "partition "
                            + partition + " of " + destination + " is not led by this broker; seek it on its leader");
                }
                continue;
            }
            PartitionSource source = d.source();
            long start = source.logStartOffset();
            long end = source.logEndOffset();
            long target = switch (mode) {
                case BEGINNING -> start;
                case END -> end;
                case TIMESTAMP -> source.offsetForTimestamp(value);
                case OFFSET -> Math.max(start, Math.min(end, value));
            };
            d.rewind(target);
        }
        if (store != null) {
            store.sync();
        }
    }

    List<PartitionProgress> progress() {
        List<PartitionProgress> list = new ArrayList<>();
        for (PartitionDispatcher d : partitions) {
            if (!d.active()) {
                continue; // a cluster: reported by the partition's leader
            }
            PartitionSource source = d.source();
            long start = source.logStartOffset();
            long committed = d.cursor().ackFloor();
            long notYetSkipped = Math.max(0, start - committed);
            list.add(new PartitionProgress(d.partition(), start, source.logEndOffset(), committed,
                    d.cursor().inFlightCount(), d.skippedByRetention() + notYetSkipped));
        }
        return list;
    }
}
