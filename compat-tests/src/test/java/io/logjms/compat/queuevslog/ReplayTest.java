package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.provider.LogMessageConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;

/**
 * A durable subscription consumes everything and then wants it again. A queue-based broker deletes what was
 * acknowledged; a log keeps it, and a consumer can move its subscription's cursor back.
 */
class ReplayTest extends QueueVsLogScenario {

    private static final int COUNT = 20;

    @ProviderTest
    @DisplayName("2 replay after consumption (logjms: LogMessageConsumer.seekToBeginning)")
    void replayAConsumedDurableSubscription(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Session session = session(provider.connectionFactory(), unique("replay-client"), Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(unique("replay"));
        MessageConsumer consumer = session.createDurableConsumer(topic, "audit");
        List<String> sent = sendTexts(session, topic, "m", COUNT);
        List<String> consumed = texts(receive(consumer, COUNT));
        consumer.close();

        // reopening the subscription is the only thing plain JMS offers: both providers have nothing left
        consumer = session.createDurableConsumer(topic, "audit");
        List<String> afterReopen = texts(drain(consumer));

        if (isLogJms(provider)) {
            ((LogMessageConsumer) consumer).seekToBeginning();
            List<String> replayed = texts(drain(consumer));
            observe(reporter, "consumed " + consumed.size() + "; reopened subscription got " + afterReopen.size()
                    + "; after seekToBeginning() got " + replayed.size() + " again, in order");
            assertThat(consumed).containsExactlyElementsOf(sent);
            assertThat(afterReopen).isEmpty();
            assertThat(replayed).as("the whole log again after seekToBeginning").containsExactlyElementsOf(sent);
        } else {
            observe(reporter, "consumed " + consumed.size() + "; reopened subscription got " + afterReopen.size()
                    + "; no seek exists (consumer is a plain MessageConsumer), acknowledged messages are gone");
            assertThat(consumed).containsExactlyElementsOf(sent);
            assertThat(afterReopen).as("nothing is redelivered once acknowledged").isEmpty();
            assertThat(consumer).isNotInstanceOf(LogMessageConsumer.class);
        }
    }
}
