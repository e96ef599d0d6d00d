package io.logjms.provider;

import io.logjms.protocol.message.DestinationKind;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A temporary queue that lives as long as the connection that created it. {@link #delete()} asks
 * that connection (through its {@link TemporaryDestinationDeleter}) to delete it; a copy received
 * in a message header, or deserialized, has no deleter and cannot delete.
 */
public final class LogJmsTemporaryQueue extends LogJmsDestination implements TemporaryQueue {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationDeleter deleter;

    /** A temporary queue created by a connection, which deletes it through {@code deleter}. */
    public LogJmsTemporaryQueue(String name, TemporaryDestinationDeleter deleter) {
        super(name);
        this.deleter = deleter;
    }

    /** A reference to a temporary queue created elsewhere; it cannot be deleted through this object. */
    public LogJmsTemporaryQueue(String name) {
        this(name, null);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TEMP_QUEUE;
    }

    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public void delete() throws JMSException {
        TemporaryDestinationSupport.delete(this, deleter);
    }
}
