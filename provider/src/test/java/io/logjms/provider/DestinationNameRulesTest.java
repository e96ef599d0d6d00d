package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationNames;
import io.logjms.protocol.message.DestinationKind;
import io.logjms.protocol.message.DestinationRef;
import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.config.ConnectionUrl;
import io.logjms.provider.jndi.LogJmsInitialContextFactory;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A destination name is checked against the broker's rule ({@link DestinationNames}) where the
 * destination is created, not at the first send: Session and JMSContext createQueue/createTopic, the
 * legacy sessions, the public constructors and JNDI. Options after {@code ?} are parsed as before.
 */
@Timeout(10)
class DestinationNameRulesTest {
    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsConnection connection;

    DestinationNameRulesTest() throws Exception {
        connection = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1"), broker.connector());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    static Stream<String> badNames() {
        return Stream.of("a/b", "my topic", "a\\b", "x:y", "caf\u00e9", "a*", "tab\there", ".", "..",
                "x".repeat(DestinationNames.MAX_LENGTH + 1), "a/b?start=earliest");
    }

    /** The name part of a name with options: what the error message must name. */
    private static String plain(String name) {
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void sessionsRefuseTheNameWhenTheDestinationIsCreated(String name) throws Exception {
        Session session = connection.createSession();
        QueueSession queueSession = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSession topicSession = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        for (ThrowingCall create : List.<ThrowingCall>of(() -> session.createQueue(name),
                () -> session.createTopic(name), () -> queueSession.createQueue(name),
                () -> topicSession.createTopic(name))) {
            assertThatThrownBy(create::run).isInstanceOf(InvalidDestinationException.class)
                    .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
        }
        assertThat(broker.calls()).as("nothing reached the broker").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void aJmsContextRefusesTheNameWhenTheDestinationIsCreated(String name) throws Exception {
        JMSContext context = LogJmsContext.create(connection, JMSContext.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(() -> context.createQueue(name)).isInstanceOf(InvalidDestinationRuntimeException.class)
                .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
        assertThatThrownBy(() -> context.createTopic(name)).isInstanceOf(InvalidDestinationRuntimeException.class)
                .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void thePublicConstructorsRefuseTheName(String name) {
        assertThatThrownBy(() -> new LogJmsQueue(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
        assertThatThrownBy(() -> new LogJmsTopic(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void jndiRefusesTheNameInPropertiesAndDynamicLookups(String name) throws Exception {
        LogJmsInitialContextFactory factory = new LogJmsInitialContextFactory();
        Hashtable<String, String> queue = new Hashtable<>();
        queue.put("queue.orders", name);
        Hashtable<String, String> topic = new Hashtable<>();
        topic.put("topic.prices", name);
        for (Hashtable<String, String> env : List.of(queue, topic)) {
            assertThatThrownBy(() -> factory.getInitialContext(env)).isInstanceOf(InvalidNameException.class)
                    .hasMessageContaining("'" + plain(name) + "'").hasMessageContaining(DestinationNames.RULE);
        }
        javax.naming.Context context = factory.getInitialContext(new Hashtable<>());
        assertThatThrownBy(() -> context.lookup("dynamicQueues/" + name)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining(DestinationNames.RULE);
        assertThatThrownBy(() -> context.lookup("dynamicTopics/" + name)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining(DestinationNames.RULE);
    }

    @Test
    void goodNamesAndTheirOptionsAreAccepted() throws Exception {
        Session session = connection.createSession();
        assertThat(session.createQueue("orders.eu-west_1").getQueueName()).isEqualTo("orders.eu-west_1");
        assertThat(session.createTopic("x".repeat(DestinationNames.MAX_LENGTH)).getTopicName())
                .hasSize(DestinationNames.MAX_LENGTH);
        LogJmsTopic withOptions = (LogJmsTopic) session.createTopic("orders?start=earliest");
        assertThat(withOptions.name()).isEqualTo("orders");
        assertThat(withOptions.options().hasStart()).isTrue();
        assertThatThrownBy(() -> session.createTopic("orders?begin=earliest"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("unknown option 'begin'");
        JMSContext context = LogJmsContext.create(connection, JMSContext.AUTO_ACKNOWLEDGE);
        assertThat(context.createQueue("...").getQueueName()).isEqualTo("...");
    }

    @Test
    void aNameReadFromAMessageHeaderIsNotChecked() {
        // a reply-to may name another provider's queue; the message stays readable
        assertThat(LogJmsDestination.fromRef(new DestinationRef(DestinationKind.QUEUE, "a/b")).name()).isEqualTo("a/b");
        assertThat(LogJmsDestination.fromRef(new DestinationRef(DestinationKind.TOPIC, "my topic")).name())
                .isEqualTo("my topic");
    }

    @Test
    void temporaryDestinationNamesFollowTheRule() {
        String prefix = "tmp." + TemporaryDestinations.sanitize("conn/1 \u00e9:x") + ".";
        assertThat(DestinationNames.isValid(prefix + 1)).as(prefix).isTrue();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
