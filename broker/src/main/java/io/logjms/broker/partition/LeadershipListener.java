package io.logjms.broker.partition;

/**
 * Told when a replicated {@link Partition} starts leading (after its takeover caught up) or stops leading
 * (it follows, or is a candidate of a newer epoch). Called on the thread that changed the role, after the
 * change; the listener reads the partition's role and epoch itself and must not block.
 */
@FunctionalInterface
public interface LeadershipListener {
    void leadershipChanged(Partition partition);
}
