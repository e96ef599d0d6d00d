package io.logjms.broker.subscription;

import io.logjms.broker.partition.NotLeaderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link PartitionDispatcher}s of a subscription, one per partition it covers, and which of them this broker
 * serves: all of them on a standalone broker; in a cluster, with a {@link ReplicatedCursorStore}, only those of
 * partitions it leads and has rebuilt (the others are dormant). Not thread-safe: the subscription's executor uses it.
 */
final class Dispatchers {
    private final List<PartitionDispatcher> all;
    private final boolean replicated;

    Dispatchers(List<PartitionDispatcher> all, boolean replicated) {
        this.all = List.copyOf(all);
        this.replicated = replicated;
    }

    /** Every dispatcher, served here or dormant. */
    List<PartitionDispatcher> all() {
        return all;
    }

    /** The dispatchers of the partitions served here. */
    List<PartitionDispatcher> active() {
        if (!replicated) {
            return all;
        }
        List<PartitionDispatcher> list = new ArrayList<>(all.size());
        for (PartitionDispatcher d : all) {
            if (d.active()) {
                list.add(d);
            }
        }
        return list;
    }

    /** The dispatcher of {@code partition} if it is served here, else null (not covered, or dormant). */
    PartitionDispatcher served(int partition) {
        PartitionDispatcher d = any(partition);
        return d != null && d.active() ? d : null;
    }

    /** The dispatcher of {@code partition}, served here or dormant; null when the subscription does not cover it. */
    PartitionDispatcher any(int partition) {
        if (partition >= 0 && partition < all.size() && all.get(partition).partition() == partition) {
            return all.get(partition);
        }
        for (PartitionDispatcher d : all) {
            if (d.partition() == partition) {
                return d; // a subscription restricted to some partitions
            }
        }
        return null;
    }

    /**
     * Refuses partitions not served here: {@code UNKNOWN_PARTITION} for one the subscription does not cover,
     * {@link NotLeaderException} for one this broker does not lead (or has not rebuilt yet).
     */
    void requireServed(Set<Integer> partitions, Object subscription) {
        for (int p : partitions) {
            if (served(p) != null) {
                continue;
            }
            if (any(p) == null) {
                throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_PARTITION, subscription
                        + " has no partition " + p);
            }
            throw notLeader(p, "this broker does not lead partition " + p + " of " + subscription
                    + " (or has not rebuilt its cursor there yet)");
        }
    }

    /** The error for a partition the subscription covers but does not serve here. */
    NotLeaderException notLeader(int partition, String message) {
        return new NotLeaderException(any(partition).source().topicPartition(), message);
    }
}
