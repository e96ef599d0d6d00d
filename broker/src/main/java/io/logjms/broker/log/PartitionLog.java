package io.logjms.broker.log;

import io.logjms.protocol.record.InvalidRecordException;
import io.logjms.protocol.record.RecordBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition: an append-only sequence of record batches with offsets assigned on append, stored as
 * a directory of {@link LogSegment}s (see {@code docs/STORAGE.md} for the files).
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread. Appends, rolls, retention and
 * close take one lock per partition. Reads take no lock and run concurrently with appends: an append
 * publishes the new log end offset only after the batch and its index entries are written, so a
 * reader sees whole batches only. Under {@link FsyncPolicy#EVERY_BATCH} the fsync runs after the lock
 * is released, under a separate flush lock: while one appender forces the file, others append, and
 * the next fsync covers all of them (group commit; see {@link #fsyncCount()}).
 *
 * <p><b>Failures.</b> An {@link IOException} while writing, forcing or reading takes the partition
 * offline ({@link #state()}): the error is logged, waiting {@link #awaitDurable} futures fail and every
 * later call throws {@link LogOfflineException} with the original error as its cause. Nothing more is
 * written; reopening the directory recovers it. Threads calling into the log must not be interrupted:
 * an interrupt closes the underlying {@code FileChannel} (NIO semantics) and so takes the log offline.
 */
public final class PartitionLog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition topicPartition;
    private final Path dir;
    private final Clock clock;
    private final FileChannelOpener opener;
    private final LogSegments segments;
    private final ReentrantLock lock = new ReentrantLock();
    private final LogHealth health;
    private final LogFlusher flusher;
    private final LogReader reader;
    /** Removes segments (retention, truncation); guarded by lock. */
    private final SegmentRetention retention;

    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    /** Last sequences per producer id. */
    private final ProducerStates producers;
    /** Which leader epoch starts where; guarded by lock. */
    private final LeaderEpochCache epochs;

    PartitionLog(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock,
                         FileChannelOpener opener, LogSegments segments, ProducerStateManager producerState,
                         LeaderEpochCache epochs) {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.config = config;
        this.clock = clock;
        this.opener = opener;
        this.segments = segments;
        this.producers = new ProducerStates(topicPartition, dir, clock, lock, producerState);
        this.epochs = epochs;
        this.retention = new SegmentRetention(topicPartition);
        this.logStartOffset = segments.first().baseOffset();
        this.logEndOffset = segments.last().nextOffset();
        this.health = new LogHealth(topicPartition, dir, this::failWaiters);
        this.flusher = new LogFlusher(segments, health, clock, () -> logEndOffset);
        this.reader = new LogReader(topicPartition, segments, health, () -> logStartOffset, () -> logEndOffset);
    }

    /** Opens (or creates) the partition log in {@code dir}, recovering it if needed. */
    public static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock)
            throws IOException {
        return open(dir, topicPartition, config, clock, FileChannelOpener.DEFAULT);
    }

    /** As {@link #open(Path, TopicPartition, LogConfig, Clock)}, opening files through {@code opener}. */
    public static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock,
                                    FileChannelOpener opener) throws IOException {
        return PartitionLogOpening.open(dir, topicPartition, config, clock, opener);
    }

    /**
     * The last step of opening: what recovery kept may still sit in the page cache only, so it is forced, and the
     * durable end starts at the log end. The segments are closed if that fails.
     */
    void forceRecovered() throws IOException {
        try {
            segments.last().flushLog();
        } catch (IOException e) {
            closeSegmentsQuietly();
            throw e;
        }
        flusher.advance(logEndOffset);
    }

    /** Appends one batch as {@link #append(ByteBuffer, int)} does, leaving its leader epoch as sent. */
    public AppendResult append(ByteBuffer batch) {
        return append(batch, false, 0, true);
    }

    /**
     * Appends one batch like {@link #append(ByteBuffer)} but never waits for an fsync, whatever the
     * policy: the caller waits on {@link #awaitDurable(long)} and triggers {@link #flush()}, so one
     * fsync can cover batches from many producers (group commit) without blocking a network thread.
     */
    public AppendResult appendWithoutSync(ByteBuffer batch) {
        return append(batch, false, 0, false);
    }

    /** As {@link #appendWithoutSync(ByteBuffer)}, stamping {@code leaderEpoch} as {@link #append(ByteBuffer, int)}. */
    public AppendResult appendWithoutSync(ByteBuffer batch, int leaderEpoch) {
        return append(batch, true, leaderEpoch, false);
    }

    /**
     * Appends one record batch. The buffer's bytes from position to limit must be exactly one batch;
     * the batch is validated ({@link RecordBatch#validate()}: sizes, magic, CRC, record count), its
     * base offset set to the log end offset and its leader epoch to {@code leaderEpoch}, in place in
     * the buffer (which therefore must be writable; its position and limit are not changed; the epoch
     * lies outside the CRC), and it is written. The first batch of an epoch newer than
     * {@link #latestEpoch()} records the epoch's start in the leader-epoch checkpoint. Under
     * {@link FsyncPolicy#EVERY_BATCH} the call returns once the batch is on disk.
     *
     * <p>A batch with a producer id is checked against the partition's producer state first (see
     * {@link ProducerStateManager}): a duplicate of a recent batch of that producer is not written again and
     * the result carries the original's offsets ({@link AppendResult#duplicate()}).
     *
     * @throws BatchTooLargeException if the batch is larger than {@link LogConfig#maxBatchBytes()}
     * @throws InvalidRecordException if the bytes are not exactly one valid batch
     * @throws StaleLeaderEpochException if {@code leaderEpoch} is older than an epoch that already wrote
     * @throws OutOfOrderSequenceException if the batch's sequence does not continue its producer's
     * @throws ProducerFencedException if the batch's producer epoch is older than the producer's current one
     * @throws LogOfflineException    if the log is offline or an I/O error takes it offline now
     * @throws LogClosedException     if the log is closed
     */
    public AppendResult append(ByteBuffer batch, int leaderEpoch) {
        return append(batch, true, leaderEpoch, true);
    }

    private AppendResult append(ByteBuffer bytes, boolean stampEpoch, int leaderEpoch, boolean syncPerPolicy) {
        LogConfig cfg = config;
        int size = bytes.remaining();
        if (size > cfg.maxBatchBytes()) {
            throw new BatchTooLargeException(topicPartition, size, cfg.maxBatchBytes());
        }
        RecordBatch batch = RecordBatch.of(bytes);
        batch.validate();
        if (batch.sizeInBytes() != size) {
            throw new InvalidRecordException("the buffer holds " + size + " bytes but its batch is "
                    + batch.sizeInBytes() + " bytes; append one batch at a time");
        }
        AppendResult result;
        lock.lock();
        try {
            health.checkOnline();
            if (stampEpoch) {
                epochs.checkAppendable(leaderEpoch);
            }
            boolean idempotent = batch.hasProducerId();
            AppendResult duplicate = idempotent ? producers.duplicateOf(batch) : null;
            if (duplicate != null) {
                result = duplicate;
            } else {
                if (stampEpoch) {
                    batch.setLeaderEpoch(leaderEpoch);
                    epochs.assign(leaderEpoch, logEndOffset);
                }
                result = write(batch, bytes, size, cfg);
                producers.appended(batch, idempotent, logEndOffset);
            }
        } catch (IOException e) {
            throw health.failure("append", e);
        } finally {
            lock.unlock();
        }
        if (syncPerPolicy && cfg.fsyncPolicy() == FsyncPolicy.EVERY_BATCH) {
            flushUpTo(result.lastOffset() + 1);
        }
        return result;
    }

    /** Writes a checked batch at the log end, assigning its base offset; called holding the lock. */
    private AppendResult write(RecordBatch batch, ByteBuffer bytes, int size, LogConfig cfg) throws IOException {
        long now = clock.millis();
        long baseOffset = logEndOffset;
        LogSegment active = segments.last();
        if (active.shouldRoll(size, baseOffset + batch.lastOffsetDelta(), now, cfg)) {
            active = roll(active, baseOffset);
        }
        batch.setBaseOffset(baseOffset);
        int position = active.append(batch, bytes, now, cfg.indexIntervalBytes());
        logEndOffset = batch.nextOffset();
        return new AppendResult(baseOffset, batch.lastOffset(), now, active.baseOffset(), position, size);
    }

    /**
     * Appends batches copied from the leader as they are: their base offsets and leader epochs are kept,
     * and producer sequences are recorded without checks (the leader checked them). The buffer's bytes from
     * position to limit must be whole batches, each valid, the first starting at the log end and each one
     * where the previous ended, with leader epochs never below {@link #latestEpoch()} and never decreasing;
     * otherwise nothing is written. The fsync policy applies as for {@link #append(ByteBuffer)}.
     *
     * @return the log end offset after the append
     * @throws NonContiguousAppendException if the offsets do not continue the log
     * @throws StaleLeaderEpochException if a batch's leader epoch is older than one the log already holds
     * @throws InvalidRecordException if a batch is not valid
     */
    public long appendAsFollower(ByteBuffer batches) {
        LogConfig cfg = config;
        RecordBatch batch = new RecordBatch();
        long end;
        lock.lock();
        try {
            health.checkOnline();
            FollowerBatches.check(topicPartition, batches, batch, logEndOffset, epochs.latestEpoch(),
                    cfg.maxBatchBytes());
            for (int p = batches.position(); p < batches.limit(); p += batch.sizeInBytes()) {
                batch.wrap(batches, p);
                epochs.assign(batch.leaderEpoch(), batch.baseOffset());
                write(batch, batches.slice(p, batch.sizeInBytes()), batch.sizeInBytes(), cfg);
                producers.replicated(batch);
            }
            end = logEndOffset;
        } catch (IOException e) {
            throw health.failure("follower append", e);
        } finally {
            lock.unlock();
        }
        if (cfg.fsyncPolicy() == FsyncPolicy.EVERY_BATCH) {
            flushUpTo(end);
        }
        return end;
    }

    /**
     * Removes every batch at or after {@code offset}, so that the log ends at {@code offset} or, when
     * {@code offset} falls inside a batch, at that batch's base offset (a batch is never split). Whole
     * segments above are removed (their files deleted after {@link LogConfig#fileDeleteDelayMs()}), the
     * segment holding the cut is cut and its indexes rebuilt, the producer state is rebuilt from the log and
     * the leader-epoch checkpoint forgets the epochs starting at or after the new end. Whether the records may
     * be removed (the high watermark) is the caller's decision. Unlike appends, a truncation does not run
     * safely beside reads of the segment it cuts (its indexes are rebuilt in place): it is for a follower,
     * which serves no reader while it truncates.
     *
     * @return the log end offset after the truncation
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start
     */
    public long truncateTo(long offset) {
        lock.lock();
        try {
            health.checkOnline();
            if (offset >= logEndOffset) {
                return logEndOffset;
            }
            if (offset < logStartOffset) {
                throw new OffsetOutOfRangeException(topicPartition, offset, logStartOffset, logEndOffset);
            }
            long newEnd = LogTruncation.truncate(segments, retention, offset, clock.millis(), config);
            if (newEnd < logStartOffset) {
                logStartOffset = newEnd;
            }
            LOG.warn("Partition {}: truncated the log from offset {} to {}", topicPartition, logEndOffset, newEnd);
            logEndOffset = newEnd;
            producers.rebuild(segments);
            epochs.truncateFromEnd(newEnd);
            flusher.truncated(newEnd);
            return newEnd;
        } catch (IOException e) {
            throw health.failure("truncation", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every batch and starts the log over, empty, at {@code offset}, past its end ({@link
     * LogTruncation#startOver}); the epoch checkpoint is emptied and the producer state rebuilt. For a follower
     * whose log ends below its leader's log start; whether the records may go is the caller's decision.
     *
     * @throws IllegalArgumentException if {@code offset} is not past the log end
     */
    public void truncateFullyAndStartAt(long offset) {
        lock.lock();
        try {
            health.checkOnline();
            LogTruncation.startOver(topicPartition, dir, opener, segments, retention, logEndOffset, offset,
                    clock.millis(), config);
            logStartOffset = offset;
            logEndOffset = offset;
            producers.rebuild(segments);
            epochs.truncateFromStart(offset);
            epochs.truncateFromEnd(offset);
            flusher.truncated(offset);
        } catch (IOException e) {
            throw health.failure("starting the log over", e);
        } finally {
            lock.unlock();
        }
    }

    /** The latest leader epoch that wrote to the log, or {@link LeaderEpochCache#UNDEFINED_EPOCH}. */
    public int latestEpoch() {
        return epochs.latestEpoch();
    }

    /** KIP-101's lookup over the leader-epoch checkpoint; see {@link LeaderEpochCache#endOffsetFor}. */
    public LeaderEpochCache.EpochEndOffset endOffsetFor(int epoch) {
        lock.lock();
        try {
            return epochs.endOffsetFor(epoch, logEndOffset);
        } finally {
            lock.unlock();
        }
    }

    /** The leader-epoch checkpoint's entries, oldest first. */
    public List<LeaderEpochCache.EpochEntry> epochEntries() {
        lock.lock();
        try {
            return epochs.entries();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks, without writing, that {@code batch} could be appended now as far as its producer's sequence
     * and epoch go; for transactions, which check every batch before they log their PREPARE entry.
     *
     * @throws OutOfOrderSequenceException if the batch's sequence does not continue its producer's
     * @throws ProducerFencedException if the batch's producer epoch is older than the producer's current one
     */
    public void checkProducerSequence(ByteBuffer batch) {
        producers.checkSequence(batch);
    }

    /**
     * Whether the log holds the batch of {@code producerId} and {@code epoch} ending at {@code lastSequence}, per
     * the producer state: sequences of an epoch are appended without gaps, so it does exactly when the
     * producer's last sequence is at or past it. Also true for an older epoch, whose batches can no longer be
     * appended. For transaction recovery.
     */
    public boolean containsProducerBatch(long producerId, short epoch, int lastSequence) {
        return producers.contains(producerId, epoch, lastSequence);
    }

    /** The sequence the next batch of {@code producerId} with {@code epoch} must start with on this partition. */
    public int nextSequence(long producerId, short epoch) {
        return producers.nextSequence(producerId, epoch);
    }

    /** A value copy of the producer state by producer id; for tests and tools. */
    Map<Long, ProducerStateManager.ProducerSnapshot> producerStateSnapshot() {
        return producers.snapshot();
    }

    /**
     * Closes the active segment (forcing it to disk), snapshots the producer state at the new segment's base
     * and starts a new one at {@code newBaseOffset}.
     */
    private LogSegment roll(LogSegment active, long newBaseOffset) throws IOException {
        active.onBecomeInactive();
        flusher.countFsync();
        producers.writeSnapshot(logEndOffset);
        // Every earlier segment was forced when it was rolled, so everything below is durable now.
        flusher.advance(newBaseOffset);
        LogSegment next = LogSegment.create(dir, newBaseOffset, opener);
        segments.add(next);
        Directories.fsync(dir);
        LOG.debug("Partition {}: rolled segment {} ({} bytes), new segment {}", topicPartition,
                active.baseOffset(), active.sizeInBytes(), newBaseOffset);
        return next;
    }

    /**
     * Reads whole batches from the batch holding {@code offset}: at most {@code maxBytes}, but at least
     * that first batch, and never past the end of its segment. At the log end the result is empty.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or above the log end
     */
    public FetchData read(long offset, int maxBytes) {
        return read(offset, maxBytes, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(long, int)}, never past {@code upTo} (exclusive), for readers that may see only
     * part of the log (consumers see only durable records under {@link FsyncPolicy#EVERY_BATCH}). The
     * result is empty when {@code offset} is at or past {@code upTo} but within the log.
     */
    public FetchData read(long offset, int maxBytes, long upTo) {
        return reader.read(offset, maxBytes, upTo);
    }

    /**
     * Reads like {@link #read} and copies the bytes: one heap buffer per batch (base offsets as
     * assigned). For tests and for broker code that must decode records.
     */
    public List<ByteBuffer> readBatches(long offset, int maxBytes) {
        return readBatches(offset, maxBytes, Long.MAX_VALUE);
    }

    /** As {@link #readBatches(long, int)}, never past {@code upTo} (see {@link #read(long, int, long)}). */
    public List<ByteBuffer> readBatches(long offset, int maxBytes, long upTo) {
        return reader.readBatches(offset, maxBytes, upTo);
    }

    /**
     * The base offset of the first batch whose max timestamp is at least {@code timestamp}, or the log
     * end offset if there is none.
     */
    public long offsetForTimestamp(long timestamp) {
        return reader.offsetForTimestamp(timestamp);
    }

    /** Forces everything appended so far to disk (one fsync, shared with concurrent callers). */
    public void flush() {
        flushUpTo(logEndOffset);
    }

    /** Flushes if the policy is {@link FsyncPolicy#INTERVAL} and the interval has passed; for the flusher. */
    boolean flushIfDue(long nowMs) {
        return flusher.flushIfDue(nowMs, config);
    }

    private void flushUpTo(long target) {
        flusher.flushUpTo(target);
    }

    /**
     * A future completed once {@code offset} is durable: below {@link #flushedOffset()}. Under
     * {@link FsyncPolicy#OS} it is complete at once (durability is left to the operating system);
     * under {@link FsyncPolicy#EVERY_BATCH} an appended offset is already durable when append returns;
     * under {@link FsyncPolicy#INTERVAL} the flusher completes it. The future fails if the log goes
     * offline or is closed before.
     */
    public CompletableFuture<Void> awaitDurable(long offset) {
        return flusher.awaitDurable(offset, config);
    }

    /**
     * Applies retention now (by {@link LogConfig#retentionMs()} against the clock and by
     * {@link LogConfig#retentionBytes()}): removes the oldest closed segments while they are expired or
     * the partition is over its size limit, never the active segment, and advances the log start
     * offset; the leader-epoch checkpoint forgets what lies below it ({@link LeaderEpochCache#truncateFromStart}). Removed segments are renamed {@code .deleted} and their files deleted once
     * {@link LogConfig#fileDeleteDelayMs()} has passed (checked on each call and on close).
     *
     * @return the number of segments removed
     */
    public int deleteOldSegments() {
        lock.lock();
        try {
            if (health.state() != LogState.ONLINE) {
                return 0;
            }
            int removed = retention.apply(segments, config, clock.millis(), start -> logStartOffset = start);
            if (removed > 0) {
                epochs.truncateFromStart(logStartOffset);
            }
            return removed;
        } catch (IOException e) {
            throw health.failure("retention", e);
        } finally {
            lock.unlock();
        }
    }

    /** Offset of the first batch kept. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** Offset the next appended record will get. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** Every offset below this one is forced to disk. */
    public long flushedOffset() {
        return flusher.flushedOffset();
    }

    /** Number of fsyncs of segment log files so far (appends, flushes and rolls). */
    public long fsyncCount() {
        return flusher.fsyncCount();
    }

    public LogState state() {
        return health.state();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path directory() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Replaces the config; it applies from the next append, roll, flush or retention pass. */
    public void updateConfig(LogConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "newConfig");
    }

    /** The segments in offset order; the last one is active. */
    public List<SegmentInfo> segments() {
        List<LogSegment> all = segments.all();
        List<SegmentInfo> infos = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            infos.add(all.get(i).info(i == all.size() - 1));
        }
        return infos;
    }

    /** Bytes of all segments' log files. */
    public long sizeInBytes() {
        return segments.sizeInBytes();
    }

    /**
     * Forces the log and its indexes to disk, writes the clean-shutdown marker (so the next open skips
     * the scan of the active segment) and closes the files. An offline log is closed without the marker.
     * Never throws for I/O errors: they are logged, and the next open recovers.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (health.state() == LogState.CLOSED) {
                return;
            }
            boolean clean = false;
            if (health.state() == LogState.ONLINE) {
                try {
                    segments.last().flushAll();
                    flusher.countFsync();
                    flusher.advance(logEndOffset);
                    clean = true;
                } catch (IOException e) {
                    health.failure("close", e);
                }
                if (clean) {
                    try {
                        producers.writeSnapshot(logEndOffset);
                    } catch (IOException e) {
                        LOG.warn("Partition {}: could not write the producer-state snapshot; the next open rebuilds"
                                + " the producer state from the log", topicPartition, e);
                    }
                }
            }
            health.closed();
            flusher.failAll(new LogClosedException(topicPartition));
            closeSegmentsQuietly();
            if (clean) {
                LogLoader.markCleanShutdown(dir, topicPartition);
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeSegmentsQuietly() {
        for (LogSegment segment : segments.all()) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Partition {}: error closing segment {}", topicPartition, segment.baseOffset(), e);
            }
        }
        retention.deleteAllQuietly();
    }

    private void failWaiters(LogException e) {
        flusher.failAll(e);
    }

    @Override
    public String toString() {
        return "PartitionLog[" + topicPartition + ", offsets [" + logStartOffset + ", " + logEndOffset + "), "
                + health.state() + "]";
    }
}
