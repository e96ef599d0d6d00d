package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TransactionPart;
import io.logjms.protocol.api.TxnAckTargets;
import io.logjms.protocol.api.TxnCommitRequest;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.SubscriptionKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where {@link RoutingBrokerConnection} sends each request, over connections without sockets. */
@Timeout(10)
class RoutingBrokerConnectionTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");
    private static final List<MetadataResponse.Broker> BROKERS = List.of(
            new MetadataResponse.Broker(1, "127.0.0.1", 4001), new MetadataResponse.Broker(2, "127.0.0.1", 4002),
            new MetadataResponse.Broker(3, "127.0.0.1", 4003));

    private final ManualReconnectScheduler scheduler = new ManualReconnectScheduler();
    private final RecordingBrokerConnection bootstrap = new RecordingBrokerConnection();
    private final Map<Integer, RecordingBrokerConnection> links = new HashMap<>();
    private final Map<Integer, Integer> opened = new HashMap<>();
    private final RoutingBrokerConnection routing = RoutingBrokerConnection.over(bootstrap, (node, addresses, events) -> {
        opened.merge(node, 1, Integer::sum);
        assertThat(addresses.get()).as("the address the cluster told").hasSize(1);
        return links.computeIfAbsent(node, n -> new RecordingBrokerConnection()).withEvents(events);
    }, new IgnoredEvents(), new ReconnectBackoff(Duration.ofSeconds(5)), scheduler);

    /** Leaders of orders' partitions 0, 1, 2 as the bootstrap (node 1) tells them. */
    private void leaders(int epoch, int... nodes) throws Exception {
        MetadataResponse.PartitionLeader[] leaders = new MetadataResponse.PartitionLeader[nodes.length];
        for (int p = 0; p < nodes.length; p++) {
            leaders[p] = new MetadataResponse.PartitionLeader(nodes[p], epoch);
        }
        bootstrap.answerMetadata(new MetadataResponse(List.of(new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null,
                nodes.length, List.of(leaders))), 1, BROKERS));
        routing.metadata(List.of(ORDERS), true).get();
    }

    private static OutgoingBatch batch(int partition) {
        return new OutgoingBatch(ORDERS, partition, ByteBuffer.wrap(new byte[] {(byte) partition}), 1);
    }

    private <T> T settle(CompletableFuture<T> future) throws Exception {
        for (int i = 0; i < 30 && !future.isDone(); i++) {
            scheduler.runDue();
        }
        return future.get();
    }

    @Test
    void eachPartitionsBatchesGoToItsLeaderOverOneConnectionPerBroker() throws Exception {
        leaders(0, 1, 2, 3);
        settle(routing.produce(batch(0)));
        settle(routing.produce(batch(1)));
        settle(routing.produce(batch(2)));
        settle(routing.produce(batch(1)));

        assertThat(bootstrap.produced()).extracting(OutgoingBatch::partition).containsExactly(0);
        assertThat(links.get(2).produced()).extracting(OutgoingBatch::partition).containsExactly(1, 1);
        assertThat(links.get(3).produced()).extracting(OutgoingBatch::partition).containsExactly(2);
        assertThat(opened).as("one connection per broker, opened when first needed").isEqualTo(Map.of(2, 1, 3, 1));
    }

    @Test
    void aStandaloneBrokerGetsEverythingOverTheOneConnection() throws Exception {
        routing.metadata(List.of(ORDERS), true).get(); // a broker without cluster metadata
        settle(routing.produce(batch(0)));
        settle(routing.subscribe(SubscribeRequest.nonDurable(4, ORDERS, StartPosition.LATEST, 0, null, 10)));
        settle(routing.commit(List.of(batch(0)), List.of()));
        assertThat(opened).isEmpty();
        assertThat(bootstrap.subscribes().get(0).partitions()).as("the whole destination").isEmpty();
        assertThat(bootstrap.commits()).hasSize(1);
    }

    @Test
    void notLeaderMakesTheClientAskAgainAndSendTheSameBatchToTheNewLeader() throws Exception {
        leaders(0, 1, 2, 3);
        settle(routing.produce(batch(1)));
        links.get(2).failNext(ApiKey.PRODUCE, new ProtocolErrorException(ErrorCode.NOT_LEADER, "node 2 follows"));
        bootstrap.answerMetadata(new MetadataResponse(List.of(new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null,
                3, List.of(new MetadataResponse.PartitionLeader(1, 0), new MetadataResponse.PartitionLeader(3, 1),
                        new MetadataResponse.PartitionLeader(3, 0)))), 1, BROKERS));
        OutgoingBatch moving = batch(1);
        settle(routing.produce(moving));
        assertThat(links.get(3).produced()).containsExactly(moving);
        assertThat(bootstrap.calls()).filteredOn(c -> c.startsWith("metadata")).hasSize(2);
    }

    @Test
    void withoutATransactionLogACommitGoesToTheBrokerLeadingAllItsPartitions() throws Exception {
        leaders(0, 1, 2, 2);
        settle(routing.commit(List.of(batch(1), batch(2)), List.of()));
        assertThat(links.get(2).commits()).hasSize(1);
        assertThat(bootstrap.commits()).isEmpty();
    }

    /** A cluster with fewer live brokers than its replication factor has no transaction log for a while. */
    @Test
    void withoutATransactionLogTheClusterIsAskedForOneAtMostOnceASecond() throws Exception {
        leaders(0, 1, 2, 2);
        for (int i = 0; i < 3; i++) {
            settle(routing.commit(List.of(batch(1)), List.of()));
        }
        assertThat(askedForTransactionLog()).as("asked by the first commit only").isEqualTo(1);
        scheduler.advance(1000);
        settle(routing.commit(List.of(batch(1)), List.of()));
        assertThat(askedForTransactionLog()).as("asked again a second later").isEqualTo(2);
        assertThat(links.get(2).commits()).hasSize(4);
    }

    private long askedForTransactionLog() {
        return bootstrap.calls().stream().filter(c -> c.startsWith("metadata") && c.contains(TransactionId.LOG
                .toString())).count();
    }

    /** One broker's own transaction log is on its disk only: in a cluster its death could split the commit. */
    @Test
    void inAClusterWithATransactionLogACommitOnOneBrokerGoesToItsCoordinatorToo() throws Exception {
        leadersWithTransactionLog(3);
        RecordingBrokerConnection coordinator = new RecordingBrokerConnection();
        links.put(3, coordinator);
        coordinator.answerRequests(ApiKey.TXN_COMMIT, r -> out -> new CommitResponse(List.of(
                new ProduceResponse(5, 5, 0), new ProduceResponse(7, 7, 0))).writeTo(out));

        settle(routing.commit(List.of(batch(1), batch(2)), List.of()));

        assertThat(opened).as("no connection to node 2 (leading both) for the local path").containsOnlyKeys(3);
        assertThat(bootstrap.commits()).isEmpty();
        List<TxnCommitRequest> sent = coordinator.requests().stream()
                .filter(r -> r.api() == ApiKey.TXN_COMMIT).map(r -> TxnCommitRequest.readFrom(r.bodyBuffer())).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).part().produces()).extracting(CommitRequest.Produce::partition).containsExactly(1, 2);
    }

    /** Leaders of orders' partitions (1, 2, 2) and of the transaction log's 4 partitions (all on {@code logLeader}). */
    private void leadersWithTransactionLog(int logLeader) throws Exception {
        MetadataResponse.PartitionLeader[] log = new MetadataResponse.PartitionLeader[4];
        java.util.Arrays.fill(log, new MetadataResponse.PartitionLeader(logLeader, 0));
        bootstrap.answerMetadata(new MetadataResponse(List.of(
                new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, 3, List.of(
                        new MetadataResponse.PartitionLeader(1, 0), new MetadataResponse.PartitionLeader(2, 0),
                        new MetadataResponse.PartitionLeader(2, 0))),
                new MetadataResponse.Entry(TransactionId.LOG, ErrorCode.NONE, null, 4, List.of(log))), 1, BROKERS));
        routing.metadata(List.of(ORDERS), true).get();
    }

    @Test
    void aCommitSpanningBrokersGoesToItsCoordinatorAndARetryAfterNotLeaderCarriesTheSameTransactionId()
            throws Exception {
        leadersWithTransactionLog(3);
        RecordingBrokerConnection coordinator = new RecordingBrokerConnection();
        links.put(3, coordinator);
        coordinator.failNext(ApiKey.TXN_COMMIT, new ProtocolErrorException(ErrorCode.NOT_LEADER, "moved"));
        coordinator.answerRequests(ApiKey.TXN_COMMIT, r -> out -> new CommitResponse(List.of(
                new ProduceResponse(5, 5, 0), new ProduceResponse(7, 7, 0))).writeTo(out));

        CompletableFuture<CommitResponse> commit = routing.commit(List.of(batch(0), batch(1)), List.of());
        assertThat(commit).as("waits for the back-off before the retry").isNotDone();
        scheduler.advance(1000);
        CommitResponse answer = settle(commit);

        assertThat(answer.produced()).extracting(ProduceResponse::baseOffset).containsExactly(5L, 7L);
        assertThat(bootstrap.commits()).isEmpty();
        assertThat(opened).as("the participants are the coordinator's business").containsOnlyKeys(3);
        List<TxnCommitRequest> sent = coordinator.requests().stream()
                .filter(r -> r.api() == ApiKey.TXN_COMMIT).map(r -> TxnCommitRequest.readFrom(r.bodyBuffer())).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).id()).as("the retry is the same transaction").isEqualTo(sent.get(0).id());
        assertThat(sent.get(0).part().produces()).extracting(CommitRequest.Produce::partition).containsExactly(0, 1);
        assertThat(sent.get(0).id().logPartition(4)).isBetween(0, 3);
    }

    @Test
    void aCommitAbortedAfterAnAttemptWithAnUnknownOutcomeFailsAsRolledBackNotInDoubt() throws Exception {
        leadersWithTransactionLog(3);
        RecordingBrokerConnection coordinator = new RecordingBrokerConnection();
        links.put(3, coordinator);
        coordinator.failNext(ApiKey.TXN_COMMIT, new ProtocolErrorException(ErrorCode.TRANSACTION_IN_PROGRESS, "?"));

        CompletableFuture<CommitResponse> commit = routing.commit(List.of(batch(0), batch(1)), List.of());
        for (int i = 0; i < 30 && coordinator.requests().stream().noneMatch(r -> r.api() == ApiKey.TXN_COMMIT); i++) {
            scheduler.runDue();
        }
        assertThat(coordinator.requests()).as("the first attempt, its outcome unknown")
                .anyMatch(r -> r.api() == ApiKey.TXN_COMMIT);
        assertThat(commit).isNotDone();
        coordinator.failNext(ApiKey.TXN_COMMIT, new ProtocolErrorException(ErrorCode.TRANSACTION_ABORTED, "aborted"));
        scheduler.advance(1000);

        assertThatThrownBy(() -> settle(commit)).hasCauseInstanceOf(ProtocolErrorException.class)
                .cause().satisfies(e -> assertThat(((ProtocolErrorException) e).error())
                        .isEqualTo(ErrorCode.TRANSACTION_ABORTED));
    }

    /**
     * A coordinator remembers a completed transaction for 10 minutes: a commit sent again later would be taken for a
     * new one, so whatever {@code reconnectTimeout} says the client stops within 9 and reports the commit in doubt.
     */
    @Test
    void aCommitWhoseOutcomeStaysUnknownIsSentAgainForNineMinutesAtMost() throws Exception {
        RoutingBrokerConnection patient = RoutingBrokerConnection.over(bootstrap, (node, addresses, events) ->
                links.computeIfAbsent(node, n -> new RecordingBrokerConnection()).withEvents(events),
                new IgnoredEvents(), new ReconnectBackoff(Duration.ofHours(1)), scheduler);
        MetadataResponse.PartitionLeader[] log = new MetadataResponse.PartitionLeader[4];
        java.util.Arrays.fill(log, new MetadataResponse.PartitionLeader(3, 0));
        bootstrap.answerMetadata(new MetadataResponse(List.of(
                new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, 2, List.of(
                        new MetadataResponse.PartitionLeader(1, 0), new MetadataResponse.PartitionLeader(2, 0))),
                new MetadataResponse.Entry(TransactionId.LOG, ErrorCode.NONE, null, 4, List.of(log))), 1, BROKERS));
        patient.metadata(List.of(ORDERS), true).get();
        RecordingBrokerConnection coordinator = new RecordingBrokerConnection();
        links.put(3, coordinator);
        coordinator.answerRequests(ApiKey.TXN_COMMIT, r -> {
            throw new ProtocolErrorException(ErrorCode.TRANSACTION_IN_PROGRESS, "still being applied");
        });

        CompletableFuture<CommitResponse> commit = patient.commit(List.of(batch(0), batch(1)), List.of());
        for (int s = 0; s < 9 * 60 - 10 && !commit.isDone(); s += 10) {
            scheduler.advance(10_000);
        }
        assertThat(commit).as("still trying before 9 minutes").isNotDone();
        for (int s = 0; s < 60 && !commit.isDone(); s++) {
            scheduler.advance(1000);
        }
        assertThat(causeOf(commit)).isInstanceOf(TransactionLostException.class);
        assertThat(scheduler.nowMillis()).isLessThanOrEqualTo(CrossBrokerCommit.MAX_RETRY_MS + 60_000);
    }

    @Test
    void theAcknowledgementsOfACommitSpanningBrokersAreNamedByTheirSubscriptions() throws Exception {
        leadersWithTransactionLog(2);
        // node 2 leads partitions 1 and 2 of the topic (the durable consumer attaches there too) and the log
        links.put(2, new RecordingBrokerConnection());
        links.get(2).answerRequests(ApiKey.TXN_COMMIT, r -> out -> new CommitResponse(List.of(
                new ProduceResponse(1, 1, 0))).writeTo(out));
        settle(routing.subscribe(new SubscribeRequest(7, ORDERS, SubscriptionKind.DURABLE, "d", null, false,
                StartPosition.EARLIEST, 0, 10, List.of())));
        bootstrap.answerRequests(ApiKey.TXN_ACK_TARGETS, r -> out -> TxnAckTargets.writeResponse(out,
                List.of(new TxnAckTargets.Target("durable/c/d", ORDERS))));

        settle(routing.commit(List.of(batch(1)), List.of(new AckRequest(7, List.of(new RecordRef(0, 3))))));

        assertThat(TxnAckTargets.readRequest(bootstrap.requests().get(0).bodyBuffer())).containsExactly(7);
        TxnCommitRequest sent = TxnCommitRequest.readFrom(links.get(2).requests().stream()
                .filter(r -> r.api() == ApiKey.TXN_COMMIT).findFirst().orElseThrow().bodyBuffer());
        assertThat(sent.part().acks()).containsExactly(new TransactionPart.Ack("durable/c/d", ORDERS,
                List.of(new RecordRef(0, 3))));
    }

    /**
     * A commit takes the session's records before it routes their acknowledgements: a partition that moved in between
     * has no connection to acknowledge at, and committing without those acknowledgements would write the results of
     * input that comes again.
     */
    @Test
    void aCommitAcknowledgingRecordsOfAPartitionThatIsMovingIsRefusedAndSendsNothing() throws Exception {
        leaders(0, 1, 2, 2);
        settle(routing.subscribe(SubscribeRequest.nonDurable(8, ORDERS, StartPosition.EARLIEST, 0, null, 10)));
        links.get(2).losePartitions(8, 1);

        CompletableFuture<CommitResponse> commit = routing.commit(List.of(batch(0)),
                List.of(new AckRequest(8, List.of(new RecordRef(0, 4), new RecordRef(1, 2)))));

        assertThat(causeOf(commit)).isInstanceOf(CommitRefusedException.class)
                .hasMessageContaining("subscription 8").hasMessageContaining("nothing was committed");
        assertThat(bootstrap.commits()).isEmpty();
        assertThat(links.get(2).commits()).isEmpty();
    }

    @Test
    void aNonDurableSubscriberIsSpreadOverTheLeadersAndItsRequestsFollowThePartitions() throws Exception {
        leaders(0, 1, 2, 3);
        SubscribeRequest request = SubscribeRequest.nonDurable(5, ORDERS, StartPosition.EARLIEST, 0, null, 10);
        assertThat(settle(routing.subscribe(request)).positions()).containsOnlyKeys(0, 1, 2);
        assertThat(bootstrap.subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of(0));
        assertThat(links.get(2).subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of(1));
        assertThat(links.get(3).subscribes()).extracting(SubscribeRequest::partitions).containsExactly(List.of(2));

        settle(routing.acknowledge(new AckRequest(5, List.of(new RecordRef(0, 4), new RecordRef(2, 9)))));
        assertThat(bootstrap.acks()).extracting(AckRequest::records).containsExactly(List.of(new RecordRef(0, 4)));
        assertThat(links.get(3).acks()).extracting(AckRequest::records).containsExactly(List.of(new RecordRef(2, 9)));
        assertThat(links.get(2).acks()).isEmpty();

        routing.withdrawCredit(5);
        routing.grantCredit(5, 10);
        for (RecordingBrokerConnection c : List.of(bootstrap, links.get(2), links.get(3))) {
            assertThat(c.credits()).containsExactly(new RecordingBrokerConnection.Credit(5, Integer.MIN_VALUE),
                    new RecordingBrokerConnection.Credit(5, 10));
        }
        settle(routing.unsubscribe(5));
        assertThat(links.get(2).unsubscribes()).containsExactly(5);
    }

    @Test
    void creditGoesBackToTheBrokerThatDelivered() throws Exception {
        leaders(0, 1, 2, 2);
        settle(routing.subscribe(SubscribeRequest.nonDurable(6, ORDERS, StartPosition.EARLIEST, 0, null, 10)));
        routing.bootstrapEvents().onDelivery(6, 0, List.of(record(0), record(1), record(2)), false);
        routing.grantCredit(6, 3);
        assertThat(bootstrap.credits()).containsExactly(new RecordingBrokerConnection.Credit(6, 3));
        assertThat(links.get(2).credits()).as("it delivered nothing, so it keeps its window").isEmpty();
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

    private static final class IgnoredEvents implements BrokerEvents {
        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records,
                               boolean fromBatches) {
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
        }

        @Override
        public void onConnectionLost(Throwable cause) {
        }
    }
}
