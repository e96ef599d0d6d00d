package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.AdminUrl;
import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.DestinationDetails.PartitionRange;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import io.logjms.provider.it.TestCertificates;
import io.logjms.provider.tls.TlsOptions;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import io.netty.buffer.ByteBuf;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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
 * Three brokers in JVMs of their own with security on: TLS only (client certificates asked for, which the brokers'
 * own connections present), users and an ACL, anonymous clients refused, and the cluster credentials the brokers
 * authenticate to each other with. Replication, the admin requests the brokers ask each
 * other, and a queue's messages across its leader's SIGKILL work; a user who is no broker, even one the ACL lets do
 * everything, is refused every broker-to-broker request. Before the brokers authenticated to each other, their
 * anonymous, plain connections were refused (TLS only, no anonymous clients): the replicas never got in sync, and the
 * same user was answered the partition's batches. One cluster start serves both steps, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecuredClusterIT {
    private static final String QUEUE = "secure.orders";
    private static final int MESSAGES = 30;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private final TestCertificates certs = TestCertificates.get();
    private TestCluster cluster;

    @BeforeAll
    void startSecuredCluster(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice=alice-secret\nroot=root-secret\n",
                StandardCharsets.UTF_8);
        Path acl = Files.writeString(dir.resolve("acl.txt"), """
                allow user:alice produce,consume,create queue:secure.*
                allow user:root * *
                """, StandardCharsets.UTF_8);
        TestCluster.Builder builder = TestCluster.builder(dir, 3).jvmOptions("-Xmx192m")
                .setting("security.users.file", users.toString())
                .setting("security.allow.anonymous", "false")
                .setting("security.acl.file", acl.toString())
                .setting("tls.enabled", "true")
                .setting("tls.keystore.path", certs.server.toString())
                .setting("tls.keystore.password", TestCertificates.PASSWORD)
                .setting("tls.truststore.path", certs.trustStore.toString())
                .setting("tls.truststore.password", TestCertificates.PASSWORD)
                // the brokers present their certificates to each other (CN=localhost, not the cluster user): the
                // cluster credentials authenticate them all the same
                .setting("tls.client.auth", "want")
                .setting("cluster.user", "logjms-cluster")
                .setting("cluster.password", "cluster-secret");
        cluster = clusters.start(builder);
        await("the cluster formed").atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    for (TestCluster.Node node : cluster.nodes()) {
                        try (LogJmsAdmin admin = admin(node.id(), "root", "root-secret")) {
                            ClusterDetails seen = admin.describeCluster();
                            assertThat(seen.controller()).as("controller seen by node %d", node.id()).isNotNull();
                            assertThat(seen.members()).hasSize(3).allMatch(ClusterDetails.Member::alive);
                        }
                    }
                });
        // retried: a broker may still be joining for a moment after the others see it
        await("queue " + QUEUE + " created").atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    try (LogJmsAdmin admin = admin(1, "root", "root-secret")) {
                        if (admin.queues().stream().noneMatch(q -> q.name().equals(QUEUE))) {
                            admin.createQueue(QUEUE, DestinationSettings.defaults().withPartitions(1)
                                    .withReplicationFactor(3));
                        }
                        assertThat(admin.describeQueue(QUEUE).partitions()).hasSize(1);
                    }
                });
    }

    @Test
    @Order(1)
    void theBrokersReplicateOverTlsAndAQueuesMessagesSurviveItsLeadersKill() throws Exception {
        int leader = awaitEveryReplicaInSync();
        try (LogJmsAdmin admin = admin(leader, "root", "root-secret")) {
            assertThat(admin.subscriptions(null)).as("asked of every broker (PEER_LIST_SUBSCRIPTIONS)").isNotNull();
        }
        try (Connection connection = connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (int n = 0; n < MESSAGES; n++) {
                producer.send(session.createTextMessage("m" + n));
            }
        }

        cluster.kill(leader);

        List<String> received = new ArrayList<>();
        try (Connection connection = connect()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(QUEUE);
            MessageConsumer consumer = session.createConsumer(queue);
            for (int n = 0; n < MESSAGES; n++) {
                TextMessage m = (TextMessage) consumer.receive(WAIT.toMillis());
                assertThat(m).as("message %d of %d after node %d was killed", n, MESSAGES, leader).isNotNull();
                received.add(m.getText());
            }
        }
        assertThat(received).containsExactlyElementsOf(
                IntStream.range(0, MESSAGES).mapToObj(n -> "m" + n).toList());
    }

    @Test
    @Order(2)
    void aUserWhoIsNoBrokerEvenAnAdminIsRefusedBrokerToBrokerRequestsAndTheClusterUserNeedsItsPassword()
            throws Exception {
        TestCluster.Node node = cluster.nodes().stream().filter(TestCluster.Node::isRunning).findFirst().orElseThrow();
        PartitionRange partition = await("a running leader of " + QUEUE).atMost(WAIT).ignoreExceptions().until(() -> {
            try (LogJmsAdmin admin = admin(node.id(), "root", "root-secret")) {
                return admin.describeQueue(QUEUE).partitions().get(0);
            }
        }, p -> p.leader() != null && cluster.node(p.leader()).isRunning());
        int leader = partition.leader();
        ReplicaFetchRequest fetch = new ReplicaFetchRequest(leader == 1 ? 2 : 1, "queue." + QUEUE, 0,
                ReplicaFetchRequest.FOLLOW, partition.leaderEpoch(), 0, -1, 0, 1 << 20, 0);

        try (ProtocolClient root = rawClient(leader, "root", "root-secret").get(30, TimeUnit.SECONDS)) {
            assertRefused(root, ApiKey.REPLICA_FETCH, fetch::writeTo);
            assertRefused(root, ApiKey.PEER_DESCRIBE_SUBSCRIPTION, new NameRequest("any")::writeTo);
            assertRefused(root, ApiKey.TXN_APPLY, body -> body.writeByte(1));
        }
        try (ProtocolClient alice = rawClient(leader, "alice", "alice-secret").get(30, TimeUnit.SECONDS)) {
            assertRefused(alice, ApiKey.REPLICA_FETCH, fetch::writeTo);
        }
        assertThatThrownBy(() -> rawClient(leader, "logjms-cluster", "alice-secret").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProtocolErrorException.class)
                .satisfies(e -> assertThat(((ProtocolErrorException) e).error()).isEqualTo(
                        ErrorCode.AUTHENTICATION_FAILED));
    }

    private static void assertRefused(ProtocolClient client, ApiKey api, Consumer<ByteBuf> body) {
        assertThatThrownBy(() -> client.request(api, body, b -> Boolean.TRUE).get(30, TimeUnit.SECONDS))
                .as(api.name()).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ProtocolErrorException.class)
                .hasMessageContaining(api.name()).hasMessageContaining("broker-to-broker request")
                .satisfies(e -> assertThat(((ProtocolErrorException) e).error()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
    }

    /** Waits until every running node sees the queue's partition led and every replica in sync; returns the leader. */
    private int awaitEveryReplicaInSync() {
        int[] leader = new int[1];
        await("every replica of " + QUEUE + " in sync").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().untilAsserted(() -> {
                    for (TestCluster.Node node : cluster.nodes()) {
                        try (LogJmsAdmin admin = admin(node.id(), "root", "root-secret")) {
                            PartitionRange p = admin.describeQueue(QUEUE).partitions().get(0);
                            assertThat(p.leader()).isNotNull();
                            assertThat(p.replicas()).hasSize(3);
                            assertThat(new HashSet<>(p.inSync())).as("in sync, seen by node %d", node.id())
                                    .isEqualTo(new HashSet<>(p.replicas()));
                            leader[0] = p.leader();
                        }
                    }
                });
        return leader[0];
    }

    private String tlsOptions() {
        return "tls=true&trustStore=" + certs.trustStore + "&trustStorePassword=" + TestCertificates.PASSWORD;
    }

    private LogJmsAdmin admin(int node, String user, String password) {
        return LogJmsAdmin.connect(AdminUrl.parse("logjms://" + cluster.node(node).address() + "?user=" + user
                + "&password=" + password + "&" + tlsOptions()), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private Connection connect() throws JMSException {
        return new LogJmsConnectionFactory(cluster.bootstrapUrl("user=alice&password=alice-secret&" + tlsOptions()
                + "&reconnectTimeout=60000&requestTimeout=5000")).createConnection();
    }

    private CompletableFuture<ProtocolClient> rawClient(int node, String user, String password) {
        return ProtocolClient.connect("127.0.0.1", cluster.node(node).port(), ProtocolClient.handshake(null, user,
                        password), Duration.ofSeconds(10), Duration.ofSeconds(10), PushListener.NONE,
                TlsOptions.from(Map.of(TlsOptions.TLS, "true", TlsOptions.TRUST_STORE, certs.trustStore.toString(),
                        TlsOptions.TRUST_STORE_PASSWORD, TestCertificates.PASSWORD)));
    }
}
