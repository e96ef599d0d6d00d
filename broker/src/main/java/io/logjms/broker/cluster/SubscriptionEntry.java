package io.logjms.broker.cluster;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored (durable or shared durable) subscription's definition as the cluster keeps it. The definition itself is
 * opaque bytes here (the subscription package encodes it), so the coordination needs no subscription types.
 * Like a destination entry, a deleted subscription stays as a tombstone under a higher version, so that a broker
 * that missed the delete cannot bring it back after a whole-cluster restart (the highest version wins).
 *
 * @param id the subscription's id ({@code durable/<client id>/<name>}, {@code shared-durable/<client id>/<name>})
 * @param version grows by one with every change of this id, deletes included
 * @param incarnation which subscription of this id it is: 1 for the first, one more for every replacement (a new
 *        topic, selector or noLocal) and for a creation after a delete; a tombstone keeps the deleted one's.
 *        Cursor state is tagged with it, so that what an older incarnation left is never taken for the new one's
 * @param definition the encoded definition, null when deleted
 */
public record SubscriptionEntry(String id, long version, long incarnation, byte[] definition) {
    public SubscriptionEntry {
        Objects.requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version of subscription " + id + " must be at least 1: " + version);
        }
        if (incarnation < 1) {
            throw new IllegalArgumentException("incarnation of subscription " + id + " must be at least 1: "
                    + incarnation);
        }
        definition = definition == null ? null : definition.clone();
    }

    @Override
    public byte[] definition() {
        return definition == null ? null : definition.clone();
    }

    public boolean deleted() {
        return definition == null;
    }

    /** The first entry of an id never stored before. */
    public static SubscriptionEntry first(String id, byte[] definition) {
        return new SubscriptionEntry(id, 1, 1, Objects.requireNonNull(definition, "definition"));
    }

    /**
     * The entry that stores {@code newDefinition} after this one: the same incarnation if this one is live and
     * {@code replace} is false, else the next incarnation.
     */
    public SubscriptionEntry next(byte[] newDefinition, boolean replace) {
        long nextIncarnation = deleted() || replace ? incarnation + 1 : incarnation;
        return new SubscriptionEntry(id, version + 1, nextIncarnation, newDefinition);
    }

    /** The tombstone after this entry. */
    public SubscriptionEntry tombstone() {
        return new SubscriptionEntry(id, version + 1, incarnation, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionEntry e && e.id.equals(id) && e.version == version
                && e.incarnation == incarnation && Arrays.equals(e.definition, definition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, incarnation, Arrays.hashCode(definition));
    }

    @Override
    public String toString() {
        return "subscription " + id + " v" + version + " incarnation " + incarnation + (deleted() ? " (deleted)" : "");
    }
}
