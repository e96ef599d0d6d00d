package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.LogJmsAdminException;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.admin.SubscriptionSummary;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LogJmsAdmin against an embedded broker: destinations and subscriptions end to end. */
@Timeout(60)
class LogJmsAdminIT {
    static final String DURABLE_ID = "durable/app/auditor";
    static final SubscribeRequest AUDITOR = new SubscribeRequest(1, DestinationId.topic("audit.events"),
            SubscriptionKind.DURABLE, "auditor", null, false, StartPosition.EARLIEST, 0, 2);

    @TempDir
    Path dataDir;
    Broker broker;
    LogJmsAdmin admin;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port());
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createListDescribeAlterAndDeleteTopicsAndQueues() throws Exception {
        admin.createTopic("orders", DestinationSettings.defaults().withPartitions(3).withRetentionMs(3_600_000));
        admin.createQueue("jobs", DestinationSettings.defaults().withSegmentBytes(1_048_576));
        admin.createQueue("orders", DestinationSettings.defaults());

        assertThat(admin.topics()).containsExactly(new DestinationSummary(DestinationType.TOPIC, "orders", 3));
        assertThat(admin.queues()).containsExactly(new DestinationSummary(DestinationType.QUEUE, "jobs", 1),
                new DestinationSummary(DestinationType.QUEUE, "orders", 1));

        try (TestClient producer = TestClient.connect(broker.port())) {
            producer.produce(DestinationId.topic("orders"), 1, "a", "b", "c");
        }
        DestinationDetails orders = admin.describeTopic("orders");
        assertThat(orders.type()).isEqualTo(DestinationType.TOPIC);
        assertThat(orders.partitionCount()).isEqualTo(3);
        assertThat(orders.retentionMs()).isEqualTo(3_600_000);
        assertThat(orders.settings()).containsEntry("partitions", "3");
        assertThat(orders.settings()).as("a standalone broker keeps one copy").containsEntry("replication.factor", "1");
        List<Integer> self = List.of(0);
        assertThat(orders.partitions()).as("a standalone broker (node 0) leads every partition").containsExactly(
                new DestinationDetails.PartitionRange(0, 0, 0, 0, self, self, 0, 0L),
                new DestinationDetails.PartitionRange(1, 0, 3, 0, self, self, 0, 3L),
                new DestinationDetails.PartitionRange(2, 0, 0, 0, self, self, 0, 0L));
        assertThat(admin.describeQueue("jobs").segmentBytes()).isEqualTo(1_048_576);

        admin.alterTopic("orders", DestinationSettings.defaults().withRetentionBytes(1L << 30));
        DestinationDetails altered = admin.describeTopic("orders");
        assertThat(altered.retentionBytes()).isEqualTo(1L << 30);
        assertThat(altered.retentionMs()).as("unchanged").isEqualTo(3_600_000);
        admin.alterQueue("jobs", DestinationSettings.defaults().withRetentionMs(60_000));
        assertThat(admin.describeQueue("jobs").retentionMs()).isEqualTo(60_000);

        admin.deleteTopic("orders");
        assertThat(admin.topics()).isEmpty();
        assertThat(admin.queues()).extracting(DestinationSummary::name).containsExactly("jobs", "orders");
        admin.deleteQueue("jobs");
        assertThat(admin.queues()).extracting(DestinationSummary::name).containsExactly("orders");
    }

    @Test
    void aStandaloneBrokerDescribesItselfAsAClusterOfOne() {
        io.logjms.provider.admin.ClusterDetails cluster = admin.describeCluster();

        assertThat(cluster.clusterName()).isEqualTo("standalone");
        assertThat(cluster.controller()).isZero();
        assertThat(cluster.members()).containsExactly(
                new io.logjms.provider.admin.ClusterDetails.Member(0, "127.0.0.1", broker.port(), true));
    }

    @Test
    void refusalsCarryTheBrokersCodeAndMessage() {
        admin.createTopic("orders", DestinationSettings.defaults());
        LogJmsAdminException exists = catchThrowableOfType(
                () -> admin.createTopic("orders", DestinationSettings.defaults()), LogJmsAdminException.class);
        assertThat(exists.error()).isEqualTo(ErrorCode.DESTINATION_EXISTS);
        assertThat(exists).hasMessage("cannot create topic orders: topic://orders already exists");

        assertThat(catchThrowableOfType(() -> admin.describeQueue("orders"), LogJmsAdminException.class).error())
                .isEqualTo(ErrorCode.UNKNOWN_DESTINATION);
        assertThat(catchThrowableOfType(() -> admin.deleteTopic("missing"), LogJmsAdminException.class))
                .hasMessage("cannot delete topic missing: topic://missing does not exist");
        assertThat(catchThrowableOfType(() -> admin.createTopic("no spaces", DestinationSettings.defaults()),
                LogJmsAdminException.class).error()).isEqualTo(ErrorCode.INVALID_DESTINATION);
        assertThat(catchThrowableOfType(() -> admin.describeSubscription("durable/nobody/none"),
                LogJmsAdminException.class).error()).isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION);
        assertThatThrownBy(() -> admin.alterTopic("orders", DestinationSettings.defaults().withPartitions(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the partition count of topic orders is fixed at creation and cannot be altered");
    }

    @Test
    void listDescribeAndResetADurableSubscription() throws Exception {
        try (TestClient app = TestClient.connect(broker.port(), "app")) {
            for (String text : List.of("1", "2", "3", "4")) {
                app.produce(AUDITOR.destination(), 0, text); // one record per batch, so the credit of 2 is exact
            }
            app.subscribe(AUDITOR);
            TestClient.Delivery first = app.next(5000);
            assertThat(app.next(5000)).as("second delivery within the credit of 2").isNotNull();
            app.ack(1, List.of(first.ref()));

            admin.createQueue("jobs", DestinationSettings.defaults());
            assertThat(admin.subscriptions(null)).extracting(SubscriptionSummary::id)
                    .containsExactly(DURABLE_ID, "queue/jobs");
            assertThat(admin.subscriptions("audit.events")).containsExactly(new SubscriptionSummary(DURABLE_ID,
                    SubscriptionKind.DURABLE, DestinationType.TOPIC, "audit.events", "app", "auditor", null, 1));
            assertThat(admin.subscriptions("other")).isEmpty();

            SubscriptionDetails details = admin.describeSubscription(DURABLE_ID);
            assertThat(details.subscription().consumers()).isEqualTo(1);
            assertThat(details.partitions()).containsExactly(new SubscriptionDetails.PartitionProgress(0, 0, 4, 1, 1, 0));
            assertThat(details.lag()).isEqualTo(3);

            LogJmsAdminException inUse = catchThrowableOfType(
                    () -> admin.resetSubscription(DURABLE_ID, ResetPosition.earliest(), false), LogJmsAdminException.class);
            assertThat(inUse.error()).isEqualTo(ErrorCode.SUBSCRIPTION_IN_USE);
            assertThat(inUse).hasMessageContaining("subscription " + DURABLE_ID + " has 1 active consumer(s)");

            assertThat(admin.resetSubscription(DURABLE_ID, ResetPosition.earliest(), true)).containsExactly(Map.entry(0, 0L));
            assertThat(admin.describeSubscription(DURABLE_ID).partitions().get(0).committed()).isZero();
        }
        awaitNoConsumers(admin, DURABLE_ID);
        assertThat(admin.resetSubscription(DURABLE_ID, ResetPosition.latest(), false)).containsExactly(Map.entry(0, 4L));
        assertThat(admin.resetSubscription(DURABLE_ID, ResetPosition.time(Instant.now().plus(1, ChronoUnit.HOURS)), false))
                .as("nothing at or after a future time: the log end").containsExactly(Map.entry(0, 4L));
        assertThat(admin.resetSubscription(DURABLE_ID, ResetPosition.time(Instant.EPOCH), false))
                .containsExactly(Map.entry(0, 0L));
        assertThat(admin.resetSubscription(DURABLE_ID, ResetPosition.offset(0, 2), false)).containsExactly(Map.entry(0, 2L));
        assertThat(admin.describeSubscription(DURABLE_ID).partitions().get(0).lag()).isEqualTo(2);
        try (TestClient app = TestClient.connect(broker.port(), "app")) {
            app.subscribe(AUDITOR);
            assertThat(app.next(5000).text()).as("delivery resumes at the reset offset").isEqualTo("3");
        }
    }

    /** The broker detaches a closed connection's consumers asynchronously. */
    static void awaitNoConsumers(LogJmsAdmin admin, String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.describeSubscription(id).subscription().consumers() == 0);
    }

    @Test
    void anUnreachableBrokerIsReportedWithoutACode() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LogJmsAdminException e = catchThrowableOfType(() -> LogJmsAdmin.connect("logjms://127.0.0.1:" + closedPort),
                LogJmsAdminException.class);
        assertThat(e.refusedByBroker()).isFalse();
        assertThat(e).hasMessage("cannot connect to the logjms broker at logjms://127.0.0.1:" + closedPort
                + ": connection refused");
    }
}
