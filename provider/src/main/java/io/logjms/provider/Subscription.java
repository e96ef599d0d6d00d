package io.logjms.provider;

import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import jakarta.jms.JMSException;

/**
 * How a consumer subscribes: the kind of subscription, its name (durable and shared ones), its
 * selector (null for none) and noLocal.
 */
record Subscription(SubscriptionKind kind, String name, String selector, boolean noLocal) {

    /**
     * Where the broker starts a cursor it creates for this subscription: a queue's shared cursor
     * begins at the oldest record (messages sent before any consumer existed must be delivered); a
     * topic subscription sees what is published after it was made.
     */
    StartPosition startPosition() {
        return kind == SubscriptionKind.QUEUE ? StartPosition.EARLIEST : StartPosition.LATEST;
    }

    /** A subscription name as the API gives it, checked. */
    static String checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        return name;
    }

    /** A selector as the API gives it: null, empty and blank all mean none (null). */
    static String selectorOf(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
