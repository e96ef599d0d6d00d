package io.logjms.provider;

import io.logjms.protocol.DestinationNames;
import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.Queue;

/** A queue: a log consumed through one shared cursor, each message going to one consumer. */
public final class LogJmsQueue extends LogJmsDestination implements Queue {
    private static final long serialVersionUID = 1L;

    /**
     * @param name the queue's name, following {@link DestinationNames}, optionally followed by {@code ?}
     *     and {@link DestinationOptions}
     * @throws IllegalArgumentException for a name breaking the rule or bad options, naming them
     */
    public LogJmsQueue(String name) {
        super(name, true);
    }

    private LogJmsQueue(String name, boolean checkName) {
        super(name, checkName);
    }

    /** The queue a message header names, whatever the name (it may be another provider's). */
    static LogJmsQueue unchecked(String name) {
        return new LogJmsQueue(name, false);
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
