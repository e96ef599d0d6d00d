package io.logjms.broker.partition;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FetchData;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One partition as the broker serves it: its {@link PartitionLog}, its role, its leader epoch, and the one
 * place that decides when a record is committed and visible.
 *
 * <p><b>Marks</b>, each an exclusive offset, {@code logStart <= highWatermark <= logEnd} and
 * {@code durableEnd <= logEnd}:
 * <ul>
 *   <li>{@link #logEndOffset()}: the next offset to be written;</li>
 *   <li>{@link #durableEnd()}: everything below it is forced to disk;</li>
 *   <li>{@link #highWatermark()}: everything below it is committed; consumers and fetches never read past
 *       it and a persistent send is answered once its last offset is below it. A leader on a single broker
 *       applies the fsync policy: under {@code every-batch} the high watermark is the durable end, under
 *       {@code interval} and {@code os} (where the operating system owns durability) it is the log end. A
 *       follower's high watermark is the one its leader tells it ({@link #updateHighWatermark}). In a
 *       cluster the leader's becomes the end that a majority of the replica set holds durable.</li>
 * </ul>
 *
 * <p><b>Epochs.</b> The leader stamps its epoch on every batch it appends (the field lies outside the CRC);
 * the log keeps the leader-epoch checkpoint (epoch to start offset) that {@link #endOffsetFor} answers from,
 * so a follower can truncate a divergent suffix by epoch (KIP-101). A follower appends the leader's batches
 * as they are ({@link #appendAsFollower}) and truncates ({@link #truncateTo}) never below its high
 * watermark: committed records are never removed, so such a request is refused.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread. Appends serialize on the log's lock;
 * the role, epoch and follower high watermark are volatile and change only through the role methods,
 * which the broker calls one at a time per partition.
 */
public final class Partition {
    /** What this broker does for the partition. */
    public enum Role {
        /** Assigns offsets to produced batches and decides the high watermark. */
        LEADER,
        /** Copies the leader's batches and learns the high watermark from it. */
        FOLLOWER
    }

    private final PartitionLog log;
    private volatile Role role;
    private volatile int leaderEpoch;
    private volatile long followerHighWatermark;

    private Partition(PartitionLog log, Role role, int leaderEpoch) {
        this.log = Objects.requireNonNull(log, "log");
        this.role = role;
        this.leaderEpoch = leaderEpoch;
    }

    /**
     * The partition of a broker that leads it alone: leader with the latest epoch its log holds (0 for a new
     * log), so a restart neither changes the epoch nor writes the checkpoint.
     */
    public static Partition leader(PartitionLog log) {
        return new Partition(log, Role.LEADER, Math.max(0, log.latestEpoch()));
    }

    public PartitionLog log() {
        return log;
    }

    public TopicPartition topicPartition() {
        return log.topicPartition();
    }

    public Role role() {
        return role;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /**
     * Leads the partition from now on under {@code epoch}, which must not be older than the current epoch or
     * the latest epoch in the log. What was visible stays visible.
     */
    public synchronized void becomeLeader(int epoch) {
        checkEpoch(epoch);
        leaderEpoch = epoch;
        role = Role.LEADER;
    }

    /**
     * Follows the leader of {@code epoch} from now on. {@code knownHighWatermark} is what the caller knows to
     * be committed (from the leader, or from before); it is clamped to the log.
     */
    public synchronized void becomeFollower(int epoch, long knownHighWatermark) {
        checkEpoch(epoch);
        followerHighWatermark = clampToLog(knownHighWatermark);
        leaderEpoch = epoch;
        role = Role.FOLLOWER;
    }

    private void checkEpoch(int epoch) {
        int floor = Math.max(leaderEpoch, log.latestEpoch());
        if (epoch < floor) {
            throw new IllegalArgumentException("leader epoch " + epoch + " of " + topicPartition()
                    + " is older than epoch " + floor);
        }
    }

    /** A follower learns the leader's high watermark; it never moves back, nor past the local log end. */
    public void updateHighWatermark(long leaderHighWatermark) {
        requireRole(Role.FOLLOWER, "take a high watermark from a leader");
        synchronized (this) {
            followerHighWatermark = Math.max(followerHighWatermark, clampToLog(leaderHighWatermark));
        }
    }

    private long clampToLog(long offset) {
        return Math.max(log.logStartOffset(), Math.min(offset, log.logEndOffset()));
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    /** Everything below it is forced to disk. */
    public long durableEnd() {
        return Math.min(log.flushedOffset(), log.logEndOffset());
    }

    /** Everything below it is committed and visible to consumers; see the class comment. */
    public long highWatermark() {
        if (role == Role.FOLLOWER) {
            return Math.min(followerHighWatermark, log.logEndOffset());
        }
        return commitWaitsForFsync() ? durableEnd() : log.logEndOffset();
    }

    /**
     * Whether a leader's appended record becomes committed only once it is forced to disk (the
     * {@code every-batch} policy); otherwise it is committed once written.
     */
    public boolean commitWaitsForFsync() {
        return log.config().fsyncPolicy() == FsyncPolicy.EVERY_BATCH;
    }

    /**
     * Appends one produced batch as the leader, stamping the leader epoch, without waiting for an fsync (see
     * {@link PartitionLog#appendWithoutSync(ByteBuffer, int)}: validation, producer-state check, duplicate
     * answer). The batch is committed once {@link #awaitCommitted} completes.
     *
     * @throws NotLeaderException if this broker follows the partition
     */
    public AppendResult append(ByteBuffer batch) {
        requireRole(Role.LEADER, "append a produced batch");
        return log.appendWithoutSync(batch, leaderEpoch);
    }

    /**
     * A future completed once everything up to {@code lastOffset} is committed. Under {@code every-batch} it
     * waits for the fsync that someone triggers with {@link #flush()}; otherwise it is complete at once.
     */
    public CompletableFuture<Void> awaitCommitted(long lastOffset) {
        return log.awaitDurable(lastOffset);
    }

    /** Forces what was appended to disk (one fsync shared with concurrent callers). */
    public void flush() {
        log.flush();
    }

    /**
     * Appends batches copied from the leader, keeping their offsets and leader epochs; see
     * {@link PartitionLog#appendAsFollower}.
     *
     * @return the log end offset afterwards
     * @throws NotLeaderException if this broker leads the partition
     */
    public long appendAsFollower(ByteBuffer batches) {
        requireRole(Role.FOLLOWER, "append a leader's batches");
        return log.appendAsFollower(batches);
    }

    /**
     * Removes the records at and after {@code offset} (from the start of the batch holding it) as a
     * follower does before it copies from a new leader; see {@link PartitionLog#truncateTo}. A leader never
     * truncates (it becomes a follower first). Committed records are never removed: an offset below the high
     * watermark is refused rather than clamped, since asking for it means the caller's view of the log is
     * wrong.
     *
     * @return the log end offset afterwards
     * @throws NotLeaderException if this broker leads the partition
     * @throws TruncationBelowHighWatermarkException if {@code offset} is below the high watermark
     */
    public synchronized long truncateTo(long offset) {
        requireRole(Role.FOLLOWER, "truncate the log");
        long hw = highWatermark();
        if (offset < hw) {
            throw new TruncationBelowHighWatermarkException(topicPartition(), offset, hw);
        }
        return log.truncateTo(offset);
    }

    /** KIP-101: the largest epoch at or below {@code epoch} this log knows and the offset where it ends. */
    public LeaderEpochCache.EpochEndOffset endOffsetFor(int epoch) {
        return log.endOffsetFor(epoch);
    }

    /** The leader-epoch checkpoint's entries, oldest first. */
    public List<LeaderEpochCache.EpochEntry> epochEntries() {
        return log.epochEntries();
    }

    /** Reads for a consumer: whole batches from {@code offset}, never past the high watermark. */
    public FetchData read(long offset, int maxBytes) {
        return log.read(offset, maxBytes, highWatermark());
    }

    /** As {@link #read}, copying the bytes: one heap buffer per batch. */
    public List<ByteBuffer> readBatches(long offset, int maxBytes) {
        return log.readBatches(offset, maxBytes, highWatermark());
    }

    public long offsetForTimestamp(long timestamp) {
        return log.offsetForTimestamp(timestamp);
    }

    private void requireRole(Role required, String action) {
        Role current = role;
        if (current != required) {
            throw new NotLeaderException(topicPartition(), "cannot " + action + " on " + topicPartition() + ": this"
                    + " broker is its " + current.name().toLowerCase(Locale.ROOT) + " in epoch "
                    + leaderEpoch);
        }
    }

    @Override
    public String toString() {
        return "Partition[" + topicPartition() + ", " + role + " epoch " + leaderEpoch + ", log end "
                + logEndOffset() + ", high watermark " + highWatermark() + "]";
    }
}
