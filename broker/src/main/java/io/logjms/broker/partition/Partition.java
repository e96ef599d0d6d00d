package io.logjms.broker.partition;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FetchData;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * <p><b>Replicated partitions.</b> Once the broker runs in a cluster, {@link #useReplicaSet} makes the partition
 * replicated: the leader's high watermark becomes the end a majority of the replica set holds durable, by
 * {@link CommitRule} (read its comment for why records of older epochs are never committed by counting), it
 * never moves back, and {@link #awaitCommitted} waits for it. Followers report how far their copies are
 * durable ({@link #recordReplicaProgress}); a leader that steps down fails its waiting sends with
 * {@link NotLeaderException}. A replica's promise ({@link #promise}) fences every older epoch: after it, no
 * append, truncation or leadership of an older epoch is accepted. A partition without a replica set (a
 * standalone broker) behaves as described above.
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

    /** Null on a standalone broker; see the class comment. */
    private volatile ReplicaSet replicaSet;
    /** Taking over leadership: produce answers LEADER_NOT_AVAILABLE rather than NOT_LEADER. */
    private volatile boolean candidate;
    private volatile int promisedEpoch = -1;
    private volatile int promisedTo = -1;
    /** The replicated leader's high watermark; guarded by this. */
    private volatile long leaderHighWatermark;
    /** Offset of the replicated leader's first record of its own epoch; guarded by this. */
    private long epochStartOffset;
    /** Durable ends of the followers that match this leader's log; guarded by this. */
    private final Map<Integer, Long> replicaEnds = new HashMap<>();
    private final CommitWaiters commitWaiters = new CommitWaiters();
    /** Completed (and replaced) whenever the log end or the high watermark moves: replica fetches wait on it. */
    private volatile CompletableFuture<Void> changed = new CompletableFuture<>();
    private final List<LeadershipListener> leadershipListeners = new CopyOnWriteArrayList<>();

    /** The replicas of a replicated partition and which of them is this broker. */
    public record ReplicaSet(int localNode, List<Integer> replicas) {
        public ReplicaSet {
            replicas = List.copyOf(replicas);
            if (!replicas.contains(localNode)) {
                throw new IllegalArgumentException("node " + localNode + " is not one of the replicas " + replicas);
            }
        }

        public int majority() {
            return replicas.size() / 2 + 1;
        }
    }

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

    /**
     * The partition of a clustered broker before it knows the partition's assignment: a follower of the
     * latest epoch its log holds that fetches from no one, so nothing is served or appended until the
     * replication decides.
     */
    public static Partition follower(PartitionLog log) {
        Partition p = new Partition(log, Role.FOLLOWER, Math.max(0, log.latestEpoch()));
        p.followerHighWatermark = log.logStartOffset();
        return p;
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
    public void becomeLeader(int epoch) {
        synchronized (this) {
            checkEpoch(epoch);
            if (replicaSet != null) {
                if (promisedEpoch > epoch || (promisedEpoch == epoch && promisedTo != replicaSet.localNode())) {
                    throw new FencedLeaderEpochException(topicPartition(), epoch, promisedEpoch, "leadership");
                }
                leaderHighWatermark = role == Role.LEADER ? leaderHighWatermark : highWatermark();
                epochStartOffset = log.logEndOffset();
                replicaEnds.clear();
            }
            leaderEpoch = epoch;
            candidate = false;
            role = Role.LEADER;
        }
        advanceHighWatermark();
        signalChange();
        if (replicaSet != null) {
            fireLeadershipChanged();
        }
    }

    /** Tells {@code listener} whenever this replicated partition starts or stops leading. */
    public void addLeadershipListener(LeadershipListener listener) {
        leadershipListeners.add(listener);
    }

    public void removeLeadershipListener(LeadershipListener listener) {
        leadershipListeners.remove(listener);
    }

    /**
     * Whether this broker serves the partition as its leader now: always on a standalone broker; in a cluster
     * once it leads an epoch (its takeover done), not while a candidate or a follower (nor before it knows the
     * partition's assignment).
     */
    public boolean ledHere() {
        return role == Role.LEADER && !candidate;
    }

    private void fireLeadershipChanged() {
        for (LeadershipListener l : leadershipListeners) {
            l.leadershipChanged(this);
        }
    }

    /**
     * A replicated partition this broker is to lead under {@code epoch} once it has taken over: a follower of
     * no one until then, whose produce requests are answered "leader not available".
     */
    public void becomeCandidate(int epoch) {
        becomeFollower(epoch, highWatermark());
        candidate = true;
    }

    /** Whether this broker is taking over the partition (see {@link #becomeCandidate}). */
    public boolean isCandidate() {
        return candidate;
    }

    /**
     * Follows the leader of {@code epoch} from now on. {@code knownHighWatermark} is what the caller knows to
     * be committed (from the leader, or from before); it is clamped to the log.
     */
    public void becomeFollower(int epoch, long knownHighWatermark) {
        List<CompletableFuture<Void>> abandoned;
        Role before;
        synchronized (this) {
            checkEpoch(epoch);
            before = role;
            followerHighWatermark = clampToLog(Math.max(knownHighWatermark,
                    replicaSet != null && role == Role.LEADER ? leaderHighWatermark : 0));
            leaderEpoch = epoch;
            role = Role.FOLLOWER;
            candidate = false;
            abandoned = commitWaiters.drain();
        }
        if (!abandoned.isEmpty()) {
            NotLeaderException e = new NotLeaderException(topicPartition(), "this broker stopped leading "
                    + topicPartition() + " (now epoch " + epoch + ") before the send was committed; it may or may"
                    + " not be kept by the new leader");
            abandoned.forEach(f -> f.completeExceptionally(e));
        }
        if (before == Role.LEADER) {
            signalChange();
            fireLeadershipChanged();
        }
    }

    /**
     * Makes the partition replicated over {@code replicas} (or changes its replica set); from now on its
     * leader commits by {@link CommitRule}.
     */
    public void useReplicaSet(ReplicaSet replicas) {
        synchronized (this) {
            this.replicaSet = Objects.requireNonNull(replicas, "replicas");
            replicaEnds.keySet().retainAll(replicas.replicas());
        }
        advanceHighWatermark();
    }

    /** The replica set, or null on a standalone broker. */
    public ReplicaSet replicaSet() {
        return replicaSet;
    }

    public boolean isReplicated() {
        return replicaSet != null;
    }

    /** The epoch this replica promised, or -1. */
    public int promisedEpoch() {
        return promisedEpoch;
    }

    /** The node that {@link #promisedEpoch()} was promised to, or -1. */
    public int promisedTo() {
        return promisedTo;
    }

    /**
     * Takes a promise never to accept an epoch below {@code epoch}, nor {@code epoch} from another candidate
     * (the caller has stored it durably first). A leader of an older epoch steps down.
     *
     * @throws FencedLeaderEpochException if an epoch above {@code epoch}, or {@code epoch} to another candidate,
     *                                    was promised before
     */
    public void promise(int epoch, int candidateNode) {
        boolean stepDown;
        synchronized (this) {
            checkPromise(epoch, candidateNode);
            promisedEpoch = epoch;
            promisedTo = candidateNode;
            stepDown = role == Role.LEADER && epoch > leaderEpoch;
        }
        if (stepDown) {
            becomeFollower(epoch, highWatermark());
        }
    }

    /** Whether {@link #promise} would take the promise now; throws as it does if not. */
    public synchronized void checkPromise(int epoch, int candidateNode) {
        if (epoch < promisedEpoch || (epoch == promisedEpoch && candidateNode != promisedTo)
                || epoch < Math.max(0, log.latestEpoch())) {
            throw new FencedLeaderEpochException(topicPartition(), epoch, Math.max(promisedEpoch, log.latestEpoch()),
                    "promise to node " + candidateNode);
        }
    }

    /** The durable promise read back at start-up. */
    public synchronized void restorePromise(int epoch, int candidateNode) {
        if (epoch > promisedEpoch) {
            promisedEpoch = epoch;
            promisedTo = candidateNode;
        }
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
        if (replicaSet != null) {
            return leaderHighWatermark;
        }
        return commitWaitsForFsync() ? durableEnd() : log.logEndOffset();
    }

    /**
     * How far this copy counts towards a commit: the durable end under {@code every-batch}, the log end under
     * {@code interval} and {@code os} (where the operating system owns durability, as for a single broker).
     */
    public long replicaDurableEnd() {
        return commitWaitsForFsync() ? durableEnd() : log.logEndOffset();
    }

    /**
     * The leader learns how far a follower's copy, matching its own log, is durable (from the follower's fetch
     * in the current epoch), and advances the high watermark if a majority now holds more.
     */
    public void recordReplicaProgress(int node, long matchingDurableEnd) {
        synchronized (this) {
            if (role != Role.LEADER || replicaSet == null || !replicaSet.replicas().contains(node)) {
                return;
            }
            replicaEnds.merge(node, matchingDurableEnd, Math::max);
        }
        advanceHighWatermark();
    }

    /** The leader's view of its followers' durable ends (node id to end), for status reports. */
    public synchronized Map<Integer, Long> replicaProgress() {
        return Map.copyOf(replicaEnds);
    }

    /**
     * Why {@code lastOffset} is not committed yet, for the error a send gets when it waited too long: how many
     * replicas hold it durable, how many are needed, and how far each of the others is known to be.
     */
    public synchronized String commitShortfall(long lastOffset) {
        ReplicaSet set = replicaSet;
        if (set == null) {
            return "the send is not durable yet";
        }
        Map<Integer, Long> ends = new HashMap<>(replicaEnds);
        ends.put(set.localNode(), replicaDurableEnd());
        long holding = set.replicas().stream().filter(r -> ends.getOrDefault(r, CommitRule.UNKNOWN) > lastOffset).count();
        long reachable = set.replicas().stream().filter(ends::containsKey).count();
        return "only " + holding + " of the " + set.replicas().size() + " replicas of " + topicPartition()
                + " hold offset " + lastOffset + " durable and " + set.majority() + " are needed; " + reachable
                + " replica(s) reachable in leader epoch " + leaderEpoch + " (durable ends by node: " + ends + ")";
    }

    /** The offset of this leader's first record in its own epoch. */
    public synchronized long epochStartOffset() {
        return epochStartOffset;
    }

    private void advanceHighWatermark() {
        List<CompletableFuture<Void>> committed;
        synchronized (this) {
            ReplicaSet set = replicaSet;
            if (role != Role.LEADER || set == null) {
                return;
            }
            Map<Integer, Long> ends = new HashMap<>(replicaEnds);
            ends.put(set.localNode(), replicaDurableEnd());
            long next = CommitRule.highWatermark(leaderHighWatermark, epochStartOffset, log.logEndOffset(),
                    set.replicas(), ends);
            if (next == leaderHighWatermark) {
                return;
            }
            leaderHighWatermark = next;
            committed = commitWaiters.committedBelow(next);
        }
        committed.forEach(f -> f.complete(null));
        signalChange();
    }

    /** A future completed once the log end or the high watermark moves (replica fetches wait on it). */
    public CompletableFuture<Void> nextChange() {
        return changed;
    }

    private void signalChange() {
        CompletableFuture<Void> previous = changed;
        changed = new CompletableFuture<>();
        previous.complete(null);
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
        AppendResult r = log.appendWithoutSync(batch, leaderEpoch);
        if (replicaSet != null) {
            if (!commitWaitsForFsync()) {
                advanceHighWatermark();
            }
            signalChange();
        }
        return r;
    }

    /**
     * A future completed once everything up to {@code lastOffset} is committed. Under {@code every-batch} it
     * waits for the fsync that someone triggers with {@link #flush()}; otherwise it is complete at once.
     */
    public CompletableFuture<Void> awaitCommitted(long lastOffset) {
        if (replicaSet == null) {
            return log.awaitDurable(lastOffset);
        }
        synchronized (this) {
            if (role != Role.LEADER) {
                return CompletableFuture.failedFuture(new NotLeaderException(topicPartition(), "this broker no"
                        + " longer leads " + topicPartition()));
            }
            if (lastOffset < leaderHighWatermark) {
                return CompletableFuture.completedFuture(null);
            }
            return commitWaiters.add(lastOffset);
        }
    }

    /** Forces what was appended to disk (one fsync shared with concurrent callers). */
    public void flush() {
        log.flush();
        if (replicaSet != null) {
            advanceHighWatermark();
        }
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
     * As {@link #appendAsFollower(ByteBuffer)}, for batches fetched in {@code fetchEpoch}: refused unless that
     * is still this replica's epoch and not below its promise, checked under the lock that a promise takes.
     */
    public synchronized long appendAsFollower(int fetchEpoch, ByteBuffer batches) {
        checkFetchEpoch(fetchEpoch, "append");
        return appendAsFollower(batches);
    }

    /** As {@link #truncateTo}, for a divergence found in {@code fetchEpoch}; refused as appends are. */
    public synchronized long truncateTo(int fetchEpoch, long offset) {
        checkFetchEpoch(fetchEpoch, "truncation");
        return truncateTo(offset);
    }

    /**
     * Starts the log over, empty, at {@code offset} (past its end): for a follower whose log ends below its
     * leader's log start in {@code fetchEpoch} (retention removed there what it would copy next); refused as
     * appends are. See {@link PartitionLog#truncateFullyAndStartAt}.
     */
    public synchronized void startLogOverAt(int fetchEpoch, long offset) {
        checkFetchEpoch(fetchEpoch, "starting the log over");
        log.truncateFullyAndStartAt(offset);
    }

    private void checkFetchEpoch(int fetchEpoch, String what) {
        if (fetchEpoch != leaderEpoch || fetchEpoch < promisedEpoch) {
            throw new FencedLeaderEpochException(topicPartition(), fetchEpoch, Math.max(leaderEpoch, promisedEpoch),
                    what);
        }
        requireRole(Role.FOLLOWER, what + " as a follower");
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
        if (current != required && required == Role.LEADER && candidate) {
            throw new LeaderNotAvailableException(topicPartition(), "cannot " + action + " on " + topicPartition()
                    + " yet: this broker is taking over as its leader in epoch " + leaderEpoch);
        }
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
