package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.SubscriptionKind;

/** The words the CLI uses for destination types and subscription kinds, in tables and JSON alike. */
final class Labels {
    private Labels() {
    }

    static String type(DestinationType type) {
        return type == DestinationType.TOPIC ? "topic" : "queue";
    }

    static String plural(DestinationType type) {
        return type == DestinationType.TOPIC ? "topics" : "queues";
    }

    /** As in the subscription ids: {@code shared} is a shared non-durable subscription. */
    static String kind(SubscriptionKind kind) {
        return switch (kind) {
            case NON_DURABLE -> "non-durable";
            case DURABLE -> "durable";
            case SHARED_NON_DURABLE -> "shared";
            case SHARED_DURABLE -> "shared-durable";
            case QUEUE -> "queue";
        };
    }
}
