package io.logjms.broker.metrics;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import java.util.List;

/**
 * One destination as the console and the gauges show it; {@code depth} is the number of messages of a
 * queue not acknowledged yet, -1 for a topic.
 */
public record DestinationStatus(DestinationId id, List<PartitionStatus> partitions, long depth) {

    public boolean isQueue() {
        return id.type() == DestinationType.QUEUE;
    }

    /** {@code queue} or {@code topic}, the {@code type} label of the metrics. */
    public String typeLabel() {
        return BrokerMetrics.typeLabel(id);
    }
}
