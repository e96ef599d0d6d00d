package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.message.DestinationRef;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

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

    /** Whether the destination is a temporary queue or topic. */
    static boolean isTemporary(Destination destination) throws JMSException {
        return LogJmsDestination.refOf(destination).kind().isTemporary();
    }
}
