package io.logjms.provider;

import io.logjms.protocol.DestinationNames;
import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.Topic;

/** A topic: a partitioned log that every subscription reads with its own cursor. */
public final class LogJmsTopic extends LogJmsDestination implements Topic {
    private static final long serialVersionUID = 1L;

    /**
     * @param name the topic's name, following {@link DestinationNames}, optionally followed by {@code ?}
     *     and {@link DestinationOptions}
     * @throws IllegalArgumentException for a name breaking the rule or bad options, naming them
     */
    public LogJmsTopic(String name) {
        super(name, true);
    }

    private LogJmsTopic(String name, boolean checkName) {
        super(name, checkName);
    }

    /** The topic a message header names, whatever the name (it may be another provider's). */
    static LogJmsTopic unchecked(String name) {
        return new LogJmsTopic(name, false);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }

    @Override
    public String getTopicName() {
        return givenName();
    }
}
