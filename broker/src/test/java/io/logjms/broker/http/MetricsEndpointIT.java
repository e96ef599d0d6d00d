package io.logjms.broker.http;

import static io.logjms.broker.http.HttpClientSupport.get;
import static io.logjms.broker.http.HttpClientSupport.send;
import static io.logjms.broker.http.HttpClientSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a broker that clients used: the values follow what they did. */
@Timeout(60)
class MetricsEndpointIT {
    @TempDir
    Path dataDir;
    Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private Broker start(Broker.Builder builder) {
        broker = builder.dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        return broker;
    }

    @Test
    void anEmbeddedBrokerServesNoHttpUnlessAsked() {
        start(Broker.builder());
        assertThat(broker.httpPort()).isEqualTo(-1);
    }

    @Test
    void scrapedValuesFollowProduceConsumeRedeliveryAndDeadLettering() throws Exception {
        start(Broker.builder().httpPort(0).set("delivery.max.attempts", "2"));
        int http = broker.httpPort();
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port()
                + "?requestTimeout=10000");
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("app");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue orders = session.createQueue("orders");
            Topic prices = session.createTopic("prices");
            session.createDurableConsumer(prices, "audit").close();
            MessageProducer producer = session.createProducer(null);
            for (int i = 0; i < 5; i++) {
                producer.send(orders, session.createTextMessage("order-" + i));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(prices, session.createTextMessage("price-" + i));
            }
            MessageConsumer consumer = session.createConsumer(orders);
            for (int i = 0; i < 5; i++) {
                assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("order-" + i);
            }
            consumer.close();
            deadLetterOnePoisonMessage(connection, session);
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer ledger = transacted.createProducer(transacted.createQueue("ledger"));
            ledger.send(transacted.createTextMessage("debit"));
            ledger.send(transacted.createTextMessage("credit"));
            transacted.commit();

            AtomicReference<String> scrape = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpClientSupport.Response response = get(http, "/metrics");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.contentType()).startsWith("text/plain");
                String text = response.body();
                scrape.set(text);
                assertThat(value(text, "logjms_messages_in_total{destination=\"orders\",type=\"queue\"}")).isEqualTo(5);
                assertThat(value(text, "logjms_messages_in_total{destination=\"prices\",type=\"topic\"}")).isEqualTo(3);
                assertThat(value(text, "logjms_messages_out_total{destination=\"orders\",type=\"queue\"}")).isEqualTo(5);
                assertThat(value(text, "logjms_partition_log_end_offset{destination=\"orders\",partition=\"0\",type=\"queue\"}"))
                        .isEqualTo(5);
                assertThat(value(text, "logjms_queue_depth{queue=\"orders\"}")).as("all acknowledged").isZero();
                assertThat(value(text, "logjms_subscription_lag{subscription=\"durable/app/audit\"}")).isEqualTo(3);
                assertThat(value(text, "logjms_dead_lettered_total")).isEqualTo(1);
                assertThat(value(text, "logjms_messages_in_total{destination=\"ledger\",type=\"queue\"}"))
                        .as("transacted sends, once committed").isEqualTo(2);
                assertThat(value(text, "logjms_queue_depth{queue=\"DLQ\"}")).isEqualTo(1);
            });
            String text = scrape.get();
            assertThat(value(text, "logjms_bytes_in_total{destination=\"orders\",type=\"queue\"}"))
                    .as("bytes of five record batches").isGreaterThan(5 * "order-0".length());
            assertThat(value(text, "logjms_redeliveries_total")).as("the poison message's second delivery")
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(text, "logjms_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value(text, "logjms_produce_latency_seconds_count")).as("one produce request per send")
                    .isGreaterThanOrEqualTo(9);
            assertThat(value(text, "logjms_fsync_latency_seconds_count")).as("every-batch fsyncs").isPositive();
            assertThat(text).contains("jvm_memory_used_bytes{", "logjms_produce_latency_seconds_bucket{le=");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(get(http, "/metrics").body(), "logjms_connections")).isZero());
    }

    /** Received and rolled back twice: with delivery.max.attempts=2 the next delivery is a dead letter. */
    private static void deadLetterOnePoisonMessage(Connection connection, Session session) throws Exception {
        Queue poison = session.createQueue("poison");
        session.createProducer(poison).send(session.createTextMessage("poison"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(poison);
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(consumer.receive(5_000)).as("delivery %d", attempt).isNotNull();
            transacted.rollback();
        }
        assertThat(consumer.receive(500)).as("dead-lettered instead of a third delivery").isNull();
        transacted.close();
    }

    @Test
    void theHttpPortIsReadOnlyAndNamesWhatItDoesNotServe() throws Exception {
        start(Broker.builder().httpPort(0));
        int http = broker.httpPort();

        HttpClientSupport.Response post = send(http, "/metrics", "POST");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.allow()).isEqualTo("GET, HEAD");
        HttpClientSupport.Response missing = get(http, "/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("/nothing-here");
    }

    @Test
    void anHttpPortInUseStopsTheStartAndIsNamed() {
        start(Broker.builder().httpPort(0));
        int taken = broker.httpPort();
        Broker second = Broker.builder().dataDir(dataDir.resolve("second")).host("127.0.0.1").port(0).httpPort(taken)
                .build();

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot serve HTTP on 127.0.0.1:" + taken);
        assertThat(second.isRunning()).isFalse();
    }
}
