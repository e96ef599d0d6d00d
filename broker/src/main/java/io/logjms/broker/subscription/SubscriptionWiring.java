package io.logjms.broker.subscription;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.partition.LeadershipListener;
import io.logjms.broker.partition.Partition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the subscriptions of a {@link SubscriptionManager} keep their cursors and what they listen to: a stored
 * subscription gets a {@link CursorJournal} in {@code <dir>/<hash of id>/} on a standalone broker and a
 * {@link ReplicatedCursorStore} in a cluster ({@link #useReplicatedCursors}); every subscription is woken by its
 * destination's appends, and a replicated one is told when this broker starts or stops leading a partition.
 * Thread-safe.
 */
final class SubscriptionWiring {
    private final Path dir;
    /** How long a cursor change may wait for a majority; negative on a standalone broker. */
    private volatile long replicatedCommitTimeoutMs = -1;
    private final Map<Subscription, Hooks> hooks = new ConcurrentHashMap<>();

    /** What a subscription registered: the append listener, and leadership listeners by partition. */
    private record Hooks(Runnable wakeup, List<Partition> partitions, List<LeadershipListener> leadership) {
    }

    SubscriptionWiring(Path dir) {
        this.dir = dir;
    }

    void useReplicatedCursors(long commitTimeoutMs) {
        if (commitTimeoutMs <= 0) {
            throw new IllegalArgumentException("commit timeout must be positive, got " + commitTimeoutMs);
        }
        this.replicatedCommitTimeoutMs = commitTimeoutMs;
    }

    /** The store of stored subscription {@code id}: the local journal alone, the partitions' own logs in a cluster. */
    CursorStore store(String id, Destination destination, long incarnation) {
        long timeout = replicatedCommitTimeoutMs;
        if (timeout < 0) {
            return new CursorJournal(stateDir(id));
        }
        Map<Integer, Partition> byNumber = new HashMap<>();
        List<Partition> all = destination.partitions();
        for (int p = 0; p < all.size(); p++) {
            byNumber.put(p, all.get(p));
        }
        return new ReplicatedCursorStore(id, incarnation, byNumber, timeout);
    }

    /** Deletes the local cursor files of {@code id}, if any (a cluster has none: its entries stay in the logs). */
    void deleteLocalState(String id) {
        new CursorJournal(stateDir(id)).delete();
    }

    /** Registers {@code sub} with its destination, before it opens (so that no leadership change is missed). */
    void connect(Subscription sub, Destination destination, boolean replicated) {
        List<LeadershipListener> leadership = new ArrayList<>();
        List<Partition> all = destination.partitions();
        if (replicated) {
            for (int p = 0; p < all.size(); p++) {
                int number = p;
                LeadershipListener l = changed -> sub.leadershipChanged(number);
                all.get(p).addLeadershipListener(l);
                leadership.add(l);
            }
        }
        Runnable wakeup = sub::wakeup;
        destination.addAppendListener(wakeup);
        hooks.put(sub, new Hooks(wakeup, all, leadership));
    }

    /** Removes what {@link #connect} registered; {@code destination} null when it is gone. */
    void disconnect(Subscription sub, Destination destination) {
        Hooks h = hooks.remove(sub);
        if (h == null) {
            return;
        }
        if (destination != null) {
            destination.removeAppendListener(h.wakeup());
        }
        for (int p = 0; p < h.leadership().size(); p++) {
            h.partitions().get(p).removeLeadershipListener(h.leadership().get(p));
        }
    }

    Path stateDir(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
