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
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import java.nio.ByteBuffer;

/** Appends a produced batch and answers once it is durable per the fsync policy. */
public final class ProduceHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final BrokerMetrics metrics;
    private final LatencyRecorder latency;

    public ProduceHandler(DestinationManager destinations, PartitionAppender appender, BrokerMetrics metrics) {
        this.destinations = destinations;
        this.appender = appender;
        this.metrics = metrics;
        this.latency = metrics.produceLatency();
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        long arrived = System.nanoTime();
        ProduceRequest req = ProduceRequest.readFrom(request.body());
        Destination d = destinations.getOrCreate(req.destination(), true);
        d.partition(req.partition());
        ByteBuffer batch = ByteBuffer.allocate(req.batch().readableBytes());
        req.batch().getBytes(req.batch().readerIndex(), batch);
        batch.flip();
        int bytes = batch.remaining();
        DestinationMeters meters = metrics.destination(d.id());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        appender.append(d, req.partition(), batch).whenComplete((r, e) -> {
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
