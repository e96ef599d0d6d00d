package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.ManualClock;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TxnResolve;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator's state machine over an in-memory transaction log and participants: check, decision (PREPARE
 * committed), apply, COMPLETE; a refusal before the decision; a retried commit answered from the log; a new leader
 * finishing a decided transaction; failed applies sent again to the leader of the moment; the records held for a
 * refused transaction given back; a transaction neither decided nor running aborted when a participant asks.
 */
@Timeout(20)
class CrossBrokerCoordinatorTest {
    private static final DestinationId ORDERS = DestinationId.queue("orders");
    private static final DestinationId AUDIT = DestinationId.topic("audit");
    private static final TransactionId ID = new TransactionId(7, 11);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final MemoryLog log = new MemoryLog();
    private final ManualClock clock = new ManualClock(1_000_000);
    private final MemoryParticipants participants = new MemoryParticipants();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private CrossBrokerCoordinator coordinator(CrossBrokerCoordinator.DecisionHook hook) {
        return new CrossBrokerCoordinator(log, participants, executor, hook, Duration.ofMillis(1), Duration.ofMillis(5),
                clock);
    }

    /** A coordinator that leads every partition of the log in epoch 1 and has read them. */
    private CrossBrokerCoordinator leading() throws Exception {
        log.epoch = OptionalInt.of(1);
        CrossBrokerCoordinator c = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(c::tick).get();
        return c;
    }

    private static TxnPart.Produce batch(DestinationId d, int partition, long producerId, int sequence) {
        return new TxnPart.Produce(d, partition, new RecordBatchBuilder().producer(producerId, (short) 0, sequence)
                .append(1L, null, null, ("m" + sequence).getBytes(StandardCharsets.UTF_8)).build());
    }

    /** Sends to orders/0 (node 1) and audit/1 (node 2) and acknowledges orders/0 offset 4 (node 1). */
    private static TxnPart twoBrokers() {
        return new TxnPart(List.of(batch(ORDERS, 0, 500, 0), batch(AUDIT, 1, 500, 0)),
                List.of(new TxnPart.Ack("queue/orders", ORDERS, List.of(new RecordRef(0, 4)))));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static ErrorCode failureCode(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransactionException.class);
            return ((TransactionException) e.getCause()).error();
        }
    }

    @Test
    void checksThenDecidesThenAppliesEachShareAtItsLeaderThenCompletes() throws Exception {
        CrossBrokerCoordinator c = leading();
        List<ProduceResponse> results = await(c.commit(ID, twoBrokers()));

        assertThat(results).containsExactly(new ProduceResponse(100, 100, 1), new ProduceResponse(200, 200, 2));
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        assertThat(log.entries(lp)).hasSize(2);
        assertThat(log.entries(lp).get(0)).isInstanceOf(TxnLogEntry.Prepare.class);
        assertThat(log.entries(lp).get(1)).isEqualTo(new TxnLogEntry.Complete(ID, results));
        assertThat(events).containsExactly("check 1", "check 2", "append PREPARE", "apply 1", "apply 2",
                "append COMPLETE");
        TxnPart share1 = participants.applied.get(1).get(0);
        assertThat(share1.produces()).extracting(TxnPart.Produce::destination).containsExactly(ORDERS);
        assertThat(share1.acks()).containsExactly(new TxnPart.Ack("queue/orders", ORDERS, List.of(new RecordRef(0, 4))));
        TxnPart share2 = participants.applied.get(2).get(0);
        assertThat(share2.produces()).extracting(TxnPart.Produce::destination).containsExactly(AUDIT);
        assertThat(share2.acks()).isEmpty();
        assertThat(RecordBatch.of(share2.produces().get(0).batch().duplicate()).isTransactional())
                .as("the batches are applied marked transactional").isTrue();
    }

    @Test
    void aShareRefusedBeforeTheDecisionLeavesNothingWritten() throws Exception {
        CrossBrokerCoordinator c = leading();
        participants.refuseCheck.put(2, ErrorCode.OUT_OF_ORDER_SEQUENCE);

        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE);
        assertThat(log.entries(ID.logPartition(MemoryLog.PARTITIONS))).isEmpty();
        assertThat(participants.applied).isEmpty();
    }

    @Test
    void aCommitRefusedForGoodHasTheHeldRecordsGivenBackBeforeItIsAnswered() throws Exception {
        CrossBrokerCoordinator c = leading();
        participants.refuseCheck.put(2, ErrorCode.TRANSACTION_ABORTED);

        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.TRANSACTION_ABORTED);
        assertThat(events).containsExactly("check 1", "check 2", "release 1");
        assertThat(participants.released.get(1)).as("the acknowledgements name the held records")
                .containsExactly(new TxnPart(List.of(), List.of(new TxnPart.Ack("queue/orders", ORDERS,
                        List.of(new RecordRef(0, 4))))));
        assertThat(log.entries(ID.logPartition(MemoryLog.PARTITIONS))).isEmpty();
    }

    @Test
    void aCommitRefusedRetriablyKeepsTheHoldsForTheClientsRetry() throws Exception {
        CrossBrokerCoordinator c = leading();
        participants.refuseCheck.put(2, ErrorCode.NOT_LEADER);

        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.NOT_LEADER);
        participants.refuseCheck.clear();
        assertThat(await(c.commit(ID, twoBrokers()))).hasSize(2);
        assertThat(events).doesNotContain("release 1", "release 2");
    }

    @Test
    void askingAboutATransactionNeitherDecidedNorRunningAbortsItForGood() throws Exception {
        CrossBrokerCoordinator c = leading();
        int lp = ID.logPartition(MemoryLog.PARTITIONS);

        assertThat(await(c.resolve(ID))).isEqualTo(TxnResolve.Outcome.ABORTED);
        assertThat(log.entries(lp)).containsExactly(new TxnLogEntry.Abort(ID));
        assertThat(failureCode(c.commit(ID, twoBrokers()))).as("a late commit of it")
                .isEqualTo(ErrorCode.TRANSACTION_ABORTED);
        assertThat(events).noneMatch(e -> e.startsWith("check"));

        // the next coordinator reads the abort from the log
        log.epoch = OptionalInt.of(2);
        CrossBrokerCoordinator next = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(next::tick).get();
        assertThat(await(next.resolve(ID))).isEqualTo(TxnResolve.Outcome.ABORTED);
        assertThat(failureCode(next.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.TRANSACTION_ABORTED);
        assertThat(log.entries(lp)).hasSize(1);
    }

    @Test
    void aDecidedTransactionIsPendingUntilAppliedThenCompleted() throws Exception {
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        log.committed(lp, new TxnLogEntry.Prepare(ID, CrossBrokerCoordinator.prepare(twoBrokers())));
        log.epoch = OptionalInt.of(1);
        participants.failApplies.put(2, 1_000_000); // node 2 unreachable for now
        CrossBrokerCoordinator c = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(c::tick).get();

        assertThat(await(c.resolve(ID))).as("decided, being applied").isEqualTo(TxnResolve.Outcome.PENDING);
        participants.failApplies.put(2, 0);
        log.awaitEntries(lp, 2);
        org.awaitility.Awaitility.await("completed once the COMPLETE entry is read back").atMost(Duration.ofSeconds(10))
                .until(() -> c.resolve(ID).get(10, TimeUnit.SECONDS) == TxnResolve.Outcome.COMPLETED);
        assertThat(log.entries(lp)).noneMatch(e -> e instanceof TxnLogEntry.Abort);
    }

    @Test
    void aRetriedCommitIsAnsweredFromTheLogAndAppliedOnce() throws Exception {
        CrossBrokerCoordinator c = leading();
        List<ProduceResponse> first = await(c.commit(ID, twoBrokers()));

        assertThat(await(c.commit(ID, twoBrokers()))).isEqualTo(first);
        assertThat(participants.applied.get(1)).hasSize(1);
        assertThat(participants.applied.get(2)).hasSize(1);
        assertThat(log.entries(ID.logPartition(MemoryLog.PARTITIONS))).hasSize(2);

        // a new leader of the partition, reading the log, answers the same
        CrossBrokerCoordinator next = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        log.epoch = OptionalInt.of(2);
        executor.submit(next::tick).get();
        assertThat(await(next.commit(ID, twoBrokers()))).isEqualTo(first);
        assertThat(participants.applied.get(1)).hasSize(1);
    }

    @Test
    void aNewLeaderFinishesATransactionDecidedAndNotComplete() throws Exception {
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        TxnPart decided = CrossBrokerCoordinator.prepare(twoBrokers());
        log.committed(lp, new TxnLogEntry.Prepare(ID, decided)); // an earlier coordinator died after the decision
        log.epoch = OptionalInt.of(3);
        CrossBrokerCoordinator c = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);

        executor.submit(c::tick).get();
        log.awaitEntries(lp, 2);

        assertThat(log.entries(lp).get(1)).isInstanceOf(TxnLogEntry.Complete.class);
        assertThat(participants.applied.get(1)).hasSize(1);
        assertThat(participants.applied.get(2)).hasSize(1);
        assertThat(events).noneMatch(e -> e.startsWith("check")).doesNotContain("append PREPARE");
        assertThat(await(c.commit(ID, twoBrokers()))).as("the client's retry, answered from the log")
                .containsExactly(new ProduceResponse(100, 100, 1), new ProduceResponse(200, 200, 2));
        assertThat(participants.applied.get(1)).hasSize(1);
    }

    @Test
    void aFailedApplyIsSentAgainToTheLeaderOfTheMoment() throws Exception {
        CrossBrokerCoordinator c = leading();
        participants.failApplies.put(2, 1);
        participants.onApplyFailure = () -> participants.leaders.put(AUDIT, 3); // audit's leader moved to node 3

        List<ProduceResponse> results = await(c.commit(ID, twoBrokers()));

        assertThat(results.get(1)).isEqualTo(new ProduceResponse(300, 300, 3));
        assertThat(participants.applied.get(2)).as("the failed attempt is not counted").isNullOrEmpty();
        assertThat(participants.applied.get(3)).hasSize(1);
        assertThat(participants.applied.get(1)).as("applying again is harmless; here it happened twice").hasSize(2);
    }

    @Test
    void theDecisionHookRunsOnceThePrepareIsCommittedAndBeforeAnythingIsApplied() throws Exception {
        log.epoch = OptionalInt.of(1);
        List<String> seen = new ArrayList<>();
        CrossBrokerCoordinator c = coordinator((id, part) -> {
            seen.add("entries=" + log.entries(id.logPartition(MemoryLog.PARTITIONS)).size() + " applied="
                    + participants.applied.size());
        });
        executor.submit(c::tick).get();
        await(c.commit(ID, twoBrokers()));
        assertThat(seen).containsExactly("entries=1 applied=0");
    }

    @Test
    void aBrokerThatDoesNotLeadTheLogPartitionOrHasNotReadItRefusesRetriably() throws Exception {
        CrossBrokerCoordinator c = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.NOT_LEADER);
        log.epoch = OptionalInt.of(1);
        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE);
        executor.submit(c::tick).get();
        assertThat(await(c.commit(ID, twoBrokers()))).hasSize(2);
    }

    @Test
    void aCoordinatorThatLosesTheLogPartitionAfterTheDecisionSaysInProgressAndTheNextOneFinishes() throws Exception {
        CrossBrokerCoordinator c = leading();
        participants.failApplies.put(2, 1);
        participants.onApplyFailure = () -> log.epoch = OptionalInt.empty(); // deposed meanwhile

        assertThat(failureCode(c.commit(ID, twoBrokers()))).isEqualTo(ErrorCode.TRANSACTION_IN_PROGRESS);
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        assertThat(log.entries(lp)).hasSize(1);

        log.epoch = OptionalInt.of(2);
        CrossBrokerCoordinator next = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(next::tick).get();
        log.awaitEntries(lp, 2);
        assertThat(await(next.commit(ID, twoBrokers()))).hasSize(2);
        assertThat(participants.applied.get(2)).hasSize(1);
    }

    @Test
    void aBatchWithoutProducerIdIsRefused() {
        TxnPart part = new TxnPart(List.of(new TxnPart.Produce(ORDERS, 0, new RecordBatchBuilder()
                .append(1L, null, null, new byte[] {1}).build())), List.of());
        assertThatThrownBy(() -> CrossBrokerCoordinator.prepare(part)).isInstanceOf(TransactionException.class)
                .hasMessageContaining("producer id");
    }

    /** Distinct transaction ids coordinated in the same partition of the log as {@link #ID}. */
    private static List<TransactionId> idsLikeId(int count) {
        List<TransactionId> ids = new ArrayList<>();
        for (long low = 100; ids.size() < count; low++) {
            TransactionId id = new TransactionId(7, low);
            if (id.logPartition(MemoryLog.PARTITIONS) == ID.logPartition(MemoryLog.PARTITIONS)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private TxnLogEntry.Checkpoint lastCheckpoint(int lp) {
        return log.lastCheckpoint(lp).orElseThrow(() -> new AssertionError("no checkpoint in " + log.entries(lp)));
    }

    /**
     * A successor reads from the last checkpoint: what was completed within the remembered window (a retried commit
     * is answered from it) and not the older entries, which a long-lived log would otherwise make it read whole.
     */
    @Test
    void aCheckpointLetsASuccessorReadOnlyTheRememberedWindow() throws Exception {
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        List<TransactionId> ids = idsLikeId(3);
        CrossBrokerCoordinator c = leading();
        await(c.commit(ids.get(0), twoBrokers())); // offsets 0, 1
        clock.advance(TxnLogEntry.REMEMBERED_MS + 1);
        await(c.commit(ids.get(1), twoBrokers())); // 2, 3
        executor.submit(c::tick).get();
        log.awaitEntries(lp, 5);
        assertThat(lastCheckpoint(lp).replayFrom()).as("the first one cannot tell what is old yet").isZero();

        clock.advance(TxnLogEntry.REMEMBERED_MS + 1);
        List<ProduceResponse> recent = await(c.commit(ids.get(2), twoBrokers())); // 5, 6
        executor.submit(c::tick).get();
        log.awaitEntries(lp, 8);
        assertThat(lastCheckpoint(lp).replayFrom()).as("the end when the first checkpoint was decided").isEqualTo(4);
        assertThat(events).filteredOn(e -> e.equals("append CHECKPOINT")).hasSize(2);
        executor.submit(c::tick).get();
        assertThat(events).as("nothing appended since: no checkpoint").filteredOn(e -> e.equals("append CHECKPOINT"))
                .hasSize(2);

        log.read.set(0);
        log.epoch = OptionalInt.of(2);
        CrossBrokerCoordinator next = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(next::tick).get();
        assertThat(log.read.get()).as("entries read by the successor").isEqualTo(4);
        int appliedBefore = participants.applied.get(1).size();
        assertThat(await(next.commit(ids.get(2), twoBrokers()))).as("a retry, answered from the log").isEqualTo(recent);
        assertThat(participants.applied.get(1)).hasSize(appliedBefore);
    }

    /** A transaction decided and not complete keeps the checkpoints at its decision until it completes. */
    @Test
    void aTransactionNotCompleteKeepsItsDecisionInTheSuccessorsRead() throws Exception {
        int lp = ID.logPartition(MemoryLog.PARTITIONS);
        DestinationId stuck = DestinationId.topic("stuck");
        participants.leaders.put(stuck, 3);
        participants.failApplies.put(3, Integer.MAX_VALUE);
        List<TransactionId> ids = idsLikeId(2);
        CrossBrokerCoordinator c = leading();
        CompletableFuture<List<ProduceResponse>> stuckCommit = c.commit(ID, new TxnPart(
                List.of(batch(stuck, 0, 600, 0)), List.of())); // PREPARE at 0, never applied
        log.awaitEntries(lp, 1);
        for (TransactionId id : ids) {
            clock.advance(TxnLogEntry.REMEMBERED_MS + 1);
            await(c.commit(id, twoBrokers()));
            executor.submit(c::tick).get();
        }
        log.awaitEntries(lp, 7);
        assertThat(lastCheckpoint(lp).replayFrom()).isZero();
        assertThat(stuckCommit).isNotDone();

        participants.failApplies.put(3, 0);
        log.epoch = OptionalInt.of(2);
        CrossBrokerCoordinator next = coordinator(CrossBrokerCoordinator.DecisionHook.NONE);
        executor.submit(next::tick).get();
        log.awaitEntries(lp, 8);
        assertThat(log.entries(lp).get(7)).isInstanceOf(TxnLogEntry.Complete.class).extracting(TxnLogEntry::id)
                .isEqualTo(ID);
    }

    /** The log: committed at once (a majority in an instant), led in {@link #epoch}. */
    private final class MemoryLog implements CoordinatorLog {
        static final int PARTITIONS = 4;
        volatile OptionalInt epoch = OptionalInt.empty();
        /** How many entries coordinators read when they took partitions over. */
        final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        private final Map<Integer, List<TxnLogEntry>> entries = new HashMap<>();

        synchronized List<TxnLogEntry> entries(int partition) {
            return List.copyOf(entries.getOrDefault(partition, List.of()));
        }

        synchronized void committed(int partition, TxnLogEntry entry) {
            entries.computeIfAbsent(partition, k -> new ArrayList<>()).add(entry);
            notifyAll();
        }

        synchronized void awaitEntries(int partition, int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (entries.getOrDefault(partition, List.of()).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the log holds " + entries(partition) + ", expected " + count + " entries");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        @Override
        public int partitions() {
            return PARTITIONS;
        }

        @Override
        public OptionalInt readyEpoch(int partition) {
            return epoch;
        }

        @Override
        public CompletableFuture<Long> append(int partition, TxnLogEntry entry) {
            events.add("append " + (entry instanceof TxnLogEntry.Prepare ? "PREPARE"
                    : entry instanceof TxnLogEntry.Abort ? "ABORT"
                    : entry instanceof TxnLogEntry.Checkpoint ? "CHECKPOINT" : "COMPLETE"));
            long offset;
            synchronized (this) {
                offset = entries.getOrDefault(partition, List.of()).size();
                committed(partition, entry);
            }
            return CompletableFuture.completedFuture(offset);
        }

        @Override
        public synchronized Optional<TxnLogEntry.Checkpoint> lastCheckpoint(int partition) {
            List<TxnLogEntry> all = entries(partition);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i) instanceof TxnLogEntry.Checkpoint c) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        @Override
        public synchronized long readCommitted(int partition, long from, EntryVisitor visitor) {
            List<TxnLogEntry> all = entries(partition);
            for (int i = (int) from; i < all.size(); i++) {
                visitor.entry(all.get(i), i);
            }
            read.addAndGet(Math.max(0, all.size() - from));
            return Math.max(0, all.size() - from);
        }
    }

    /** orders is led by node 1, audit by node 2; a share applied at node n gets offsets n * 100. */
    private final class MemoryParticipants implements Participants {
        final Map<DestinationId, Integer> leaders = Collections.synchronizedMap(new HashMap<>(Map.of(ORDERS, 1, AUDIT, 2)));
        final Map<Integer, ErrorCode> refuseCheck = new HashMap<>();
        final Map<Integer, Integer> failApplies = Collections.synchronizedMap(new HashMap<>());
        final Map<Integer, List<TxnPart>> applied = Collections.synchronizedMap(new HashMap<>());
        final Map<Integer, List<TxnPart>> released = Collections.synchronizedMap(new HashMap<>());
        volatile Runnable onApplyFailure = () -> { };

        @Override
        public int leaderOf(DestinationId destination, int partition) {
            return leaders.getOrDefault(destination, NO_LEADER);
        }

        @Override
        public CompletableFuture<Void> check(int node, TransactionId id, TxnPart part) {
            events.add("check " + node);
            ErrorCode refusal = refuseCheck.get(node);
            return refusal == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new TransactionException(refusal, "node " + node + " refuses"));
        }

        @Override
        public CompletableFuture<Void> release(int node, TransactionId id, TxnPart part) {
            events.add("release " + node);
            released.computeIfAbsent(node, k -> Collections.synchronizedList(new ArrayList<>())).add(part);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<ProduceResponse>> apply(int node, TransactionId id, TxnPart part) {
            events.add("apply " + node);
            if (failApplies.getOrDefault(node, 0) > 0) {
                failApplies.merge(node, -1, Integer::sum);
                onApplyFailure.run();
                return CompletableFuture.failedFuture(new TransactionException(ErrorCode.NOT_LEADER, "node " + node
                        + " no longer leads"));
            }
            applied.computeIfAbsent(node, k -> Collections.synchronizedList(new ArrayList<>())).add(part);
            List<ProduceResponse> results = new ArrayList<>();
            for (int i = 0; i < part.produces().size(); i++) {
                results.add(new ProduceResponse(node * 100L + i, node * 100L + i, node));
            }
            return CompletableFuture.completedFuture(results);
        }
    }
}
