package io.logjms.provider;

import io.logjms.protocol.DestinationNames;
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
 * A logjms destination: a kind (queue, topic, temporary queue, temporary topic) and a name. The name
 * may carry {@link DestinationOptions} after a {@code ?} ({@code orders?start=earliest}): they shape
 * subscriptions, not where messages go, so two destinations are equal when kind and name without
 * options are. {@link #toString()} gives {@code queue://name}, {@code topic://name},
 * {@code temp-queue://name} or {@code temp-topic://name}, with the options where there are some.
 */
public abstract class LogJmsDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    /** The name as given, options included. */
    private final String givenName;
    private final DestinationOptions options;

    /**
     * @param name the destination's name, optionally followed by {@code ?} and {@link DestinationOptions}
     * @throws IllegalArgumentException for an empty name or bad options, with a message naming them
     */
    protected LogJmsDestination(String name) {
        this(name, false);
    }

    /**
     * @param checkName whether the name (without options) must follow {@link DestinationNames}; names
     *     read from message headers are not checked, so a reply-to naming another provider's queue
     *     does not make the message unreadable
     * @throws IllegalArgumentException for an empty name, a name breaking the rule or bad options,
     *     with a message naming them
     */
    LogJmsDestination(String name, boolean checkName) {
        Objects.requireNonNull(name, "destination name");
        int query = name.indexOf('?');
        String plain = query < 0 ? name : name.substring(0, query);
        if (plain.isEmpty()) {
            throw new IllegalArgumentException("a destination name must not be empty");
        }
        if (checkName && !DestinationNames.isValid(plain)) {
            throw new IllegalArgumentException(DestinationNames.invalidNameMessage(plain));
        }
        this.name = plain;
        this.givenName = name;
        this.options = query < 0 ? DestinationOptions.NONE : DestinationOptions.parse(name.substring(query + 1), name);
    }

    /** The kind of this destination. */
    public abstract DestinationKind kind();

    /** The destination's name, without the kind prefix and without options. */
    public String name() {
        return name;
    }

    /** The name as it was given, with its options: what {@code getQueueName()} and {@code getTopicName()} return. */
    public String givenName() {
        return givenName;
    }

    /** The options given after the name's {@code ?}; none when there were none. */
    public DestinationOptions options() {
        return options;
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
                return LogJmsQueue.unchecked(ref.name());
            case TOPIC:
                return LogJmsTopic.unchecked(ref.name());
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
        return scheme(kind()) + "://" + givenName;
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
