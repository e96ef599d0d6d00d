package io.logjms.broker.net.handlers;

import io.logjms.broker.metrics.ConsumerMeters;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.subscription.BatchDelivery;
import io.logjms.broker.subscription.Delivery;
import io.logjms.broker.subscription.DeliverySink;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import java.util.List;

/**
 * Pushes a consumer's deliveries to its connection as DELIVER frames: records in format 1, whole
 * stored batches in format 0 straight from the segment file (zero copy), unless the connection runs
 * through TLS (the broker setting {@code delivery.zero.copy} is applied by the subscription).
 */
final class ConsumerSink implements DeliverySink {
    /** Deliveries are split into frames of about this size, so a frame never nears the frame limit. */
    private static final int FRAME_TARGET_BYTES = 1024 * 1024;

    private final ClientConnection connection;
    private final int subscriptionId;
    private final ConsumerMeters meters;

    ConsumerSink(ClientConnection connection, int subscriptionId, ConsumerMeters meters) {
        this.connection = connection;
        this.subscriptionId = subscriptionId;
        this.meters = meters;
    }

    @Override
    public void deliver(int partition, List<Delivery> records) {
        int from = 0;
        long bytes = 0;
        int redelivered = 0;
        for (int i = 0; i < records.size(); i++) {
            Delivery d = records.get(i);
            bytes += DeliveryFrames.wireSize(d);
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
                DeliveryFrames.write(out, r);
            }
            out.setInt(lengthIndex, out.writerIndex() - start);
        }, null);
    }

    @Override
    public boolean acceptsBatches() {
        return connection.sendsFileRegions();
    }

    @Override
    public void deliverBatches(int partition, BatchDelivery batches) {
        if (!connection.isOpen()) {
            return;
        }
        connection.push(ApiKey.DELIVER,
                new DeliverHeader(subscriptionId, partition, DeliverHeader.FORMAT_BATCHES, batches.sizeInBytes())::writeTo,
                new FetchHandler.SharedFileRegion(batches.channel(), batches.position(), batches.sizeInBytes()));
        meters.delivered(batches.recordCount(), 0); // whole batches carry first deliveries only
    }

    @Override
    public void partitionsLost(List<Integer> partitions) {
        if (connection.isOpen()) {
            connection.push(ApiKey.PARTITIONS_LOST,
                    new io.logjms.protocol.api.SubscriptionPartitions(subscriptionId, partitions)::writeTo, null);
        }
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

    @Override
    public String origin() {
        return connection.origin();
    }
}
