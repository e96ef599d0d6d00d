package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.config.ConnectionUrl;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Selectors the grammar refuses (Jakarta Messaging 3.1 section 3.8.1.1: strings and booleans compare only with
 * = and &lt;&gt;) fail every consumer, subscriber and browser factory with InvalidSelectorException, before
 * anything is asked of the broker.
 */
@Timeout(10)
class SelectorRefusedAtCreationTest {

    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsConnection connection;

    SelectorRefusedAtCreationTest() throws Exception {
        connection = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1"), broker.connector());
        connection.setClientID("client");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"myProp > 'foo'", "myProp >= 'foo'", "myProp < 'foo'", "myProp <= 'foo'",
        "'foo' > myProp", "flag > TRUE", "flag <= FALSE"})
    void sessionFactoriesRefuseIt(String selector) throws JMSException {
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        Topic topic = session.createTopic("t");

        assertRefused(() -> session.createConsumer(queue, selector));
        assertRefused(() -> session.createConsumer(topic, selector, false));
        assertRefused(() -> session.createBrowser(queue, selector));
        assertRefused(() -> session.createSharedConsumer(topic, "shared", selector));
        assertRefused(() -> session.createDurableConsumer(topic, "durable", selector, false));
        assertRefused(() -> session.createDurableSubscriber(topic, "durable", selector, false));
        assertRefused(() -> session.createSharedDurableConsumer(topic, "sharedDurable", selector));
        QueueSession queueSession = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        assertRefused(() -> queueSession.createReceiver(queue, selector));
        TopicSession topicSession = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertRefused(() -> topicSession.createSubscriber(topic, selector, false));
        assertThat(broker.subscribes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"myProp > 'foo'", "flag >= TRUE"})
    void contextFactoriesRefuseIt(String selector) throws Exception {
        JMSContext context = LogJmsContext.create(
                new LogJmsConnection(ConnectionUrl.parse("logjms://test:1"), broker.connector()),
                JMSContext.AUTO_ACKNOWLEDGE);
        try {
            Queue queue = context.createQueue("q");
            Topic topic = context.createTopic("t");
            for (Runnable create : new Runnable[] {
                () -> context.createConsumer(queue, selector),
                () -> context.createBrowser(queue, selector),
                () -> context.createSharedConsumer(topic, "shared", selector),
                () -> context.createSharedDurableConsumer(topic, "sharedDurable", selector)}) {
                assertThatThrownBy(create::run).isInstanceOf(InvalidSelectorRuntimeException.class)
                        .hasMessageContaining("can only be compared with = and <>");
            }
            assertThat(broker.subscribes()).isEmpty();
        } finally {
            context.close();
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable create) {
        assertThatThrownBy(create).isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("can only be compared with = and <>");
    }
}
