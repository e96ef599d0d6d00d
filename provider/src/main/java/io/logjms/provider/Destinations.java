package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.message.DestinationRef;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

/** Maps JMS destinations (logjms's or another provider's) to the destinations named on the wire. */
final class Destinations {
    private Destinations() {
    }

    /**
     * The wire destination of a JMS destination.
     *
     * @throws InvalidDestinationException for null, or a destination that is neither queue nor topic
     */
    static DestinationId idOf(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        return idOf(LogJmsDestination.refOf(destination));
    }

    static DestinationId idOf(DestinationRef ref) {
        return new DestinationId(ref.kind().isQueue() ? DestinationType.QUEUE : DestinationType.TOPIC, ref.name());
    }

    /**
     * Checks a destination a producer sends to: options in its name ({@code orders?start=earliest})
     * shape subscriptions, so on a send they are a mistake rather than something to ignore.
     *
     * @throws InvalidDestinationException if the destination's name carries options
     */
    static void checkSendable(Destination destination) throws InvalidDestinationException {
        if (destination instanceof LogJmsDestination d && !d.options().isEmpty()) {
            String options = d.givenName().substring(d.name().length() + 1);
            throw new InvalidDestinationException("cannot send to " + d + ": its options '" + options
                    + "' apply to subscriptions (consumers) only; a producer sends to '" + d.name()
                    + "' without options");
        }
    }

    /** Whether the destination is a temporary queue or topic. */
    static boolean isTemporary(Destination destination) throws JMSException {
        return LogJmsDestination.refOf(destination).kind().isTemporary();
    }

    /** A queue or topic name as the API gives it, checked. */
    static String checkName(String name) throws InvalidDestinationException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a destination name must not be null or empty");
        }
        return name;
    }

    /** The topic of a subscription, checked. */
    static void checkTopic(Topic topic) throws InvalidDestinationException {
        if (topic == null) {
            throw new InvalidDestinationException("the topic must not be null");
        }
    }

    /** The topic of a durable subscription, checked: a temporary topic cannot have one. */
    static void checkDurableTopic(Topic topic) throws InvalidDestinationException {
        checkTopic(topic);
        if (topic instanceof TemporaryTopic) {
            throw new InvalidDestinationException("a durable subscription cannot be made on temporary topic " + topic);
        }
    }
}
