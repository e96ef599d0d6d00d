package io.logjms.broker.replication;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Which replica a broker taking over a partition copies from, with no state and no I/O. Once a majority of the
 * replica set (the candidate itself included) has promised the new epoch, no older leader can commit anything
 * more, and every committed record is on at least one of them. The most advanced of them, by (last epoch, log
 * end) as Raft compares logs, holds every committed record: the candidate catches up from it, so it never
 * loses one. Ties go to the candidate (nothing to copy), then to the lower node id (deterministic).
 */
public final class TakeoverPlan {
    /** Where a replica's copy stood when it promised. */
    public record Position(int lastEpoch, long logEnd) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            return lastEpoch != o.lastEpoch ? Integer.compare(lastEpoch, o.lastEpoch) : Long.compare(logEnd, o.logEnd);
        }
    }

    private TakeoverPlan() {
    }

    /**
     * The node to catch up from, or empty while fewer than {@code majority} replicas have promised.
     *
     * @param candidate the taking-over node (its own promise must be among {@code promised})
     * @param promised the position of every replica that promised the epoch, by node id
     */
    public static OptionalInt source(int candidate, int majority, Map<Integer, Position> promised) {
        if (promised.size() < majority || !promised.containsKey(candidate)) {
            return OptionalInt.empty();
        }
        int best = candidate;
        Position bestPosition = promised.get(candidate);
        for (Map.Entry<Integer, Position> e : promised.entrySet()) {
            int c = e.getValue().compareTo(bestPosition);
            if (c > 0 || (c == 0 && best != candidate && e.getKey() < best)) {
                best = e.getKey();
                bestPosition = e.getValue();
            }
        }
        return OptionalInt.of(best);
    }
}
