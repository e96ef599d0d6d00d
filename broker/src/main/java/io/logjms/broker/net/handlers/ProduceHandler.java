package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.metrics.DestinationMeters;
import io.logjms.broker.log.LatencyRecorder;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import java.nio.ByteBuffer;

/**
 * Appends a produced batch and answers once it is durable per the fsync policy. A batch for a destination
 * to be auto-created waits for it off the event loop, in the connection's order ({@link ProduceOrder}).
 */
public final class ProduceHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final BrokerMetrics metrics;
    private final LatencyRecorder latency;
    private final ProduceOrder order;

    public ProduceHandler(DestinationManager destinations, PartitionAppender appender, BrokerMetrics metrics,
                          ProduceOrder order) {
        this.destinations = destinations;
        this.appender = appender;
        this.metrics = metrics;
        this.latency = metrics.produceLatency();
        this.order = order;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        long arrived = System.nanoTime();
        ProduceRequest req = ProduceRequest.readFrom(request.body());
        ByteBuffer batch = ByteBuffer.allocate(req.batch().readableBytes());
        req.batch().getBytes(req.batch().readerIndex(), batch);
        batch.flip();
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        boolean creates = destinations.find(req.destination()).isEmpty();
        order.run(connection, creates, () -> append(connection, req.destination(), req.partition(), batch, api,
                correlationId, arrived), e -> connection.respondError(api, correlationId, ErrorMapping.codeFor(e),
                ErrorMapping.messageFor(e)));
    }

    private void append(ClientConnection connection, DestinationId id, int partition, ByteBuffer batch, short api,
                        int correlationId, long arrived) {
        Destination d = destinations.getOrCreate(id, true);
        d.partition(partition);
        int bytes = batch.remaining();
        DestinationMeters meters = metrics.destination(d.id());
        appender.append(d, partition, batch).whenComplete((r, e) -> {
            if (e != null) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            } else {
                meters.produced(r.lastOffset() - r.baseOffset() + 1, bytes);
                connection.respond(api, correlationId,
                        new ProduceResponse(r.baseOffset(), r.lastOffset(), r.logAppendTimeMs())::writeTo);
            }
            latency.recordNanos(System.nanoTime() - arrived);
        });
    }
}
