package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationNames;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.LogJmsAdmin;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Destination names and options against a real broker: a name breaking the broker's rule is refused
 * where the destination is created, before anything reaches the broker; a producer's destination
 * with subscription options ({@code orders?start=earliest}) is refused and nothing is stored.
 */
class DestinationRulesIT extends EmbeddedBrokerSupport {

    @Test
    void aBadNameIsRefusedWhenTheDestinationIsCreatedAndTheBrokerCreatesNothing() throws Exception {
        Session session = connection().createSession();
        assertThatThrownBy(() -> session.createQueue("a/b")).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("'a/b'").hasMessageContaining(DestinationNames.RULE);
        assertThatThrownBy(() -> session.createTopic("my topic")).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("'my topic'").hasMessageContaining(DestinationNames.RULE);
        JMSContext context = closeLater(factory().createContext());
        assertThatThrownBy(() -> context.createQueue("a/b"))
                .isInstanceOf(InvalidDestinationRuntimeException.class).hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> context.createTopic("my topic"))
                .isInstanceOf(InvalidDestinationRuntimeException.class).hasMessageContaining("'my topic'");
        try (LogJmsAdmin admin = admin()) {
            assertThat(admin.queues()).isEmpty();
            assertThat(admin.topics()).isEmpty();
        }
    }

    interface Send {
        void run(Connection connection, JMSContext context, Destination withOptions) throws Exception;
    }

    record ProducerRule(String call, boolean queue, Send send, Class<? extends Throwable> refusal) {
        @Override
        public String toString() {
            return call + " on " + (queue ? "queue" : "topic") + " -> " + refusal.getSimpleName();
        }
    }

    static Stream<ProducerRule> producerRules() {
        Class<? extends Throwable> classic = InvalidDestinationException.class;
        Class<? extends Throwable> simplified = InvalidDestinationRuntimeException.class;
        return Stream.of(true, false).flatMap(queue -> Stream.of(
                new ProducerRule("Session.createProducer", queue,
                        (c, x, d) -> c.createSession().createProducer(d), classic),
                new ProducerRule("anonymous MessageProducer.send", queue, (c, x, d) -> {
                    Session s = c.createSession();
                    s.createProducer(null).send(d, s.createTextMessage("refused"));
                }, classic),
                new ProducerRule("anonymous MessageProducer.send with a CompletionListener", queue, (c, x, d) -> {
                    Session s = c.createSession();
                    s.createProducer(null).send(d, s.createTextMessage("refused"), FAILING);
                }, classic),
                new ProducerRule("anonymous MessageProducer.send in a transacted session", queue, (c, x, d) -> {
                    Session s = c.createSession(Session.SESSION_TRANSACTED);
                    try {
                        s.createProducer(null).send(d, s.createTextMessage("refused"));
                    } finally {
                        s.commit();
                    }
                }, classic),
                new ProducerRule("JMSProducer.send", queue, (c, x, d) -> x.createProducer().send(d, "refused"),
                        simplified),
                new ProducerRule("asynchronous JMSProducer.send", queue,
                        (c, x, d) -> x.createProducer().setAsync(FAILING).send(d, "refused"), simplified)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("producerRules")
    void aProducerDestinationWithSubscriptionOptionsIsRefusedAndNothingIsStored(ProducerRule rule) throws Exception {
        String name = "produced";
        try (LogJmsAdmin admin = admin()) {
            if (rule.queue()) {
                admin.createQueue(name, DestinationSettings.defaults());
            } else {
                admin.createTopic(name, DestinationSettings.defaults());
            }
            Connection connection = connection();
            JMSContext context = closeLater(factory().createContext());
            Session session = connection.createSession();
            Destination withOptions = rule.queue() ? session.createQueue(name + "?start=earliest")
                    : session.createTopic(name + "?start=earliest");

            assertThatThrownBy(() -> rule.send().run(connection, context, withOptions))
                    .isInstanceOf(rule.refusal())
                    .hasMessageContaining("'start=earliest'").hasMessageContaining("apply to subscriptions");
            assertThat(records(admin, rule.queue(), name)).as("nothing was stored").isZero();

            Destination plain = rule.queue() ? session.createQueue(name) : session.createTopic(name);
            session.createProducer(plain).send(session.createTextMessage("accepted"));
            assertThat(records(admin, rule.queue(), name)).as("the plain name is accepted").isEqualTo(1);
            assertThat(failures).isEmpty();
        }
    }

    private static long records(LogJmsAdmin admin, boolean queue, String name) {
        DestinationDetails details = queue ? admin.describeQueue(name) : admin.describeTopic(name);
        return details.partitions().stream().mapToLong(DestinationDetails.PartitionRange::records).sum();
    }

    private LogJmsAdmin admin() {
        return LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port());
    }

    private static final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** A completion listener that must never be called: the refused sends throw before anything is sent. */
    private static final CompletionListener FAILING = new CompletionListener() {
        @Override
        public void onCompletion(Message message) {
            failures.add(new AssertionError("a refused send completed"));
        }

        @Override
        public void onException(Message message, Exception exception) {
            failures.add(exception);
        }
    };

    @Test
    void consumersKeepTheirOptions() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        session.createProducer(session.createTopic("history")).send(session.createTextMessage("old"));
        var replaying = session.createConsumer(session.createTopic("history?start=earliest"));
        connection.start();
        Message m = replaying.receive(5000);
        assertThat(m).isNotNull();
        assertThat(m.getBody(String.class)).isEqualTo("old");
        try (LogJmsAdmin admin = admin()) {
            assertThat(admin.topics()).extracting(DestinationSummary::name).containsExactly("history");
        }
    }
}
