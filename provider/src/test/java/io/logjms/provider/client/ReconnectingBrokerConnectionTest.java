package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.provider.config.BrokerAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReconnectingBrokerConnectionTest {
    private static final DestinationId TOPIC = DestinationId.topic("prices");
    private static final BrokerAddress A = new BrokerAddress("a", 1);
    private static final BrokerAddress B = new BrokerAddress("b", 2);

    private final ManualReconnectScheduler scheduler = new ManualReconnectScheduler();
    private final Deque<Object> outcomes = new ArrayDeque<>();
    private final List<BrokerAddress> tried = Collections.synchronizedList(new ArrayList<>());
    private final RecordedEvents events = new RecordedEvents();

    /** Each attempt takes the next scripted outcome: a connection or the failure to connect. */
    private final ReconnectingBrokerConnection.Opener opener = (broker, brokerEvents) -> {
        tried.add(broker);
        Object outcome = outcomes.poll();
        if (outcome instanceof RecordingBrokerConnection connection) {
            return connection.connector().connect(null, brokerEvents);
        }
        throw outcome == null ? new java.io.IOException("refused") : (Exception) outcome;
    };

    private ReconnectingBrokerConnection connect(long reconnectTimeoutMillis, RecordingBrokerConnection first)
            throws Exception {
        outcomes.add(first);
        return ReconnectingBrokerConnection.connect(() -> List.of(A, B), opener, events,
                new ReconnectBackoff(Duration.ofMillis(reconnectTimeoutMillis)), scheduler);
    }

    private static OutgoingBatch batch(int partition, byte... bytes) {
        return new OutgoingBatch(TOPIC, partition, ByteBuffer.wrap(bytes), 1);
    }

    private static ConnectionLostException lost() {
        return new ConnectionLostException("connection reset", null);
    }

    @Test
    void unansweredSendsGoOutAgainInTheirOrderWithTheSameBytesAndLaterSendsFollowThem() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection().holdProduces();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        CompletableFuture<ProduceResponse> one = connection.produce(batch(0, (byte) 1));
        CompletableFuture<ProduceResponse> two = connection.produce(batch(0, (byte) 2));

        first.failProduce(0, lost());
        first.failProduce(1, lost());
        first.loseConnection(lost());
        CompletableFuture<ProduceResponse> three = connection.produce(batch(0, (byte) 3));
        assertThat(one).isNotDone();
        assertThat(three).isNotDone();

        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();

        assertThat(second.produced()).extracting(b -> b.batch().get(0)).containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(one).isCompleted();
        assertThat(two).isCompleted();
        assertThat(three).isCompleted();
        assertThat(events.calls).containsSubsequence("interrupted", "reconnected", "restored");
        assertThat(events.calls).doesNotContain("lost");
    }

    @Test
    void aRestoredConnectionSetsTheClientIdAgainAndResubscribesUnderTheSameIdCreditLast() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        connection.setClientId("app").get();
        connection.subscribe(new SubscribeRequest(7, TOPIC, io.logjms.protocol.api.SubscriptionKind.DURABLE, "d",
                null, false, StartPosition.LATEST, 0, 50)).get();
        first.loseConnection(lost());

        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();

        assertThat(second.calls()).containsExactly("setClientId app", "subscribe 7", "credit 7 50");
        assertThat(second.subscribes().get(0).initialCredit()).isZero();
        assertThat(second.subscribes().get(0).name()).isEqualTo("d");
        assertThat(events.restored).containsEntry(7, Map.of(0, 0L));
    }

    @Test
    void aNonDurableSubscriberIsMovedToWhereItsApplicationStoppedBeforeItGetsCredit() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        connection.subscribe(SubscribeRequest.nonDurable(3, TOPIC, StartPosition.LATEST, 0, null, 10)).get();
        events.resumeAt = Map.of(0, 42L);
        first.loseConnection(lost());

        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();

        assertThat(second.calls()).containsExactly("subscribe 3", "seek 3 OFFSET 42 0", "credit 3 10");
        assertThat(events.restored).containsEntry(3, Map.of(0, 42L));
    }

    @Test
    void deliveriesFromTheLostConnectionNoLongerReachTheApplication() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        connection.subscribe(SubscribeRequest.nonDurable(3, TOPIC, StartPosition.LATEST, 0, null, 10)).get();
        first.loseConnection(lost());
        first.deliver(3, 0, new DeliveredRecord(5, 0, 1, null, null, null));
        assertThat(events.deliveries).isZero();
    }

    @Test
    void triesTheBrokersInTurnPausingLongerEachTimeAndGivesUpAtTheReconnectTimeout() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection().holdProduces();
        ReconnectingBrokerConnection connection = connect(1_000, first);
        CompletableFuture<ProduceResponse> send = connection.produce(batch(0, (byte) 1));
        first.loseConnection(lost());

        scheduler.advance(999);
        assertThat(send).isNotDone();
        assertThat(events.calls).doesNotContain("lost");
        scheduler.advance(1);

        assertThat(tried.subList(1, tried.size())).startsWith(A, B, A, B);
        assertThat(scheduler.scheduledDelays()).startsWith(0L, 100L, 200L, 400L).allMatch(d -> d <= 2000);
        assertThat(events.calls).containsOnlyOnce("lost");
        assertThat(send).isCompletedExceptionally();
        assertThat(causeOf(send)).isInstanceOf(ConnectionLostException.class).hasMessageContaining("reconnectTimeout");
        assertThat(connection.isOpen()).isFalse();
        assertThat(causeOf(connection.metadata(List.of(), true))).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void closeWhileReconnectingStopsAtOnceAndFailsWhatIsPending() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection().holdProduces();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        CompletableFuture<ProduceResponse> send = connection.produce(batch(0, (byte) 1));
        first.loseConnection(lost());
        scheduler.runDue();
        int attempts = tried.size();

        connection.close();
        assertThat(causeOf(send)).isInstanceOf(ConnectionLostException.class).hasMessageContaining("closed");
        outcomes.add(new RecordingBrokerConnection());
        scheduler.advance(10_000);
        assertThat(tried).hasSize(attempts);
        assertThat(events.calls).doesNotContain("lost");
    }

    @Test
    void afterStopReconnectingALossIsFinalAndWhatWaitsFailsAtOnce() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection().holdProduces();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        CompletableFuture<ProduceResponse> send = connection.produce(batch(0, (byte) 1));
        connection.stopReconnecting();
        first.failProduce(0, lost());
        first.loseConnection(lost());
        scheduler.runDue();
        assertThat(causeOf(send)).isInstanceOf(ConnectionLostException.class).hasMessageContaining("being closed");
        assertThat(tried).hasSize(1);
    }

    @Test
    void acknowledgementsOfTheLostConnectionSettleWithoutBeingSentAndCommitsWithThemFail() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        first.loseConnection(lost());
        AckRequest ack = new AckRequest(3, List.of(new RecordRef(0, 5)));
        CompletableFuture<Void> acknowledged = connection.acknowledge(ack);
        CompletableFuture<?> commitWithAcks = connection.commit(List.of(batch(0, (byte) 1)), List.of(ack));
        CompletableFuture<?> commitOfSends = connection.commit(List.of(batch(0, (byte) 2)), List.of());
        assertThat(acknowledged).isCompleted();

        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();

        assertThat(second.acks()).isEmpty();
        assertThat(causeOf(commitWithAcks)).isInstanceOfSatisfying(TransactionLostException.class,
                e -> assertThat(e.inDoubt()).isFalse());
        assertThat(commitOfSends).isCompleted();
        assertThat(second.commits()).hasSize(1);
        assertThat(second.commits().get(0).acks()).isEmpty();
    }

    @Test
    void anUnsubscribedSubscriptionIsNotRestored() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(60_000, first);
        connection.subscribe(SubscribeRequest.nonDurable(3, TOPIC, StartPosition.LATEST, 0, null, 10)).get();
        connection.unsubscribe(3).get();
        first.loseConnection(lost());
        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();
        assertThat(second.subscribes()).isEmpty();
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** What the JMS layer would be told. */
    private static final class RecordedEvents implements BrokerEvents {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Map<Integer, Long>> restored = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Map<Integer, Long> resumeAt;
        volatile int deliveries;

        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
            deliveries += records.size();
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
            calls.add("closed " + notice.subscriptionId());
        }

        @Override
        public void onConnectionLost(Throwable cause) {
            calls.add("lost");
        }

        @Override
        public void onConnectionInterrupted(Throwable cause) {
            calls.add("interrupted");
        }

        @Override
        public void onReconnected() {
            calls.add("reconnected");
        }

        @Override
        public Map<Integer, Long> resumePositions(int subscriptionId) {
            return resumeAt;
        }

        @Override
        public void onSubscriptionRestored(int subscriptionId, Map<Integer, Long> positions) {
            restored.put(subscriptionId, positions);
        }

        @Override
        public void onConnectionRestored() {
            calls.add("restored");
        }
    }
}
