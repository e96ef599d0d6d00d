package io.logjms.provider;

import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic that lives as long as the connection that created it. {@link #delete()} asks
 * that connection (through its {@link TemporaryDestinationDeleter}) to delete it; a copy received
 * in a message header, or deserialized, has no deleter and cannot delete.
 */
public final class LogJmsTemporaryTopic extends LogJmsDestination implements TemporaryTopic {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationDeleter deleter;

    /** A temporary topic created by a connection, which deletes it through {@code deleter}. */
    public LogJmsTemporaryTopic(String name, TemporaryDestinationDeleter deleter) {
        super(name);
        this.deleter = deleter;
    }

    /** A reference to a temporary topic created elsewhere; it cannot be deleted through this object. */
    public LogJmsTemporaryTopic(String name) {
        this(name, null);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMP_TOPIC;
    }

    @Override
    public String getTopicName() {
        return name();
    }

    @Override
    public void delete() throws JMSException {
        TemporaryDestinationSupport.delete(this, deleter);
    }
}
