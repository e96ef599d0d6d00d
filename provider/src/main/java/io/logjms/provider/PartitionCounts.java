package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.provider.client.BrokerConnection;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition counts of the destinations a connection uses, asked of the broker once (METADATA,
 * which also auto-creates the destination when allowed) and then cached. Thread-safe.
 */
final class PartitionCounts {
    private final BrokerConnection broker;
    private final boolean autoCreate;
    private final Map<DestinationId, Integer> counts = new ConcurrentHashMap<>();

    PartitionCounts(BrokerConnection broker, boolean autoCreate) {
        this.broker = broker;
        this.autoCreate = autoCreate;
    }

    /**
     * The destination's partition count.
     *
     * @param temporary whether it is a temporary destination, which is never auto-created
     * @throws jakarta.jms.InvalidDestinationException if the destination does not exist and cannot be created
     */
    int of(DestinationId destination, boolean temporary) throws JMSException {
        Integer cached = counts.get(destination);
        if (cached != null) {
            return cached;
        }
        MetadataResponse response = ExceptionTranslator.await(
                broker.metadata(List.of(destination), autoCreate && !temporary), "look up " + destination);
        MetadataResponse.Entry entry = response.destinations().stream()
                .filter(e -> e.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new JMSException("the broker's metadata answer does not mention " + destination));
        if (entry.error() != ErrorCode.NONE) {
            String reason = entry.message() != null ? entry.message() : entry.error().description();
            throw ExceptionTranslator.forErrorCode(entry.error(), "destination " + destination + ": " + reason);
        }
        int partitions = Math.max(1, entry.partitions());
        counts.put(destination, partitions);
        return partitions;
    }

    /** Records a count known without asking (a temporary destination this connection created). */
    void remember(DestinationId destination, int partitions) {
        counts.put(destination, partitions);
    }

    /** Forgets a destination, after it was deleted or the broker said it is unknown. */
    void forget(DestinationId destination) {
        counts.remove(destination);
    }
}
