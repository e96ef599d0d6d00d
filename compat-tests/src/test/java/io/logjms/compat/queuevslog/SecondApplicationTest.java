package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.logjms.LogJmsProvider;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.SubscriptionDetails;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * A second application that starts later wants the history the first one already read. On a topic a log can
 * give it; a queue is consumed through one shared cursor on both providers, so what app A took is gone for
 * app B (logjms still holds the records in the queue's log, but no JMS consumer of the queue reads them again).
 */
class SecondApplicationTest extends QueueVsLogScenario {

    private static final int COUNT = 15;

    @ProviderTest
    @DisplayName("3a second application on a topic (logjms: new durable subscription with ?start=earliest)")
    void secondApplicationSubscribesToATopicLater(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        String name = unique("shared-history");
        Session appA = session(provider.connectionFactory(), unique("app-a"), Session.AUTO_ACKNOWLEDGE);
        Topic topic = appA.createTopic(name);
        MessageConsumer consumerA = appA.createDurableConsumer(topic, "reader");
        List<String> history = sendTexts(appA, topic, "h", COUNT);
        List<String> readByA = texts(receive(consumerA, COUNT));

        Session appB = session(provider.connectionFactory(), unique("app-b"), Session.AUTO_ACKNOWLEDGE);
        Topic topicForB = isLogJms(provider) ? appB.createTopic(name + "?start=earliest") : appB.createTopic(name);
        MessageConsumer consumerB = appB.createDurableConsumer(topicForB, "reader");
        sendTexts(appA, topic, "new", 1);
        List<String> readByB = texts(drain(consumerB));

        assertThat(readByA).containsExactlyElementsOf(history);
        if (isLogJms(provider)) {
            observe(reporter, "app A read " + readByA.size() + "; app B's durable subscription created later with "
                    + "?start=earliest read " + readByB.size() + " (the " + COUNT + " old + 1 new)");
            List<String> expected = new ArrayList<>(history);
            expected.add("new0");
            assertThat(readByB).as("app B reads the whole history, then the new message")
                    .containsExactlyElementsOf(expected);
        } else {
            observe(reporter, "app A read " + readByA.size() + "; app B's durable subscription created later read "
                    + readByB.size() + " (only the 1 new)");
            assertThat(readByB).as("app B sees only what was published after its subscription existed")
                    .containsExactly("new0");
        }
    }

    @ProviderTest
    @DisplayName("3b second application on a queue app A consumed (same on both)")
    void secondApplicationFindsAConsumedQueueEmpty(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        String name = unique("work");
        Session appA = session(provider);
        Queue queue = appA.createQueue(name);
        List<String> sent = sendTexts(appA, queue, "w", COUNT);
        MessageConsumer consumerA = appA.createConsumer(queue);
        List<String> readByA = texts(receive(consumerA, COUNT));
        consumerA.close();

        Session appB = session(provider);
        List<String> readByB = texts(drain(appB.createConsumer(appB.createQueue(name))));

        assertThat(readByA).containsExactlyElementsOf(sent);
        assertThat(readByB).as("a queue's messages go to one consumer; nothing is left for app B").isEmpty();
        if (isLogJms(provider)) {
            try (LogJmsAdmin admin = LogJmsAdmin.connect(((LogJmsProvider) provider).url())) {
                DestinationDetails log = admin.describeQueue(name);
                SubscriptionDetails cursor = admin.describeSubscription("queue/" + name);
                long retained = log.partitions().stream().mapToLong(DestinationDetails.PartitionRange::records).sum();
                observe(reporter, "app A read " + readByA.size() + ", app B read " + readByB.size()
                        + " (one shared cursor, as on Artemis); the queue's log still holds " + retained
                        + " records, cursor lag " + cursor.lag());
                assertThat(retained).as("the records stay in the log until retention removes them").isEqualTo(COUNT);
                assertThat(cursor.lag()).as("the shared cursor is past every record").isZero();
            }
        } else {
            observe(reporter, "app A read " + readByA.size() + ", app B read " + readByB.size()
                    + " (acknowledged messages are deleted)");
        }
    }
}
