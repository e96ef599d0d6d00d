package io.logjms.broker.net.handlers;

import io.logjms.broker.metrics.ConsumerMeters;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.subscription.DeliverySink;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.broker.subscription.Delivery;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;

/** Pushes a consumer's deliveries to its connection as DELIVER frames. */
final class ConsumerSink implements DeliverySink {
    private final ClientConnection connection;
    private final int subscriptionId;
    private final ConsumerMeters meters;

    ConsumerSink(ClientConnection connection, int subscriptionId, ConsumerMeters meters) {
        this.connection = connection;
        this.subscriptionId = subscriptionId;
        this.meters = meters;
    }

    /** Deliveries are split into frames of about this size, so a frame never nears the frame limit. */
    private static final int FRAME_TARGET_BYTES = 1024 * 1024;

    @Override
    public void deliver(int partition, List<Delivery> records) {
        int from = 0;
        long bytes = 0;
        int redelivered = 0;
        for (int i = 0; i < records.size(); i++) {
            Delivery d = records.get(i);
            bytes += d.wireSize();
            if (d.deliveryCount() > 1) {
                redelivered++;
            }
            if (bytes >= FRAME_TARGET_BYTES) {
                push(partition, records.subList(from, i + 1));
                from = i + 1;
                bytes = 0;
            }
        }
        if (from < records.size()) {
            push(partition, records.subList(from, records.size()));
        }
        meters.delivered(records.size(), redelivered);
    }

    private void push(int partition, List<Delivery> records) {
        if (!connection.isOpen()) {
            return;
        }
        connection.push(ApiKey.DELIVER, out -> {
            new DeliverHeader(subscriptionId, partition, DeliverHeader.FORMAT_RECORDS, 0).writeTo(out);
            int lengthIndex = out.writerIndex() - 4;
            int start = out.writerIndex();
            out.writeInt(records.size());
            for (Delivery r : records) {
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
