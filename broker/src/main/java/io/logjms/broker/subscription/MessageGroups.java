package io.logjms.broker.subscription;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The message groups of one partition of a shared cursor: which consumer each group sticks to, by the consumer's
 * {@link SubscriptionConsumer#identity() identity}, so that an owner is recognised when it attaches again, here or
 * at another broker. Every change is told to {@link Changes} (the cursor store records it).
 *
 * <p>Owners taken over from stored state ({@link #restore}, a new leader) are <em>awaited</em>: their groups wait for
 * them instead of moving to whoever attached first. The wait is bounded: it starts at the dispatcher's first pass
 * ({@link #startWaits}) and lasts the subscription's group wait; an owner that is not back by then loses its groups
 * ({@link #expire}), as when a consumer closes. Not thread-safe: its subscription serializes access.
 */
final class MessageGroups {
    /** Where changes of ownership go. */
    interface Changes {
        void assigned(String group, String owner);

        void freed(String owner);
    }

    private static final long NOT_STARTED = Long.MIN_VALUE;
    private static final Changes NONE = new Changes() {
        @Override
        public void assigned(String group, String owner) {
        }

        @Override
        public void freed(String owner) {
        }
    };

    private final Changes changes;
    private final Map<String, String> owners = new HashMap<>();
    /** Owner to the time its wait ends, or {@link #NOT_STARTED}. */
    private final Map<String, Long> awaited = new HashMap<>();

    MessageGroups(Changes changes) {
        this.changes = changes == null ? NONE : changes;
    }

    /** Takes over stored owners (a new leader), each awaited; forgets what it held before. */
    void restore(Map<String, String> stored) {
        clear();
        owners.putAll(stored);
        stored.values().forEach(owner -> awaited.put(owner, NOT_STARTED));
    }

    /** Forgets everything without telling anyone (the partition is no longer served here). */
    void clear() {
        owners.clear();
        awaited.clear();
    }

    /** The identity of the consumer {@code group} sticks to, or null. */
    String owner(String group) {
        return owners.get(group);
    }

    /** Gives {@code group} to {@code owner}; a change is told. */
    void assign(String group, String owner) {
        if (!owner.equals(owners.put(group, owner))) {
            changes.assigned(group, owner);
        }
    }

    /** Whether the groups of {@code owner} still wait for it at {@code now}. */
    boolean awaits(String owner, long now) {
        Long until = awaited.get(owner);
        return until != null && (until == NOT_STARTED || now < until);
    }

    /** {@code owner} is back (attached, covering the partition): its groups are its own again, without waiting. */
    void arrived(String owner) {
        awaited.remove(owner);
    }

    /** Frees the groups of {@code owner} (it left); told only if it held any. */
    void release(String owner) {
        awaited.remove(owner);
        if (owners.values().removeIf(owner::equals)) {
            changes.freed(owner);
        }
    }

    /** Starts the waits not started yet: each ends at {@code until}. */
    void startWaits(long until) {
        awaited.replaceAll((owner, end) -> end == NOT_STARTED ? until : end);
    }

    /** Ends the waits that are over at {@code now}: an owner {@code back} keeps its groups, any other loses them. */
    void expire(long now, Predicate<String> back) {
        if (awaited.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<String, Long>> it = awaited.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            String owner = e.getKey();
            if (back.test(owner)) {
                it.remove();
            } else if (e.getValue() != NOT_STARTED && now >= e.getValue()) {
                it.remove();
                if (owners.values().removeIf(owner::equals)) {
                    changes.freed(owner);
                }
            }
        }
    }

    /** When the next wait ends, or {@code Long.MAX_VALUE} when none is running. */
    long nextWaitEnd() {
        long next = Long.MAX_VALUE;
        for (long end : awaited.values()) {
            if (end != NOT_STARTED) {
                next = Math.min(next, end);
            }
        }
        return next;
    }

    /** The owners by group, to store in a snapshot. */
    Map<String, String> snapshot() {
        return new HashMap<>(owners);
    }
}
