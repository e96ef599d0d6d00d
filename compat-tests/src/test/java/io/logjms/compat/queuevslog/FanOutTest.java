package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.logjms.LogJmsProvider;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.LogJmsAdmin;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * Many durable subscriptions on one topic each receive every message on both providers. On logjms the
 * subscriptions are cursors over one log, so the messages are stored once, not once per subscription.
 */
class FanOutTest extends QueueVsLogScenario {

    private static final int SUBSCRIPTIONS = 10;
    private static final int COUNT = 30;

    @ProviderTest
    @DisplayName("5 fan-out to 10 durable subscriptions")
    void everySubscriptionGetsEveryMessage(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Session session = session(provider.connectionFactory(), unique("fan-out-client"), Session.AUTO_ACKNOWLEDGE);
        String name = unique("fan-out");
        Topic topic = session.createTopic(name);
        List<MessageConsumer> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            subscribers.add(session.createDurableConsumer(topic, "subscriber-" + i));
        }
        List<String> sent = sendTexts(session, topic, "f", COUNT);

        List<List<String>> received = new ArrayList<>();
        for (MessageConsumer subscriber : subscribers) {
            received.add(texts(receive(subscriber, COUNT)));
        }
        long complete = received.stream().filter(sent::equals).count();

        if (isLogJms(provider)) {
            try (LogJmsAdmin admin = LogJmsAdmin.connect(((LogJmsProvider) provider).url())) {
                DestinationDetails log = admin.describeTopic(name);
                long stored = log.partitions().stream().mapToLong(DestinationDetails.PartitionRange::logEndOffset).sum();
                int listed = admin.subscriptions(name).size();
                observe(reporter, complete + " of " + SUBSCRIPTIONS + " subscriptions got all " + COUNT
                        + " in order; the topic's log holds " + stored + " records (not " + COUNT * SUBSCRIPTIONS
                        + "), read through " + listed + " cursors");
                assertThat(stored).as("each message is stored once").isEqualTo(COUNT);
                assertThat(listed).isEqualTo(SUBSCRIPTIONS);
            }
        } else {
            observe(reporter, complete + " of " + SUBSCRIPTIONS + " subscriptions got all " + COUNT + " in order");
        }
        assertThat(received).as("every subscription receives every message, in order")
                .hasSize(SUBSCRIPTIONS).allSatisfy(bodies -> assertThat(bodies).containsExactlyElementsOf(sent));
    }
}
