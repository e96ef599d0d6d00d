package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.net.TestClient;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.api.SubscriptionPartitions;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.provider.admin.AdminUrl;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue cursors kept in their partitions' logs across a leader's death, with three brokers in JVMs of their own and
 * raw protocol clients that talk to the broker chosen (no client routing): what was acknowledged at the old leader
 * is not delivered again by the new one, what was in flight comes again counted, a poison message is dead-lettered
 * after exactly {@code delivery.max.attempts} deliveries counted across both brokers, and a leader that is deposed
 * while it runs tells its consumers ({@code PARTITIONS_LOST}) and answers their acknowledgements {@code NOT_LEADER}.
 * The queues and the dead-letter queue are placed alike (same replica order), so the same broker leads them all
 * before and after a failover: dead-lettering across brokers is not this part's. One cluster start serves every step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplicatedCursorIT {
    private static final String DLQ = "DLQ";
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private TestCluster cluster;
    private String work;
    private String poison;
    private String moved;
    private int leader;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = clusters.start(TestCluster.builder(dir, 3).jvmOptions("-Xmx192m")
                .setting("delivery.max.attempts", Integer.toString(MAX_ATTEMPTS)).setting("dead.letter.queue", DLQ));
        ClusterWaits.awaitMembers(cluster, 3);
        List<String> names = placedLikeTheDeadLetterQueue(3);
        work = names.get(0);
        poison = names.get(1);
        moved = names.get(2);
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            for (String q : List.of(DLQ, work, poison, moved)) {
                admin.createQueue(q, DestinationSettings.defaults().withPartitions(1).withReplicationFactor(3));
            }
        }
        for (String q : List.of(DLQ, work, poison, moved)) {
            awaitInSync(q);
        }
        leader = leaderOf(work, -1);
        assertThat(leaderOf(DLQ, -1)).as("the dead-letter queue is led where the queues are").isEqualTo(leader);
    }

    @Test
    @Order(1)
    void afterTheLeadersDeathTheNewLeaderContinuesEveryQueueCursorFromTheLog() throws Exception {
        int killed = leader;
        try (TestClient producer = TestClient.connect(cluster.node(killed).port());
             RawConsumer atOld = RawConsumer.connect(cluster.node(killed).port())) {
            for (int i = 0; i < 10; i++) {
                producer.produce(DestinationId.queue(work), 0, "m" + i);
            }
            producer.produce(DestinationId.queue(poison), 0, "poison");

            atOld.subscribe(queueConsumer(1, work, 6));
            List<Got> first = atOld.take(6);
            assertThat(first).extracting(Got::text).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
            assertThat(first).extracting(Got::count).containsOnly(1);
            atOld.ack(1, refs(first.subList(0, 3)));

            atOld.subscribe(queueConsumer(2, poison, 10));
            Got once = atOld.take(1).get(0);
            assertThat(once.count()).isEqualTo(1);
            atOld.release(2, List.of(new RecordRef(0, once.offset())));
            assertThat(atOld.take(1).get(0).count()).as("rolled back: delivered again at once").isEqualTo(2);
        }

        cluster.kill(killed);
        leader = leaderOf(work, killed);
        assertThat(leaderOf(DLQ, killed)).isEqualTo(leader);

        try (RawConsumer atNew = RawConsumer.connect(cluster.node(leader).port())) {
            atNew.subscribeWhenLed(queueConsumer(1, work, 100));
            List<Got> again = atNew.take(7);
            assertThat(again).extracting(Got::text).as("exactly what was not acknowledged, once")
                    .containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(again.subList(0, 3)).extracting(Got::count).as("in flight at the old leader: redelivered")
                    .containsOnly(2);
            assertThat(again.subList(3, 7)).extracting(Got::count).as("never delivered: at most counted once before")
                    .allMatch(c -> c == 1 || c == 2);
            atNew.ack(1, refs(again));
            assertThat(atNew.next(500)).isNull();

            atNew.subscribeWhenLed(queueConsumer(2, poison, 10));
            Got third = atNew.take(1).get(0);
            assertThat(third.count()).as("the third delivery, counted across both brokers").isEqualTo(MAX_ATTEMPTS);
            atNew.release(2, List.of(new RecordRef(0, third.offset())));
            assertThat(atNew.next(1000)).as("no fourth delivery").isNull();

            atNew.subscribeWhenLed(queueConsumer(3, DLQ, 10));
            Got dead = atNew.take(1).get(0);
            assertThat(dead.text()).isEqualTo("poison");
            assertThat(MessageHeadersCodec.decode(dead.headers()).getProperty("JMS_LogJMS_DeliveryCount"))
                    .isEqualTo(MAX_ATTEMPTS);
        }
        cluster.restart(killed);
        awaitInSync(work);
    }

    @Test
    @Order(2)
    void aDeposedLeaderTellsItsConsumersAndRefusesTheirAcknowledgements() throws Exception {
        int deposed = leaderOf(moved, -1);
        try (TestClient producer = TestClient.connect(cluster.node(deposed).port());
             RawConsumer atOld = RawConsumer.connect(cluster.node(deposed).port())) {
            for (int i = 0; i < 4; i++) {
                producer.produce(DestinationId.queue(moved), 0, "n" + i);
            }
            SubscribeResponse answer = atOld.subscribe(queueConsumer(1, moved, 10));
            assertThat(answer.positions()).containsOnlyKeys(0);
            List<Got> held = atOld.take(4);
            atOld.ack(1, refs(held.subList(0, 1)));

            cluster.pause(deposed);
            int next = leaderOf(moved, deposed);
            cluster.resume(deposed);
            SubscriptionPartitions lost = atOld.lost.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(lost).as("PARTITIONS_LOST from node %d", deposed).isNotNull();
            assertThat(lost.subscriptionId()).isEqualTo(1);
            assertThat(lost.partitions()).containsExactly(0);
            assertThat(atOld.ackError(1, refs(held.subList(1, 2)))).isEqualTo(ErrorCode.NOT_LEADER);
            assertThat(atOld.partitionsError(1, List.of(0))).as("SUBSCRIPTION_PARTITIONS of a partition led elsewhere")
                    .isEqualTo(ErrorCode.NOT_LEADER);

            try (RawConsumer atNew = RawConsumer.connect(cluster.node(next).port())) {
                atNew.subscribeWhenLed(queueConsumer(1, moved, 10));
                List<Got> again = atNew.take(3);
                assertThat(again).extracting(Got::text).containsExactly("n1", "n2", "n3");
                assertThat(again).extracting(Got::count).containsOnly(2);
                assertThat(atNew.partitions(1, List.of()).positions()).as("covers nothing now").isEmpty();
                assertThat(atNew.partitions(1, List.of(0)).positions()).containsEntry(0, again.get(0).offset());
            }
        }
    }

    private static SubscribeRequest queueConsumer(int id, String queue, int credit) {
        return new SubscribeRequest(id, DestinationId.queue(queue), SubscriptionKind.QUEUE, null, null, false,
                StartPosition.EARLIEST, 0, credit, List.of(0));
    }

    private static List<RecordRef> refs(List<Got> got) {
        return got.stream().map(g -> new RecordRef(0, g.offset())).toList();
    }

    /** Queue names whose replicas are placed in the order the dead-letter queue's are (see ControllerDecisions). */
    private static List<String> placedLikeTheDeadLetterQueue(int n) {
        int dlq = Math.floorMod(("queue." + DLQ).hashCode(), 3);
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < n; i++) {
            String name = "q" + i;
            if (Math.floorMod(("queue." + name).hashCode(), 3) == dlq) {
                names.add(name);
            }
        }
        return names;
    }

    private void awaitInSync(String queue) {
        await(queue + " in sync").atMost(ClusterWaits.FORMED).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    for (TestCluster.Node node : cluster.nodes()) {
                        if (!node.isRunning() || node.isPaused()) {
                            continue;
                        }
                        var p = describe(node, queue);
                        assertThat(p.leader()).isNotNull();
                        assertThat(new HashSet<>(p.inSync())).isEqualTo(new HashSet<>(p.replicas()));
                    }
                });
    }

    /** The queue's leader as a running broker other than {@code not} sees it, once it is not {@code not}. */
    private int leaderOf(String queue, int not) {
        AtomicInteger found = new AtomicInteger();
        await("a leader of " + queue + " other than node " + not).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().untilAsserted(() -> {
                    TestCluster.Node asked = cluster.nodes().stream()
                            .filter(n -> n.id() != not && n.isRunning() && !n.isPaused()).findFirst().orElseThrow();
                    Integer l = describe(asked, queue).leader();
                    assertThat(l).isNotNull().isNotEqualTo(not);
                    found.set(l);
                });
        return found.get();
    }

    private static io.logjms.provider.admin.DestinationDetails.PartitionRange describe(TestCluster.Node node,
                                                                                        String queue) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect(AdminUrl.parse("logjms://" + node.address()), Duration.ofSeconds(3),
                Duration.ofSeconds(3))) {
            return admin.describeQueue(queue).partitions().get(0);
        }
    }

    /** A delivered record as the raw client got it. */
    record Got(long offset, int count, String text, byte[] headers) {
    }

    /** A raw protocol consumer that keeps deliveries and PARTITIONS_LOST pushes. */
    static final class RawConsumer implements AutoCloseable {
        private final ProtocolClient client;
        private final LinkedBlockingQueue<Got> deliveries = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<SubscriptionPartitions> lost = new LinkedBlockingQueue<>();

        private RawConsumer(ProtocolClient client) {
            this.client = client;
        }

        static RawConsumer connect(int port) throws Exception {
            AtomicReference<RawConsumer> self = new AtomicReference<>();
            ProtocolClient client = ProtocolClient.connect("127.0.0.1", port, ProtocolClient.handshake(null, null, null),
                    Duration.ofSeconds(5), Duration.ofSeconds(20), new PushListener() {
                        @Override
                        public void onPush(Frame frame) {
                            RawConsumer c = self.get();
                            if (c != null) {
                                c.push(frame);
                            }
                        }

                        @Override
                        public void onClosed(Throwable cause) {
                        }
                    }).get(10, TimeUnit.SECONDS);
            RawConsumer c = new RawConsumer(client);
            self.set(c);
            return c;
        }

        private void push(Frame frame) {
            if (frame.apiKey() == ApiKey.DELIVER) {
                DeliverHeader h = DeliverHeader.readFrom(frame.body());
                int n = frame.body().readInt();
                for (int i = 0; i < n; i++) {
                    DeliveredRecord r = DeliveredRecord.readFrom(frame.body());
                    deliveries.add(new Got(r.offset(), r.deliveryCount(), new String(r.value(), StandardCharsets.UTF_8),
                            r.headers()));
                }
            } else if (frame.apiKey() == ApiKey.PARTITIONS_LOST) {
                lost.add(SubscriptionPartitions.readFrom(frame.body()));
            }
        }

        SubscribeResponse subscribe(SubscribeRequest request) throws Exception {
            return client.request(ApiKey.SUBSCRIBE, request::writeTo, SubscribeResponse::readFrom)
                    .get(20, TimeUnit.SECONDS);
        }

        /** Subscribes once the broker leads the partition and has rebuilt the cursor (NOT_LEADER until then). */
        void subscribeWhenLed(SubscribeRequest request) {
            await("SUBSCRIBE accepted").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    subscribe(request);
                    return true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ProtocolErrorException p && p.error() == ErrorCode.NOT_LEADER) {
                        return false;
                    }
                    throw e;
                }
            });
        }

        SubscribeResponse partitions(int subscriptionId, List<Integer> partitions) throws Exception {
            return client.request(ApiKey.SUBSCRIPTION_PARTITIONS,
                    new SubscriptionPartitions(subscriptionId, partitions)::writeTo, SubscribeResponse::readFrom)
                    .get(20, TimeUnit.SECONDS);
        }

        ErrorCode partitionsError(int subscriptionId, List<Integer> partitions) throws Exception {
            return errorOf(() -> partitions(subscriptionId, partitions));
        }

        void ack(int subscriptionId, List<RecordRef> refs) throws Exception {
            client.request(ApiKey.ACK, new AckRequest(subscriptionId, refs)::writeTo, b -> null).get(20, TimeUnit.SECONDS);
        }

        ErrorCode ackError(int subscriptionId, List<RecordRef> refs) throws Exception {
            return errorOf(() -> {
                ack(subscriptionId, refs);
                return null;
            });
        }

        void release(int subscriptionId, List<RecordRef> refs) throws Exception {
            client.request(ApiKey.RELEASE, new ReleaseRequest(subscriptionId, true, refs)::writeTo, b -> null)
                    .get(20, TimeUnit.SECONDS);
        }

        /** The next {@code n} deliveries, each within the wait. */
        List<Got> take(int n) throws InterruptedException {
            List<Got> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Got g = deliveries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(g).as("delivery %d of %d (got %s)", i + 1, n, got).isNotNull();
                got.add(g);
            }
            return got;
        }

        Got next(long millis) throws InterruptedException {
            return deliveries.poll(millis, TimeUnit.MILLISECONDS);
        }

        private interface Call {
            Object call() throws Exception;
        }

        private static ErrorCode errorOf(Call call) throws Exception {
            try {
                call.call();
                return null;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ProtocolErrorException p) {
                    return p.error();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
