package io.logjms.protocol.api;

import io.logjms.protocol.MalformedFrameException;

/** How a subscription maps onto the broker's cursors (see docs/ARCHITECTURE.md, "JMS mapped onto logs"). */
public enum SubscriptionKind {
    /** A topic subscriber of one consumer: a private cursor that lives as long as the consumer. */
    NON_DURABLE(0),
    /** An unshared durable topic subscription: a named cursor of the connection's client id. */
    DURABLE(1),
    /** A shared non-durable topic subscription: a named shared cursor that lives while it has consumers. */
    SHARED_NON_DURABLE(2),
    /** A shared durable topic subscription: a named shared cursor kept until unsubscribed. */
    SHARED_DURABLE(3),
    /** A queue consumer: the queue's one shared cursor. */
    QUEUE(4);

    private final byte code;

    SubscriptionKind(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public boolean durable() {
        return this == DURABLE || this == SHARED_DURABLE;
    }

    public boolean shared() {
        return this == SHARED_NON_DURABLE || this == SHARED_DURABLE || this == QUEUE;
    }

    public static SubscriptionKind fromCode(byte code) {
        for (SubscriptionKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new MalformedFrameException("unknown subscription kind " + code);
    }
}
