package io.logjms.broker.log;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which leader epoch wrote which part of a partition log: entries (epoch, start offset), epochs growing,
 * start offsets not decreasing, as Kafka's leader-epoch checkpoint (KIP-101). A follower asks the leader
 * {@link #endOffsetFor} its own latest epoch and truncates its log there, so a divergent suffix written by
 * a deposed leader is cut by epoch, never by a local high watermark.
 *
 * <p>File {@value #FILE_NAME} in the partition directory: one {@link ChecksummedEntries} entry per epoch,
 * payload {@code int32 epoch, int64 start offset}, the whole file replaced atomically on every change (it
 * changes once per leader change, on truncation and when retention raises the log start, never per batch).
 * At open, a torn or corrupt tail is
 * dropped (what is left is a prefix of what was written), as are entries starting past the log end, and the
 * file is rewritten if anything was dropped.
 *
 * <p>Not thread-safe: the owning {@link PartitionLog} calls it under its append lock; {@link #latestEpoch}
 * alone may be read from any thread.
 */
public final class LeaderEpochCache {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    /** The checkpoint file in the partition directory. */
    public static final String FILE_NAME = "leader-epoch-checkpoint";
    /** No epoch: the log holds no batch written under a known epoch. */
    public static final int UNDEFINED_EPOCH = -1;
    /** No offset: the epoch asked for is older than every known epoch. */
    public static final long UNDEFINED_OFFSET = -1;

    private static final int ENTRY_PAYLOAD_BYTES = 4 + 8;

    /** An epoch and the offset of its first batch. */
    public record EpochEntry(int epoch, long startOffset) {
    }

    /**
     * The answer to {@link #endOffsetFor}: the largest known epoch at or below the one asked for, and the
     * offset where it ends (the next epoch's start, or the log end for the latest epoch).
     */
    public record EpochEndOffset(int epoch, long endOffset) {
        public boolean undefined() {
            return epoch == UNDEFINED_EPOCH;
        }
    }

    private final Path file;
    private final TopicPartition topicPartition;
    private final List<EpochEntry> entries;
    private volatile int latestEpoch;

    private LeaderEpochCache(Path file, TopicPartition topicPartition, List<EpochEntry> entries) {
        this.file = file;
        this.topicPartition = topicPartition;
        this.entries = entries;
        this.latestEpoch = entries.isEmpty() ? UNDEFINED_EPOCH : entries.get(entries.size() - 1).epoch();
    }

    /**
     * Loads the checkpoint of {@code dir} (an absent file is an empty cache), dropping a torn tail and entries
     * that start past {@code logEndOffset} (the log was cut below them).
     */
    static LeaderEpochCache load(Path dir, TopicPartition topicPartition, long logEndOffset) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        List<EpochEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return new LeaderEpochCache(file, topicPartition, entries);
        }
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(ChecksummedEntries.readFile(file), payload -> {
            if (payload.remaining() == ENTRY_PAYLOAD_BYTES) {
                entries.add(new EpochEntry(payload.getInt(), payload.getLong()));
            }
        });
        int read = entries.size();
        keepValidPrefix(entries, logEndOffset);
        LeaderEpochCache cache = new LeaderEpochCache(file, topicPartition, entries);
        if (!scan.clean() || entries.size() != read || read != scan.entries()) {
            LOG.warn("Partition {}: leader-epoch checkpoint {} kept {} of {} entries ({}); rewriting it",
                    topicPartition, file, entries.size(), scan.entries(),
                    scan.clean() ? "entries past the log end " + logEndOffset + " or out of order" : scan.problem());
            cache.write();
        }
        return cache;
    }

    private static void keepValidPrefix(List<EpochEntry> entries, long logEndOffset) {
        for (int i = 0; i < entries.size(); i++) {
            EpochEntry e = entries.get(i);
            boolean ordered = i == 0 || (e.epoch() > entries.get(i - 1).epoch()
                    && e.startOffset() >= entries.get(i - 1).startOffset());
            if (!ordered || e.epoch() < 0 || e.startOffset() < 0 || e.startOffset() > logEndOffset) {
                entries.subList(i, entries.size()).clear();
                return;
            }
        }
    }

    /** The latest epoch that wrote to the log, or {@link #UNDEFINED_EPOCH}. Any thread. */
    public int latestEpoch() {
        return latestEpoch;
    }

    /** The entries, oldest first. */
    public List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, if it is newer than the latest epoch; a batch of
     * the latest epoch changes nothing.
     *
     * @throws StaleLeaderEpochException if {@code epoch} is older than the latest epoch
     */
    void assign(int epoch, long startOffset) throws IOException {
        if (epoch == latestEpoch) {
            return;
        }
        if (epoch < latestEpoch) {
            throw new StaleLeaderEpochException(topicPartition, "leader epoch " + epoch + " is older than epoch "
                    + latestEpoch + ", which already wrote to the log");
        }
        if (!entries.isEmpty() && startOffset < entries.get(entries.size() - 1).startOffset()) {
            throw new IllegalStateException("epoch " + epoch + " cannot start at " + startOffset + ", before epoch "
                    + latestEpoch + " does");
        }
        entries.add(new EpochEntry(epoch, startOffset));
        write();
        latestEpoch = epoch;
    }

    /** Checks, without changing anything, that a batch of {@code epoch} may be appended now. */
    void checkAppendable(int epoch) {
        if (epoch < latestEpoch) {
            throw new StaleLeaderEpochException(topicPartition, "leader epoch " + epoch + " is older than epoch "
                    + latestEpoch + ", which already wrote to the log");
        }
    }

    /** Forgets the epochs that start at or after {@code endOffset}: the log was truncated there. */
    void truncateFromEnd(long endOffset) throws IOException {
        int before = entries.size();
        entries.removeIf(e -> e.startOffset() >= endOffset);
        if (entries.size() != before) {
            write();
            latestEpoch = entries.isEmpty() ? UNDEFINED_EPOCH : entries.get(entries.size() - 1).epoch();
        }
    }

    /**
     * Forgets what lies below {@code startOffset}: the log start rose there (retention removed whole
     * segments). Entries wholly below it go; the epoch the new log start falls in stays, its start raised to
     * {@code startOffset}; entries starting at or after it are kept as they are (Kafka's
     * {@code truncateFromStart}). The latest epoch does not change, since the epoch of the new first offset
     * is kept.
     */
    void truncateFromStart(long startOffset) throws IOException {
        int covering = -1;
        for (int i = 0; i < entries.size() && entries.get(i).startOffset() <= startOffset; i++) {
            covering = i;
        }
        if (covering < 0 || (covering == 0 && entries.get(0).startOffset() == startOffset)) {
            return;
        }
        EpochEntry raised = new EpochEntry(entries.get(covering).epoch(), startOffset);
        entries.subList(0, covering + 1).clear();
        entries.add(0, raised);
        write();
    }

    /**
     * KIP-101's lookup: the largest known epoch at or below {@code epoch} and the offset where it ends, the
     * start of the next known epoch, or {@code logEndOffset} if it is the latest. Undefined when every known
     * epoch is newer than {@code epoch} (or none is known).
     */
    public EpochEndOffset endOffsetFor(int epoch, long logEndOffset) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            EpochEntry e = entries.get(i);
            if (e.epoch() <= epoch) {
                long end = i == entries.size() - 1 ? logEndOffset : entries.get(i + 1).startOffset();
                return new EpochEndOffset(e.epoch(), end);
            }
        }
        return new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
    }

    private void write() throws IOException {
        ByteBuffer out = ByteBuffer.allocate(entries.size() * ChecksummedEntries.sizeOf(ENTRY_PAYLOAD_BYTES));
        ByteBuffer payload = ByteBuffer.allocate(ENTRY_PAYLOAD_BYTES);
        for (EpochEntry e : entries) {
            payload.clear();
            payload.putInt(e.epoch()).putLong(e.startOffset()).flip();
            ChecksummedEntries.write(out, payload);
        }
        ChecksummedEntries.writeFileAtomically(file, out.flip());
    }
}
