package io.logjms.broker.subscription;

import io.logjms.protocol.ErrorCode;
import java.util.List;

/** Where a consumer's deliveries go: the network layer pushes them to the client. */
public interface DeliverySink {
    void deliver(int partition, List<Delivery> deliveries);

    /** The subscription ended for the consumer without it asking (destination deleted, storage error). */
    void closed(ErrorCode error, String message);

    /** The broker-wide id of the consumer's connection. */
    String connectionId();
}
