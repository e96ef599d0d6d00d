package io.logjms.broker.subscription;

import io.logjms.broker.partition.NotLeaderException;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one partition of a subscription: its {@link PartitionCursor}, the window of records
 * read ahead ({@link RecordWindow}), and the reads from the log that fill it. Each pass reads records
 * after the read position until enough are pending, then hands the pending ones out as the
 * {@link DispatchPolicy} decides, skipping what expired and holding back what is not due yet. For a
 * consumer that takes whole batches it sends stored batches straight from the file instead, while
 * nothing waits for redelivery and the batches hold only records due now, delivered for the first time.
 * Cursor changes go to the subscription's {@link CursorStore}, if it has one, and so do changes of the owners of
 * the partition's message groups ({@link MessageGroups}), which live and go with the cursor.
 *
 * <p>Not thread-safe: its {@link Subscription} serializes access.
 */
final class PartitionDispatcher {
    private static final Logger log = LoggerFactory.getLogger(PartitionDispatcher.class);
    static final int READ_BYTES = 256 * 1024;
    private static final int PENDING_TARGET = 512;
    private static final int PENDING_CAP = 20_000;
    /** How far ahead of the dispatch position the delivered mark is persisted, in records. */
    private static final long MARK_AHEAD = 1024;

    private final String subscriptionId;
    private final DestinationId destination;
    private final int partition;
    private final PartitionSource source;
    private final CursorStore store;
    private final RecordWindow window = new RecordWindow();
    /** The owners of the partition's message groups (shared cursors). */
    private final MessageGroups groups;
    private PartitionCursor cursor;
    private long persistedMark;
    private int parked;
    private long skippedByRetention;
    /** Whether this broker serves the partition for the subscription (always on a standalone broker). */
    private boolean active;
    /** The leader epoch it was activated in (clustered). */
    private int activeEpoch = -1;
    /** Records held for cross-broker transactions, by offset ({@link TransactionHolds}). */
    private final Map<Long, TransactionId> held = new HashMap<>();

    PartitionDispatcher(String subscriptionId, DestinationId destination, PartitionSource source, CursorStore store) {
        this.subscriptionId = subscriptionId;
        this.destination = destination;
        this.partition = source.partition();
        this.source = source;
        this.store = store;
        this.groups = new MessageGroups(store == null ? null : new MessageGroups.Changes() {
            @Override
            public void assigned(String group, String owner) {
                store.group(partition, group, owner);
            }

            @Override
            public void freed(String owner) {
                store.groupsFreed(partition, owner);
            }
        });
    }

    /** Continues from stored state; the owners of its message groups are waited for (see {@link MessageGroups}). */
    void restore(CursorJournal.PartitionState state) {
        cursor = new PartitionCursor(state.floor);
        cursor.restore(state.floor, state.acked, state.counts, state.deliveredMark);
        groups.restore(state.groups);
        persistedMark = state.deliveredMark;
        active = true;
        held.clear();
        state.holds.forEach((offset, id) -> {
            if (cursor.hold(offset, TransactionHolds.holderOf(id))) {
                held.put(offset, id);
            }
        });
    }

    /** Starts at {@code offset}, stored at once (not synced). */
    void start(long offset) {
        groups.clear();
        cursor = new PartitionCursor(offset);
        persistedMark = offset;
        active = true;
        if (store != null) {
            store.floor(partition, offset);
        }
    }

    /** Serves the partition from now on, in leader epoch {@code epoch}, after {@link #restore} or {@link #start}. */
    void activate(int epoch) {
        activeEpoch = epoch;
    }

    /**
     * Stops serving the partition (this broker no longer leads it): the cursor and the records read ahead are
     * dropped, in-flight records with them (the new leader delivers them again).
     */
    void deactivate() {
        active = false;
        activeEpoch = -1;
        cursor = null;
        window.clear();
        groups.clear();
        parked = 0;
        held.clear();
    }

    boolean active() {
        return active;
    }

    int activeEpoch() {
        return activeEpoch;
    }

    int partition() {
        return partition;
    }

    PartitionSource source() {
        return source;
    }

    PartitionCursor cursor() {
        return cursor;
    }

    long skippedByRetention() {
        return skippedByRetention;
    }

    /** The next offset a consumer would get: the first pending record, else the read position. */
    long nextPosition() {
        long first = cursor.firstPending();
        return first < 0 ? cursor.readPosition() : Math.min(first, cursor.readPosition());
    }

    /** One pass: whole batches when the policy allows, then records. Returns whether anything changed. */
    boolean pass(DispatchPolicy policy, long now, LongConsumer wakeupAt) {
        boolean progress = false;
        SubscriptionConsumer wholeBatches = store instanceof ReplicatedCursorStore ? null : policy.wholeBatchConsumer();
        if (wholeBatches != null && wholeBatches.covers(partition)) {
            progress = sendWholeBatches(wholeBatches, now);
            if (cursor.pendingCount() == 0 && wholeBatches.credit() <= 0) {
                // no read-ahead into the window: with credit again, the next records go as whole batches
                return progress;
            }
        }
        fill();
        return dispatch(policy, now, wakeupAt) || progress;
    }

    /** Acknowledges a delivered record; false when it was not in flight. */
    boolean ack(long offset) {
        if (!cursor.ack(offset)) {
            return false;
        }
        window.remove(offset);
        return true;
    }

    /** Marks a record done without delivering it (expired, dead-lettered, dropped, recovered). */
    void done(long offset) {
        cursor.markDone(offset);
        window.remove(offset);
        held.remove(offset);
        if (store != null) {
            store.ack(partition, new long[] {offset}, 1);
        }
    }

    /** Gives a record a consumer holds back; returns whether it held it. */
    boolean release(long offset, long consumerId, boolean delivered) {
        if (cursor.owner(offset) != consumerId) {
            return false;
        }
        cursor.release(offset, delivered);
        if (delivered && store != null) {
            store.count(partition, offset, cursor.deliveryCount(offset));
        }
        return true;
    }

    /** Gives a record a consumer holds to another owner (an XA branch); returns whether the consumer held it. */
    boolean transfer(long offset, long from, long to) {
        return cursor.transfer(offset, from, to);
    }

    /** Holds a record for an owner that is no consumer (see {@link PartitionCursor#hold}). */
    boolean hold(long offset, long owner) {
        return cursor.hold(offset, owner);
    }

    void releaseAll(long consumerId) {
        cursor.releaseAll(consumerId);
    }

    /** The records held for cross-broker transactions here, by offset (live; {@link TransactionHolds} reads it). */
    Map<Long, TransactionId> transactionHolds() {
        return held;
    }

    /** Whether {@link #holdFor} would hold the record: a consumer holds it, or {@code id} already does. */
    boolean canHoldFor(long offset, TransactionId id) {
        long owner = cursor.owner(offset);
        return owner >= 0 || owner == TransactionHolds.holderOf(id) && id.equals(held.get(offset));
    }

    /** Takes an in-flight record from its consumer for transaction {@code id}; false if {@code id} held it already. */
    boolean holdFor(long offset, TransactionId id) {
        long holder = TransactionHolds.holderOf(id);
        long owner = cursor.owner(offset);
        if (owner == holder || owner < 0 || !cursor.transfer(offset, owner, holder)) {
            return false;
        }
        held.put(offset, id);
        return true;
    }

    /** Marks a record a decided transaction consumed done, whatever its state; false if it was done already. */
    boolean doneFor(long offset) {
        held.remove(offset);
        if (cursor.isAcked(offset)) {
            return false;
        }
        cursor.markDone(offset);
        window.remove(offset);
        return true;
    }

    /**
     * Gives a record held for {@code id} back for delivery, counted as delivered; returns its delivery count, or -1
     * when {@code id} does not hold it.
     */
    int releaseFor(long offset, TransactionId id) {
        if (!id.equals(held.get(offset)) || cursor.owner(offset) != TransactionHolds.holderOf(id)) {
            return -1;
        }
        held.remove(offset);
        cursor.release(offset, true);
        return cursor.deliveryCount(offset);
    }

    /**
     * A consumer detached: what it holds goes back, and its message groups are freed unless a consumer of the same
     * identity is still attached ({@code identityStays}: the client attached it again before this one was dropped).
     */
    void detached(SubscriptionConsumer consumer, boolean identityStays) {
        cursor.releaseAll(consumer.id());
        if (!identityStays) {
            groups.release(consumer.identity());
        }
    }

    /** Moves the cursor to {@code target}: what is in flight is forgotten and delivered again (seek). */
    void rewind(long target) {
        cursor.rewind(target);
        window.clear();
        parked = 0;
        held.clear();
        persistedMark = target;
        if (store != null) {
            store.floor(partition, target);
        }
    }

    /** The state to store when the journal is compacted. */
    CursorJournal.PartitionState snapshot() {
        CursorJournal.PartitionState s = new CursorJournal.PartitionState();
        s.floor = cursor.ackFloor();
        s.deliveredMark = Math.max(persistedMark, cursor.deliveredMark());
        s.acked.addAll(cursor.ackedAboveFloor());
        s.holds.putAll(held);
        s.groups.putAll(groups.snapshot());
        for (long o = cursor.ackFloor(); o < cursor.readPosition() && s.counts.size() < 1_000_000; o++) {
            int count = cursor.deliveryCount(o);
            if (count > 1) {
                s.counts.put(o, count);
            }
        }
        return s;
    }

    /** Moves the floor past records retention deleted, counting those not acknowledged. */
    private void skipDeleted() {
        long start = source.logStartOffset();
        if (cursor.ackFloor() >= start) {
            return;
        }
        long lost = cursor.unacknowledgedBelow(start);
        if (lost > 0) {
            skippedByRetention += lost;
            log.warn("subscription {} on {} partition {}: {} unacknowledged record(s) in {}..{} were deleted by "
                    + "retention; continuing at {}", subscriptionId, destination, partition, lost, cursor.ackFloor(),
                    start - 1, start);
        }
        cursor.skipTo(start);
        window.removeBelow(start);
        held.keySet().removeIf(o -> o < start);
        if (store != null) {
            store.floor(partition, start);
        }
    }

    /** Reads records after the read position until enough are pending. */
    private void fill() {
        int target = Math.min(PENDING_CAP, PENDING_TARGET + parked);
        while (cursor.pendingCount() < target) {
            skipDeleted();
            if (cursor.readPosition() >= source.logEndOffset()) {
                return;
            }
            List<ByteBuffer> batches = source.readBatches(cursor.readPosition(), READ_BYTES);
            if (batches.isEmpty()) {
                return;
            }
            long before = cursor.readPosition();
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                Iterator<Record> it = batch.records();
                while (it.hasNext()) {
                    Record r = it.next();
                    if (r.offset() >= cursor.readPosition()) {
                        cursor.advanceRead(r.offset());
                        if (batch.isControl()) {
                            // a replication marker or a cursor entry, not a message: nobody gets it; not stored
                            // either (that would append another entry), as a replay acknowledges it by itself
                            cursor.markDone(r.offset());
                        } else if (cursor.isPending(r.offset())) {
                            window.put(StoredRecord.of(r));
                        }
                    }
                }
            }
            if (cursor.readPosition() == before) {
                return;
            }
        }
    }

    /** Hands pending records to consumers. Returns whether anything changed. */
    private boolean dispatch(DispatchPolicy policy, long now, LongConsumer wakeupAt) {
        boolean progress = false;
        int parkedNow = 0;
        groups.startWaits(now + policy.groupWaitMs());
        groups.expire(now, owner -> policy.covers(owner, partition));
        Iterable<Long> pendingNow = cursor.pendingCount() > 1 && window.mixesPriorities()
                ? DispatchPolicy.inPriorityOrder(cursor.pendingOffsets(), window)
                : cursor.pendingInOrder();
        for (long offset : pendingNow) {
            StoredRecord record = window.get(offset);
            if (record == null) {
                record = reload(offset);
                if (record == null) {
                    cursor.markDone(offset);
                    continue;
                }
            }
            if (record.expiredAt(now)) {
                done(offset);
                progress = true;
                continue;
            }
            long due = record.deliveryTime();
            if (due > now) {
                wakeupAt.accept(due);
                continue;
            }
            if (policy.dropsRecord(record)) {
                done(offset);
                progress = true;
                continue;
            }
            SubscriptionConsumer consumer = policy.chooseConsumer(partition, record, groups, now);
            if (consumer == null) {
                if (policy.mayPassOver(record, groups)) {
                    parkedNow++;
                    continue;
                }
                break;
            }
            int next = cursor.nextDeliveryCount(offset);
            if (policy.deadLetters(next)) {
                if (deadLetter(policy, record, next - 1, now, wakeupAt)) {
                    done(offset);
                    progress = true;
                }
                continue;
            }
            int count = cursor.dispatch(offset, consumer.id());
            if (store != null && count > 1) {
                store.count(partition, offset, count);
            }
            markDelivered(offset);
            consumer.send(partition, new Delivery(record, count));
            progress = true;
        }
        parked = parkedNow;
        long waitEnds = groups.nextWaitEnd();
        if (waitEnds != Long.MAX_VALUE) {
            wakeupAt.accept(waitEnds); // groups whose owner is not back then move on
        }
        return progress;
    }

    /**
     * Moves a record to the dead-letter queue; false when that queue's partition is led by another broker (a
     * cluster): the record then waits, the records behind it go on, and it is tried again a second later.
     */
    private boolean deadLetter(DispatchPolicy policy, StoredRecord record, int deliveries, long now,
                               LongConsumer wakeupAt) {
        try {
            policy.deadLetter(record, destination, deliveries);
            return true;
        } catch (NotLeaderException e) {
            log.warn("subscription {} on {} partition {}: record {} waits for the dead-letter queue: {}", subscriptionId,
                    destination, partition, record.offset(), e.getMessage());
            wakeupAt.accept(now + 1000);
            return false;
        }
    }

    private void markDelivered(long offset) {
        if (store != null && offset >= persistedMark) {
            persistedMark = offset + MARK_AHEAD;
            store.mark(partition, persistedMark);
        }
    }

    /**
     * Sends whole stored batches from the read position on while the consumer has credit and nothing
     * waits to be delivered again. A batch goes whole only if every record in it at or after the read
     * position is delivered for the first time, not acknowledged yet, unexpired and due now, so the
     * records and counts are those the record path would send; the first batch that is not stops this,
     * and the record path takes it. A record of another than the default priority anywhere in the read
     * sends the whole read the record path's way, since there it may overtake the records read with it.
     * Records before the read position (a batch that straddles it) go along: the client skips them.
     * The last batch may take the credit below zero by the rest of its records. Returns whether
     * anything was sent.
     */
    private boolean sendWholeBatches(SubscriptionConsumer consumer, long now) {
        boolean sent = false;
        while (consumer.credit() > 0 && cursor.pendingCount() == 0) {
            skipDeleted();
            long position = cursor.readPosition();
            if (position >= source.logEndOffset()) {
                return sent;
            }
            FileBatches read = source.readFileBatches(position, READ_BYTES);
            if (read == null || read.batches().isEmpty()) {
                return sent;
            }
            int whole = wholeBatchesAtStart(read.batches(), position, now);
            int bytes = 0;
            int records = 0;
            int accepted = 0;
            while (accepted < whole && records < consumer.credit()) {
                RecordBatch batch = RecordBatch.of(read.batches().get(accepted++));
                bytes += batch.sizeInBytes();
                records += batch.recordCount();
            }
            if (accepted == 0) {
                return sent;
            }
            long last = position;
            for (ByteBuffer b : read.batches().subList(0, accepted)) {
                for (Iterator<Record> it = RecordBatch.of(b).records(); it.hasNext(); ) {
                    long o = it.next().offset();
                    if (o >= position) {
                        cursor.advanceRead(o);
                        cursor.dispatch(o, consumer.id());
                        last = o;
                    }
                }
            }
            if (cursor.readPosition() == position) {
                return sent; // nothing at or after the position: leave it to the record path
            }
            markDelivered(last);
            consumer.sendBatches(partition, new BatchDelivery(read.channel(), read.position(), bytes, records));
            sent = true;
        }
        return sent;
    }

    /** How many of the batches, from the first, may go whole; 0 as well when one mixes in a priority. */
    private int wholeBatchesAtStart(List<ByteBuffer> batches, long position, long now) {
        int whole = 0;
        boolean stopped = false;
        for (ByteBuffer b : batches) {
            stopped |= RecordBatch.of(b).isControl(); // the record path skips it
            for (Iterator<Record> it = RecordBatch.of(b).records(); it.hasNext(); ) {
                Record r = it.next();
                if (r.offset() < position) {
                    continue;
                }
                MessageHeadersCodec.DeliveryFields fields = deliveryFields(r.headers());
                if (fields.priority() != MessageHeaders.DEFAULT_PRIORITY) {
                    return 0;
                }
                boolean expired = fields.expiration() > 0 && fields.expiration() <= now;
                stopped |= expired || fields.deliveryTime() > now || cursor.isAcked(r.offset())
                        || cursor.deliveryCount(r.offset()) != 0;
            }
            if (!stopped) {
                whole++;
            }
        }
        return whole;
    }

    /** JMSPriority, JMSExpiration and JMSDeliveryTime of a stored record, as the record path reads them. */
    private static MessageHeadersCodec.DeliveryFields deliveryFields(ByteBuffer headers) {
        if (headers == null) {
            return MessageHeadersCodec.DeliveryFields.DEFAULTS;
        }
        try {
            return headers.hasArray()
                    ? MessageHeadersCodec.peekDeliveryFields(headers.array(), headers.arrayOffset() + headers.position(),
                            headers.remaining())
                    : MessageHeadersCodec.peekDeliveryFields(Record.toArray(headers), 0, headers.remaining());
        } catch (MalformedMessageException e) {
            return MessageHeadersCodec.DeliveryFields.DEFAULTS; // delivered as it is on the record path too
        }
    }

    /**
     * Reads a pending record that is not in the window again (it went out in a whole batch and was given
     * back), with the other pending records of its batch, so a rollback does not read the batch per record.
     */
    private StoredRecord reload(long offset) {
        if (offset < source.logStartOffset()) {
            return null;
        }
        StoredRecord found = null;
        for (ByteBuffer b : source.readBatches(offset, 1)) {
            if (RecordBatch.of(b).isControl()) {
                continue;
            }
            Iterator<Record> it = RecordBatch.of(b).records();
            while (it.hasNext()) {
                Record r = it.next();
                if (r.offset() == offset || (r.offset() > offset && cursor.isPending(r.offset())
                        && window.get(r.offset()) == null)) {
                    StoredRecord record = StoredRecord.of(r);
                    window.put(record);
                    if (r.offset() == offset) {
                        found = record;
                    }
                }
            }
        }
        return found;
    }
}
