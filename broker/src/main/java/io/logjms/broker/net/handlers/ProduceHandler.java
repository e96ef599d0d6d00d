package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.metrics.DestinationMeters;
import io.logjms.broker.log.LatencyRecorder;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.transaction.TransactionTopic;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Appends a produced batch and answers once it is durable per the fsync policy. A batch for a destination
 * to be auto-created waits for it off the event loop, in the connection's order ({@link ProduceOrder}).
 */
public final class ProduceHandler implements RequestHandler {
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final BrokerMetrics metrics;
    private final LatencyRecorder latency;
    private final ClusterView cluster;
    private final ProduceOrder order;

    public ProduceHandler(DestinationManager destinations, PartitionAppender appender, BrokerMetrics metrics,
                          ClusterView cluster, ProduceOrder order) {
        this.destinations = destinations;
        this.appender = appender;
        this.metrics = metrics;
        this.latency = metrics.produceLatency();
        this.cluster = cluster;
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
        TransactionTopic.refuseReserved(req.destination(), "send to");
        boolean creates = destinations.find(req.destination()).isEmpty();
        order.run(connection, creates, () -> append(connection, req.destination(), req.partition(), batch, api,
                correlationId, arrived), e -> connection.respondError(api, correlationId, ErrorMapping.codeFor(e),
                ErrorMapping.messageFor(e)));
    }

    private void append(ClientConnection connection, DestinationId id, int partition, ByteBuffer batch, short api,
                        int correlationId, long arrived) {
        Destination d = destinations.getOrCreate(id, true);
        String notLeader = notLeader(d.partition(partition));
        if (notLeader != null) {
            connection.respondError(api, correlationId, ErrorCode.NOT_LEADER, notLeader);
            return;
        }
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

    /**
     * Why this broker must not append to {@code partition} (the cluster assigned it to another broker, or the
     * local partition follows), or null when it leads it. The client refreshes its metadata on NOT_LEADER and
     * sends the batch to the leader.
     */
    private String notLeader(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        Optional<PartitionAssignment> assigned = cluster.assignment(tp);
        if (assigned.isPresent() && !assigned.get().isLeader(cluster.localNodeId())) {
            int leader = assigned.get().leader();
            return "node " + cluster.localNodeId() + " does not lead partition " + tp.partition() + " of "
                    + tp.topic() + (leader == PartitionAssignment.NO_LEADER ? "; it has no leader now"
                    : "; node " + leader + " leads it") + " (leader epoch " + assigned.get().leaderEpoch() + ")";
        }
        if (partition.role() != Partition.Role.LEADER) {
            return "node " + cluster.localNodeId() + " follows partition " + tp.partition() + " of " + tp.topic()
                    + " (leader epoch " + partition.leaderEpoch() + ")";
        }
        return null;
    }
}
