package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.config.FsyncPolicySetting;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationKind;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.client.ProtocolErrorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers in this JVM, coordinated by an {@link InMemoryCluster} whose assignments the tests set,
 * replicating one partition over the broker protocol.
 */
@Timeout(120)
class ReplicationIT {
    private static final DestinationId ORDERS = new DestinationId(DestinationType.TOPIC, "orders");
    private static final TopicPartition TP = new TopicPartition(new DestinationKey(DestinationKind.TOPIC, "orders")
            .logName(), 0);
    private static final List<Integer> REPLICAS = List.of(1, 2, 3);

    @TempDir
    Path dir;

    private final InMemoryCluster cluster = new InMemoryCluster();
    private final Map<Integer, Broker> brokers = new HashMap<>();
    private final List<TestClient> clients = new ArrayList<>();
    private long commitTimeoutMs = 10_000;

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        brokers.values().forEach(Broker::close);
    }

    private Broker start(int node) throws Exception {
        Broker b = Broker.builder().dataDir(dir.resolve("node" + node)).port(0)
                .fsyncPolicy(FsyncPolicySetting.EVERY_BATCH)
                .set("replication.commit.timeout.ms", Long.toString(commitTimeoutMs))
                .clusterFactory(cluster.member(node)).build().start();
        brokers.put(node, b);
        return b;
    }

    private void stopBroker(int node) {
        brokers.remove(node).close();
    }

    private TestClient client(int node) throws Exception {
        TestClient c = TestClient.connect(brokers.get(node).port());
        clients.add(c);
        return c;
    }

    /** Starts the three brokers, creates the destination on each and makes node 1 leader of epoch 1. */
    private TestClient threeBrokersLedBy1() throws Exception {
        for (int n : REPLICAS) {
            start(n);
            client(n).createDestination(ORDERS, 1);
        }
        cluster.assign(new PartitionAssignment(TP, REPLICAS, 1, 1));
        TestClient producer = client(1);
        awaitLeading(producer);
        return producer;
    }

    /** Sends until the takeover is done (LEADER_NOT_AVAILABLE or NOT_LEADER until then). */
    private static void awaitLeading(TestClient producer) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> producer.produce(ORDERS, 0, "probe").lastOffset() >= 0);
    }

    private Path segment(int node) {
        return dir.resolve("node" + node).resolve("logs").resolve(TP.directoryName())
                .resolve("00000000000000000000.log");
    }

    private void awaitIdenticalSegments(int... nodes) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            byte[] first = Files.readAllBytes(segment(nodes[0]));
            for (int n : nodes) {
                assertThat(Files.readAllBytes(segment(n))).as("segment of node %d", n).isEqualTo(first);
            }
        });
    }

    @Test
    void producedDataReachesEveryFollowerByteIdentical() throws Exception {
        TestClient producer = threeBrokersLedBy1();

        for (int i = 0; i < 50; i++) {
            producer.produce(ORDERS, 0, "m" + i, "n" + i);
        }

        awaitIdenticalSegments(1, 2, 3);
        assertThat(Files.size(segment(1))).isGreaterThan(50 * 2 * 10L);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(cluster.status(TP)).hasValueSatisfying(s -> {
            assertThat(s.leader()).isEqualTo(1);
            assertThat(s.inSync()).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(s.highWatermark()).isEqualTo(s.logEndOffset());
        }));
        TestClient follower = client(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts(follower))
                .as("a follower serves what is committed, once it has learnt the high watermark").contains("m49", "n49"));
    }

    @Test
    void consumersSkipTheEpochStartMarker() throws Exception {
        TestClient producer = threeBrokersLedBy1(); // its log: the marker at 0, then the probe
        producer.produce(ORDERS, 0, "first message");
        TestClient consumer = client(1);

        consumer.subscribe(new SubscribeRequest(1, ORDERS, SubscriptionKind.NON_DURABLE, null, null, false,
                StartPosition.EARLIEST, 0, 10));

        List<TestClient.Delivery> got = new ArrayList<>();
        for (TestClient.Delivery d; (d = consumer.next(5_000)) != null && got.size() < 10; ) {
            got.add(d);
            if (d.text().equals("first message")) {
                break;
            }
        }
        assertThat(got).extracting(TestClient.Delivery::text).containsExactly("probe", "first message");
        assertThat(got.get(0).record().offset()).as("offset 0 is the marker").isEqualTo(1);
        assertThat(consumer.next(300)).as("nothing more").isNull();
    }

    @Test
    void sendWaitsForAMajorityAndIsAnsweredOnceOneFollowerHasIt() throws Exception {
        TestClient producer = threeBrokersLedBy1();
        stopBroker(2);
        stopBroker(3);

        CompletableFuture<ProduceResponse> send = producer.produceAsync(ORDERS, 0, "waits");

        assertThatThrownBy(() -> send.get(700, TimeUnit.MILLISECONDS)).as("no majority holds it yet")
                .isInstanceOf(TimeoutException.class);
        start(3);
        assertThat(send.get(20, TimeUnit.SECONDS).lastOffset()).isGreaterThan(0);
    }

    @Test
    void sendsCommitWithTwoOfThreeReplicas() throws Exception {
        TestClient producer = threeBrokersLedBy1();
        stopBroker(3);

        for (int i = 0; i < 20; i++) {
            assertThat(producer.produce(ORDERS, 0, "two-of-three " + i).lastOffset()).isPositive();
        }
        awaitIdenticalSegments(1, 2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(cluster.status(TP))
                .hasValueSatisfying(s -> assertThat(s.inSync()).as("the stopped follower drops out").containsExactly(1, 2)));
    }

    @Test
    void aRunningLeaderThatIsReplacedStopsAcceptingSendsAndFollowsTheNewOne() throws Exception {
        TestClient oldLeader = threeBrokersLedBy1();
        for (int i = 0; i < 5; i++) {
            oldLeader.produce(ORDERS, 0, "before " + i);
        }

        cluster.assign(new PartitionAssignment(TP, REPLICAS, 3, 2));
        TestClient newLeader = client(3);
        awaitLeading(newLeader);
        newLeader.produce(ORDERS, 0, "after");

        assertThatThrownBy(() -> oldLeader.produce(ORDERS, 0, "to the old leader"))
                .hasRootCauseInstanceOf(ProtocolErrorException.class)
                .rootCause().satisfies(e -> assertThat(((ProtocolErrorException) e).error()).isEqualTo(ErrorCode.NOT_LEADER));
        awaitIdenticalSegments(1, 2, 3);
        TestClient deposed = client(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts(deposed))
                .contains("before 0", "before 4", "after").doesNotContain("to the old leader"));
    }

    @Test
    void sendsFailWithNotEnoughReplicasWhenTwoOfThreeAreGone() throws Exception {
        commitTimeoutMs = 1_000;
        TestClient producer = threeBrokersLedBy1();
        stopBroker(2);
        stopBroker(3);

        assertThatThrownBy(() -> producer.produce(ORDERS, 0, "alone")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ProtocolErrorException.class)
                .satisfies(e -> assertThat(((ProtocolErrorException) e).error()).isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS))
                .hasMessageContaining("only 1 of the 3 replicas").hasMessageContaining("2 are needed");
    }

    @Test
    void newLeaderKeepsEverythingCommittedAndTheOldLeaderTruncatesWhatItAloneHad() throws Exception {
        commitTimeoutMs = 1_000;
        TestClient producer = threeBrokersLedBy1();
        for (int i = 0; i < 10; i++) {
            producer.produce(ORDERS, 0, "committed " + i);
        }
        awaitIdenticalSegments(1, 2, 3);
        stopBroker(2);
        stopBroker(3);
        assertThatThrownBy(() -> producer.produce(ORDERS, 0, "only on the old leader"))
                .hasRootCauseInstanceOf(ProtocolErrorException.class);
        stopBroker(1);

        start(2);
        start(3);
        cluster.assign(new PartitionAssignment(TP, REPLICAS, 2, 2));
        TestClient newLeader = client(2);
        awaitLeading(newLeader);
        newLeader.produce(ORDERS, 0, "after the change");
        start(1);

        awaitIdenticalSegments(1, 2, 3);
        TestClient oldLeader = client(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> texts = texts(oldLeader);
            assertThat(texts).contains("committed 0", "committed 9", "after the change")
                    .doesNotContain("only on the old leader");
            assertThat(texts.indexOf("committed 9")).isLessThan(texts.indexOf("after the change"));
        });
    }

    @Test
    void replicasClaimAnEpochTheControllerGivesOutASecondTime() throws Exception {
        threeBrokersLedBy1();
        cluster.assign(new PartitionAssignment(TP, REPLICAS, 3, 2));
        awaitLeading(client(3));

        // a controller behind the replicas (after a whole-cluster restart it may only hold an older copy) gives
        // epoch 2 again, to another leader: the replicas that promised it to node 3 refuse, and say why
        PartitionAssignment again = new PartitionAssignment(TP, REPLICAS, 1, 2);
        cluster.assign(again);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cluster.claims)
                .anySatisfy(c -> {
                    assertThat(c.partition()).isEqualTo(TP);
                    assertThat(c.epoch()).isEqualTo(2);
                    assertThat(c.candidate()).isEqualTo(3);
                    assertThat(c.conflictsWith(again)).isTrue();
                }));
        assertThatThrownBy(() -> client(1).produce(ORDERS, 0, "to a leader the replicas did not promise"))
                .as("node 1 never takes over an epoch promised to node 3")
                .hasRootCauseInstanceOf(ProtocolErrorException.class)
                .rootCause().satisfies(e -> assertThat(((ProtocolErrorException) e).error())
                        .isIn(ErrorCode.NOT_LEADER, ErrorCode.LEADER_NOT_AVAILABLE));
    }

    @Test
    void aPromiseSurvivesARestartAndFencesOlderEpochsAndOtherCandidates() throws Exception {
        threeBrokersLedBy1();
        TestClient candidate = client(2);
        EpochPromiseResponse promised = promise(candidate, 3, 5);
        assertThat(promised.promisedEpoch()).isEqualTo(5);
        stopBroker(2);
        start(2);

        TestClient after = client(2);
        for (int[] refused : new int[][] {{1, 4}, {1, 5}}) {
            assertThatThrownBy(() -> promise(after, refused[0], refused[1]))
                    .hasRootCauseInstanceOf(ProtocolErrorException.class)
                    .rootCause().satisfies(e -> assertThat(((ProtocolErrorException) e).error())
                            .isEqualTo(ErrorCode.FENCED_LEADER_EPOCH));
        }
        assertThat(promise(after, 3, 5).promisedEpoch()).as("the same promise again").isEqualTo(5);
    }

    /** The texts of the records a broker serves with FETCH (up to its high watermark), markers left out. */
    private static List<String> texts(TestClient c) throws Exception {
        return c.fetchAll(ORDERS, 0).stream().flatMap(b -> b.texts().stream()).filter(t -> !t.startsWith("\0"))
                .toList();
    }

    private static EpochPromiseResponse promise(TestClient c, int candidate, int epoch) throws Exception {
        return c.protocol().request(ApiKey.EPOCH_PROMISE, new EpochPromiseRequest(candidate, TP.topic(), 0, epoch)::writeTo,
                EpochPromiseResponse::readFrom).get(10, TimeUnit.SECONDS);
    }
}
