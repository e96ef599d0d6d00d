package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.selector.Selector;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named set of cursors over every partition of a destination, with the consumers attached to it:
 * the queue's shared cursor, a durable or shared subscription, or one non-durable subscriber. It reads
 * records from the log, skips what its selector or expiry rule out, hands the rest to consumers with
 * credit (redeliveries first, oldest first), and records acknowledgements.
 *
 * <p>All state changes run on one serial executor, so the cursor state needs no locks; callers get
 * futures. Durable cursors write their changes to a {@link CursorJournal}.
 */
public final class Subscription {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final int READ_BYTES = 256 * 1024;
    private static final int PENDING_TARGET = 512;
    private static final int PENDING_CAP = 20_000;
    private static final long BROWSE_PAGE_BYTES = 4L * 1024 * 1024;
    /** How far ahead of the dispatch position the delivered mark is persisted, in records. */
    private static final long MARK_AHEAD = 1024;

    private final String id;
    private final DestinationId destination;
    private final SubscriptionKind kind;
    private final Selector selector;
    private final boolean noLocal;
    private final List<PartitionSource> partitions;
    private final PartitionCursor[] cursors;
    private final List<RecordWindow> windows;
    private final long[] persistedMark;
    private final int[] parked;
    private final long[] skippedByRetention;
    private final CursorJournal journal;
    private final SubscriptionSettings settings;
    private final SerialExecutor executor;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final List<SubscriptionConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    /** Message group (record key) to the consumer it sticks to, while attached; shared cursors only. */
    private final Map<String, SubscriptionConsumer> groupOwners = new HashMap<>();
    private boolean dispatchScheduled;
    private volatile boolean closed;
    private long wakeupAt = Long.MAX_VALUE;

    Subscription(String id, DestinationId destination, SubscriptionKind kind, Selector selector, boolean noLocal,
                 List<PartitionSource> partitions, CursorJournal journal, SubscriptionSettings settings,
                 Executor pool, ScheduledExecutorService timer, Clock clock) {
        this.id = id;
        this.destination = destination;
        this.kind = kind;
        this.selector = selector == null ? Selector.MATCH_ALL : selector;
        this.noLocal = noLocal;
        this.partitions = List.copyOf(partitions);
        this.cursors = new PartitionCursor[partitions.size()];
        this.windows = new ArrayList<>();
        this.persistedMark = new long[partitions.size()];
        this.parked = new int[partitions.size()];
        this.skippedByRetention = new long[partitions.size()];
        this.journal = journal;
        this.settings = settings;
        this.executor = new SerialExecutor(pool);
        this.timer = timer;
        this.clock = clock;
        for (int i = 0; i < cursors.length; i++) {
            windows.add(new RecordWindow());
        }
    }

    /**
     * Positions the cursors: from the journal when the subscription has stored state, otherwise at the
     * start position (stored at once, so a restart does not move a new durable subscription).
     */
    void open(StartPosition start, long startTimestamp) {
        Map<Integer, CursorJournal.PartitionState> stored = journal == null ? Map.of() : journal.load();
        for (int p = 0; p < cursors.length; p++) {
            PartitionSource source = partitions.get(p);
            CursorJournal.PartitionState state = stored.get(p);
            if (state != null) {
                cursors[p] = new PartitionCursor(state.floor);
                cursors[p].restore(state.floor, state.acked, state.counts, state.deliveredMark);
                persistedMark[p] = state.deliveredMark;
            } else {
                long offset = switch (start) {
                    case EARLIEST -> source.logStartOffset();
                    case LATEST -> source.logEndOffset();
                    case TIMESTAMP -> source.offsetForTimestamp(startTimestamp);
                };
                cursors[p] = new PartitionCursor(offset);
                persistedMark[p] = offset;
                if (journal != null) {
                    journal.floor(p, offset);
                }
            }
        }
        if (journal != null) {
            journal.sync();
        }
    }

    public String id() {
        return id;
    }

    public DestinationId destination() {
        return destination;
    }

    public SubscriptionKind kind() {
        return kind;
    }

    public Selector selector() {
        return selector;
    }

    public boolean noLocal() {
        return noLocal;
    }

    public boolean durable() {
        return journal != null;
    }

    /** Attaches a consumer and starts delivering to it. */
    public CompletableFuture<Map<Integer, Long>> attach(SubscriptionConsumer consumer) {
        return call(() -> {
            if (closed) {
                throw new IllegalStateException("subscription " + id + " is closed");
            }
            consumers.add(consumer);
            scheduleDispatch();
            return positionsNow();
        });
    }

    /**
     * Detaches a consumer; what it holds goes back to the cursor, counted as delivered (the application
     * may have seen it). Completes with the number of consumers left.
     */
    public CompletableFuture<Integer> detach(SubscriptionConsumer consumer) {
        return call(() -> {
            if (consumers.remove(consumer)) {
                for (PartitionCursor c : cursors) {
                    c.releaseAll(consumer.id());
                }
                groupOwners.values().removeIf(owner -> owner == consumer);
                scheduleDispatch();
            }
            return consumers.size();
        });
    }

    public void credit(SubscriptionConsumer consumer, int credit) {
        executor.execute(() -> {
            consumer.addCredit(credit);
            scheduleDispatch();
        });
    }

    /** Acknowledges records; completes when the acknowledgement is durable under the fsync policy. */
    public CompletableFuture<Void> ack(SubscriptionConsumer consumer, List<RecordRef> records, boolean sync) {
        return call(() -> {
            applyAcks(records);
            if (journal != null) {
                if (sync && settings.syncEveryChange()) {
                    journal.sync();
                } else {
                    journal.flush();
                }
            }
            return null;
        });
    }

    /** Applies acknowledgements without syncing; the caller syncs (transaction commit). */
    CompletableFuture<Void> ackUnsynced(List<RecordRef> records) {
        return call(() -> {
            applyAcks(records);
            if (journal != null) {
                journal.flush();
            }
            return null;
        });
    }

    /** Marks records done after a crash interrupted the transaction that consumed them; syncs. */
    CompletableFuture<Void> ackRecovered(List<RecordRef> records) {
        return call(() -> {
            for (RecordRef r : records) {
                PartitionCursor c = cursor(r.partition());
                if (c != null && !c.isAcked(r.offset())) {
                    done(r.partition(), r.offset());
                }
            }
            if (journal != null) {
                journal.sync();
            }
            return null;
        });
    }

    /** Forces the journal to disk now. */
    CompletableFuture<Void> syncNow() {
        return call(() -> {
            if (journal != null && !closed) {
                journal.sync();
            }
            return null;
        });
    }

    public CompletableFuture<Void> release(SubscriptionConsumer consumer, List<RecordRef> records, boolean delivered) {
        return call(() -> {
            for (RecordRef r : records) {
                PartitionCursor c = cursor(r.partition());
                if (c != null && c.owner(r.offset()) == consumer.id()) {
                    c.release(r.offset(), delivered);
                    if (delivered && journal != null) {
                        journal.count(r.partition(), r.offset(), c.deliveryCount(r.offset()));
                    }
                }
            }
            if (journal != null) {
                journal.flush();
            }
            scheduleDispatch();
            return null;
        });
    }

    /** A page of records a browser sees: not yet acknowledged, unexpired, matching the selector. */
    public record BrowsePage(List<io.logjms.protocol.api.BrowseResponse.BrowsedRecord> records,
                             Map<Integer, Long> positions, boolean done) {
    }

    /** Reads pending records without consuming them, from {@code from} (partition to offset) on. */
    public CompletableFuture<BrowsePage> browse(Map<Integer, Long> from, Selector filter, int maxRecords) {
        return call(() -> {
            List<io.logjms.protocol.api.BrowseResponse.BrowsedRecord> out = new ArrayList<>();
            long pageBytes = 0;
            Map<Integer, Long> positions = new TreeMap<>();
            boolean done = true;
            long now = clock.millis();
            for (int p = 0; p < cursors.length; p++) {
                PartitionSource source = partitions.get(p);
                long pos = Math.max(from.getOrDefault(p, 0L), Math.max(cursors[p].ackFloor(), source.logStartOffset()));
                long end = source.logEndOffset();
                while (pos < end && out.size() < maxRecords && pageBytes < BROWSE_PAGE_BYTES) {
                    List<ByteBuffer> batches = source.readBatches(pos, READ_BYTES);
                    if (batches.isEmpty()) {
                        break;
                    }
                    long before = pos;
                    outer:
                    for (ByteBuffer b : batches) {
                        Iterator<io.logjms.protocol.record.Record> it = RecordBatch.of(b).records();
                        while (it.hasNext()) {
                            io.logjms.protocol.record.Record r = it.next();
                            if (r.offset() < pos) {
                                continue;
                            }
                            if (out.size() >= maxRecords || pageBytes >= BROWSE_PAGE_BYTES) {
                                break outer;
                            }
                            pos = r.offset() + 1;
                            if (cursors[p].isAcked(r.offset())) {
                                continue;
                            }
                            StoredRecord record = StoredRecord.of(r);
                            if (record.expiredAt(now) || !matches(filter, record)) {
                                continue;
                            }
                            pageBytes += record.approximateSize();
                            out.add(new io.logjms.protocol.api.BrowseResponse.BrowsedRecord(p,
                                    record.toDelivered(cursors[p].deliveryCount(r.offset()))));
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
        });
    }

    /**
     * Moves the cursor of one partition (or all, {@code partition} < 0) to a new position: what is in
     * flight is forgotten and everything from there is delivered again. Stored at once for durable
     * subscriptions. Completes with the new positions.
     */
    public CompletableFuture<Map<Integer, Long>> seek(io.logjms.protocol.api.SeekMode mode, long value, int partition) {
        return call(() -> {
            for (int p = 0; p < cursors.length; p++) {
                if (partition >= 0 && p != partition) {
                    continue;
                }
                PartitionSource source = partitions.get(p);
                long start = source.logStartOffset();
                long end = source.logEndOffset();
                long target = switch (mode) {
                    case BEGINNING -> start;
                    case END -> end;
                    case TIMESTAMP -> source.offsetForTimestamp(value);
                    case OFFSET -> Math.max(start, Math.min(end, value));
                };
                cursors[p].rewind(target);
                windows.get(p).clear();
                parked[p] = 0;
                persistedMark[p] = target;
                if (journal != null) {
                    journal.floor(p, target);
                }
            }
            if (partition >= cursors.length) {
                throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_PARTITION, destination + " has no partition "
                        + partition);
            }
            if (journal != null) {
                journal.sync();
            }
            scheduleDispatch();
            return positionsNow();
        });
    }

    /** Progress per partition for the admin tools. */
    public CompletableFuture<List<io.logjms.protocol.api.SubscriptionDescription.PartitionProgress>> progress() {
        return call(() -> {
            List<io.logjms.protocol.api.SubscriptionDescription.PartitionProgress> list = new ArrayList<>();
            for (int p = 0; p < cursors.length; p++) {
                PartitionSource source = partitions.get(p);
                long start = source.logStartOffset();
                long committed = cursors[p].ackFloor();
                long notYetSkipped = Math.max(0, start - committed);
                list.add(new io.logjms.protocol.api.SubscriptionDescription.PartitionProgress(p, start,
                        source.logEndOffset(), committed, cursors[p].inFlightCount(),
                        skippedByRetention[p] + notYetSkipped));
            }
            return list;
        });
    }

    /** New records were appended to the destination. */
    public void wakeup() {
        executor.execute(this::scheduleDispatch);
    }

    /** The next offset to deliver by partition: the first record not yet handed out or acknowledged. */
    public CompletableFuture<Map<Integer, Long>> positions() {
        return call(this::positionsNow);
    }

    /** Snapshot of committed (acknowledged) positions: everything below is done. */
    public CompletableFuture<Map<Integer, Long>> committedPositions() {
        return call(() -> {
            Map<Integer, Long> m = new TreeMap<>();
            for (int p = 0; p < cursors.length; p++) {
                m.put(p, cursors[p].ackFloor());
            }
            return m;
        });
    }

    public CompletableFuture<Integer> consumerCount() {
        return call(consumers::size);
    }

    /** Syncs the journal (interval fsync policy). */
    public void sync() {
        if (journal != null) {
            executor.execute(() -> {
                if (!closed) {
                    journal.sync();
                }
            });
        }
    }

    /** Closes (and forgets the state of) a subscription that has no consumers; false if it has some. */
    CompletableFuture<Boolean> closeIfIdle() {
        return call(() -> {
            if (!consumers.isEmpty() || closed) {
                return false;
            }
            closed = true;
            if (journal != null) {
                journal.delete();
            }
            return true;
        });
    }

    public boolean isClosed() {
        return closed;
    }

    /** Ends delivery: consumers are told with {@code error}; stored state is kept unless {@code delete}. */
    public CompletableFuture<Void> close(ErrorCode error, String message, boolean delete) {
        return call(() -> {
            if (closed) {
                return null;
            }
            closed = true;
            if (error != null) {
                consumers.forEach(c -> c.sink().closed(error, message));
            }
            consumers.clear();
            groupOwners.clear();
            if (journal != null) {
                if (delete) {
                    journal.delete();
                } else {
                    compactState();
                    journal.close();
                }
            }
            return null;
        });
    }

    private Map<Integer, Long> positionsNow() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int p = 0; p < cursors.length; p++) {
            PartitionCursor c = cursors[p];
            long first = c.firstPending();
            long next = first < 0 ? c.readPosition() : Math.min(first, c.readPosition());
            m.put(p, next);
        }
        return m;
    }

    private void applyAcks(List<RecordRef> records) {
        Map<Integer, long[]> byPartition = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (RecordRef r : records) {
            PartitionCursor c = cursor(r.partition());
            if (c != null && c.ack(r.offset())) {
                windows.get(r.partition()).remove(r.offset());
                long[] arr = byPartition.computeIfAbsent(r.partition(), k -> new long[records.size()]);
                int n = counts.merge(r.partition(), 1, Integer::sum);
                arr[n - 1] = r.offset();
            }
        }
        if (journal != null) {
            byPartition.forEach((p, arr) -> journal.ack(p, arr, counts.get(p)));
            if (journal.needsCompaction()) {
                compactState();
            }
        }
    }

    private PartitionCursor cursor(int partition) {
        return partition >= 0 && partition < cursors.length ? cursors[partition] : null;
    }

    private void scheduleDispatch() {
        if (!dispatchScheduled && !closed) {
            dispatchScheduled = true;
            executor.execute(this::dispatch);
        }
    }

    private void dispatch() {
        dispatchScheduled = false;
        if (closed || consumers.isEmpty()) {
            return;
        }
        try {
            for (int round = 0; round < 64; round++) {
                boolean progress = false;
                for (int p = 0; p < cursors.length; p++) {
                    fill(p);
                    progress |= dispatchPartition(p);
                }
                if (!progress) {
                    break;
                }
            }
            if (journal != null) {
                journal.flush();
            }
        } catch (RuntimeException e) {
            log.error("subscription {} on {} stopped delivering", id, destination, e);
            consumers.forEach(c -> c.sink().closed(ErrorCode.STORAGE_ERROR, e.getMessage()));
            consumers.clear();
            groupOwners.clear();
        } finally {
            consumers.forEach(SubscriptionConsumer::flush);
        }
    }

    /** Reads records after the read position until enough are pending. */
    private void fill(int p) {
        PartitionCursor c = cursors[p];
        PartitionSource source = partitions.get(p);
        RecordWindow window = windows.get(p);
        int target = Math.min(PENDING_CAP, PENDING_TARGET + parked[p]);
        while (c.pendingCount() < target) {
            long start = source.logStartOffset();
            if (c.ackFloor() < start) {
                long lost = c.unacknowledgedBelow(start);
                if (lost > 0) {
                    skippedByRetention[p] += lost;
                    log.warn("subscription {} on {} partition {}: {} unacknowledged record(s) in {}..{} were deleted by "
                            + "retention; continuing at {}", id, destination, p, lost, c.ackFloor(), start - 1, start);
                }
                c.skipTo(start);
                window.removeBelow(start);
                if (journal != null) {
                    journal.floor(p, start);
                }
            }
            long end = source.logEndOffset();
            if (c.readPosition() >= end) {
                return;
            }
            List<ByteBuffer> batches = source.readBatches(c.readPosition(), READ_BYTES);
            if (batches.isEmpty()) {
                return;
            }
            long before = c.readPosition();
            for (ByteBuffer b : batches) {
                Iterator<io.logjms.protocol.record.Record> it = RecordBatch.of(b).records();
                while (it.hasNext()) {
                    io.logjms.protocol.record.Record r = it.next();
                    if (r.offset() >= c.readPosition()) {
                        c.advanceRead(r.offset());
                        if (c.isPending(r.offset())) {
                            window.put(StoredRecord.of(r));
                        }
                    }
                }
            }
            if (c.readPosition() == before) {
                return;
            }
        }
    }

    /** Hands pending records of one partition to consumers. Returns whether anything changed. */
    private boolean dispatchPartition(int p) {
        PartitionCursor c = cursors[p];
        RecordWindow window = windows.get(p);
        long now = clock.millis();
        boolean progress = false;
        int parkedNow = 0;
        Iterable<Long> pendingNow = c.pendingCount() > 1 && window.mixesPriorities()
                ? inPriorityOrder(c.pendingOffsets(), window)
                : c.pendingInOrder();
        for (long offset : pendingNow) {
            StoredRecord record = window.get(offset);
            if (record == null) {
                record = reload(p, offset);
                if (record == null) {
                    c.markDone(offset);
                    continue;
                }
            }
            if (record.expiredAt(now)) {
                done(p, offset);
                progress = true;
                continue;
            }
            long due = record.deliveryTime();
            if (due > now) {
                scheduleWakeup(due);
                continue;
            }
            if (!kind.equals(SubscriptionKind.QUEUE)) {
                if (!matches(selector, record) || (noLocal && isLocal(record))) {
                    done(p, offset);
                    progress = true;
                    continue;
                }
            }
            SubscriptionConsumer consumer = chooseConsumer(record);
            if (consumer == null) {
                if (waitsForItsGroupOwner(record)) {
                    // the group's consumer takes it once it has credit; other groups go on meanwhile
                    parkedNow++;
                    continue;
                }
                if (kind == SubscriptionKind.QUEUE && anyConsumerHasCredit()) {
                    // no consumer with credit selects it: it waits, and a consumer with credit whose
                    // selector rejects it still gets the records behind it
                    parkedNow++;
                    continue;
                }
                break;
            }
            int next = c.nextDeliveryCount(offset);
            if (next > settings.maxDeliveries() && settings.deadLetters() != null) {
                settings.deadLetters().deadLetter(record, destination, next - 1);
                done(p, offset);
                progress = true;
                continue;
            }
            int count = c.dispatch(offset, consumer.id());
            if (journal != null) {
                if (count > 1) {
                    journal.count(p, offset, count);
                }
                if (offset >= persistedMark[p]) {
                    persistedMark[p] = offset + MARK_AHEAD;
                    journal.mark(p, persistedMark[p]);
                }
            }
            consumer.send(p, new Delivery(record, count));
            progress = true;
        }
        parked[p] = parkedNow;
        return progress;
    }

    /**
     * JMS priority, honoured among the records the cursor holds ready: higher priorities first, and in
     * offset order within a priority. Most streams use one priority, so they are returned as they are.
     */
    private static List<Long> inPriorityOrder(List<Long> offsets, RecordWindow window) {
        int n = offsets.size();
        int[] priorities = new int[n];
        boolean mixed = false;
        for (int i = 0; i < n; i++) {
            priorities[i] = priorityOf(window.get(offsets.get(i)));
            mixed |= priorities[i] != priorities[0];
        }
        if (!mixed) {
            return offsets;
        }
        List<List<Long>> byPriority = new ArrayList<>();
        for (int p = 0; p <= io.logjms.protocol.message.MessageHeaders.MAX_PRIORITY; p++) {
            byPriority.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byPriority.get(priorities[i]).add(offsets.get(i));
        }
        List<Long> ordered = new ArrayList<>(n);
        for (int p = byPriority.size() - 1; p >= 0; p--) {
            ordered.addAll(byPriority.get(p));
        }
        return ordered;
    }

    private static int priorityOf(StoredRecord record) {
        return record == null ? io.logjms.protocol.message.MessageHeaders.DEFAULT_PRIORITY : record.priority();
    }

    private void done(int p, long offset) {
        cursors[p].markDone(offset);
        windows.get(p).remove(offset);
        if (journal != null) {
            journal.ack(p, new long[] {offset}, 1);
        }
    }

    private StoredRecord reload(int p, long offset) {
        PartitionSource source = partitions.get(p);
        if (offset < source.logStartOffset()) {
            return null;
        }
        for (ByteBuffer b : source.readBatches(offset, 1)) {
            Iterator<io.logjms.protocol.record.Record> it = RecordBatch.of(b).records();
            while (it.hasNext()) {
                io.logjms.protocol.record.Record r = it.next();
                if (r.offset() == offset) {
                    StoredRecord record = StoredRecord.of(r);
                    windows.get(p).put(record);
                    return record;
                }
            }
        }
        return null;
    }

    /**
     * The consumer to hand a record to now, or null. On a shared cursor a message group (the record key,
     * which is the JMSXGroupID) sticks to the consumer that got its first message, so the group is
     * processed in order by one consumer, as with Artemis's message groups; the group moves on only
     * when that consumer leaves.
     */
    private SubscriptionConsumer chooseConsumer(StoredRecord record) {
        String group = groupOf(record);
        if (group != null) {
            SubscriptionConsumer owner = groupOwners.get(group);
            if (owner != null && (kind != SubscriptionKind.QUEUE || matches(owner.selector(), record))) {
                return owner.credit() > 0 ? owner : null;
            }
        }
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            SubscriptionConsumer candidate = consumers.get((nextConsumer + i) % n);
            if (candidate.credit() > 0 && (kind != SubscriptionKind.QUEUE || matches(candidate.selector(), record))) {
                nextConsumer = (nextConsumer + i + 1) % n;
                if (group != null) {
                    groupOwners.put(group, candidate);
                }
                return candidate;
            }
        }
        return null;
    }

    private String groupOf(StoredRecord record) {
        return kind.shared() ? record.keyString() : null;
    }

    private boolean waitsForItsGroupOwner(StoredRecord record) {
        String group = groupOf(record);
        return group != null && groupOwners.containsKey(group);
    }

    private boolean anyConsumerHasCredit() {
        for (SubscriptionConsumer candidate : consumers) {
            if (candidate.credit() > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isLocal(StoredRecord record) {
        String origin = record.origin();
        if (origin == null) {
            return false;
        }
        for (SubscriptionConsumer consumer : consumers) {
            if (origin.equals(consumer.sink().connectionId())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a record matches a selector; without one the record's headers need not be decoded. */
    private static boolean matches(Selector selector, StoredRecord record) {
        return selector.isMatchAll() || selector.matches(viewOf(record));
    }

    private static io.logjms.selector.MessageView viewOf(StoredRecord record) {
        io.logjms.selector.MessageView view = record.headers();
        return view != null ? view : identifier -> null;
    }

    private void scheduleWakeup(long due) {
        if (due >= wakeupAt) {
            return;
        }
        wakeupAt = due;
        long delay = Math.max(1, due - clock.millis());
        timer.schedule(() -> executor.execute(() -> {
            wakeupAt = Long.MAX_VALUE;
            scheduleDispatch();
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void compactState() {
        Map<Integer, CursorJournal.PartitionState> state = new HashMap<>();
        for (int p = 0; p < cursors.length; p++) {
            CursorJournal.PartitionState s = new CursorJournal.PartitionState();
            PartitionCursor c = cursors[p];
            s.floor = c.ackFloor();
            s.deliveredMark = Math.max(persistedMark[p], c.deliveredMark());
            s.acked.addAll(c.ackedAboveFloor());
            for (long o = c.ackFloor(); o < c.readPosition() && s.counts.size() < 1_000_000; o++) {
                int count = c.deliveryCount(o);
                if (count > 1) {
                    s.counts.put(o, count);
                }
            }
            state.put(p, s);
        }
        journal.compact(state);
    }

    private <T> CompletableFuture<T> call(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public String toString() {
        return "subscription " + id + " on " + destination;
    }
}
