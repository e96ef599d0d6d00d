package io.logjms.provider;

import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.Queue;

/** A queue: a log consumed through one shared cursor, each message going to one consumer. */
public final class LogJmsQueue extends LogJmsDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public LogJmsQueue(String name) {
        super(name);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }

    @Override
    public String getQueueName() {
        return givenName();
    }
}
