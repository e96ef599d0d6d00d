package io.logjms.protocol.message;

import java.util.Objects;

/**
 * A destination as it travels in message headers: its kind and name.
 *
 * @param kind queue, topic or one of their temporary forms
 * @param name the destination's name, never empty
 */
public record DestinationRef(DestinationKind kind, String name) {

    public DestinationRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a destination name must not be empty");
        }
    }

    public static DestinationRef queue(String name) {
        return new DestinationRef(DestinationKind.QUEUE, name);
    }

    public static DestinationRef topic(String name) {
        return new DestinationRef(DestinationKind.TOPIC, name);
    }
}
