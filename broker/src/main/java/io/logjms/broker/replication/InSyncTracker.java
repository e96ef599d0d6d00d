package io.logjms.broker.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A leader's view of which followers are caught up: those whose fetch offset reached the leader's log end
 * within the last {@code windowMs}. Time is passed in. Thread-safe.
 */
final class InSyncTracker {
    private final long windowMs;
    private final Map<Integer, Long> caughtUpAt = new ConcurrentHashMap<>();

    InSyncTracker(long windowMs) {
        this.windowMs = windowMs;
    }

    /** A follower fetched from {@code fetchOffset} while the leader's log ended at {@code leaderLogEnd}. */
    void fetched(int node, long fetchOffset, long leaderLogEnd, long nowMs) {
        if (fetchOffset >= leaderLogEnd) {
            caughtUpAt.put(node, nowMs);
        }
    }

    /** The leader and the followers caught up recently, in the order of {@code replicas}. */
    List<Integer> inSync(int leader, List<Integer> replicas, long nowMs) {
        List<Integer> in = new ArrayList<>();
        for (int r : replicas) {
            Long at = caughtUpAt.get(r);
            if (r == leader || (at != null && nowMs - at <= windowMs)) {
                in.add(r);
            }
        }
        return in;
    }

    void clear() {
        caughtUpAt.clear();
    }
}
