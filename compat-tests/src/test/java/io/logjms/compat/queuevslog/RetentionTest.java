package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.provider.LogJmsProperties;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.SubscriptionDetails;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable subscriber lags while its topic's retention deletes old segments. A log is bounded by retention,
 * not by its slowest reader: the subscriber continues at the log start and the admin API reports the gap. A
 * queue-based broker keeps every unconsumed message of a durable subscription (it has no retention).
 *
 * <p>logjms runs on a broker of its own here, whose retention check runs every 100 ms instead of every 30 s.
 */
class RetentionTest extends QueueVsLogScenario {

    private static final int COUNT = 40;
    private static final long RETENTION_MS = 500;
    private static final long SEGMENT_BYTES = 1024;
    private static final String PADDING = "-".repeat(100);
    private static final String SUBSCRIPTION = "lagging";

    @TempDir
    Path dataDir;

    @ProviderTest
    @DisplayName("4 retention expiry with a lagging durable subscriber")
    void laggingDurableSubscriberAfterRetention(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        if (isLogJms(provider)) {
            retentionSkipsWhatTheSubscriberDidNotRead(provider, reporter);
        } else {
            durableSubscriptionKeepsEverything(provider.connectionFactory(), reporter);
        }
    }

    private void retentionSkipsWhatTheSubscriberDidNotRead(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        DedicatedLogJmsBroker broker = DedicatedLogJmsBroker.start(dataDir, Map.of("retention.check.interval.ms", "100"),
                transport(provider));
        resources.track(broker, broker::close);
        LogJmsAdmin admin = admin(broker.url());
        String name = unique("retained");
        admin.createTopic(name, DestinationSettings.defaults().withPartitions(1).withSegmentBytes(SEGMENT_BYTES)
                .withRetentionMs(RETENTION_MS));
        String clientId = unique("lagger");
        Session session = session(broker.connectionFactory(), clientId, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        session.createDurableConsumer(topic, SUBSCRIPTION).close();
        List<String> sent = sendTexts(session, topic, "r" + PADDING, COUNT);

        long logStart = awaitStableLogStart(admin, name);
        String id = "durable/" + clientId + "/" + SUBSCRIPTION;
        long skippedBeforeReading = admin.describeSubscription(id).skippedByRetention();
        List<Message> received = drain(session.createDurableConsumer(topic, SUBSCRIPTION));
        Object firstOffset = received.isEmpty() ? null : received.get(0).getObjectProperty(LogJmsProperties.OFFSET);
        await().atMost(AWAIT_TIMEOUT).until(() -> admin.describeSubscription(id).lag() == 0);
        SubscriptionDetails afterReading = admin.describeSubscription(id);

        observe(reporter, "retention (" + RETENTION_MS + " ms, " + SEGMENT_BYTES + "-byte segments) deleted offsets 0.."
                + (logStart - 1) + " of " + COUNT + "; the lagging subscriber continued at offset " + firstOffset
                + " and got " + received.size() + "; describeSubscription: skippedByRetention " + skippedBeforeReading
                + " before reading, " + afterReading.skippedByRetention() + " after");
        assertThat(logStart).as("retention deleted old segments").isPositive().isLessThan(COUNT);
        assertThat(firstOffset).as("the subscriber continues at the log start").isEqualTo(logStart);
        assertThat(texts(received)).as("everything from the log start on, in order")
                .containsExactlyElementsOf(sent.subList((int) logStart, COUNT));
        assertThat(skippedBeforeReading).as("skipped records are reported before the subscriber passes them")
                .isEqualTo(logStart);
        assertThat(afterReading.skippedByRetention()).as("skipped records reported after reading").isEqualTo(logStart);
    }

    /**
     * Time retention deletes every closed segment once it is older than the retention; the log start moves in
     * steps while passes run. It is final when it stayed the same for several check intervals.
     */
    private static long awaitStableLogStart(LogJmsAdmin admin, String topic) {
        AtomicLong previous = new AtomicLong(-1);
        await().atMost(AWAIT_TIMEOUT).during(Duration.ofMillis(4 * RETENTION_MS)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long start = admin.describeTopic(topic).partitions().get(0).logStartOffset();
                    return start > 0 && start == previous.getAndSet(start);
                });
        return previous.get();
    }

    private void durableSubscriptionKeepsEverything(ConnectionFactory factory, TestReporter reporter)
            throws JMSException {
        Session session = session(factory, unique("lagger"), Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(unique("retained"));
        session.createDurableConsumer(topic, SUBSCRIPTION).close();
        List<String> sent = sendTexts(session, topic, "r" + PADDING, COUNT);
        long sentAt = System.nanoTime();
        // nothing happens on Artemis to wait for: let more than logjms's retention pass so the comparison holds
        await().atMost(AWAIT_TIMEOUT).until(() -> System.nanoTime() - sentAt > Duration.ofMillis(4 * RETENTION_MS).toNanos());

        List<String> received = texts(drain(session.createDurableConsumer(topic, SUBSCRIPTION)));

        observe(reporter, "no retention for subscriptions: after " + 4 * RETENTION_MS + " ms the lagging subscriber "
                + "got all " + received.size() + " of " + COUNT + " (messages leave only when consumed or expired by TTL)");
        assertThat(received).as("a durable subscription keeps what it has not consumed")
                .containsExactlyElementsOf(sent);
    }
}
