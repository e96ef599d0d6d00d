package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * A topic subscriber created after messages were published. A JMS topic delivers only what is published while
 * a subscription exists; a log still holds the earlier messages and can hand them to a subscriber that asks.
 */
class LateSubscriberTest extends QueueVsLogScenario {

    private static final int EARLIER = 10;

    @ProviderTest
    @DisplayName("1a late subscriber on a plain topic")
    void plainTopicSubscriberSeesOnlyWhatIsPublishedAfterIt(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Session session = session(provider);
        Topic topic = session.createTopic(unique("late"));
        sendTexts(session, topic, "before", EARLIER);

        MessageConsumer late = session.createConsumer(topic);
        sendTexts(session, topic, "after", 1);
        List<String> received = texts(awaitThenDrain(late));

        observe(reporter, "subscriber created after " + EARLIER + " messages received " + received);
        assertThat(received).as("same on every provider: no history for a plain topic subscriber")
                .containsExactly("after0");
    }

    @ProviderTest
    @DisplayName("1b late subscriber asking for history (logjms: topic?start=earliest)")
    void lateSubscriberAskingForHistory(JmsProviderUnderTest provider, TestReporter reporter) throws JMSException {
        Session session = session(provider);
        String name = unique("history");
        Topic topic = session.createTopic(name);
        List<String> earlier = sendTexts(session, topic, "before", EARLIER);

        MessageConsumer late;
        if (isLogJms(provider)) {
            late = session.createConsumer(session.createTopic(name + "?start=earliest"));
        } else {
            // JMS has no way to ask a topic for history; Artemis's subscriber is a new, empty queue
            late = session.createConsumer(topic);
        }
        sendTexts(session, topic, "after", 1);
        List<String> received = texts(awaitThenDrain(late));

        if (isLogJms(provider)) {
            observe(reporter, "subscriber on 'topic?start=earliest' created after "
                    + EARLIER + " messages received " + received.size() + " (all " + EARLIER + " earlier + 1 later)");
            List<String> expected = new ArrayList<>(earlier);
            expected.add("after0");
            assertThat(received).as("logjms replays the topic's log from its start").containsExactlyElementsOf(expected);
        } else {
            observe(reporter, "no history option exists; subscriber created after " + EARLIER + " messages received "
                    + received.size() + " (only the 1 published after it)");
            assertThat(received).as("Artemis delivers nothing published before the subscription existed")
                    .containsExactly("after0");
        }
    }
}
