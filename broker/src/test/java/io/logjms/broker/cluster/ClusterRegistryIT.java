package io.logjms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.admin.AdminCli;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.PushListener;
import io.logjms.testing.ClusterWaits;
import io.logjms.testing.TestCluster;
import io.logjms.testing.TestClusterExtension;
import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
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
 * Three brokers in JVMs of their own and the cluster-wide registry, through one story: durable subscriptions
 * made through one broker are listed, described and reset (each partition at its leader) through every broker;
 * the links of a connection with a client id to every broker share it; a client id is refused on another broker
 * while a connection holds it (the links of one connection, sharing its origin, are not) and accepted once the
 * holder's broker was SIGKILLed and left the cluster; an unsubscribe through one broker is refused while a consumer
 * is attached on another and then removes the subscription everywhere, as deleting a topic removes its
 * subscriptions, and a replacement through another broker is seen everywhere; after every broker was SIGKILLed and
 * restarted the definitions are there, and the broker that was down during the unsubscribe does not bring the
 * deleted subscription back. One cluster start serves every step, so they run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterRegistryIT {
    private static final String TOPIC = "audited";
    private static final Duration SPREAD = Duration.ofSeconds(30);
    private static final String AUDIT = "durable/registry-app/audit";
    private static final String ARCHIVE = "durable/registry-app/archive";
    private static final String FLEET = "shared-durable//fleet";

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private TestCluster cluster;
    private final List<ProtocolClient> rawClients = new ArrayList<>();

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = clusters.start(TestCluster.builder(dir, 3).jvmOptions("-Xmx192m"));
        ClusterWaits.awaitMembers(cluster, 3);
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(1).address())) {
            admin.createTopic(TOPIC, DestinationSettings.defaults().withPartitions(3).withReplicationFactor(3));
        }
        ClusterWaits.awaitFullyReplicated(cluster, TOPIC);
    }

    @AfterAll
    void closeClients() {
        rawClients.forEach(ProtocolClient::close);
    }

    @Test
    @Order(1)
    void aDurableSubscriptionMadeThroughOneBrokerIsListedDescribedAndResetThroughEveryBroker() throws Exception {
        try (Connection c = factory(1, "registry-app").createConnection()) {
            Session session = c.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(TOPIC);
            session.createDurableConsumer(topic, "audit").close();
            session.createDurableConsumer(topic, "archive", "region = 'eu'", false).close();
        }

        for (int id = 1; id <= 3; id++) {
            int node = id;
            await("node " + node + " lists both durable subscriptions").atMost(SPREAD).untilAsserted(() ->
                    assertThat(listed(node).keySet()).contains(AUDIT, ARCHIVE));
        }
        Map<String, Object> archive = listed(3).get(ARCHIVE);
        assertThat(archive).containsEntry("selector", "region = 'eu'").containsEntry("clientId", "registry-app");
        Map<String, Object> described = JsonReader.object(cli(2, "subscriptions", "describe", AUDIT, "--json"));
        assertThat(described.toString()).as("described by a broker that did not make it")
                .contains("partition=0", "partition=1", "partition=2");

        // the partitions are led by the three brokers: node 3 resets the ones it leads, the others theirs
        Map<String, Object> reset = JsonReader.object(cli(3, "subscriptions", "reset", ARCHIVE, "--to", "earliest",
                "--json"));
        assertThat((List<?>) reset.get("partitions")).as("positions of every partition: %s", reset).hasSize(3);
    }

    @Test
    @Order(2)
    void theLinksOfOneConnectionWithAClientIdShareItAlsoWithoutReconnects() throws Exception {
        try (Connection c = factory(1, "routed-app").createConnection()) {
            Session session = c.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
            // keyed sends spread over the three partitions, led by the three brokers: links to each of them
            for (int i = 0; i < 30; i++) {
                Message m = session.createTextMessage("keyed " + i);
                m.setStringProperty("JMSXGroupID", "key-" + i);
                producer.send(m);
            }
            assertThat(c.getClientID()).isEqualTo("routed-app");
        }
    }

    @Test
    @Order(3)
    void aClientIdIsHeldAcrossTheClusterAndReleasedWhenItsHoldersBrokerLeaves() throws Exception {
        ProtocolClient holder = raw(3, handshake("unique-app", null));
        String origin = holder.handshakeResponse().connectionId();

        ProtocolClient link = raw(1, handshake("unique-app", origin));
        assertThat(link.isOpen()).as("a link of the same connection (same origin) on another broker").isTrue();
        assertThatThrownBy(() -> raw(2, handshake("unique-app", null)))
                .as("another connection on a third broker").isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ProtocolErrorException.class)
                .satisfies(e -> assertThat(((ProtocolErrorException) e.getCause()).error())
                        .isEqualTo(ErrorCode.CLIENT_ID_IN_USE));
        link.close();
        assertThatThrownBy(() -> factory(2, "unique-app").createConnection().close())
                .as("the JMS client is told by InvalidClientIDException while node 3 holds it")
                .isInstanceOf(InvalidClientIDException.class).hasMessageContaining("unique-app");

        cluster.kill(3);
        ClusterWaits.awaitMembers(cluster, 2);
        for (int p = 0; p < 3; p++) {
            // the next steps' clients run with reconnectTimeout=0: no partition may still name the dead node
            ClusterWaits.awaitNewLeader(cluster, TOPIC, p, 3, ClusterWaits.FORMED);
        }
        await("the client id of a connection to killed node 3 is released").atMost(SPREAD)
                .ignoreExceptionsInstanceOf(InvalidClientIDException.class)
                .untilAsserted(() -> {
                    try (Connection c = factory(2, "unique-app").createConnection()) {
                        assertThat(c.getClientID()).isEqualTo("unique-app");
                    }
                });
    }

    @Test
    @Order(4)
    void anUnsubscribeIsRefusedWhileAnotherBrokerHasAConsumerAndThenRemovesItEverywhere() throws Exception {
        try (Connection holding = factory(1, null).createConnection();
             Connection other = factory(2, null).createConnection()) {
            Session session = holding.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createSharedDurableConsumer(session.createTopic(TOPIC), "fleet");
            await("node 2 lists the shared durable subscription").atMost(SPREAD)
                    .untilAsserted(() -> assertThat(listed(2).keySet()).contains(FLEET));
            assertThat(listed(2).get(FLEET)).as("its consumer on node 1, counted by node 2")
                    .containsEntry("consumers", 1L);

            Session elsewhere = other.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> elsewhere.unsubscribe("fleet")).isInstanceOf(JMSException.class)
                    .hasMessageContaining("active consumer");

            consumer.close();
            elsewhere.unsubscribe("fleet");
        }
        try (Connection c = factory(2, "registry-app").createConnection()) {
            Session session = c.createSession(Session.AUTO_ACKNOWLEDGE);
            session.unsubscribe("audit");
            // a replacement (another selector) through another broker than the one that made it
            session.createDurableConsumer(session.createTopic(TOPIC), "archive", "region = 'us'", false).close();
        }
        for (int id = 1; id <= 2; id++) {
            int node = id;
            await("node " + node + " no longer lists the deleted subscriptions").atMost(SPREAD).untilAsserted(() -> {
                Map<String, Map<String, Object>> listed = listed(node);
                assertThat(listed.keySet()).doesNotContain(AUDIT, FLEET).contains(ARCHIVE);
                assertThat(listed.get(ARCHIVE)).as("replaced").containsEntry("selector", "region = 'us'");
            });
        }
    }

    @Test
    @Order(5)
    void deletingATopicThroughOneBrokerDeletesItsSubscriptionsEverywhere() throws Exception {
        try (Connection c = factory(1, "scratch-app").createConnection()) {
            Session session = c.createSession(Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic("scratch"), "notes").close();
        }
        String notes = "durable/scratch-app/notes";
        await("node 2 lists the subscription of the scratch topic").atMost(SPREAD)
                .untilAsserted(() -> assertThat(listed(2).keySet()).contains(notes));

        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + cluster.node(2).address())) {
            admin.deleteTopic("scratch");
        }

        for (int id = 1; id <= 2; id++) {
            int node = id;
            await("node " + node + " no longer lists the deleted topic's subscription").atMost(SPREAD)
                    .untilAsserted(() -> assertThat(listed(node).keySet()).doesNotContain(notes).contains(ARCHIVE));
        }
    }

    @Test
    @Order(6)
    void definitionsSurviveAWholeClusterRestartAndADeleteMissedByABrokerStaysDeleted() throws Exception {
        cluster.kill(1);
        cluster.kill(2);
        for (int id = 1; id <= 3; id++) {
            cluster.restart(id);
        }
        ClusterWaits.awaitMembers(cluster, 3);

        for (int id = 1; id <= 3; id++) {
            int node = id;
            await("node " + node + " holds what the cluster stored").atMost(SPREAD).untilAsserted(() -> {
                Map<String, Map<String, Object>> listed = listed(node);
                assertThat(listed.keySet()).contains(ARCHIVE).doesNotContain(AUDIT, FLEET, "durable/scratch-app/notes");
                assertThat(listed.get(ARCHIVE)).containsEntry("selector", "region = 'us'");
            });
        }
    }

    private LogJmsConnectionFactory factory(int node, String clientId) {
        String url = "logjms://" + cluster.node(node).address() + "?reconnectTimeout=0"
                + (clientId == null ? "" : "&clientID=" + clientId);
        return new LogJmsConnectionFactory(url);
    }

    private static HandshakeRequest handshake(String clientId, String origin) {
        HandshakeRequest plain = ProtocolClient.handshake(clientId, null, null);
        return origin == null ? plain : plain.withOrigin(origin);
    }

    private ProtocolClient raw(int node, HandshakeRequest handshake) throws Exception {
        TestCluster.Node n = cluster.node(node);
        ProtocolClient client = ProtocolClient.connect("127.0.0.1", n.port(), handshake, Duration.ofSeconds(5),
                Duration.ofSeconds(20), PushListener.NONE).get(30, TimeUnit.SECONDS);
        rawClients.add(client);
        return client;
    }

    /** {@code subscriptions list --json} on a node, by id. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> listed(int node) {
        Map<String, Map<String, Object>> byId = new java.util.TreeMap<>();
        for (Object o : (List<Object>) JsonReader.read(cli(node, "subscriptions", "list", "--json"))) {
            Map<String, Object> s = (Map<String, Object>) o;
            byId.put((String) s.get("id"), s);
        }
        return byId;
    }

    private String cli(int node, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--url", "logjms://" + cluster.node(node).address()));
        all.addAll(List.of(args));
        int code = AdminCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("on node %d: logjms %s: %s", node, String.join(" ", args), err).isZero();
        return out.toString();
    }
}
