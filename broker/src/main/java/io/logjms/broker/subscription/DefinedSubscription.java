package io.logjms.broker.subscription;

import java.util.Objects;

/**
 * A stored subscription's definition under its id, with its incarnation: 1 for the first subscription of an id,
 * one more for each replacement (a consumer asking for another topic, selector or noLocal) and for each creation
 * after a deletion. Cursor state is tagged with it, so that an older incarnation's state is never taken for the
 * current one's. A standalone broker keeps no incarnations (its replacement deletes the cursor files): always 1.
 */
public record DefinedSubscription(String id, SubscriptionDefinition definition, long incarnation) {
    public DefinedSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
    }
}
