package io.logjms.broker.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The commit rule of a replicated partition, with no state and no I/O: a record is committed once a majority
 * of the replica set (the leader counted like any other replica) holds it durable, <em>and</em> the leader
 * has got a record of its own epoch committed that way.
 *
 * <p><b>Why the second half (Raft's Figure 8).</b> Counting copies is not enough for records of an older
 * epoch. Five replicas: S1 leads epoch 2 and writes offset 1 (epoch 2) on S1 and S2, then fails. S5 is
 * elected for epoch 3 (votes of S3, S4, S5: their logs are no less advanced than S5's), writes offset 1
 * (epoch 3) on itself only, and fails. S1 comes back, leads epoch 4 and copies its offset 1 (epoch 2) to S3:
 * a majority (S1, S2, S3) now holds it. If S1 counted that as committed and then failed, S5 could still be
 * elected for epoch 5 (its last epoch, 3, beats their 2), and would truncate offset 1 of epoch 2 on every
 * replica in favour of its own: a committed record lost. So the leader of epoch 4 commits nothing by
 * counting until a record of epoch 4 (its epoch-start marker) is on a majority; that record's epoch makes
 * every later candidate without it lose, and it commits the older records before it at the same time.
 *
 * <p>Offsets are exclusive ends: a replica's end {@code e} means it holds offsets below {@code e}.
 */
public final class CommitRule {
    /** A replica whose progress is not known yet. */
    public static final long UNKNOWN = -1;

    private CommitRule() {
    }

    /**
     * The new high watermark.
     *
     * @param current the high watermark now; the result is never below it
     * @param epochStart the offset of the leader's first record in its own epoch (its log end when it took over)
     * @param leaderLogEnd the leader's log end: no replica counts beyond it
     * @param replicas the replica set, leader included
     * @param durableEnds each replica's durable end that matches the leader's log; a missing one is unknown
     */
    public static long highWatermark(long current, long epochStart, long leaderLogEnd, List<Integer> replicas,
                                     Map<Integer, Long> durableEnds) {
        long majorityEnd = majorityEnd(replicas, durableEnds);
        long candidate = Math.min(majorityEnd, leaderLogEnd);
        if (candidate <= epochStart) {
            return current;
        }
        return Math.max(current, candidate);
    }

    /** The largest end that a majority of {@code replicas} holds: the majority-th largest of their ends. */
    public static long majorityEnd(List<Integer> replicas, Map<Integer, Long> durableEnds) {
        long[] ends = new long[replicas.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = durableEnds.getOrDefault(replicas.get(i), UNKNOWN);
        }
        Arrays.sort(ends);
        int majority = replicas.size() / 2 + 1;
        return ends[ends.length - majority];
    }
}
