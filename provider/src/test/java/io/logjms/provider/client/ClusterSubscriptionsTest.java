package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.SubscriptionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a cluster client attaches every kind of consumer at the leaders of its partitions and moves partitions when
 * their leader changes, over connections without sockets: the bootstrap is node 1, links go to nodes 2 and 3.
 */
@Timeout(10)
class ClusterSubscriptionsTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");
    private static final DestinationId JOBS = DestinationId.queue("jobs");
    private static final int NONE = MetadataResponse.NO_LEADER;
    private static final List<MetadataResponse.Broker> BROKERS = List.of(
            new MetadataResponse.Broker(1, "127.0.0.1", 4001), new MetadataResponse.Broker(2, "127.0.0.1", 4002),
            new MetadataResponse.Broker(3, "127.0.0.1", 4003));

    private final ManualReconnectScheduler scheduler = new ManualReconnectScheduler();
    private final RecordingBrokerConnection bootstrap = new RecordingBrokerConnection().partitions(ORDERS, 3)
            .partitions(JOBS, 3);
    private final Map<Integer, RecordingBrokerConnection> links = new HashMap<>();
    private final ConsumerEvents consumers = new ConsumerEvents();
    private final RoutingBrokerConnection routing = RoutingBrokerConnection.over(bootstrap,
            (node, addresses, events) -> links.computeIfAbsent(node, n -> new RecordingBrokerConnection()
                    .partitions(ORDERS, 3).partitions(JOBS, 3)).withEvents(events),
            consumers, new ReconnectBackoff(Duration.ofSeconds(5)), scheduler);

    ClusterSubscriptionsTest() {
        bootstrap.withEvents(routing.bootstrapEvents());
    }

    /** What the bootstrap (node 1) answers to METADATA from now on, for both destinations, and learning it. */
    private void leaders(int epoch, int... nodes) throws Exception {
        tellLeaders(epoch, nodes);
        routing.metadata(List.of(ORDERS), false).get();
        settle();
    }

    /** What the bootstrap answers to METADATA from now on; the client learns it when it asks. */
    private void tellLeaders(int epoch, int... nodes) {
        List<MetadataResponse.PartitionLeader> leaders = new ArrayList<>();
        for (int node : nodes) {
            leaders.add(new MetadataResponse.PartitionLeader(node, epoch));
        }
        bootstrap.answerMetadata(new MetadataResponse(List.of(
                new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, nodes.length, leaders),
                new MetadataResponse.Entry(JOBS, ErrorCode.NONE, null, nodes.length, leaders)), 1, BROKERS));
    }

    private void settle() {
        for (int i = 0; i < 30; i++) {
            scheduler.runDue();
        }
    }

    private <T> T settle(CompletableFuture<T> future) throws Exception {
        settle();
        assertThat(future).as("answered").isDone();
        return future.get();
    }

    private RecordingBrokerConnection link(int node) {
        return links.get(node);
    }

    private static SubscribeRequest durable(int id) {
        return new SubscribeRequest(id, ORDERS, SubscriptionKind.DURABLE, "d" + id, null, false,
                StartPosition.EARLIEST, 0, 0);
    }

    private static SubscribeRequest nonDurable(int id) {
        return new SubscribeRequest(id, ORDERS, SubscriptionKind.NON_DURABLE, null, null, false,
                StartPosition.EARLIEST, 0, 0);
    }

    @Test
    void everyKindOfConsumerIsAttachedAtTheLeadersOfItsPartitions() throws Exception {
        leaders(1, 1, 2, 3);
        List<SubscribeRequest> requests = List.of(durable(1),
                new SubscribeRequest(2, ORDERS, SubscriptionKind.SHARED_DURABLE, "sd", null, false,
                        StartPosition.EARLIEST, 0, 0),
                new SubscribeRequest(3, ORDERS, SubscriptionKind.SHARED_NON_DURABLE, "s", null, false,
                        StartPosition.EARLIEST, 0, 0),
                new SubscribeRequest(4, ORDERS, SubscriptionKind.NON_DURABLE, null, "a = 1", true,
                        StartPosition.LATEST, 0, 0),
                new SubscribeRequest(5, JOBS, SubscriptionKind.QUEUE, null, null, false, StartPosition.EARLIEST, 0, 0));
        for (SubscribeRequest request : requests) {
            assertThat(settle(routing.subscribe(request)).positions()).as(request.kind().toString())
                    .containsOnlyKeys(0, 1, 2);
        }
        assertThat(bootstrap.subscribes()).extracting(SubscribeRequest::partitions).containsOnly(List.of(0));
        assertThat(link(2).subscribes()).extracting(SubscribeRequest::partitions).containsOnly(List.of(1));
        assertThat(link(3).subscribes()).extracting(SubscribeRequest::partitions).containsOnly(List.of(2));
        assertThat(link(3).subscribes()).extracting(SubscribeRequest::kind).containsExactly(SubscriptionKind.DURABLE,
                SubscriptionKind.SHARED_DURABLE, SubscriptionKind.SHARED_NON_DURABLE, SubscriptionKind.NON_DURABLE,
                SubscriptionKind.QUEUE);
        assertThat(link(3).subscribes().get(3).noLocal()).as("noLocal kept: every link presents one origin").isTrue();
    }

    @Test
    void aDestinationLedByOneBrokerIsSubscribedWholeThereAndATemporaryOneOnTheBootstrap() throws Exception {
        leaders(1, 2, 2, 2);
        settle(routing.subscribe(durable(1)));
        assertThat(link(2).subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of());
        assertThat(bootstrap.subscribes()).isEmpty();

        settle(routing.subscribe(new SubscribeRequest(2, DestinationId.queue("tmp.c1.1"), SubscriptionKind.QUEUE,
                null, null, false, StartPosition.EARLIEST, 0, 0)));
        assertThat(bootstrap.subscribes()).extracting(SubscribeRequest::subscriptionId).containsExactly(2);
    }

    @Test
    void aWholeAttachmentThatLosesAPartitionIsMadeExplicitSoItsBrokerNeverServesThatPartitionToItAgain()
            throws Exception {
        leaders(1, 2, 2, 2);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 2, 2, 3);
        link(2).losePartitions(7, 2);
        settle();
        assertThat(link(2).partitionChanges()).containsExactly(List.of(0, 1));
        assertThat(link(3).subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of(2));
    }

    @Test
    void partitionsLostMovesThePartitionToItsNewLeaderAndTheConsumerForgetsWhatItHadOfIt() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, 3, 3);
        link(2).losePartitions(7, 1);
        settle();
        assertThat(consumers.moving).containsExactly(Map.entry(7, Set.of(1)));
        assertThat(link(2).unsubscribes()).as("node 2 serves it nothing more").containsExactly(7);
        assertThat(link(3).partitionChanges()).as("its part on node 3 is extended").containsExactly(List.of(1, 2));
        assertThat(consumers.moved).containsExactly(Map.entry(7, Map.of(1, 0L)));

        settle(routing.acknowledge(new AckRequest(7, List.of(new RecordRef(1, 4)))));
        assertThat(link(3).acks()).extracting(AckRequest::records).containsExactly(List.of(new RecordRef(1, 4)));
        assertThat(link(2).acks()).isEmpty();
    }

    @Test
    void aPartitionMovedToABrokerNotUsedYetIsSubscribedThereWithTheWholeWindow() throws Exception {
        leaders(1, 1, 2, 2);
        settle(routing.subscribe(durable(7)));
        routing.grantCredit(7, 100);
        assertThat(link(2).credits()).containsExactly(new RecordingBrokerConnection.Credit(7, 100));

        leaders(2, 1, 2, 3);
        assertThat(link(2).partitionChanges()).as("node 2 keeps partition 1 only").containsExactly(List.of(1));
        assertThat(link(3).subscribes()).hasSize(1);
        assertThat(link(3).subscribes().get(0).partitions()).containsExactly(2);
        assertThat(link(3).subscribes().get(0).initialCredit()).isEqualTo(100);
        assertThat(consumers.moved).containsExactly(Map.entry(7, Map.of(2, 0L)));
    }

    @Test
    void anAcknowledgementRefusedWithNotLeaderSucceedsForTheApplicationAndMovesThePartition() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, 3, 3);
        link(2).failNext(ApiKey.ACK, new ProtocolErrorException(ErrorCode.NOT_LEADER, "node 2 follows"));
        CompletableFuture<Void> ack = routing.acknowledge(new AckRequest(7, List.of(new RecordRef(1, 5),
                new RecordRef(0, 3))));
        settle(ack);
        assertThat(bootstrap.acks()).extracting(AckRequest::records).containsExactly(List.of(new RecordRef(0, 3)));
        assertThat(consumers.moving).containsExactly(Map.entry(7, Set.of(1)));
        assertThat(link(3).partitionChanges()).containsExactly(List.of(1, 2));
    }

    @Test
    void acknowledgementsOfAPartitionBetweenTwoLeadersAreDroppedUntilItIsAttachedAgain() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, NONE, 3);
        link(2).losePartitions(7, 1);
        settle();
        settle(routing.acknowledge(new AckRequest(7, List.of(new RecordRef(1, 5)))));
        routing.acknowledgeOneWay(new AckRequest(7, List.of(new RecordRef(1, 6))));
        assertThat(link(2).acks()).isEmpty();
        assertThat(link(2).oneWayAcks()).isEmpty();
        assertThat(link(3).acks()).isEmpty();
        assertThat(routing.clusterSubscriptions().nodesOf(new AckRequest(7, List.of(new RecordRef(1, 5)))))
                .as("a transaction acknowledging it has nowhere to go").containsExactly(ClusterMetadata.NO_LEADER);

        leaders(3, 1, 3, 3);
        assertThat(link(3).partitionChanges()).containsExactly(List.of(1, 2));
    }

    @Test
    void aLostLinkMovesItsPartitionsOnceTheClusterNamesANewLeader() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, 3, 3);
        link(2).interrupt(new ConnectionLostException("reset", null));
        settle();
        scheduler.advance(1000);
        settle();
        assertThat(consumers.moving).containsExactly(Map.entry(7, Set.of(1)));
        assertThat(link(2).unsubscribes()).as("so its reconnect does not restore it").containsExactly(7);
        assertThat(link(3).partitionChanges()).containsExactly(List.of(1, 2));
        assertThat(consumers.closed).isEmpty();
    }

    @Test
    void aNonDurableSubscriberContinuesRightAfterTheLastRecordItHandedOut() throws Exception {
        leaders(1, 1, 2, 2);
        settle(routing.subscribe(nonDurable(7)));
        routing.grantCredit(7, 10);
        consumers.resumeAt = Map.of(2, 42L);
        leaders(2, 1, 2, 3);
        SubscribeRequest atThree = link(3).subscribes().get(0);
        assertThat(atThree.initialCredit()).as("no credit before it stands where the consumer continues").isZero();
        assertThat(link(3).seeks()).containsExactly(new SeekRequest(7, SeekMode.OFFSET, 42, 2));
        assertThat(link(3).credits()).containsExactly(new RecordingBrokerConnection.Credit(7, 10));
        assertThat(consumers.moved).containsExactly(Map.entry(7, Map.of(2, 42L)));

        consumers.resumeAt = Map.of(1, 17L);
        leaders(3, 1, 3, 3);
        assertThat(link(3).partitionChanges()).containsExactly(List.of(1, 2));
        assertThat(link(3).seeks()).last().isEqualTo(new SeekRequest(7, SeekMode.OFFSET, 17, 1));
        assertThat(link(3).credits()).as("withdrawn while it is moved, then a whole window").containsExactly(
                new RecordingBrokerConnection.Credit(7, 10), new RecordingBrokerConnection.Credit(7, Integer.MIN_VALUE),
                new RecordingBrokerConnection.Credit(7, 10));
    }

    @Test
    void aPartitionNoBrokerLeadsWithinTheReconnectTimeoutEndsTheSubscriptionSayingWhy() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, NONE, 3);
        link(2).losePartitions(7, 1);
        settle();
        scheduler.advance(4000);
        assertThat(consumers.closed).isEmpty();
        scheduler.advance(2000);
        assertThat(consumers.closed).hasSize(1);
        SubscriptionClosedNotice notice = consumers.closed.get(0);
        assertThat(notice.message()).contains("partitions [1] of " + ORDERS)
                .contains("within reconnectTimeout (5000 ms)");
        assertThat(bootstrap.unsubscribes()).containsExactly(7);
        assertThat(link(3).unsubscribes()).containsExactly(7);
    }

    @Test
    void aRefusalThatIsNotAboutLeadershipFailsTheSubscribeAndUndoesTheOtherParts() throws Exception {
        leaders(1, 1, 2, 3);
        links.computeIfAbsent(3, n -> new RecordingBrokerConnection()).failNext(ApiKey.SUBSCRIBE,
                new ProtocolErrorException(ErrorCode.SUBSCRIPTION_IN_USE, "in use"));
        CompletableFuture<SubscribeResponse> answer = routing.subscribe(durable(7));
        settle();
        assertThat(causeOf(answer)).isInstanceOf(ProtocolErrorException.class).hasMessageContaining("in use");
        assertThat(bootstrap.unsubscribes()).containsExactly(7);
        assertThat(link(2).unsubscribes()).containsExactly(7);
    }

    @Test
    void deliveriesFromABrokerThatNoLongerServesThePartitionAreDroppedAndTheirCreditGivenBack() throws Exception {
        leaders(1, 1, 2, 2);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, NONE, 2);
        link(2).losePartitions(7, 1);
        settle();
        link(2).deliver(7, 1, record(3), record(4));
        link(2).deliver(7, 2, record(9));
        assertThat(consumers.delivered).as("partition 2's record only").containsExactly(Map.entry(7, 1));
        assertThat(link(2).credits()).containsExactly(new RecordingBrokerConnection.Credit(7, 2));
    }

    @Test
    void whenTheBootstrapReconnectsOnlyItsPartitionsMoveAndTheOtherBrokersKeepDelivering() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        bootstrap.interrupt(new ConnectionLostException("reset", null));
        settle();
        assertThat(consumers.interrupted).as("told per subscription instead").isFalse();
        assertThat(consumers.moving).containsExactly(Map.entry(7, Set.of(0)));
        link(2).deliver(7, 1, record(5));
        assertThat(consumers.delivered).containsExactly(Map.entry(7, 1));

        bootstrap.restore();
        settle();
        assertThat(bootstrap.subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of(0),
                List.of(0));
        assertThat(consumers.moved).containsExactly(Map.entry(7, Map.of(0, 0L)));
    }

    @Test
    void seekAndPositionsGoToThePartsServingEachPartition() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        bootstrap.answerPositions(Map.of(0, 5L));
        link(2).answerPositions(Map.of(1, 6L));
        link(3).answerPositions(Map.of(2, 7L));
        assertThat(settle(routing.positions(7)).positions()).containsExactly(Map.entry(0, 5L), Map.entry(1, 6L),
                Map.entry(2, 7L));
        settle(routing.seek(new SeekRequest(7, SeekMode.OFFSET, 3, 2)));
        assertThat(link(3).seeks()).containsExactly(new SeekRequest(7, SeekMode.OFFSET, 3, 2));
        assertThat(link(2).seeks()).isEmpty();
    }

    @Test
    void aSeekOfAPartitionBetweenTwoLeadersWaitsUntilItIsAttachedAgain() throws Exception {
        leaders(1, 1, 2, 3);
        settle(routing.subscribe(durable(7)));
        tellLeaders(2, 1, 2, NONE);
        link(3).losePartitions(7, 2);
        settle();
        CompletableFuture<SubscribeResponse> seek = routing.seek(new SeekRequest(7, SeekMode.BEGINNING, 0, 2));
        settle();
        assertThat(seek).isNotDone();
        tellLeaders(3, 1, 2, 2);
        scheduler.advance(1000);
        settle();
        assertThat(seek).isDone();
        assertThat(link(2).seeks()).containsExactly(new SeekRequest(7, SeekMode.BEGINNING, 0, 2));
    }

    private static DeliveredRecord record(long offset) {
        return new DeliveredRecord(offset, 0, 1, null, null, new byte[0]);
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The JMS layer's side: what it was told. */
    private static final class ConsumerEvents implements BrokerEvents {
        final List<Map.Entry<Integer, Set<Integer>>> moving = Collections.synchronizedList(new ArrayList<>());
        final List<Map.Entry<Integer, Map<Integer, Long>>> moved = Collections.synchronizedList(new ArrayList<>());
        final List<SubscriptionClosedNotice> closed = Collections.synchronizedList(new ArrayList<>());
        /** Records delivered, per (subscription, count) in arrival order. */
        final List<Map.Entry<Integer, Integer>> delivered = Collections.synchronizedList(new ArrayList<>());
        volatile Map<Integer, Long> resumeAt;
        volatile boolean interrupted;

        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
            delivered.add(Map.entry(subscriptionId, records.size()));
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
            closed.add(notice);
        }

        @Override
        public void onConnectionLost(Throwable cause) {
        }

        @Override
        public void onConnectionInterrupted(Throwable cause) {
            interrupted = true;
        }

        @Override
        public Map<Integer, Long> onPartitionsMoving(int subscriptionId, Set<Integer> partitions) {
            moving.add(Map.entry(subscriptionId, partitions));
            return resumeAt;
        }

        @Override
        public void onPartitionsMoved(int subscriptionId, Map<Integer, Long> positions) {
            moved.add(Map.entry(subscriptionId, positions));
        }
    }
}
