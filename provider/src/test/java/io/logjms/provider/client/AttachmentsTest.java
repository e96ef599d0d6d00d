package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.config.BrokerAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster client's attachments over a connection that reconnects: failed by a loss rather than held for the
 * reconnect, and not among what the reconnect restores (the mover attaches the partitions where they are led then).
 */
@Timeout(10)
class AttachmentsTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");
    private static final BrokerAddress A = new BrokerAddress("a", 1);

    private final ManualReconnectScheduler scheduler = new ManualReconnectScheduler();
    private final Deque<RecordingBrokerConnection> outcomes = new ArrayDeque<>();
    private final ReconnectingBrokerConnection.Opener opener = (broker, events) -> {
        RecordingBrokerConnection next = outcomes.poll();
        if (next == null) {
            throw new java.io.IOException("refused");
        }
        return next.connector().connect(null, events);
    };

    private ReconnectingBrokerConnection connect(RecordingBrokerConnection first) throws Exception {
        outcomes.add(first);
        return ReconnectingBrokerConnection.connect(() -> List.of(A), opener, new NoEvents(),
                new ReconnectBackoff(Duration.ofSeconds(60)), scheduler);
    }

    private static SubscribeRequest durable(int id, int... partitions) {
        return new SubscribeRequest(id, ORDERS, SubscriptionKind.DURABLE, "d", null, false, StartPosition.EARLIEST, 0,
                10).forPartitions(java.util.Arrays.stream(partitions).boxed().toList());
    }

    @Test
    void anAttachmentWhileReconnectingFailsAtOnceWithALeaderError() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(first);
        first.loseConnection(new ConnectionLostException("reset", null));

        CompletableFuture<SubscribeResponse> subscribe = Attachments.subscribe(connection, durable(3, 1));
        CompletableFuture<SubscribeResponse> cover = Attachments.cover(connection, 3, List.of(1, 2));
        for (CompletableFuture<SubscribeResponse> f : List.of(subscribe, cover)) {
            assertThat(f).isCompletedExceptionally();
            assertThat(LeaderErrors.leaderMoved(causeOf(f))).as("the mover tries the leader again").isTrue();
        }
    }

    @Test
    void anAttachmentIsNotRestoredByTheReconnectButAPlainSubscriptionIs() throws Exception {
        RecordingBrokerConnection first = new RecordingBrokerConnection();
        ReconnectingBrokerConnection connection = connect(first);
        Attachments.subscribe(connection, durable(3, 1)).get();
        connection.subscribe(durable(4)).get();
        assertThat(Attachments.cover(connection, 3, List.of(1, 2)).get().positions()).containsOnlyKeys(1, 2);
        assertThat(first.partitionChanges()).containsExactly(List.of(1, 2));

        first.loseConnection(new ConnectionLostException("reset", null));
        RecordingBrokerConnection second = new RecordingBrokerConnection();
        outcomes.add(second);
        scheduler.runDue();
        assertThat(second.subscribes()).extracting(SubscribeRequest::subscriptionId).containsExactly(4);
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

    private static final class NoEvents implements BrokerEvents {
        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
        }

        @Override
        public void onConnectionLost(Throwable cause) {
        }
    }
}
