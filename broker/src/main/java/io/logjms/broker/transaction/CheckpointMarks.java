package io.logjms.broker.transaction;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When the coordinator of one transaction-log partition appends a checkpoint, and from which offset the checkpoint
 * says to read: a successor must find every transaction not complete and every entry of the last
 * {@link TxnLogEntry#REMEMBERED_MS} (a retried commit is answered from those). Each checkpoint leaves a mark (the
 * time, and the end of the replayed entries then: whatever was appended later lies at or after it); the window
 * starts at the newest mark that is old enough. Not thread-safe: the {@link CrossBrokerCoordinator} guards it.
 */
final class CheckpointMarks {
    /** How often a partition that took appends gets a checkpoint. */
    static final long INTERVAL_MS = 10_000;

    private final long rememberedMs;
    /** (time, offset) pairs, oldest first. */
    private final Deque<long[]> marks = new ArrayDeque<>();
    private long lastAt;
    private long lastEnd;

    /**
     * @param loadedFrom where this coordinator read the partition from: nothing it read from there is forgotten
     *        before the window has passed
     * @param end the end of what it read
     */
    CheckpointMarks(long now, long loadedFrom, long end) {
        this(now, loadedFrom, end, TxnLogEntry.REMEMBERED_MS);
    }

    CheckpointMarks(long now, long loadedFrom, long end, long rememberedMs) {
        this.rememberedMs = rememberedMs;
        marks.add(new long[] {now, loadedFrom});
        lastAt = now;
        lastEnd = end;
    }

    /** Whether a checkpoint is due: the interval has passed and entries were appended since the last one. */
    boolean due(long now, long end) {
        return now - lastAt >= INTERVAL_MS && end > lastEnd;
    }

    /** The offset from which every entry appended in the last {@code rememberedMs} lies. */
    long windowStart(long now) {
        long start = marks.peekFirst()[1];
        for (long[] m : marks) {
            if (m[0] <= now - rememberedMs) {
                start = m[1];
            }
        }
        return start;
    }

    /**
     * A checkpoint decided at {@code at}, when the replayed entries ended at {@code endThen}, is committed; the
     * replayed entries now end at {@code endNow} (the checkpoint included).
     */
    void checkpointed(long at, long endThen, long endNow) {
        marks.addLast(new long[] {at, endThen});
        lastAt = at;
        lastEnd = endNow;
        while (marks.size() > 1 && secondTime() <= at - rememberedMs) {
            marks.removeFirst(); // the second one is old enough to start the window from
        }
    }

    private long secondTime() {
        var it = marks.iterator();
        it.next();
        return it.next()[0];
    }
}
