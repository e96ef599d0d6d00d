package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.broker.admin.AdminCli;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.LogJmsAdminException;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.XASession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authorization per destination and operation through the JMS API, the admin API and the admin command
 * line: every operation on queues and topics for a user allowed directly, one allowed through a group,
 * and users without the right; reload of the ACL without a restart.
 */
class AuthorizationIT extends EmbeddedBrokerSupport {
    private static final String ACL = """
            # table-driven authorization test
            allow user:alice produce,consume,browse,create,delete queue:app.*
            allow user:alice produce,consume,create,delete topic:app.*
            allow group:readers consume queue:app.*
            allow group:readers consume topic:app.*
            allow user:dave produce queue:app.*
            allow user:dave produce topic:app.*
            allow user:admin admin *
            """;
    private Path acl;

    enum Op { PRODUCE, CONSUME, BROWSE, DURABLE, CREATE, DELETE, ADMIN }

    enum Kind { QUEUE, TOPIC }

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        try {
            // under the test's own temporary directory, which JUnit deletes (not a /tmp directory left behind)
            Path dir = Files.createDirectories(dataDir.resolve("security"));
            Path users = Files.writeString(dir.resolve("users.properties"),
                    "alice=a\nbob=b\ncarol=c\ndave=d\nadmin=x\n");
            Path groups = Files.writeString(dir.resolve("groups.properties"), "readers=bob\n");
            acl = Files.writeString(dir.resolve("acl"), ACL);
            return builder.set("security.users.file", users.toString()).set("security.allow.anonymous", "false")
                    .set("security.groups.file", groups.toString()).set("security.acl.file", acl.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void createDestinations() {
        try (LogJmsAdmin admin = admin("admin", "x")) {
            admin.createQueue("app.q", DestinationSettings.defaults());
            admin.createTopic("app.t", DestinationSettings.defaults());
        }
    }

    private LogJmsAdmin admin(String user, String password) {
        return LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port() + "?user=" + user + "&password=" + password);
    }

    private static String password(String user) {
        return user.equals("admin") ? "x" : user.substring(0, 1);
    }

    private Connection connect(String user) throws JMSException {
        Connection connection = closeLater(factory().createConnection(user, password(user)));
        connection.setClientID("app-" + user);
        connection.start();
        return connection;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("alice", Op.PRODUCE, Kind.QUEUE, true),
                Arguments.of("alice", Op.PRODUCE, Kind.TOPIC, true),
                Arguments.of("dave", Op.PRODUCE, Kind.QUEUE, true),
                Arguments.of("bob", Op.PRODUCE, Kind.QUEUE, false),
                Arguments.of("bob", Op.PRODUCE, Kind.TOPIC, false),
                Arguments.of("carol", Op.PRODUCE, Kind.QUEUE, false),
                Arguments.of("alice", Op.CONSUME, Kind.QUEUE, true),
                Arguments.of("alice", Op.CONSUME, Kind.TOPIC, true),
                Arguments.of("bob", Op.CONSUME, Kind.QUEUE, true),
                Arguments.of("bob", Op.CONSUME, Kind.TOPIC, true),
                Arguments.of("dave", Op.CONSUME, Kind.QUEUE, false),
                Arguments.of("carol", Op.CONSUME, Kind.TOPIC, false),
                Arguments.of("alice", Op.BROWSE, Kind.QUEUE, true),
                Arguments.of("bob", Op.BROWSE, Kind.QUEUE, true),
                Arguments.of("carol", Op.BROWSE, Kind.QUEUE, false),
                Arguments.of("alice", Op.DURABLE, Kind.TOPIC, true),
                Arguments.of("bob", Op.DURABLE, Kind.TOPIC, true),
                Arguments.of("carol", Op.DURABLE, Kind.TOPIC, false),
                Arguments.of("alice", Op.CREATE, Kind.QUEUE, true),
                Arguments.of("alice", Op.CREATE, Kind.TOPIC, true),
                Arguments.of("dave", Op.CREATE, Kind.QUEUE, false),
                Arguments.of("dave", Op.CREATE, Kind.TOPIC, false),
                Arguments.of("bob", Op.CREATE, Kind.QUEUE, false),
                Arguments.of("alice", Op.DELETE, Kind.TOPIC, true),
                Arguments.of("bob", Op.DELETE, Kind.TOPIC, false),
                Arguments.of("admin", Op.ADMIN, Kind.QUEUE, true),
                Arguments.of("admin", Op.ADMIN, Kind.TOPIC, true),
                Arguments.of("alice", Op.ADMIN, Kind.QUEUE, false),
                Arguments.of("alice", Op.ADMIN, Kind.TOPIC, false));
    }

    @ParameterizedTest(name = "{0} {1} {2} allowed={3}")
    @MethodSource("table")
    void everyOperationOnEveryKindOfDestination(String user, Op op, Kind kind, boolean allowed) throws Exception {
        String name = op == Op.CREATE ? "app.new" : kind == Kind.QUEUE ? "app.q" : "app.t";
        String word = switch (op) {
            case DURABLE -> "consume";
            case CREATE -> "create";
            default -> op.name().toLowerCase();
        };
        if (allowed) {
            perform(user, op, kind, name);
        } else {
            assertThatThrownBy(() -> perform(user, op, kind, name))
                    .as("a browser's enumeration can throw only unchecked exceptions")
                    .isInstanceOfAny(JMSSecurityException.class, JMSSecurityRuntimeException.class,
                            LogJmsAdminException.class)
                    .hasMessageContaining("denied")
                    .hasMessageContaining("'" + user + "' may not " + word + " " + kind.name().toLowerCase() + ":"
                            + name);
        }
    }

    private void perform(String user, Op op, Kind kind, String name) throws Exception {
        if (op == Op.ADMIN) {
            try (LogJmsAdmin admin = admin(user, password(user))) {
                if (kind == Kind.QUEUE) {
                    assertThat(admin.describeQueue(name).name()).isEqualTo(name);
                } else {
                    assertThat(admin.describeTopic(name).name()).isEqualTo(name);
                }
            }
            return;
        }
        Session session = connect(user).createSession(false, Session.AUTO_ACKNOWLEDGE);
        Destination destination = kind == Kind.QUEUE ? session.createQueue(name) : session.createTopic(name);
        switch (op) {
            case PRODUCE, CREATE -> session.createProducer(destination).send(session.createTextMessage("m"));
            case CONSUME -> session.createConsumer(destination).close();
            case BROWSE -> assertThat(session.createBrowser((Queue) destination).getEnumeration().hasMoreElements())
                    .isFalse();
            case DURABLE -> session.createDurableSubscriber((Topic) destination, "sub").close();
            case DELETE -> {
                session.createDurableConsumer((Topic) destination, "to-delete").close();
                session.unsubscribe("to-delete");
            }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    @Test
    void aDeniedSendWritesNothing() throws Exception {
        Session bob = connect("bob").createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> bob.createProducer(bob.createQueue("app.q")).send(bob.createTextMessage("no")))
                .isInstanceOf(JMSSecurityException.class);
        Session transacted = connect("carol").createSession(true, Session.SESSION_TRANSACTED);
        transacted.createProducer(transacted.createTopic("app.t")).send(transacted.createTextMessage("no"));
        assertThatThrownBy(transacted::commit).isInstanceOf(JMSException.class).hasMessageContaining("denied");
        XASession xa = closeLater(new LogJmsXAConnectionFactory(url()).createXAConnection("carol", password("carol")))
                .createXASession();
        Xid xid = new Xid() {
            public int getFormatId() {
                return 1;
            }

            public byte[] getGlobalTransactionId() {
                return new byte[] {1};
            }

            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
        xa.getXAResource().start(xid, XAResource.TMNOFLAGS);
        xa.createProducer(xa.createTopic("app.t")).send(xa.createTextMessage("no"));
        assertThatThrownBy(() -> xa.getXAResource().end(xid, XAResource.TMSUCCESS)).isInstanceOf(XAException.class)
                .hasMessageContaining("denied");
        try (LogJmsAdmin admin = admin("admin", "x")) {
            assertThat(admin.describeQueue("app.q").partitions()).allSatisfy(p -> assertThat(p.records()).isZero());
            assertThat(admin.describeTopic("app.t").partitions()).allSatisfy(p -> assertThat(p.records()).isZero());
            assertThat(admin.queues()).extracting(q -> q.name()).doesNotContain("app.new");
        }
    }

    @Test
    void jmsContextDenialsAreRuntimeSecurityExceptions() {
        try (JMSContext context = factory().createContext("bob", "b")) {
            assertThatThrownBy(() -> context.createProducer().send(context.createQueue("app.q"), "no"))
                    .isInstanceOf(JMSSecurityRuntimeException.class).hasMessageContaining("produce queue:app.q");
            assertThatThrownBy(() -> context.createBrowser(context.createQueue("app.other")).getEnumeration())
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @Test
    void temporaryDestinationsBelongToTheirConnectionsUser() throws Exception {
        Session carol = connect("carol").createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = carol.createTemporaryQueue();
        MessageConsumer consumer = carol.createConsumer(replies);
        carol.createProducer(replies).send(carol.createTextMessage("to myself"));
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("to myself");

        Session bob = connect("bob").createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(() -> bob.createProducer(replies).send(bob.createTextMessage("not yours")))
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining(replies.getQueueName());
        consumer.close();
        replies.delete();
    }

    @Test
    void theCommandLineExitsWithOneAndSaysDenied() {
        String admin = "logjms://127.0.0.1:" + broker.port() + "?user=admin&password=x";
        String alice = "logjms://127.0.0.1:" + broker.port() + "?user=alice&password=a";

        assertThat(cli(admin, "queues", "create", "app.cli").exit()).isZero();
        assertThat(cli(admin, "topics", "list").out()).contains("app.t");
        assertThat(cli(admin, "subscriptions", "list").exit()).isZero();
        for (String[] command : new String[][] {{"queues", "list"}, {"queues", "delete", "app.q"},
                {"topics", "describe", "app.t"}, {"topics", "alter", "app.t", "--retention-ms", "5"},
                {"subscriptions", "list"}, {"queues", "create", "app.other"}}) {
            Cli result = cli(alice, command);
            assertThat(result.exit()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err()).as(String.join(" ", command)).contains("denied").doesNotContain("password");
        }
    }

    @Test
    void aChangedAclTakesEffectWithoutARestart() throws Exception {
        Session carol = connect("carol").createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(() -> carol.createProducer(carol.createQueue("app.q")).send(carol.createTextMessage("x")))
                .isInstanceOf(JMSSecurityException.class);

        Files.writeString(acl, ACL + "allow user:carol produce queue:app.*\n");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).ignoreException(
                JMSSecurityException.class).untilAsserted(() ->
                carol.createProducer(carol.createQueue("app.q")).send(carol.createTextMessage("now allowed")));
        Files.writeString(acl, ACL + "allow user:carol produce queue:app.*\nthis is not a rule\n");
        Session alice = connect("alice").createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = alice.createConsumer(alice.createQueue("app.q"));
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("now allowed");
        carol.createProducer(carol.createQueue("app.q")).send(carol.createTextMessage("old rules stay"));
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("old rules stay");
    }

    @Test
    void aMalformedAclStopsTheBrokerAtStartNamingFileAndLine() throws IOException {
        Path bad = Files.writeString(acl.resolveSibling("bad-acl"), "allow * produce *\nallow * send queue:x\n");

        assertThatThrownBy(() -> Broker.builder().dataDir(dataDir.resolve("other")).host("127.0.0.1").port(0)
                .set("security.acl.file", bad.toString()).build().start())
                .hasMessageContaining(bad + " line 2").hasMessageContaining("unknown operation 'send'");
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String url, String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of("--url", url), Stream.of(command)).toArray(String[]::new);
        int exit = AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }
}
