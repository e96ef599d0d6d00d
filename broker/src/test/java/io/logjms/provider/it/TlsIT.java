package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS between client and broker: JMS and the admin API over TLS, mutual TLS with the certificate's CN as
 * the user, and each way a TLS connection fails, every one within connectTimeout and leaving the broker
 * serving others.
 */
@Timeout(120)
class TlsIT {
    private static final long CONNECT_TIMEOUT = 5_000;
    private static final TestCertificates CERTS = TestCertificates.get();

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // already broken on purpose
            }
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(0, closeable);
        return closeable;
    }

    private Broker broker(Path keyStore, String... settings) {
        Broker.Builder builder = Broker.builder().dataDir(dir.resolve("data-" + toClose.size())).host("127.0.0.1")
                .port(0);
        if (keyStore != null) {
            builder.set("tls.enabled", "true").set("tls.keystore.path", keyStore.toString())
                    .set("tls.keystore.password", TestCertificates.PASSWORD);
        }
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        return closeLater(builder.build().start());
    }

    private static String url(Broker broker, String options) {
        return "logjms://127.0.0.1:" + broker.port() + "?connectTimeout=" + CONNECT_TIMEOUT
                + (options.isEmpty() ? "" : "&" + options);
    }

    private static String trusting() {
        return "tls=true&trustStore=" + CERTS.trustStore + "&trustStorePassword=" + TestCertificates.PASSWORD;
    }

    private static String clientCertificate(Path keyStore) {
        return "&keyStore=" + keyStore + "&keyStorePassword=" + TestCertificates.PASSWORD;
    }

    @Test
    void jmsScenarioAndAdminWorkOverTls() throws Exception {
        Broker broker = broker(CERTS.server);
        Connection connection = closeLater(new LogJmsConnectionFactory(url(broker, trusting())).createConnection());
        connection.setClientID("tls-app");
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("tls.orders");
        MessageConsumer consumer = session.createConsumer(queue);
        byte[] large = new byte[300_000];
        new Random(14).nextBytes(large);
        BytesMessage big = session.createBytesMessage();
        big.writeBytes(large);
        session.createProducer(queue).send(session.createTextMessage("hello over TLS"));
        session.createProducer(queue).send(big);

        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("hello over TLS");
        BytesMessage received = (BytesMessage) consumer.receive(10_000);
        byte[] body = new byte[large.length];
        assertThat(received.readBytes(body)).isEqualTo(large.length);
        assertThat(body).isEqualTo(large);

        Topic topic = session.createTopic("tls.prices");
        TopicSubscriber durable = session.createDurableSubscriber(topic, "ticker");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        transacted.createProducer(topic).send(transacted.createTextMessage("tick"));
        transacted.commit();
        assertThat(((TextMessage) durable.receive(10_000)).getText()).isEqualTo("tick");

        session.createProducer(queue).send(session.createTextMessage("to browse"));
        consumer.close();
        QueueBrowser browser = session.createBrowser(queue);
        assertThat(Collections.list(browser.getEnumeration())).hasSize(1);

        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port() + "?" + trusting())) {
            admin.createTopic("tls.admin", DestinationSettings.defaults().withPartitions(2));
            assertThat(admin.topics()).extracting(t -> t.name()).contains("tls.admin", "tls.prices");
        }
    }

    @Test
    void mutualTlsMakesTheCertificateCnTheUserWithoutAPassword() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "bob=secret\n");
        Path acl = Files.writeString(dir.resolve("acl"), "allow user:alice produce,consume,create queue:alice.*\n");
        Broker broker = broker(CERTS.server, "tls.client.auth", "need", "tls.truststore.path",
                CERTS.trustStore.toString(), "tls.truststore.password", TestCertificates.PASSWORD,
                "security.users.file", users.toString(), "security.allow.anonymous", "false",
                "security.acl.file", acl.toString());

        try (JMSContext alice = new LogJmsConnectionFactory(url(broker, trusting() + clientCertificate(CERTS.alice)))
                .createContext()) {
            alice.createProducer().send(alice.createQueue("alice.inbox"), "signed");
            assertThat(alice.createConsumer(alice.createQueue("alice.inbox")).receiveBody(String.class, 10_000))
                    .isEqualTo("signed");
            assertThatThrownBy(() -> alice.createProducer().send(alice.createQueue("bob.inbox"), "x"))
                    .hasMessageContaining("alice").hasMessageContaining("queue:bob.inbox");
        }
        assertThatThrownBy(() -> new LogJmsConnectionFactory(url(broker, trusting() + clientCertificate(CERTS.alice)))
                .createConnection("bob", "secret"))
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("does not match the client certificate");
        assertFailsWithin(url(broker, trusting()), "requires a client certificate");
        assertFailsWithin(url(broker, trusting() + clientCertificate(CERTS.mallory)), "TLS connection");
    }

    @Test
    void aPlainClientIsToldTheBrokerWantsTls() throws Exception {
        Broker broker = broker(CERTS.server);

        assertFailsWithin(url(broker, ""), "accepts TLS connections only: connect with tls=true");
        assertServes(url(broker, trusting()));
    }

    @Test
    void aTlsClientIsToldThePlainBrokerDoesNotSpeakTls() throws Exception {
        Broker broker = broker(null);

        assertFailsWithin(url(broker, trusting()), "did not answer with TLS");
        assertServes(url(broker, ""));
    }

    @Test
    void anUntrustedCertificateFails() throws Exception {
        Broker broker = broker(CERTS.untrusted);

        assertFailsWithin(url(broker, trusting()), "not trusted");
        assertServes(url(broker, trusting().replace(CERTS.trustStore.toString(), CERTS.untrusted.toString())));
    }

    @Test
    void anExpiredCertificateFails() throws Exception {
        Broker broker = broker(CERTS.expired);

        assertFailsWithin(url(broker, trusting()), "expired");
    }

    @Test
    void aCertificateForAnotherHostFailsUnlessHostVerificationIsOff() throws Exception {
        Broker broker = broker(CERTS.wrongHost);

        assertFailsWithin(url(broker, trusting()), "host name mismatch");
        assertServes(url(broker, trusting() + "&verifyHost=false"));
    }

    @Test
    void aKeyStoreThatCannotBeReadNamesTheOption() {
        Broker broker = broker(CERTS.server);

        assertThatThrownBy(() -> new LogJmsConnectionFactory(url(broker, "tls=true&trustStore=" + dir.resolve("none")))
                .createConnection()).isInstanceOf(JMSException.class).hasMessageContaining("trustStore")
                .hasMessageContaining("file not found");
    }

    @Test
    void aBrokerWithAnUnreadableKeyStoreDoesNotStart() throws IOException {
        Path notAStore = Files.writeString(dir.resolve("not-a-store.p12"), "garbage");

        assertThatThrownBy(() -> broker(notAStore)).hasMessageContaining("tls.keystore.path")
                .hasMessageContaining(notAStore.toString());
        assertThatThrownBy(() -> Broker.builder().set("tls.enabled", "true").build())
                .hasMessageContaining("tls.keystore.path");
    }

    private static void assertFailsWithin(String url, String reason) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new LogJmsConnectionFactory(url).createConnection().close())
                .isInstanceOf(JMSException.class).hasMessageContaining(reason);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to fail").isLessThan(CONNECT_TIMEOUT);
    }

    private static void assertServes(String url) throws JMSException {
        try (JMSContext context = new LogJmsConnectionFactory(url).createContext()) {
            context.createProducer().send(context.createQueue("still.serving"), "ok");
            assertThat(context.createConsumer(context.createQueue("still.serving")).receiveBody(String.class, 10_000))
                    .isEqualTo("ok");
        }
    }
}
