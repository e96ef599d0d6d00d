package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.transaction.HeldRecordsResolver;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TxnResolve;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.selector.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored subscription whose cursor lives in its partition's log ({@link ReplicatedCursorStore}) over a real
 * replicated partition with a replica set of one (so it commits alone): dormant until the partition is led here,
 * stopped when it is not, rebuilt from the log when it is led again. Runs on the calling thread.
 */
@Timeout(20)
class ReplicatedSubscriptionTest {
    private static final int NODE = 1;

    @TempDir
    Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> deadLettered = new ArrayList<>();
    /** While set, the dead-letter queue is led by another broker: moving a record there fails. */
    private volatile boolean deadLetterQueueElsewhere;
    private PartitionLog log;
    private Partition partition;
    private int epoch;
    /** The subscriptions' clock; a test that lets time pass sets a {@link ManualClock} before it makes one. */
    private Clock clock = Clock.systemUTC();

    /** A clock that moves only when a test says so. */
    private static final class ManualClock extends Clock {
        private long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void openPartition() throws java.io.IOException {
        log = PartitionLog.open(dir, new TopicPartition("q", 0), LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).build(),
                Clock.systemUTC());
        partition = Partition.follower(log);
        partition.useReplicaSet(new Partition.ReplicaSet(NODE, List.of(NODE)));
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        log.close();
    }

    /** Keeps what it receives and what it is told of lost partitions. */
    static final class LosingSink implements DeliverySink {
        final List<Delivery> received = new ArrayList<>();
        final List<List<Integer>> lost = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        private final String connection;

        LosingSink(String connection) {
            this.connection = connection;
        }

        @Override
        public void deliver(int p, List<Delivery> deliveries) {
            received.addAll(deliveries);
        }

        @Override
        public void partitionsLost(List<Integer> partitions) {
            lost.add(partitions);
        }

        @Override
        public void closed(ErrorCode error, String message) {
            closed.add(error + ": " + message);
        }

        @Override
        public String connectionId() {
            return connection;
        }

        List<String> texts() {
            return received.stream().map(d -> new String(d.record().value(), StandardCharsets.UTF_8)).toList();
        }

        List<Integer> counts() {
            return received.stream().map(Delivery::deliveryCount).toList();
        }
    }

    /** Leads a new epoch and appends a control record of it first, as a takeover does. */
    private void lead() {
        partition.becomeLeader(++epoch);
        partition.append(new RecordBatchBuilder().attributes(RecordBatchLayout.ATTR_CONTROL)
                .append(1000L, "logjms.epoch-start".getBytes(StandardCharsets.UTF_8), null, new byte[4]).build());
    }

    private void follow() {
        partition.becomeFollower(++epoch, partition.highWatermark());
    }

    private void append(String... texts) {
        for (String t : texts) {
            partition.append(new RecordBatchBuilder().append(1000L, null, null, t.getBytes(StandardCharsets.UTF_8))
                    .build());
        }
    }

    /** Appends a record of message group {@code group} (its key, as the client sends a JMSXGroupID). */
    private void appendGrouped(String group, String text) {
        partition.append(new RecordBatchBuilder().append(1000L, group.getBytes(StandardCharsets.UTF_8), null,
                text.getBytes(StandardCharsets.UTF_8)).build());
    }

    private Subscription queue(int maxDeliveries) throws Exception {
        return subscription("queue/q", SubscriptionKind.QUEUE, 0, maxDeliveries);
    }

    private Subscription subscription(String id, SubscriptionKind kind, long incarnation, int maxDeliveries)
            throws Exception {
        Subscription s = new Subscription(id, DestinationId.queue("q"), kind,
                Selector.parse(null), false, List.of(new LogPartitionSource(0, partition)),
                new ReplicatedCursorStore(id, incarnation, Map.of(0, partition), 5000),
                new SubscriptionSettings(maxDeliveries, (r, from, n) -> {
                    if (deadLetterQueueElsewhere) {
                        throw new NotLeaderException(new TopicPartition("queue.DLQ", 0), "the DLQ is led elsewhere");
                    }
                    deadLettered.add(new String(r.value(), StandardCharsets.UTF_8) + "@" + n);
                }, true),
                Runnable::run, timer, clock);
        s.open(StartPosition.EARLIEST, 0);
        partition.addLeadershipListener(p -> s.leadershipChanged(0));
        return s;
    }

    /** The records a sink received, from index {@code from} to {@code to} (exclusive). */
    private static List<RecordRef> refs(LosingSink sink, int from, int to) {
        List<RecordRef> list = new ArrayList<>();
        for (Delivery d : sink.received.subList(from, to)) {
            list.add(new RecordRef(0, d.offset()));
        }
        return list;
    }

    @Test
    void aPartitionIsServedOnlyWhileLedAndContinuesFromItsLogWhenLedAgain() throws Exception {
        lead();
        append("a", "b", "c", "d", "e");
        Subscription queue = queue(10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        assertThat(queue.attach(consumer).join()).containsOnlyKeys(0);
        assertThat(sink.texts()).containsExactly("a", "b", "c", "d", "e");
        assertThat(sink.counts()).containsOnly(1);
        queue.ack(consumer, refs(sink, 0, 2), true).join();

        follow();
        assertThat(sink.lost).as("the consumer is told").containsExactly(List.of(0));
        assertThat(log.logEndOffset()).as("the cursor's entries are in the partition's log").isGreaterThan(6);
        assertThatThrownBy(() -> queue.ack(consumer, refs(sink, 2, 3), true).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NotLeaderException.class);
        assertThat(queue.positions().join()).as("nothing served here").isEmpty();
        queue.detach(consumer).join();
        LosingSink other = new LosingSink("c2");
        assertThatThrownBy(() -> queue.attach(new SubscriptionConsumer(other, null, 10, Set.of(0))).join())
                .hasCauseInstanceOf(NotLeaderException.class);

        lead();
        SubscriptionConsumer again = new SubscriptionConsumer(other, null, 100, Set.of(0));
        assertThat(queue.attach(again).join()).containsEntry(0, sink.received.get(2).offset());
        assertThat(other.texts()).as("exactly what was not acknowledged").containsExactly("c", "d", "e");
        assertThat(other.counts()).as("counted as delivered before").containsOnly(2);
        queue.ack(again, refs(other, 0, 3), true).join();
        append("f");
        queue.wakeup();
        assertThat(other.texts()).containsExactly("c", "d", "e", "f");
        assertThat(other.counts().get(3)).as("a record written after the takeover was never delivered").isEqualTo(1);
    }

    @Test
    void deliveryCountsAndDeadLetteringCountAcrossLeaderChanges() throws Exception {
        lead();
        append("poison");
        Subscription queue = queue(3);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        queue.attach(consumer).join();
        follow();
        lead();
        assertThat(sink.counts()).as("in flight when the leader changed: delivered again").containsExactly(1, 2);
        queue.release(consumer, refs(sink, 0, 1), true).join(); // rolled back: delivered again at once
        assertThat(sink.counts()).containsExactly(1, 2, 3);
        follow();
        lead();
        assertThat(deadLettered).as("the fourth delivery goes to the dead-letter queue").containsExactly("poison@3");
        assertThat(sink.received).hasSize(3);
        follow();
        lead();
        assertThat(deadLettered).as("once").hasSize(1);
        assertThat(sink.received).as("never again").hasSize(3);
    }

    @Test
    void aConsumerCanMoveToOtherPartitionsAndIsRefusedOnesNotLedHere() throws Exception {
        lead();
        append("a", "b");
        Subscription queue = queue(10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100, Set.of(0));
        queue.attach(consumer).join();
        assertThat(sink.texts()).containsExactly("a", "b");
        assertThat(queue.replacePartitions(consumer, Set.of()).join()).as("covers nothing").isEmpty();
        LosingSink second = new LosingSink("c2");
        queue.attach(new SubscriptionConsumer(second, null, 100, Set.of(0))).join();
        assertThat(second.texts()).as("what the first gave back").containsExactly("a", "b");
        assertThat(second.counts()).containsOnly(2);
        assertThatThrownBy(() -> queue.replacePartitions(consumer, Set.of(1)).join())
                .hasCauseInstanceOf(SubscriptionException.class).hasMessageContaining("no partition 1");
        follow();
        assertThatThrownBy(() -> queue.replacePartitions(consumer, Set.of(0)).join())
                .hasCauseInstanceOf(NotLeaderException.class);
    }

    @Test
    void aDurableSubscriptionMadeAgainIgnoresTheEntriesOfItsEarlierIncarnation() throws Exception {
        lead();
        append("a", "b", "c");
        Subscription first = subscription("durable/client/d", SubscriptionKind.DURABLE, 1, 10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        first.attach(consumer).join();
        first.ack(consumer, refs(sink, 0, 2), true).join();
        first.close(null, null, true).join();

        Subscription same = subscription("durable/client/d", SubscriptionKind.DURABLE, 1, 10);
        LosingSink continued = new LosingSink("c2");
        same.attach(new SubscriptionConsumer(continued, null, 100)).join();
        assertThat(continued.texts()).as("the same incarnation continues").containsExactly("c");
        same.close(null, null, false).join();

        Subscription again = subscription("durable/client/d", SubscriptionKind.DURABLE, 2, 10);
        LosingSink fresh = new LosingSink("c3");
        again.attach(new SubscriptionConsumer(fresh, null, 100)).join();
        assertThat(fresh.texts()).as("a new incarnation starts over").containsExactly("a", "b", "c");
        assertThat(fresh.counts()).containsOnly(1);
    }

    @Test
    void aRecordThatCannotBeDeadLetteredYetWaitsWithoutStoppingTheOthers() throws Exception {
        lead();
        append("poison", "fine");
        Subscription queue = queue(1);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 1);
        queue.attach(consumer).join();
        assertThat(sink.texts()).containsExactly("poison");
        deadLetterQueueElsewhere = true;
        queue.release(consumer, refs(sink, 0, 1), true).join();
        queue.credit(consumer, 10);
        assertThat(sink.closed).as("the consumer stays").isEmpty();
        assertThat(sink.texts()).as("the records behind it still go").containsExactly("poison", "fine");
        assertThat(deadLettered).isEmpty();

        deadLetterQueueElsewhere = false;
        queue.wakeup();
        assertThat(deadLettered).as("moved once it can be").containsExactly("poison@1");
        assertThat(sink.closed).isEmpty();
    }

    @Test
    void recordsHeldForATransactionStayOutOfReachOfRedeliveryAcrossADetachAndLeaderChangesUntilApplied()
            throws Exception {
        TransactionId txn = new TransactionId(3, 5);
        lead();
        append("a", "b", "c");
        Subscription queue = queue(10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        queue.attach(consumer).join();
        assertThat(queue.holdForTransaction(txn, refs(sink, 0, 2)).join()).as("nothing missing").isEmpty();
        assertThat(queue.holdForTransaction(txn, refs(sink, 0, 2)).join()).as("held already: a retry").isEmpty();
        assertThat(queue.holdForTransaction(new TransactionId(9, 9), refs(sink, 0, 1)).join())
                .as("another transaction cannot take a held record").isEqualTo(refs(sink, 0, 1));

        queue.detach(consumer).join(); // as when its connection is lost
        LosingSink second = new LosingSink("c2");
        SubscriptionConsumer other = new SubscriptionConsumer(second, null, 100);
        queue.attach(other).join();
        assertThat(second.texts()).as("only what was not held").containsExactly("c");
        queue.ack(other, refs(second, 0, 1), true).join();
        follow();
        lead();
        queue.wakeup();
        assertThat(second.texts()).as("the new leader holds them too").containsExactly("c");
        Map<TransactionId, List<RecordRef>> held = queue.heldForTransactions(0).join();
        assertThat(held).containsOnlyKeys(txn);
        assertThat(held.get(txn)).containsExactlyInAnyOrderElementsOf(refs(sink, 0, 2));
        assertThat(queue.heldForTransactions(60_000).join()).as("not held that long").isEmpty();

        queue.ackForTransaction(refs(sink, 0, 2)).join(); // the decided transaction is applied
        assertThat(queue.heldForTransactions(0).join()).isEmpty();
        follow();
        lead();
        queue.wakeup();
        assertThat(second.texts()).as("done for good").containsExactly("c");
        assertThat(sink.texts()).containsExactly("a", "b", "c");
    }

    @Test
    void recordsOfATransactionGivenUpGoBackCountedAsDelivered() throws Exception {
        TransactionId txn = new TransactionId(4, 6);
        lead();
        append("a");
        Subscription queue = queue(10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        queue.attach(consumer).join();
        assertThat(queue.holdForTransaction(txn, refs(sink, 0, 1)).join()).isEmpty();
        queue.release(consumer, refs(sink, 0, 1), true).join(); // the session's own give-back: not its record now
        assertThat(sink.texts()).containsExactly("a");
        follow();
        lead();
        queue.wakeup();
        assertThat(sink.texts()).as("held at the new leader").containsExactly("a");

        queue.releaseForTransaction(new TransactionId(1, 1), refs(sink, 0, 1)).join();
        assertThat(sink.texts()).as("another transaction cannot give it back").containsExactly("a");
        queue.releaseForTransaction(txn, refs(sink, 0, 1)).join();
        assertThat(sink.texts()).containsExactly("a", "a");
        assertThat(sink.counts()).as("delivered again, counted").containsExactly(1, 2);
        follow();
        lead();
        assertThat(sink.counts()).as("the hold is gone from the log too").containsExactly(1, 2, 3);
    }

    @Test
    void aSnapshotOfTheCursorKeepsItsHolds() {
        TransactionId txn = new TransactionId(1, 2);
        lead();
        append("a", "b", "c");
        ReplicatedCursorStore store = new ReplicatedCursorStore("queue/q", 0, Map.of(0, partition), 5000);
        store.hold(0, txn, new long[] {1, 2}, 2, true);
        store.commit();
        CursorJournal.PartitionState state = store.rebuild(0);
        assertThat(state.holds).isEqualTo(Map.of(1L, txn, 2L, txn));

        state.ack(2);
        assertThat(state.holds).as("an acknowledgement ends a hold").isEqualTo(Map.of(1L, txn));
        store.compact(Map.of(0, state));
        store.commit();
        assertThat(store.rebuild(0).holds).as("after the snapshot").isEqualTo(Map.of(1L, txn));
        store.hold(0, txn, new long[] {1}, 1, false);
        store.commit();
        assertThat(store.rebuild(0).holds).as("given back").isEmpty();
    }

    @Test
    void aDurableSubscriptionStartingAtLatestStartsAtItsCreationWhicheverBrokerFirstServesItAndWhen()
            throws Exception {
        lead();
        append("before"); // stamped 1000
        for (String t : List.of("after-1", "after-2")) { // sent after the subscription was made, at 5000
            partition.append(new RecordBatchBuilder().append(6000L, null, null, t.getBytes(StandardCharsets.UTF_8))
                    .build());
        }
        // made on another broker at 5000; this broker, which leads the partition, serves it only now
        Subscription durable = new Subscription("durable/c/late", DestinationId.topic("q"), SubscriptionKind.DURABLE,
                Selector.parse(null), false, List.of(new LogPartitionSource(0, partition)),
                new ReplicatedCursorStore("durable/c/late", 5000, Map.of(0, partition), 5000),
                new SubscriptionSettings(10, (r, from, n) -> { }, true), Runnable::run, timer, Clock.systemUTC());
        durable.open(StartPosition.LATEST, 0);
        LosingSink sink = new LosingSink("c1");
        durable.attach(new SubscriptionConsumer(sink, null, 100)).join();
        assertThat(sink.texts()).as("what was sent after its creation, not before").containsExactly("after-1",
                "after-2");
    }

    @Test
    void aTransactionHoldingRecordsPastTheHoldTimeoutIsAskedAboutAndItsRecordsDoneOrGivenBack() throws Exception {
        TransactionId aborted = new TransactionId(1, 1);
        TransactionId completed = new TransactionId(2, 2);
        lead();
        append("a", "b");
        Subscription queue = queue(10);
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        queue.attach(consumer).join();
        assertThat(queue.holdForTransaction(aborted, refs(sink, 0, 1)).join()).isEmpty();
        assertThat(queue.holdForTransaction(completed, refs(sink, 1, 2)).join()).isEmpty();
        queue.detach(consumer).join();
        LosingSink second = new LosingSink("c2");
        queue.attach(new SubscriptionConsumer(second, null, 100)).join();
        List<TransactionId> asked = new ArrayList<>();
        HeldRecordsResolver.Coordinators coordinators = id -> {
            asked.add(id);
            return CompletableFuture.completedFuture(id.equals(aborted) ? TxnResolve.Outcome.ABORTED
                    : TxnResolve.Outcome.COMPLETED);
        };

        new HeldRecordsResolver(() -> List.of(queue), coordinators, 60_000).tick();
        assertThat(asked).as("not held that long yet").isEmpty();
        new HeldRecordsResolver(() -> List.of(queue), coordinators, 0).tick();
        assertThat(asked).containsExactlyInAnyOrder(aborted, completed);
        assertThat(second.texts()).as("the aborted transaction's record, given back").containsExactly("a");
        assertThat(second.counts()).containsExactly(2);
        assertThat(queue.heldForTransactions(0).join()).isEmpty();
        follow();
        lead();
        assertThat(second.texts()).as("the completed one's is done").containsExactly("a", "a");
    }

    @Test
    void aMessageGroupStaysWithItsConsumerAcrossALeaderChange() throws Exception {
        lead();
        appendGrouped("a", "a1");
        appendGrouped("b", "b1");
        Subscription queue = queue(10);
        LosingSink firstX = new LosingSink("c1");
        SubscriptionConsumer x = new SubscriptionConsumer("client/1", firstX, null, 1, Set.of(0));
        queue.attach(x).join();
        LosingSink firstY = new LosingSink("c1");
        SubscriptionConsumer y = new SubscriptionConsumer("client/2", firstY, null, 100, Set.of(0));
        queue.attach(y).join();
        assertThat(firstX.texts()).containsExactly("a1");
        assertThat(firstY.texts()).containsExactly("b1");
        queue.ack(y, refs(firstY, 0, 1), true).join(); // a1 stays in flight

        follow();
        queue.detach(x).join(); // the client takes both consumers to the new leader
        queue.detach(y).join();
        lead();
        appendGrouped("a", "a2");
        appendGrouped("b", "b2");
        LosingSink backY = new LosingSink("c2");
        SubscriptionConsumer y2 = new SubscriptionConsumer("client/2", backY, null, 100, Set.of(0));
        queue.attach(y2).join();
        assertThat(backY.texts()).as("its own group; the other one waits for its consumer").containsExactly("b2");
        LosingSink backX = new LosingSink("c2");
        SubscriptionConsumer x2 = new SubscriptionConsumer("client/1", backX, null, 100, Set.of(0));
        queue.attach(x2).join();
        assertThat(backX.texts()).as("its group, what it had in flight first").containsExactly("a1", "a2");
        assertThat(backX.counts()).containsExactly(2, 1);

        queue.ack(x2, refs(backX, 0, 2), true).join();
        queue.detach(x2).join(); // closed: its group moves on, as on one broker
        appendGrouped("a", "a3");
        queue.wakeup();
        assertThat(backY.texts()).containsExactly("b2", "a3");

        follow();
        queue.detach(y2).join();
        lead();
        LosingSink third = new LosingSink("c3");
        queue.attach(new SubscriptionConsumer("client/3", third, null, 100, Set.of(0))).join();
        assertThat(third.texts()).as("both groups wait for their owner of the log, client/2").isEmpty();
    }

    @Test
    void aGroupWhoseConsumerIsNotBackWhenTheWaitEndsMovesOn() throws Exception {
        ManualClock manual = new ManualClock(1_000_000);
        clock = manual;
        lead();
        appendGrouped("a", "a1");
        Subscription queue = queue(10);
        LosingSink gone = new LosingSink("c1");
        SubscriptionConsumer x = new SubscriptionConsumer("client/1", gone, null, 100, Set.of(0));
        queue.attach(x).join();
        queue.ack(x, refs(gone, 0, 1), true).join();
        follow();
        queue.detach(x).join();
        lead();
        appendGrouped("a", "a2");
        LosingSink other = new LosingSink("c2");
        SubscriptionConsumer y = new SubscriptionConsumer("client/2", other, null, 100, Set.of(0));
        queue.attach(y).join();
        manual.advance(SubscriptionSettings.DEFAULT_GROUP_WAIT_MS - 1);
        queue.wakeup();
        assertThat(other.texts()).as("waits for its consumer").isEmpty();
        manual.advance(1);
        queue.wakeup();
        assertThat(other.texts()).as("its consumer did not come back in time").containsExactly("a2");

        follow();
        queue.detach(y).join();
        lead();
        LosingSink late = new LosingSink("c3");
        queue.attach(new SubscriptionConsumer("client/1", late, null, 100, Set.of(0))).join();
        assertThat(late.texts()).as("the group moved for good: the log names its new consumer").isEmpty();
    }
}
