package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationNames;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.provider.client.BrokerConnection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The temporary queues and topics one connection created. Their names are
 * {@code tmp.<connection id>.<counter>}, with the id of the broker connection in use when each was made
 * (after a reconnect the new one's: the broker reserves each connection's own prefix); each has one
 * partition and the setting {@code temporary=true}, so the broker deletes them when that connection ends.
 * Thread-safe.
 */
final class TemporaryDestinations {
    private final BrokerConnection broker;
    private final AtomicLong counter = new AtomicLong();
    private final Set<LogJmsDestination> created = ConcurrentHashMap.newKeySet();

    TemporaryDestinations(BrokerConnection broker) {
        this.broker = broker;
    }

    /** A new name: the prefix of the connection in use now (after a reconnect, the new one's), a counter. */
    private String newName() {
        return "tmp." + sanitize(broker.currentConnectionId()) + "." + counter.incrementAndGet();
    }

    /** Creates a temporary queue on the broker. */
    LogJmsTemporaryQueue createQueue(TemporaryDestinationDeleter deleter) throws JMSException {
        String name = newName();
        create(DestinationId.queue(name));
        LogJmsTemporaryQueue queue = new LogJmsTemporaryQueue(name, deleter);
        created.add(queue);
        return queue;
    }

    /** Creates a temporary topic on the broker. */
    LogJmsTemporaryTopic createTopic(TemporaryDestinationDeleter deleter) throws JMSException {
        String name = newName();
        create(DestinationId.topic(name));
        LogJmsTemporaryTopic topic = new LogJmsTemporaryTopic(name, deleter);
        created.add(topic);
        return topic;
    }

    /** Whether this connection created the destination and has not deleted it. */
    boolean isOwn(Destination destination) {
        return destination instanceof LogJmsDestination d && created.contains(d);
    }

    /** Deletes it on the broker and forgets it. */
    void delete(LogJmsDestination destination) throws JMSException {
        DestinationId id = Destinations.idOf(destination.toRef());
        ExceptionTranslator.await(broker.deleteDestination(id), "delete temporary destination " + destination);
        created.remove(destination);
    }

    /** Forgets a destination the broker deleted when the connection that made it was lost. */
    void forget(DestinationId id) {
        created.removeIf(d -> Destinations.idOf(d.toRef()).equals(id));
    }

    private void create(DestinationId id) throws JMSException {
        ExceptionTranslator.await(broker.createDestination(new CreateDestinationRequest(id, 1,
                Map.of("temporary", "true"))), "create temporary destination " + id.name());
    }

    /** The connection id with every character a destination name may not hold ({@link DestinationNames}) as '_'. */
    static String sanitize(String connectionId) {
        StringBuilder b = new StringBuilder(connectionId.length());
        for (char c : connectionId.toCharArray()) {
            b.append(DestinationNames.isAllowed(c) ? c : '_');
        }
        return b.toString();
    }
}
