package io.logjms.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.net.TestClient;
import io.logjms.broker.net.TestClient.StoredBatch;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a broker running in its own JVM with SIGKILL while clients work against it, restarts it on the
 * same data directory, and checks what a crash must not lose: acknowledged batches and acknowledgements.
 */
@Timeout(90)
class CrashRecoveryIT {
    private static final DestinationId QUEUE = DestinationId.queue("crash.queue");
    private static final DestinationId TOPIC = DestinationId.topic("crash.topic");
    private static final DestinationId EVENTS = DestinationId.topic("crash.events");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Records of the durable subscription test: consumed, then half of them acknowledged one by one. */
    private static final int RECORDS = 200;
    /** Kill and restart cycles of the produce test; each restart recovers what the previous ones left. */
    private static final int KILL_CYCLES = 3;

    private record Target(DestinationId destination, int partition) {
        String tag() {
            return destination.type().name().charAt(0) + "" + partition;
        }
    }

    private static final List<Target> TARGETS = List.of(new Target(QUEUE, 0), new Target(TOPIC, 0),
            new Target(TOPIC, 1), new Target(TOPIC, 2));

    @TempDir
    Path dataDir;
    BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyAcknowledgedBatchSurvivesKillsDuringProduce() throws Exception {
        broker = BrokerProcess.start(dataDir);
        try (TestClient admin = TestClient.connect(broker.port())) {
            admin.createDestination(QUEUE, 1);
            admin.createDestination(TOPIC, 3);
        }
        Map<Target, List<StoredBatch>> acknowledged = new ConcurrentHashMap<>();
        TARGETS.forEach(t -> acknowledged.put(t, new ArrayList<>()));
        for (int cycle = 0; cycle < KILL_CYCLES; cycle++) {
            produceAndKill(cycle, acknowledged);
            broker = BrokerProcess.start(dataDir);
            assertThat(broker.stderrOnceItContains(BrokerProcess.STARTED_LOG)).as("recovery ran")
                    .contains("after an unclean shutdown");
            try (TestClient client = TestClient.connect(broker.port())) {
                for (Target t : TARGETS) {
                    assertEveryAcknowledgedBatchIsStored(client, t, acknowledged.get(t));
                }
            }
        }
    }

    /** Produces to every target until enough batches are acknowledged, then kills the broker mid-stream. */
    private void produceAndKill(int cycle, Map<Target, List<StoredBatch>> acknowledged) throws Exception {
        AtomicInteger acks = new AtomicInteger();
        int port = broker.port();
        Thread producer = new Thread(() -> produceUntilTheBrokerDies(port, cycle, acknowledged, acks), "producer");
        producer.start();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> acks.get() >= 120);
            broker.kill();
            producer.join(TimeUnit.SECONDS.toMillis(15));
            assertThat(producer.isAlive()).as("producer noticed the broker is gone").isFalse();
        } finally {
            producer.interrupt();
        }
    }

    /**
     * The partition holds valid batches with contiguous offsets from 0 (fetched with FETCH, each batch
     * validated), every acknowledged batch among them unchanged, and the next produce continues at the end.
     */
    private static void assertEveryAcknowledgedBatchIsStored(TestClient client, Target t, List<StoredBatch> acked)
            throws Exception {
        List<StoredBatch> stored = client.fetchAll(t.destination(), t.partition());
        long end = assertContiguousFromZero(t, stored);
        assertThat(client.logEndOffset(t.destination(), t.partition())).as("log end of %s", t).isEqualTo(end);
        Map<Long, StoredBatch> byBase = new HashMap<>();
        stored.forEach(b -> byBase.put(b.baseOffset(), b));
        for (StoredBatch batch : acked) {
            assertThat(byBase.get(batch.baseOffset())).as("acknowledged batch at %d of %s", batch.baseOffset(), t)
                    .isEqualTo(batch);
        }
        String text = t.tag() + "-after-restart-" + end;
        ProduceResponse next = client.produce(t.destination(), t.partition(), text);
        assertThat(next.baseOffset()).as("first offset after the restart on %s", t).isEqualTo(end);
        acked.add(new StoredBatch(next.baseOffset(), next.lastOffset(), List.of(text)));
        List<StoredBatch> again = client.fetchAll(t.destination(), t.partition());
        assertThat(again.get(again.size() - 1).texts()).containsExactly(text);
    }

    /**
     * Produces round after round, one batch per target in flight at once, recording each batch the broker
     * acknowledges, until a request fails because the broker was killed. Batch contents are a function of
     * the round, so no random source is involved.
     */
    private static void produceUntilTheBrokerDies(int port, int cycle, Map<Target, List<StoredBatch>> acknowledged,
                                                  AtomicInteger acks) {
        try (TestClient client = TestClient.connect(port)) {
            for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
                List<CompletableFuture<ProduceResponse>> inFlight = new ArrayList<>();
                List<List<String>> sent = new ArrayList<>();
                for (Target t : TARGETS) {
                    List<String> texts = texts(t, cycle, round);
                    sent.add(texts);
                    inFlight.add(client.produceAsync(t.destination(), t.partition(), texts.toArray(String[]::new)));
                }
                for (int i = 0; i < TARGETS.size(); i++) {
                    ProduceResponse r = inFlight.get(i).get(10, TimeUnit.SECONDS);
                    acknowledged.get(TARGETS.get(i)).add(new StoredBatch(r.baseOffset(), r.lastOffset(), sent.get(i)));
                    acks.incrementAndGet();
                }
            }
        } catch (Exception expected) {
            // the broker was killed: batches without an answer may or may not have been stored
        }
    }

    private static List<String> texts(Target t, int cycle, int round) {
        int count = 1 + (round * 7 + t.partition() + cycle) % 12;
        List<String> texts = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            texts.add(t.tag() + "-" + cycle + "-" + round + "-" + k + ":" + "x".repeat((round * 131 + k * 17) % 900));
        }
        return texts;
    }

    /** Checks the batches cover offsets 0.. without gap or overlap; returns the next offset. */
    private static long assertContiguousFromZero(Target t, List<StoredBatch> batches) {
        long next = 0;
        for (StoredBatch b : batches) {
            assertThat(b.baseOffset()).as("batch after offset %d of %s", next - 1, t).isEqualTo(next);
            assertThat(b.lastOffset() - b.baseOffset() + 1).as("records in the batch at %d", b.baseOffset())
                    .isEqualTo(b.texts().size());
            next = b.lastOffset() + 1;
        }
        return next;
    }

    @Test
    void durableSubscriptionKeepsItsAcknowledgementsAcrossAKill() throws Exception {
        broker = BrokerProcess.start(dataDir);
        SubscribeRequest durable = new SubscribeRequest(1, EVENTS, SubscriptionKind.DURABLE, "audit", null, false,
                StartPosition.EARLIEST, 0, 1000);
        List<RecordRef> delivered = new ArrayList<>();
        Set<RecordRef> confirmedAcks = ConcurrentHashMap.newKeySet();
        Set<RecordRef> attemptedAcks = ConcurrentHashMap.newKeySet();
        try (TestClient producer = TestClient.connect(broker.port());
             TestClient consumer = TestClient.connect(broker.port(), "crash-app")) {
            producer.createDestination(EVENTS, 2);
            for (int i = 0; i < RECORDS; i += 5) {
                producer.produce(EVENTS, (i / 5) % 2, "e" + i, "e" + (i + 1), "e" + (i + 2), "e" + (i + 3), "e" + (i + 4));
            }
            consumer.subscribe(durable);
            for (int i = 0; i < RECORDS; i++) {
                TestClient.Delivery d = consumer.next(5_000);
                assertThat(d).as("delivery %d of %d", i, RECORDS).isNotNull();
                assertThat(d.record().deliveryCount()).isEqualTo(1);
                delivered.add(d.ref());
            }
            AtomicBoolean acking = new AtomicBoolean(true);
            Thread acker = new Thread(() -> {
                try {
                    for (RecordRef ref : delivered) {
                        if (ref.offset() % 2 == 0 && acking.get()) {
                            attemptedAcks.add(ref);
                            consumer.ack(1, List.of(ref));
                            confirmedAcks.add(ref);
                        }
                    }
                } catch (Exception expected) {
                    // the broker was killed mid-acknowledgement
                }
            }, "acker");
            acker.start();
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> confirmedAcks.size() >= 12);
                broker.kill();
                acker.join(TimeUnit.SECONDS.toMillis(15));
            } finally {
                acking.set(false);
            }
        }

        broker = BrokerProcess.start(dataDir);
        Set<RecordRef> mustReturn = new HashSet<>(delivered);
        mustReturn.removeAll(attemptedAcks);
        assertThat(mustReturn).as("records never acknowledged").hasSizeGreaterThanOrEqualTo(RECORDS / 2);
        Map<RecordRef, Integer> redelivered = new HashMap<>();
        try (TestClient consumer = TestClient.connect(broker.port(), "crash-app")) {
            consumer.subscribe(durable);
            while (!redelivered.keySet().containsAll(mustReturn)) {
                TestClient.Delivery d = consumer.next(5_000);
                assertThat(d).as("redelivery; still missing %s", missing(mustReturn, redelivered)).isNotNull();
                assertThat(redelivered.put(d.ref(), d.record().deliveryCount())).as("duplicate %s", d.ref()).isNull();
            }
            TestClient.Delivery extra;
            while ((extra = consumer.next(300)) != null) {
                assertThat(redelivered.put(extra.ref(), extra.record().deliveryCount())).isNull();
            }
        }
        assertThat(redelivered.keySet()).as("acknowledged before the kill").doesNotContainAnyElementsOf(confirmedAcks);
        Set<RecordRef> inDoubt = new HashSet<>(attemptedAcks);
        inDoubt.removeAll(confirmedAcks);
        assertThat(redelivered.keySet()).as("only unacknowledged records and acks in flight at the kill")
                .isSubsetOf(union(mustReturn, inDoubt));
        mustReturn.forEach(ref -> assertThat(redelivered.get(ref)).as("delivery count of %s", ref)
                .isGreaterThanOrEqualTo(2));
    }

    private static Set<RecordRef> missing(Set<RecordRef> expected, Map<RecordRef, Integer> got) {
        Set<RecordRef> m = new HashSet<>(expected);
        m.removeAll(got.keySet());
        return m;
    }

    private static Set<RecordRef> union(Set<RecordRef> a, Set<RecordRef> b) {
        Set<RecordRef> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
