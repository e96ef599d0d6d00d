package io.logjms.provider;

import io.logjms.protocol.message.DestinationKind;
import io.logjms.protocol.message.DestinationRef;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Objects;

/**
 * A logjms destination: a kind (queue, topic, temporary queue, temporary topic) and a name. Two
 * destinations are equal when kind and name are; {@link #toString()} gives {@code queue://name},
 * {@code topic://name}, {@code temp-queue://name} or {@code temp-topic://name}.
 */
public abstract class LogJmsDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    protected LogJmsDestination(String name) {
        Objects.requireNonNull(name, "destination name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a destination name must not be empty");
        }
        this.name = name;
    }

    /** The kind of this destination. */
    public abstract DestinationKind kind();

    /** The destination's name, without the kind prefix. */
    public String name() {
        return name;
    }

    /** This destination as it travels in message headers. */
    public DestinationRef toRef() {
        return new DestinationRef(kind(), name);
    }

    /**
     * The destination a reference names. A temporary destination made this way has no deleter: only
     * the connection that created it can delete it.
     */
    public static LogJmsDestination fromRef(DestinationRef ref) {
        switch (ref.kind()) {
            case QUEUE:
                return new LogJmsQueue(ref.name());
            case TOPIC:
                return new LogJmsTopic(ref.name());
            case TEMP_QUEUE:
                return new LogJmsTemporaryQueue(ref.name());
            case TEMP_TOPIC:
                return new LogJmsTemporaryTopic(ref.name());
            default:
                throw new IllegalArgumentException("unknown destination kind " + ref.kind());
        }
    }

    /**
     * The reference for any JMS destination, including another provider's queue or topic (by its
     * queue or topic name).
     *
     * @throws InvalidDestinationException for a destination that is neither a queue nor a topic, or
     *     whose name is missing
     */
    public static DestinationRef refOf(Destination destination) throws JMSException {
        if (destination instanceof LogJmsDestination logJms) {
            return logJms.toRef();
        }
        DestinationKind kind;
        String name;
        if (destination instanceof Queue queue) {
            kind = destination instanceof TemporaryQueue ? DestinationKind.TEMP_QUEUE : DestinationKind.QUEUE;
            name = queue.getQueueName();
        } else if (destination instanceof Topic topic) {
            kind = destination instanceof TemporaryTopic ? DestinationKind.TEMP_TOPIC : DestinationKind.TOPIC;
            name = topic.getTopicName();
        } else {
            throw new InvalidDestinationException("destination " + destination + " of type "
                    + destination.getClass().getName() + " is neither a Queue nor a Topic");
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("destination " + destination + " has no name");
        }
        return new DestinationRef(kind, name);
    }

    @Override
    public final boolean equals(Object o) {
        return this == o
                || (o instanceof LogJmsDestination other && kind() == other.kind() && name.equals(other.name));
    }

    @Override
    public final int hashCode() {
        return 31 * kind().hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return scheme(kind()) + "://" + name;
    }

    private static String scheme(DestinationKind kind) {
        switch (kind) {
            case QUEUE:
                return "queue";
            case TOPIC:
                return "topic";
            case TEMP_QUEUE:
                return "temp-queue";
            default:
                return "temp-topic";
        }
    }
}
