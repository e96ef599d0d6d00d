package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.client.ProtocolErrorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What brokers answer on the wire about a cluster: METADATA's cluster part, NOT_LEADER, partition subsets. */
@Timeout(60)
class ClusterProtocolIT {
    private static final DestinationId ORDERS = DestinationId.topic("orders");

    @TempDir
    Path dataRoot;
    private final List<Broker> brokers = new ArrayList<>();

    @AfterEach
    void stop() {
        brokers.forEach(Broker::close);
    }

    private Broker start(String name, Broker.Builder builder) {
        Broker b = builder.dataDir(dataRoot.resolve(name)).host("127.0.0.1").port(0).partitionsDefault(2).build()
                .start();
        brokers.add(b);
        return b;
    }

    private static MetadataResponse metadata(TestClient c, DestinationId... destinations) throws Exception {
        return c.protocol().request(ApiKey.METADATA, new MetadataRequest(List.of(destinations), true)::writeTo,
                MetadataResponse::readFrom).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStandaloneBrokerNamesItselfAsTheLeaderOfEveryPartitionAtItsBoundPort() throws Exception {
        Broker broker = start("alone", Broker.builder());
        try (TestClient c = TestClient.connect(broker.port())) {
            MetadataResponse meta = metadata(c, ORDERS);
            assertThat(meta.answeringNode()).isZero();
            assertThat(meta.brokers()).containsExactly(new MetadataResponse.Broker(0, "127.0.0.1", broker.port()));
            assertThat(meta.destinations().get(0).leaders()).containsExactly(
                    new MetadataResponse.PartitionLeader(0, 0), new MetadataResponse.PartitionLeader(0, 0));
        }
    }

    @Test
    void anyBrokerTellsTheLeadersTheClusterAssignedAndEveryLiveBroker() throws Exception {
        InMemoryCluster cluster = new InMemoryCluster();
        Broker one = start("one", Broker.builder().clusterFactory(cluster.node(1)));
        Broker two = start("two", Broker.builder().clusterFactory(cluster.node(2)));
        for (Broker b : brokers) {
            b.destinations().create(ORDERS, 2, Map.of());
        }
        cluster.lead(one.destinations().get(ORDERS).partition(0).topicPartition(), 2, 3);
        try (TestClient c = TestClient.connect(one.port())) {
            MetadataResponse meta = metadata(c, ORDERS);
            assertThat(meta.answeringNode()).isEqualTo(1);
            assertThat(meta.brokers()).containsExactly(new MetadataResponse.Broker(1, "127.0.0.1", one.port()),
                    new MetadataResponse.Broker(2, "127.0.0.1", two.port()));
            assertThat(meta.destinations().get(0).leaders()).as("partition 1 has no assignment yet").containsExactly(
                    new MetadataResponse.PartitionLeader(2, 3), new MetadataResponse.PartitionLeader(-1, 0));
        }
        two.close();
        try (TestClient c = TestClient.connect(one.port())) {
            assertThat(metadata(c, ORDERS).brokers()).as("a closed broker is not listed")
                    .extracting(MetadataResponse.Broker::nodeId).containsExactly(1);
        }
    }

    @Test
    void aProduceToABrokerThatDoesNotLeadThePartitionIsRefusedWithNotLeader() throws Exception {
        InMemoryCluster cluster = new InMemoryCluster();
        Broker one = start("one", Broker.builder().clusterFactory(cluster.node(1)));
        start("two", Broker.builder().clusterFactory(cluster.node(2)));
        for (Broker b : brokers) {
            b.destinations().create(ORDERS, 2, Map.of());
        }
        cluster.lead(one.destinations().get(ORDERS).partition(0).topicPartition(), 2, 5);
        cluster.lead(one.destinations().get(ORDERS).partition(1).topicPartition(), 1, 5);
        try (TestClient c = TestClient.connect(one.port())) {
            assertThatThrownBy(() -> c.produce(ORDERS, 0, "misrouted")).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProtocolErrorException.class)
                    .hasMessageContaining("NOT_LEADER").hasMessageContaining("node 2 leads it")
                    .hasMessageContaining("leader epoch 5");
            assertThat(ReplicaLogs.messages(one.destinations().get(ORDERS).partition(0))).as("nothing written")
                    .isZero();
            // after the epoch-start marker its leader writes when its takeover is done
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> one.destinations().get(ORDERS).partition(1).logEndOffset() > 0);
            long end = one.destinations().get(ORDERS).partition(1).logEndOffset();
            assertThat(c.produce(ORDERS, 1, "routed").baseOffset()).isEqualTo(end);
        }
    }

    @Test
    void aNonDurableSubscriptionRestrictedToSomePartitionsReceivesOnlyThose() throws Exception {
        Broker broker = start("alone", Broker.builder());
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(ORDERS, 0, "p0");
            c.produce(ORDERS, 1, "p1");
            SubscribeRequest onlyOne = SubscribeRequest.nonDurable(4, ORDERS, StartPosition.EARLIEST, 0, null, 10)
                    .forPartitions(List.of(1));
            assertThat(c.subscribe(onlyOne).positions()).containsOnlyKeys(1);
            TestClient.Delivery d = c.next(5000);
            assertThat(d.partition()).isEqualTo(1);
            assertThat(d.text()).isEqualTo("p1");
            assertThat(c.next(300)).as("partition 0 is not this subscription's").isNull();
        }
    }

    @Test
    void aDurableConsumerOnSomePartitionsReceivesOnlyThoseAndUnknownPartitionsAreRefused() throws Exception {
        Broker broker = start("alone", Broker.builder());
        try (TestClient c = TestClient.connect(broker.port(), "client-1")) {
            c.produce(ORDERS, 0, "x");
            c.produce(ORDERS, 1, "y");
            SubscribeRequest durable = new SubscribeRequest(1, ORDERS, SubscriptionKind.DURABLE, "d", null, false,
                    StartPosition.EARLIEST, 0, 10, List.of(0));
            assertThat(c.subscribe(durable).positions()).containsOnlyKeys(0);
            TestClient.Delivery d = c.next(5000);
            assertThat(d.partition()).isEqualTo(0);
            assertThat(d.text()).isEqualTo("x");
            assertThat(c.next(300)).as("partition 1 is not this consumer's").isNull();
            SubscribeRequest beyond = SubscribeRequest.nonDurable(2, ORDERS, StartPosition.EARLIEST, 0, null, 10)
                    .forPartitions(List.of(5));
            assertThatThrownBy(() -> c.subscribe(beyond)).cause().hasMessageContaining(
                    ErrorCode.UNKNOWN_PARTITION.name());
        }
    }
}
