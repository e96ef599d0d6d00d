package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProduceRouterTest {
    private static final DestinationId TOPIC = DestinationId.topic("orders");

    /** A broker as the router sees it: every batch it was sent, each with its unanswered future. */
    private static final class FakeLeader implements ProduceRouter.Target {
        final String name;
        final List<OutgoingBatch> received = new ArrayList<>();
        final List<CompletableFuture<ProduceResponse>> answers = new ArrayList<>();

        FakeLeader(String name) {
            this.name = name;
        }

        @Override
        public synchronized CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
            received.add(batch);
            CompletableFuture<ProduceResponse> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        void accept(int i) {
            answers.get(i).complete(new ProduceResponse(i, i, 0));
        }

        void refuse(int i, Throwable error) {
            answers.get(i).completeExceptionally(error);
        }
    }

    /** The cluster as the router sees it: who leads now, and how often it was asked again. */
    private static final class FakeRoutes implements ProduceRouter.Routes {
        volatile ProduceRouter.Target leader;
        volatile ProduceRouter.Target afterRefresh;
        int refreshes;
        int lookups;

        @Override
        public CompletableFuture<ProduceRouter.Target> leaderOf(DestinationId destination, int partition) {
            lookups++;
            return leader == null ? CompletableFuture.failedFuture(new NoLeaderException("partition " + partition
                    + " has no leader now")) : CompletableFuture.completedFuture(leader);
        }

        @Override
        public CompletableFuture<Void> refresh(DestinationId destination) {
            refreshes++;
            if (afterRefresh != null) {
                leader = afterRefresh;
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    private final ManualReconnectScheduler scheduler = new ManualReconnectScheduler();
    private final FakeRoutes routes = new FakeRoutes();
    private final ProduceRouter router = new ProduceRouter(routes, new ReconnectBackoff(Duration.ofSeconds(5)),
            scheduler);

    private static OutgoingBatch batch(int partition, int marker) {
        return new OutgoingBatch(TOPIC, partition, ByteBuffer.wrap(new byte[] {(byte) marker}), 1);
    }

    private static ProtocolErrorException notLeader() {
        return new ProtocolErrorException(ErrorCode.NOT_LEADER, "node 1 does not lead partition 0");
    }

    @Test
    void batchesGoToTheLeaderInOrderAndCompleteWithItsAnswer() throws Exception {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        CompletableFuture<ProduceResponse> first = router.produce(batch(0, 1));
        CompletableFuture<ProduceResponse> second = router.produce(batch(0, 2));

        assertThat(a.received).extracting(b -> b.batch().get(0)).containsExactly((byte) 1, (byte) 2);
        a.accept(0);
        a.accept(1);
        assertThat(first.get().baseOffset()).isZero();
        assertThat(second.get().baseOffset()).isOne();
        assertThat(routes.lookups).as("the leader is looked up once while it takes batches").isEqualTo(1);
        assertThat(routes.refreshes).isZero();
    }

    @Test
    void notLeaderWaitsForEveryBatchInFlightThenResendsThemInOrderToTheNewLeader() throws Exception {
        FakeLeader a = new FakeLeader("a");
        FakeLeader b = new FakeLeader("b");
        routes.leader = a;
        CompletableFuture<ProduceResponse> first = router.produce(batch(0, 1));
        CompletableFuture<ProduceResponse> second = router.produce(batch(0, 2));
        routes.afterRefresh = b;

        a.refuse(0, notLeader());
        scheduler.runDue();
        assertThat(b.received).as("nothing is resent while a batch sent before is unanswered").isEmpty();
        CompletableFuture<ProduceResponse> third = router.produce(batch(0, 3));
        assertThat(a.received).as("a batch sent meanwhile waits").hasSize(2);

        a.refuse(1, notLeader());
        scheduler.runDue();
        assertThat(routes.refreshes).isEqualTo(1);
        assertThat(b.received).as("same batches (same bytes), original order, then the new one")
                .extracting(x -> x.batch().get(0)).containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(b.received.get(0)).isSameAs(a.received.get(0));
        b.accept(0);
        b.accept(1);
        b.accept(2);
        assertThat(first.get().baseOffset()).isZero();
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
    }

    @Test
    void aSequenceGapBehindABatchTheLeaderCouldNotTakeYetIsSentAgainAfterIt() throws Exception {
        // a new leader refuses the first resent batch while it still takes over, and has taken over when the
        // second arrives: the second is out of order only because the first is not stored yet
        FakeLeader b = new FakeLeader("b");
        routes.leader = b;
        CompletableFuture<ProduceResponse> first = router.produce(batch(0, 1));
        CompletableFuture<ProduceResponse> second = router.produce(batch(0, 2));

        b.refuse(0, new ProtocolErrorException(ErrorCode.LEADER_NOT_AVAILABLE, "node 2 is still taking over"));
        b.refuse(1, new ProtocolErrorException(ErrorCode.OUT_OF_ORDER_SEQUENCE, "expected sequence 0, got 1"));
        scheduler.runDue();

        assertThat(second).as("not the application's error: the batch before it is sent again first").isNotDone();
        assertThat(b.received).extracting(x -> x.batch().get(0)).containsExactly((byte) 1, (byte) 2, (byte) 1,
                (byte) 2);
        b.accept(2);
        b.accept(3);
        assertThat(first).isCompleted();
        assertThat(second.get().baseOffset()).isEqualTo(3);
    }

    @Test
    void aSequenceGapAtTheHeadOfTheLaneIsTheApplicationsError() {
        FakeLeader b = new FakeLeader("b");
        routes.leader = b;
        CompletableFuture<ProduceResponse> first = router.produce(batch(0, 1));

        b.refuse(0, new ProtocolErrorException(ErrorCode.OUT_OF_ORDER_SEQUENCE, "expected sequence 0, got 7"));
        scheduler.runDue();

        assertThat(first).isCompletedExceptionally();
        assertThat(b.received).hasSize(1);
    }

    @Test
    void aLostConnectionOrATimeoutIsFollowedLikeNotLeader() throws Exception {
        FakeLeader a = new FakeLeader("a");
        FakeLeader b = new FakeLeader("b");
        routes.leader = a;
        CompletableFuture<ProduceResponse> first = router.produce(batch(0, 1));
        CompletableFuture<ProduceResponse> second = router.produce(batch(0, 2));
        routes.afterRefresh = b;
        a.refuse(0, new ConnectionLostException("connection reset", null));
        a.refuse(1, new java.util.concurrent.TimeoutException("no answer within 30000 ms"));
        scheduler.runDue();

        assertThat(b.received).hasSize(2);
        b.accept(0);
        b.accept(1);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void noLeaderIsAskedForAgainWithBackOffUntilOneIsElected() throws Exception {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        CompletableFuture<ProduceResponse> sent = router.produce(batch(0, 1));
        routes.leader = null;
        a.refuse(0, notLeader());
        scheduler.runDue();
        scheduler.advance(100);
        scheduler.advance(200);
        assertThat(sent).isNotDone();
        assertThat(scheduler.scheduledDelays()).as("bounded back-off between refreshes").contains(0L, 100L, 200L);

        FakeLeader c = new FakeLeader("c");
        routes.afterRefresh = c;
        scheduler.advance(400);
        assertThat(c.received).hasSize(1);
        c.accept(0);
        assertThat(sent.get()).isNotNull();
    }

    @Test
    void failsAfterReconnectTimeoutNamingThePartitionAndTheLastError() {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        CompletableFuture<ProduceResponse> sent = router.produce(batch(3, 1));
        routes.afterRefresh = a;
        a.refuse(0, notLeader());
        for (int i = 0; i < 20 && !sent.isDone(); i++) {
            scheduler.advance(1000);
            for (int j = 1; j < a.answers.size(); j++) {
                if (!a.answers.get(j).isDone()) {
                    a.refuse(j, notLeader());
                }
            }
        }
        scheduler.advance(1000);
        assertThat(sent).isCompletedExceptionally();
        Throwable failure = causeOf(sent);
        assertThat(failure).isInstanceOf(PartitionUnavailableException.class)
                .hasMessageContaining("partition 3 of")
                .hasMessageContaining("orders")
                .hasMessageContaining("within reconnectTimeout (5000 ms)")
                .hasMessageContaining("NOT_LEADER");
        assertThat(scheduler.nowMillis()).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void anErrorOfTheBatchItselfFailsItAtOnceWithoutRefresh() {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        CompletableFuture<ProduceResponse> sent = router.produce(batch(0, 1));
        a.refuse(0, new ProtocolErrorException(ErrorCode.BATCH_TOO_LARGE, "too large"));
        assertThat(causeOf(sent)).isInstanceOf(ProtocolErrorException.class).hasMessageContaining("BATCH_TOO_LARGE");
        assertThat(routes.refreshes).isZero();
    }

    @Test
    void aLeaderConnectionThatRefusesAtOnceWhileReconnectingIsRetried() throws Exception {
        AtomicRefusals refusing = new AtomicRefusals(2);
        routes.leader = refusing;
        routes.afterRefresh = refusing;
        CompletableFuture<ProduceResponse> sent = router.produce(batch(0, 1));
        scheduler.runDue();
        scheduler.advance(100);
        scheduler.advance(200);
        assertThat(refusing.attempts).as("refused twice at once, accepted the third time").isEqualTo(3);
        assertThat(sent.get().baseOffset()).isEqualTo(7);
    }

    /** A connection that refuses the first sends at once (as one that is reconnecting does), then accepts. */
    private static final class AtomicRefusals implements ProduceRouter.Target {
        private int refusals;
        int attempts;

        AtomicRefusals(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public synchronized CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
            attempts++;
            if (refusals-- > 0) {
                return CompletableFuture.failedFuture(new ConnectionLostException("reconnecting", null));
            }
            return CompletableFuture.completedFuture(new ProduceResponse(7, 7, 0));
        }
    }

    @Test
    void onceStoppedABatchWhoseLeaderFailsFailsWithThatErrorInsteadOfWaitingOutTheTimeout() {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        routes.afterRefresh = a;
        CompletableFuture<ProduceResponse> sent = router.produce(batch(0, 1));
        a.refuse(0, new ConnectionLostException("connection reset", null));
        router.stop();
        scheduler.runDue();
        scheduler.runDue();
        assertThat(causeOf(sent)).isInstanceOf(ConnectionLostException.class).hasMessageContaining("connection reset");
        assertThat(scheduler.nowMillis()).as("no time passed").isZero();
    }

    @Test
    void partitionsAreIndependent() {
        FakeLeader a = new FakeLeader("a");
        routes.leader = a;
        router.produce(batch(0, 1));
        a.refuse(0, notLeader());
        CompletableFuture<ProduceResponse> other = router.produce(batch(1, 2));
        assertThat(a.received).as("partition 1 is not held up by partition 0's leader change").hasSize(2);
        a.accept(1);
        assertThat(other).isCompleted();
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
}
