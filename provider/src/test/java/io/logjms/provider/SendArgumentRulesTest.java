package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.config.ConnectionUrl;
import io.logjms.provider.message.LogJmsTextMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The argument rules of every send method (Jakarta Messaging 3.1 javadoc of MessageProducer,
 * QueueSender, TopicPublisher and JMSProducer), one row per overload and rule, for a queue and a
 * topic: each refused send throws the documented exception and sends nothing.
 */
@Timeout(10)
class SendArgumentRulesTest {
    private static final int MODE = DeliveryMode.PERSISTENT;
    private static final int PRIORITY = 4;
    private static final long TTL = 0L;
    private static final CompletionListener IGNORING = new CompletionListener() {
        @Override
        public void onCompletion(Message message) {
        }

        @Override
        public void onException(Message message, Exception exception) {
        }
    };

    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsConnection connection;
    private final List<Message> completed = new CopyOnWriteArrayList<>();
    private final CompletionListener listener = new CompletionListener() {
        @Override
        public void onCompletion(Message message) {
            completed.add(message);
        }

        @Override
        public void onException(Message message, Exception exception) {
            completed.add(message);
        }
    };

    SendArgumentRulesTest() throws Exception {
        connection = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1"), broker.connector());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    /** The producers a row sends with: one on the destination, one anonymous. */
    record Producers(Session session, Destination destination, MessageProducer bound, MessageProducer anonymous,
                     Message message, CompletionListener listener) {
    }

    interface Send {
        void run(Producers p) throws Exception;
    }

    record Rule(String kind, String call, Send send, Class<? extends Throwable> refusal) {
        @Override
        public String toString() {
            return kind + ": " + call + " -> " + refusal.getSimpleName();
        }
    }

    static Stream<Rule> producerRules() {
        List<Rule> rules = new ArrayList<>();
        for (String kind : List.of("queue", "topic")) {
            Class<? extends Throwable> illegal = IllegalArgumentException.class;
            rules.add(new Rule(kind, "send(message, null listener)", p -> p.bound().send(p.message(), null), illegal));
            rules.add(new Rule(kind, "send(message, mode, priority, ttl, null listener)",
                    p -> p.bound().send(p.message(), MODE, PRIORITY, TTL, null), illegal));
            rules.add(new Rule(kind, "send(destination, message, null listener)",
                    p -> p.anonymous().send(p.destination(), p.message(), null), illegal));
            rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl, null listener)",
                    p -> p.anonymous().send(p.destination(), p.message(), MODE, PRIORITY, TTL, null), illegal));

            Class<? extends Throwable> format = MessageFormatException.class;
            rules.add(new Rule(kind, "send(null)", p -> p.bound().send(null), format));
            rules.add(new Rule(kind, "send(null, mode, priority, ttl)",
                    p -> p.bound().send(null, MODE, PRIORITY, TTL), format));
            rules.add(new Rule(kind, "send(null, listener)", p -> p.bound().send(null, p.listener()), format));
            rules.add(new Rule(kind, "send(null, mode, priority, ttl, listener)",
                    p -> p.bound().send(null, MODE, PRIORITY, TTL, p.listener()), format));
            rules.add(new Rule(kind, "send(destination, null)", p -> p.anonymous().send(p.destination(), null),
                    format));
            rules.add(new Rule(kind, "send(destination, null, mode, priority, ttl)",
                    p -> p.anonymous().send(p.destination(), null, MODE, PRIORITY, TTL), format));
            rules.add(new Rule(kind, "send(destination, null, listener)",
                    p -> p.anonymous().send(p.destination(), null, p.listener()), format));
            rules.add(new Rule(kind, "send(destination, null, mode, priority, ttl, listener)",
                    p -> p.anonymous().send(p.destination(), null, MODE, PRIORITY, TTL, p.listener()), format));
            rules.add(new Rule(kind, legacy(kind, "(null)"), p -> legacySend(p, p.bound(), null, null), format));
            rules.add(new Rule(kind, legacy(kind, "(destination, null)"),
                    p -> legacySend(p, p.anonymous(), p.destination(), null), format));

            for (int mode : new int[] {0, 3, -1}) {
                String m = " with delivery mode " + mode;
                rules.add(new Rule(kind, "send(message, mode, priority, ttl)" + m,
                        p -> p.bound().send(p.message(), mode, PRIORITY, TTL), JMSException.class));
                rules.add(new Rule(kind, "send(message, mode, priority, ttl, listener)" + m,
                        p -> p.bound().send(p.message(), mode, PRIORITY, TTL, p.listener()), JMSException.class));
                rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl)" + m,
                        p -> p.anonymous().send(p.destination(), p.message(), mode, PRIORITY, TTL), JMSException.class));
                rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl, listener)" + m,
                        p -> p.anonymous().send(p.destination(), p.message(), mode, PRIORITY, TTL, p.listener()),
                        JMSException.class));
                rules.add(new Rule(kind, legacy(kind, "(message, mode, priority, ttl)") + m,
                        p -> legacySend(p, p.bound(), null, p.message(), mode, PRIORITY), JMSException.class));
                rules.add(new Rule(kind, legacy(kind, "(destination, message, mode, priority, ttl)") + m,
                        p -> legacySend(p, p.anonymous(), p.destination(), p.message(), mode, PRIORITY),
                        JMSException.class));
            }
            for (int priority : new int[] {-1, 10}) {
                String m = " with priority " + priority;
                rules.add(new Rule(kind, "send(message, mode, priority, ttl)" + m,
                        p -> p.bound().send(p.message(), MODE, priority, TTL), JMSException.class));
                rules.add(new Rule(kind, "send(message, mode, priority, ttl, listener)" + m,
                        p -> p.bound().send(p.message(), MODE, priority, TTL, p.listener()), JMSException.class));
                rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl)" + m,
                        p -> p.anonymous().send(p.destination(), p.message(), MODE, priority, TTL),
                        JMSException.class));
                rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl, listener)" + m,
                        p -> p.anonymous().send(p.destination(), p.message(), MODE, priority, TTL, p.listener()),
                        JMSException.class));
                rules.add(new Rule(kind, legacy(kind, "(message, mode, priority, ttl)") + m,
                        p -> legacySend(p, p.bound(), null, p.message(), MODE, priority), JMSException.class));
                rules.add(new Rule(kind, legacy(kind, "(destination, message, mode, priority, ttl)") + m,
                        p -> legacySend(p, p.anonymous(), p.destination(), p.message(), MODE, priority),
                        JMSException.class));
            }

            Class<? extends Throwable> twice = UnsupportedOperationException.class;
            rules.add(new Rule(kind, "send(destination, message) on a producer with a destination",
                    p -> p.bound().send(p.destination(), p.message()), twice));
            rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl) on a producer with a destination",
                    p -> p.bound().send(p.destination(), p.message(), MODE, PRIORITY, TTL), twice));
            rules.add(new Rule(kind, "send(destination, message, listener) on a producer with a destination",
                    p -> p.bound().send(p.destination(), p.message(), p.listener()), twice));
            rules.add(new Rule(kind, "send(destination, message, mode, priority, ttl, listener) on a producer with a"
                    + " destination", p -> p.bound().send(p.destination(), p.message(), MODE, PRIORITY, TTL,
                    p.listener()), twice));
            rules.add(new Rule(kind, legacy(kind, "(destination, message)") + " on a producer with a destination",
                    p -> legacySend(p, p.bound(), p.destination(), p.message()), twice));
            rules.add(new Rule(kind, legacy(kind, "(destination, message, mode, priority, ttl)")
                    + " on a producer with a destination",
                    p -> legacySend(p, p.bound(), p.destination(), p.message(), MODE, PRIORITY), twice));

            Class<? extends Throwable> missing = UnsupportedOperationException.class;
            rules.add(new Rule(kind, "send(message) on an anonymous producer",
                    p -> p.anonymous().send(p.message()), missing));
            rules.add(new Rule(kind, "send(message, mode, priority, ttl) on an anonymous producer",
                    p -> p.anonymous().send(p.message(), MODE, PRIORITY, TTL), missing));
            rules.add(new Rule(kind, "send(message, listener) on an anonymous producer",
                    p -> p.anonymous().send(p.message(), p.listener()), missing));
            rules.add(new Rule(kind, "send(message, mode, priority, ttl, listener) on an anonymous producer",
                    p -> p.anonymous().send(p.message(), MODE, PRIORITY, TTL, p.listener()), missing));
            rules.add(new Rule(kind, legacy(kind, "(message)") + " on an anonymous producer",
                    p -> legacySend(p, p.anonymous(), null, p.message()), missing));
            rules.add(new Rule(kind, legacy(kind, "(message, mode, priority, ttl)") + " on an anonymous producer",
                    p -> legacySend(p, p.anonymous(), null, p.message(), MODE, PRIORITY), missing));

            Class<? extends Throwable> invalid = InvalidDestinationException.class;
            rules.add(new Rule(kind, "send(null destination, message)",
                    p -> p.anonymous().send(null, p.message()), invalid));
            rules.add(new Rule(kind, "send(null destination, message, mode, priority, ttl)",
                    p -> p.anonymous().send(null, p.message(), MODE, PRIORITY, TTL), invalid));
            rules.add(new Rule(kind, "send(null destination, message, listener)",
                    p -> p.anonymous().send(null, p.message(), p.listener()), invalid));
            rules.add(new Rule(kind, "send(null destination, message, mode, priority, ttl, listener)",
                    p -> p.anonymous().send(null, p.message(), MODE, PRIORITY, TTL, p.listener()), invalid));
            rules.add(new Rule(kind, legacy(kind, "(null destination, message)"),
                    p -> legacySendToNull(p, p.message(), false), invalid));
            rules.add(new Rule(kind, legacy(kind, "(null destination, message, mode, priority, ttl)"),
                    p -> legacySendToNull(p, p.message(), true), invalid));
        }
        return rules.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producerRules")
    void aRefusedSendThrowsTheDocumentedExceptionAndSendsNothing(Rule rule) throws Exception {
        Session session = connection.createSession();
        Destination destination = rule.kind().equals("queue") ? session.createQueue("q") : session.createTopic("t");
        Producers producers = new Producers(session, destination, session.createProducer(destination),
                session.createProducer(null), session.createTextMessage("m"), listener);
        assertThatThrownBy(() -> rule.send().run(producers)).isInstanceOf(rule.refusal())
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        assertThat(broker.produced()).as("nothing was sent").isEmpty();
        assertThat(completed).as("no completion listener was called").isEmpty();
    }

    @Test
    void theLimitsOfDeliveryModeAndPriorityAreAccepted() throws Exception {
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("a"), DeliveryMode.NON_PERSISTENT, 0, TTL);
        producer.send(session.createTextMessage("b"), DeliveryMode.PERSISTENT, 9, TTL);
        assertThat(broker.produced()).hasSize(2);
    }

    // ---- JMSProducer ----

    interface ContextSend {
        void run(JMSProducer producer, Destination destination);
    }

    record ContextRule(String call, ContextSend send, Class<? extends Throwable> refusal) {
        @Override
        public String toString() {
            return call + " -> " + refusal.getSimpleName();
        }
    }

    static Stream<ContextRule> jmsProducerRules() {
        Class<? extends Throwable> invalid = InvalidDestinationRuntimeException.class;
        return Stream.of(
                new ContextRule("send(destination, (Message) null)", (p, d) -> p.send(d, (Message) null),
                        MessageFormatRuntimeException.class),
                new ContextRule("send(null, message)", (p, d) -> p.send(null, new LogJmsTextMessage("m")), invalid),
                new ContextRule("send(null, String)", (p, d) -> p.send(null, "m"), invalid),
                new ContextRule("send(null, Map)", (p, d) -> p.send(null, Map.of("k", 1)), invalid),
                new ContextRule("send(null, byte[])", (p, d) -> p.send(null, new byte[] {1}), invalid),
                new ContextRule("send(null, Serializable)", (p, d) -> p.send(null, (Serializable) 5L), invalid),
                new ContextRule("send(null, message) with a CompletionListener",
                        (p, d) -> p.setAsync(IGNORING).send(null, "m"), invalid),
                new ContextRule("setDeliveryMode(0)", (p, d) -> p.setDeliveryMode(0), JMSRuntimeException.class),
                new ContextRule("setDeliveryMode(3)", (p, d) -> p.setDeliveryMode(3), JMSRuntimeException.class),
                new ContextRule("setPriority(-1)", (p, d) -> p.setPriority(-1), JMSRuntimeException.class),
                new ContextRule("setPriority(10)", (p, d) -> p.setPriority(10), JMSRuntimeException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmsProducerRules")
    void aRefusedJmsProducerCallThrowsTheDocumentedExceptionAndSendsNothing(ContextRule rule) throws Exception {
        JMSContext context = LogJmsContext.create(connection, JMSContext.AUTO_ACKNOWLEDGE);
        for (Destination destination : List.of(context.createQueue("q"), context.createTopic("t"))) {
            assertThatThrownBy(() -> rule.send().run(context.createProducer(), destination))
                    .isInstanceOf(rule.refusal()).satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
        assertThat(broker.produced()).as("nothing was sent").isEmpty();
    }

    @Test
    void aJmsProducerSendsNullBodiesAndSetAsyncNullMeansSynchronous() throws Exception {
        JMSContext context = LogJmsContext.create(connection, JMSContext.AUTO_ACKNOWLEDGE);
        Queue queue = context.createQueue("q");
        JMSProducer producer = context.createProducer().setAsync(listener).setAsync(null);
        assertThat(producer.getAsync()).isNull();
        producer.send(queue, (String) null)
                .send(queue, (Map<String, Object>) null)
                .send(queue, (byte[]) null)
                .send(queue, (Serializable) null);
        assertThat(broker.produced()).as("each synchronous send returned after its PRODUCE").hasSize(4);
        assertThat(completed).isEmpty();
    }

    // ---- the legacy QueueSender and TopicPublisher forms ----

    private static String legacy(String kind, String arguments) {
        return (kind.equals("queue") ? "QueueSender.send" : "TopicPublisher.publish") + arguments;
    }

    private static void legacySend(Producers p, MessageProducer producer, Destination destination, Message message)
            throws JMSException {
        if (destination instanceof Queue queue) {
            ((QueueSender) producer).send(queue, message);
        } else if (destination instanceof Topic topic) {
            ((TopicPublisher) producer).publish(topic, message);
        } else if (p.destination() instanceof Queue) {
            ((QueueSender) producer).send(message);
        } else {
            ((TopicPublisher) producer).publish(message);
        }
    }

    private static void legacySend(Producers p, MessageProducer producer, Destination destination, Message message,
                                   int mode, int priority) throws JMSException {
        if (destination instanceof Queue queue) {
            ((QueueSender) producer).send(queue, message, mode, priority, TTL);
        } else if (destination instanceof Topic topic) {
            ((TopicPublisher) producer).publish(topic, message, mode, priority, TTL);
        } else if (p.destination() instanceof Queue) {
            ((QueueSender) producer).send(message, mode, priority, TTL);
        } else {
            ((TopicPublisher) producer).publish(message, mode, priority, TTL);
        }
    }

    private static void legacySendToNull(Producers p, Message message, boolean withParameters) throws JMSException {
        if (p.destination() instanceof Queue) {
            QueueSender sender = (QueueSender) p.anonymous();
            if (withParameters) {
                sender.send((Queue) null, message, MODE, PRIORITY, TTL);
            } else {
                sender.send((Queue) null, message);
            }
        } else {
            TopicPublisher publisher = (TopicPublisher) p.anonymous();
            if (withParameters) {
                publisher.publish((Topic) null, message, MODE, PRIORITY, TTL);
            } else {
                publisher.publish((Topic) null, message);
            }
        }
    }
}
