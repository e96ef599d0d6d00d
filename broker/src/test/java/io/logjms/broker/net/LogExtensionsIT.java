package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionInfo;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.api.SubscriptionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seek, positions and the admin requests at the protocol level. */
@Timeout(60)
class LogExtensionsIT {
    @TempDir
    Path dataDir;
    Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("retention.check.interval.ms", "100").build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private static <T> T call(TestClient c, ApiKey api, java.util.function.Consumer<io.netty.buffer.ByteBuf> body,
                              java.util.function.Function<io.netty.buffer.ByteBuf, T> reader) throws Exception {
        return c.protocol().request(api, body, reader).get(10, TimeUnit.SECONDS);
    }

    @Test
    void seekToBeginningReplaysAndPositionsFollow() throws Exception {
        DestinationId topic = DestinationId.topic("replay");
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(topic, 0, "a", "b", "c");
            c.subscribe(SubscribeRequest.nonDurable(1, topic, StartPosition.LATEST, 0, null, 100));
            assertThat(c.next(300)).as("subscribed at the end").isNull();
            SubscribeResponse positions = c.seek(new SeekRequest(1, SeekMode.BEGINNING, 0, -1));
            assertThat(positions.positions()).containsEntry(0, 0L);
            assertThat(c.next(5000).text()).isEqualTo("a");
            assertThat(c.next(5000).text()).isEqualTo("b");
            assertThat(c.next(5000).text()).isEqualTo("c");
            c.seek(new SeekRequest(1, SeekMode.OFFSET, 2, 0)); // inside the batch: its first two records are skipped
            assertThat(c.next(5000).text()).isEqualTo("c");
            SubscribeResponse now = call(c, ApiKey.POSITIONS, new SubscriptionRequest(1)::writeTo, SubscribeResponse::readFrom);
            assertThat(now.positions()).containsEntry(0, 3L);
        }
    }

    @Test
    void adminListsDescribesAndResetsADurableSubscription() throws Exception {
        DestinationId topic = DestinationId.topic("audit.events");
        SubscribeRequest durable = new SubscribeRequest(1, topic, SubscriptionKind.DURABLE, "auditor", null, false,
                StartPosition.EARLIEST, 0, 100);
        String id = "durable/app/auditor";
        try (TestClient app = TestClient.connect(broker.port(), "app"); TestClient admin = TestClient.connect(broker.port())) {
            app.produce(topic, 0, "1", "2", "3", "4");
            app.subscribe(durable);
            TestClient.Delivery first = app.next(5000);
            app.next(5000);
            app.ack(1, List.of(first.ref()));

            List<SubscriptionInfo> subs = call(admin, ApiKey.LIST_SUBSCRIPTIONS,
                    new ListSubscriptionsRequest(topic)::writeTo, SubscriptionInfo::readList);
            assertThat(subs).extracting(SubscriptionInfo::id).containsExactly(id);
            assertThat(subs.get(0).clientId()).isEqualTo("app");
            assertThat(subs.get(0).consumers()).isEqualTo(1);

            SubscriptionDescription described = call(admin, ApiKey.DESCRIBE_SUBSCRIPTION, new NameRequest(id)::writeTo,
                    SubscriptionDescription::readFrom);
            assertThat(described.partitions().get(0).committed()).isEqualTo(1);
            assertThat(described.partitions().get(0).lag()).isEqualTo(3);

            assertThatThrownBy(() -> call(admin, ApiKey.RESET_SUBSCRIPTION,
                    new ResetSubscriptionRequest(id, SeekMode.BEGINNING, 0, -1, false)::writeTo, SubscribeResponse::readFrom))
                    .hasMessageContaining("SUBSCRIPTION_IN_USE");
        }
        try (TestClient admin = TestClient.connect(broker.port())) {
            call(admin, ApiKey.RESET_SUBSCRIPTION, new ResetSubscriptionRequest(id, SeekMode.BEGINNING, 0, -1, false)::writeTo,
                    SubscribeResponse::readFrom);
        }
        try (TestClient app = TestClient.connect(broker.port(), "app")) {
            app.subscribe(durable);
            assertThat(app.next(5000).text()).as("replayed from the start").isEqualTo("1");
        }
    }

    @Test
    void lowerRetentionDeletesOldSegmentsAndTheLaggingSubscriberSkipsVisibly() throws Exception {
        DestinationId topic = DestinationId.topic("short.lived");
        String id = "durable/lagger/slow";
        try (TestClient c = TestClient.connect(broker.port(), "lagger")) {
            call(c, ApiKey.CREATE_DESTINATION, new CreateDestinationRequest(topic, 1,
                    Map.of("segment.bytes", "1024"))::writeTo, b -> null);
            c.subscribe(new SubscribeRequest(1, topic, SubscriptionKind.DURABLE, "slow", null, false,
                    StartPosition.EARLIEST, 0, 0));
            for (int i = 0; i < 40; i++) {
                c.produce(topic, 0, "message number " + i + " with some padding to fill segments quickly");
            }
            call(c, ApiKey.ALTER_DESTINATION, new CreateDestinationRequest(topic, -1, Map.of("retention.bytes", "2048"))::writeTo,
                    b -> null);
            await().atMost(Duration.ofSeconds(10)).until(() -> call(c, ApiKey.DESCRIBE_SUBSCRIPTION,
                    new NameRequest(id)::writeTo, SubscriptionDescription::readFrom).partitions().get(0).skippedByRetention() > 0);
            SubscriptionDescription d = call(c, ApiKey.DESCRIBE_SUBSCRIPTION, new NameRequest(id)::writeTo,
                    SubscriptionDescription::readFrom);
            long logStart = d.partitions().get(0).logStartOffset();
            assertThat(logStart).isPositive();
            assertThat(d.partitions().get(0).skippedByRetention()).isEqualTo(logStart);
            c.credit(1, 1);
            TestClient.Delivery next = c.next(5000);
            assertThat(next.record().offset()).as("continues at the log start").isEqualTo(logStart);
        }
    }
}
