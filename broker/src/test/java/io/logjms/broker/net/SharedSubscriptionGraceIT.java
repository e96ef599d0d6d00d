package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.SubscriptionSummary;
import io.logjms.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared non-durable subscription whose last consumer's connection is lost is kept for
 * {@code subscriptions.shared.grace.ms}; one whose last consumer leaves with the client's {@code CLOSE}
 * ends at once. Over the protocol, so that the connection is closed without the JMS client first closing
 * its consumers.
 */
@Timeout(60)
class SharedSubscriptionGraceIT {
    private static final long GRACE_MS = 3000;
    private static final DestinationId TOPIC = DestinationId.topic("grace.t");

    @TempDir
    Path dataDir;
    private Broker broker;
    private FaultProxy proxy;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("subscriptions.shared.grace.ms", Long.toString(GRACE_MS)).build().start();
        proxy = FaultProxy.start(broker.port(), 1);
    }

    @AfterEach
    void stop() {
        proxy.close();
        broker.close();
    }

    private static SubscribeRequest shared(int credit) {
        return new SubscribeRequest(1, TOPIC, SubscriptionKind.SHARED_NON_DURABLE, "pool", null, false,
                StartPosition.LATEST, 0, credit);
    }

    private List<SubscriptionSummary> subscriptions() {
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port())) {
            return admin.subscriptions(TOPIC.name());
        }
    }

    /** Subscribes through the proxy and takes two records without acknowledging them. */
    private TestClient consumerHoldingTwo(TestClient producer) throws Exception {
        TestClient consumer = TestClient.connect(proxy.port());
        consumer.subscribe(shared(10));
        producer.produce(TOPIC, 0, "m0", "m1");
        assertThat(consumer.next(5000).text()).isEqualTo("m0");
        assertThat(consumer.next(5000).text()).isEqualTo("m1");
        return consumer;
    }

    @Test
    void aConsumerWhoseConnectionWasLostContinuesTheSubscriptionWithinTheGrace() throws Exception {
        try (TestClient producer = TestClient.connect(broker.port())) {
            producer.createDestination(TOPIC, 1);
            TestClient lost = consumerHoldingTwo(producer);
            proxy.cutAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> !lost.protocol().isOpen());
            await().atMost(Duration.ofSeconds(5)).until(() -> subscriptions().stream().allMatch(s -> s.consumers() == 0));
            assertThat(subscriptions()).as("kept without consumers").hasSize(1);
            producer.produce(TOPIC, 0, "m2");

            try (TestClient back = TestClient.connect(broker.port())) {
                back.subscribe(shared(10));
                TestClient.Delivery first = back.next(5000);
                assertThat(first.text()).isEqualTo("m0");
                assertThat(first.record().deliveryCount()).as("delivered before the loss").isGreaterThanOrEqualTo(2);
                assertThat(back.next(5000).text()).isEqualTo("m1");
                assertThat(back.next(5000).text()).as("sent while no consumer was attached").isEqualTo("m2");
            }
        }
    }

    @Test
    void aConsumerClosingItsConnectionEndsTheSubscriptionAtOnce() throws Exception {
        try (TestClient producer = TestClient.connect(broker.port())) {
            producer.createDestination(TOPIC, 1);
            TestClient closing = consumerHoldingTwo(producer);
            closing.close(); // CLOSE request, no UNSUBSCRIBE first
            // the detach completes just after the CLOSE answer; well before the grace either way
            await().atMost(Duration.ofMillis(GRACE_MS / 3)).until(() -> subscriptions().isEmpty());

            try (TestClient next = TestClient.connect(broker.port())) {
                next.subscribe(shared(10));
                producer.produce(TOPIC, 0, "m2");
                assertThat(next.next(5000).text()).as("a new subscription at the log end").isEqualTo("m2");
                assertThat(next.next(200)).isNull();
            }
        }
    }

    @Test
    void theSubscriptionEndsWhenNoConsumerComesBackWithinTheGrace() throws Exception {
        try (TestClient producer = TestClient.connect(broker.port())) {
            producer.createDestination(TOPIC, 1);
            TestClient lost = consumerHoldingTwo(producer);
            long cutAt = System.nanoTime();
            proxy.cutAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> !lost.protocol().isOpen());
            await().atMost(Duration.ofMillis(GRACE_MS * 3)).until(() -> subscriptions().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).isGreaterThanOrEqualTo(Duration.ofMillis(GRACE_MS));

            try (TestClient late = TestClient.connect(broker.port())) {
                late.subscribe(shared(10));
                producer.produce(TOPIC, 0, "m2");
                assertThat(late.next(5000).text()).as("m0 and m1 ended with the subscription").isEqualTo("m2");
                assertThat(late.next(200)).isNull();
            }
        }
    }
}
