package io.logjms.provider;

import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.Topic;

/** A topic: a partitioned log that every subscription reads with its own cursor. */
public final class LogJmsTopic extends LogJmsDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public LogJmsTopic(String name) {
        super(name);
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
