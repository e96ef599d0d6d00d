package io.logjms.broker.subscription;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.partition.NotEnoughReplicasException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cursor state of a stored subscription in a cluster, kept in each partition's own log: every change on
 * partition P is a {@link CursorEntry} that P's leader appends to P's log in a control batch, so it is replicated,
 * committed by majority, fenced by epoch and truncated exactly as records are. {@link #rebuild} replays the
 * entries of one partition ({@link CursorLogReplay}), from its cursor checkpoint on, when this broker starts leading
 * it.
 *
 * <p>Changes are buffered per partition; {@link #flush()} appends them (one control batch per partition),
 * {@link #commit()} waits until a majority holds them ({@link Partition#awaitCommitted}). A partition this broker
 * stopped leading refuses the append or the wait; its changes are dropped (the new leader rebuilds from what was
 * committed) and {@link #commit()} names it, so that the subscription stops serving it. Not thread-safe: the
 * subscription's executor calls it.
 */
final class ReplicatedCursorStore implements CursorStore {
    private static final Logger log = LoggerFactory.getLogger(ReplicatedCursorStore.class);
    private static final int MAX_ACK_OFFSETS = 4000;
    private static final int BATCH_BYTES = 256 * 1024;
    private static final long COMPACT_BYTES = 4L * 1024 * 1024;
    private static final int MAX_SNAPSHOT_BYTES = 512 * 1024;

    private final String subscriptionId;
    private final long incarnation;
    private final byte[] prefix;
    private final Map<Integer, Partition> partitions;
    private final long commitTimeoutMs;
    private final Map<Integer, List<byte[]>> buffered = new HashMap<>();
    /**
     * The partitions with a buffered entry whose commit {@link #commit()} waits for. A message-group entry alone is
     * not waited for: if it is lost with a leader, so is every acknowledgement after it, and the records its
     * owner got come again anyway, to whichever consumer the new leader gives the group.
     */
    private final Set<Integer> waitFor = new HashSet<>();
    /** The last offset appended per partition whose commit nobody has waited for yet. */
    private final Map<Integer, Long> uncommitted = new HashMap<>();
    /** Partitions whose changes were dropped because this broker no longer leads them. */
    private final Set<Integer> lost = new HashSet<>();
    private long bytesSinceCompaction;

    /**
     * @param incarnation tells this subscription apart from an earlier one of the same id (deleted and made again)
     * @param partitions  the destination's partitions by number
     */
    ReplicatedCursorStore(String subscriptionId, long incarnation, Map<Integer, Partition> partitions,
                          long commitTimeoutMs) {
        this.subscriptionId = subscriptionId;
        this.incarnation = incarnation;
        this.prefix = CursorEntry.prefix(subscriptionId, incarnation);
        this.partitions = Map.copyOf(partitions);
        this.commitTimeoutMs = commitTimeoutMs;
    }

    /** The subscription's incarnation: a durable subscription's creation time (ms), 0 for a queue or an old one. */
    long incarnation() {
        return incarnation;
    }

    /** Nothing: the state of each partition comes from {@link #rebuild} once this broker leads it. */
    @Override
    public Map<Integer, PartitionState> load() {
        return Map.of();
    }

    /**
     * The committed and uncommitted state of {@code partition} as its log holds it up to its log end, or null when
     * the log has no entry of this subscription. Drops anything buffered for it. Starts from the partition's cursor
     * checkpoint ({@link CursorCheckpoints}) when it has one that fits its log, so only the records after it are read.
     *
     * <p>The delivered mark is cut at the log end: a leader hands out only committed records, and every committed
     * record is in the log of a leader that has taken over, so nothing at or after its log end was ever delivered
     * (the records written from now on are not counted as delivered once already).
     */
    PartitionState rebuild(int partition) {
        forget(partition);
        Partition p = partition(partition);
        long end = p.logEndOffset();
        CursorCheckpoint checkpoint = CursorCheckpointFile.usable(p.log(), end);
        PartitionState state;
        try {
            state = CursorLogReplay.replay(p.log(), prefix, end, checkpoint);
        } catch (IllegalArgumentException e) {
            if (checkpoint.isNone()) {
                throw e;
            }
            log.warn("subscription {}: the cursor checkpoint of {} is not readable ({}); replaying the whole log",
                    subscriptionId, p.topicPartition(), e.getMessage());
            state = CursorLogReplay.replay(p.log(), prefix, end);
        }
        if (state != null) {
            state.deliveredMark = Math.max(state.floor, Math.min(state.deliveredMark, end));
        }
        return state;
    }

    /** Drops what is buffered or waiting for {@code partition} (this broker stopped leading it). */
    void forget(int partition) {
        buffered.remove(partition);
        waitFor.remove(partition);
        uncommitted.remove(partition);
        lost.remove(partition);
    }

    @Override
    public void ack(int partition, long[] offsets, int count) {
        for (int i = 0; i < count; i += MAX_ACK_OFFSETS) {
            add(partition, CursorEntry.ack(prefix, offsets, i, Math.min(MAX_ACK_OFFSETS, count - i)));
        }
    }

    @Override
    public void count(int partition, long offset, int deliveryCount) {
        add(partition, CursorEntry.count(prefix, offset, deliveryCount));
    }

    @Override
    public void mark(int partition, long deliveredMark) {
        add(partition, CursorEntry.mark(prefix, deliveredMark));
    }

    @Override
    public void floor(int partition, long floor) {
        add(partition, CursorEntry.floor(prefix, floor));
    }

    /**
     * Records that {@code count} offsets of {@code offsets} are held for transaction {@code id} ({@code hold}) or
     * given back by it.
     */
    void hold(int partition, TransactionId id, long[] offsets, int count, boolean hold) {
        for (int i = 0; i < count; i += MAX_ACK_OFFSETS) {
            add(partition, CursorEntry.hold(prefix, hold ? CursorEntry.HOLD : CursorEntry.UNHOLD, id, offsets, i,
                    Math.min(MAX_ACK_OFFSETS, count - i)));
        }
    }

    @Override
    public void group(int partition, String group, String owner) {
        buffered.computeIfAbsent(partition, k -> new ArrayList<>()).add(CursorEntry.group(prefix, group, owner));
    }

    @Override
    public void groupsFreed(int partition, String owner) {
        buffered.computeIfAbsent(partition, k -> new ArrayList<>()).add(CursorEntry.freed(prefix, owner));
    }

    private void add(int partition, byte[] entry) {
        buffered.computeIfAbsent(partition, k -> new ArrayList<>()).add(entry);
        waitFor.add(partition);
    }

    /** Appends what is buffered, one control batch (or a few, when large) per partition. */
    @Override
    public void flush() {
        if (buffered.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, List<byte[]>> e : buffered.entrySet()) {
            int partition = e.getKey();
            boolean wait = waitFor.contains(partition);
            RecordBatchBuilder batch = newBatch();
            for (byte[] entry : e.getValue()) {
                if (batch.recordCount() > 0 && batch.sizeInBytes() + entry.length > BATCH_BYTES) {
                    append(partition, batch, wait);
                    batch = newBatch();
                }
                batch.append(now, CursorEntry.KEY_BYTES, null, entry);
                bytesSinceCompaction += entry.length;
            }
            append(partition, batch, wait);
        }
        buffered.clear();
        waitFor.clear();
    }

    private static RecordBatchBuilder newBatch() {
        return new RecordBatchBuilder(1024).attributes(RecordBatchLayout.ATTR_CONTROL);
    }

    private void append(int partition, RecordBatchBuilder batch, boolean wait) {
        if (lost.contains(partition)) {
            return;
        }
        try {
            AppendResult r = partition(partition).append(batch.build());
            if (wait) {
                uncommitted.put(partition, r.lastOffset());
            }
        } catch (NotLeaderException e) { // LeaderNotAvailableException too: a candidate does not lead yet
            lose(partition, e);
        }
    }

    private void lose(int partition, RuntimeException why) {
        if (lost.add(partition)) {
            log.info("subscription {}: cursor changes of partition {} dropped: {}", subscriptionId, partition,
                    why.getMessage());
        }
        uncommitted.remove(partition);
    }

    /**
     * Appends what is buffered and waits until a majority holds every change made so far. Returns the partitions
     * whose changes were dropped since the last call because this broker stopped leading them.
     *
     * @throws NotEnoughReplicasException if a partition does not commit within the commit timeout
     */
    Set<Integer> commit() {
        flush();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(commitTimeoutMs);
        for (Map.Entry<Integer, Long> e : new ArrayList<>(uncommitted.entrySet())) {
            Partition p = partition(e.getKey());
            try {
                if (p.commitWaitsForFsync()) {
                    p.flush();
                }
                p.awaitCommitted(e.getValue()).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                uncommitted.remove(e.getKey());
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof NotLeaderException nl) {
                    lose(e.getKey(), nl);
                } else {
                    throw new IllegalStateException("cannot commit the cursor of " + subscriptionId + " on "
                            + p.topicPartition() + ": " + ex.getCause(), ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new NotEnoughReplicasException("the cursor of subscription " + subscriptionId + " on "
                        + p.topicPartition() + " was not committed within " + commitTimeoutMs + " ms: "
                        + p.commitShortfall(e.getValue()));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while committing a cursor", ex);
            }
        }
        Set<Integer> dropped = Set.copyOf(lost);
        lost.clear();
        return dropped;
    }

    /**
     * Appends what is buffered now and completes once a majority holds it, without waiting here; completes
     * exceptionally with {@link NotLeaderException} if a partition was lost meanwhile.
     */
    CompletableFuture<Void> commitLater() {
        flush();
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : uncommitted.entrySet()) {
            Partition p = partition(e.getKey());
            if (p.commitWaitsForFsync()) {
                p.flush();
            }
            waits.add(p.awaitCommitted(e.getValue()));
        }
        for (int partition : lost) {
            waits.add(CompletableFuture.failedFuture(new NotLeaderException(partition(partition).topicPartition(),
                    "this broker no longer leads " + partition(partition).topicPartition())));
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .orTimeout(commitTimeoutMs, TimeUnit.MILLISECONDS);
    }

    /** As {@link #commit()}, failing with {@link NotLeaderException} if a partition was lost. */
    @Override
    public void sync() {
        Set<Integer> dropped = commit();
        if (!dropped.isEmpty()) {
            int first = dropped.iterator().next();
            throw new NotLeaderException(partition(first).topicPartition(), "this broker no longer leads "
                    + partition(first).topicPartition() + "; the cursor changes of subscription " + subscriptionId
                    + " on it were not committed here");
        }
    }

    @Override
    public boolean needsCompaction() {
        return bytesSinceCompaction > COMPACT_BYTES;
    }

    /**
     * Appends a snapshot entry per partition, so that a replay can start over from it; a partition whose state is
     * too large for one entry gets none (its replay reads the entries as they are).
     */
    @Override
    public void compact(Map<Integer, PartitionState> state) {
        state.forEach((partition, s) -> {
            if (CursorEntry.snapshotPayloadBytes(s) <= MAX_SNAPSHOT_BYTES) {
                add(partition, CursorEntry.snapshot(prefix, s));
                // the snapshot clears the holds: the holds of the moment follow it
                Map<TransactionId, List<Long>> byTransaction = new HashMap<>();
                s.holds.forEach((offset, id) -> byTransaction.computeIfAbsent(id, k -> new ArrayList<>()).add(offset));
                byTransaction.forEach((id, offsets) -> hold(partition, id,
                        offsets.stream().mapToLong(Long::longValue).toArray(), offsets.size(), true));
            }
        });
        flush();
        bytesSinceCompaction = 0;
    }

    /**
     * Forgets the buffered changes. The entries in the logs stay (retention removes them); a subscription made
     * again under the same id has another incarnation and ignores them.
     */
    @Override
    public void delete() {
        buffered.clear();
        waitFor.clear();
        uncommitted.clear();
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("subscription {}: could not append its last cursor changes", subscriptionId, e);
        }
    }

    private Partition partition(int partition) {
        Partition p = partitions.get(partition);
        if (p == null) {
            throw new IllegalArgumentException("subscription " + subscriptionId + " has no partition " + partition);
        }
        return p;
    }
}
