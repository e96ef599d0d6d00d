package io.logjms.broker.security;

import java.util.Objects;

/**
 * What an operation is applied to: one queue, one topic, or {@link #ALL} destinations at once (a listing,
 * a cluster view). Only an ACL rule for the resource {@code *} covers {@link #ALL}.
 *
 * @param kind queue, topic or all
 * @param name the destination name; empty for {@link #ALL}
 */
public record Resource(Kind kind, String name) {
    /** Every destination, as listings need. */
    public static final Resource ALL = new Resource(Kind.ALL, "");

    /** The kinds of resource. */
    public enum Kind { QUEUE, TOPIC, ALL }

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Resource queue(String name) {
        return new Resource(Kind.QUEUE, name);
    }

    public static Resource topic(String name) {
        return new Resource(Kind.TOPIC, name);
    }

    /** As written in ACL files and messages: {@code queue:orders}, {@code topic:prices} or {@code *}. */
    @Override
    public String toString() {
        return switch (kind) {
            case QUEUE -> "queue:" + name;
            case TOPIC -> "topic:" + name;
            case ALL -> "*";
        };
    }
}
