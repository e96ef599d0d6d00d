package io.logjms.broker.net.handlers;

import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.subscription.DeliverySink;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;

/** Pushes a consumer's deliveries to its connection as DELIVER frames. */
final class ConsumerSink implements DeliverySink {
    private final ClientConnection connection;
    private final int subscriptionId;

    ConsumerSink(ClientConnection connection, int subscriptionId) {
        this.connection = connection;
        this.subscriptionId = subscriptionId;
    }

    @Override
    public void deliver(int partition, List<DeliveredRecord> records) {
        if (!connection.isOpen()) {
            return;
        }
        connection.push(ApiKey.DELIVER, out -> {
            new DeliverHeader(subscriptionId, partition, DeliverHeader.FORMAT_RECORDS, 0).writeTo(out);
            int lengthIndex = out.writerIndex() - 4;
            int start = out.writerIndex();
            out.writeInt(records.size());
            for (DeliveredRecord r : records) {
                r.writeTo(out);
            }
            out.setInt(lengthIndex, out.writerIndex() - start);
        }, null);
    }

    @Override
    public void closed(ErrorCode error, String message) {
        if (connection.isOpen()) {
            connection.push(ApiKey.SUBSCRIPTION_CLOSED,
                    new SubscriptionClosedNotice(subscriptionId, error, message)::writeTo, null);
        }
    }

    @Override
    public String connectionId() {
        return connection.connectionId();
    }
}
