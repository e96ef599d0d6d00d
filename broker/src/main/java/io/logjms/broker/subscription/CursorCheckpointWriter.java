package io.logjms.broker.subscription;

import io.logjms.broker.partition.Partition;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one partition's {@link CursorCheckpointFile} up to date on every broker that holds a copy, leader or follower:
 * each {@link #run} applies the committed records (below the high watermark, never truncated) written since the last
 * one, for every subscription incarnation ({@link CursorReplayer}), and replaces the file when the replay moved on.
 * It starts from the file if that fits the log, else from the log start; if the log was truncated or written again
 * under the replay (a checkpoint that no longer {@link CursorCheckpoint#fits fits}), it starts over the same way.
 * Not thread-safe: one thread runs it.
 */
final class CursorCheckpointWriter {
    /** How much of the log one run reads at most, so that a round over every partition stays short. */
    static final long MAX_READ_BYTES = 64L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CursorCheckpointWriter.class);

    private final Partition partition;
    private CursorReplayer replayer;
    private long written = -1;

    CursorCheckpointWriter(Partition partition) {
        this.partition = partition;
    }

    /**
     * Replays what was committed since the last run and writes a checkpoint if the replay moved on.
     *
     * @return whether a checkpoint was written
     * @throws IOException if the checkpoint cannot be written
     */
    boolean run() throws IOException {
        long end = partition.logEndOffset();
        if (replayer == null || !replayer.fits(end)) {
            replayer = startAt(CursorCheckpointFile.usable(partition.log(), end));
            written = replayer.position();
        }
        replayer.replayTo(Math.min(partition.highWatermark(), end), MAX_READ_BYTES);
        replayer.forgetControlsBelowFloors();
        if (replayer.position() <= written) {
            return false;
        }
        CursorCheckpoint checkpoint = replayer.checkpoint();
        if (checkpoint.isNone()) {
            return false;
        }
        CursorCheckpointFile.write(CursorCheckpointFile.in(partition.log()), checkpoint);
        written = checkpoint.offset();
        return true;
    }

    private CursorReplayer startAt(CursorCheckpoint checkpoint) {
        try {
            return new CursorReplayer(partition.log(), null, checkpoint);
        } catch (IllegalArgumentException e) {
            log.warn("{}: cursor checkpoint not readable ({}); starting from the log start", partition.topicPartition(),
                    e.getMessage());
            return new CursorReplayer(partition.log(), null, CursorCheckpoint.NONE);
        }
    }

    /** Starts over from the file or the log start at the next run (after a failure). */
    void reset() {
        replayer = null;
    }
}
