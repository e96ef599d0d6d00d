package io.logjms.provider.it;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the client integration tests: a broker in this JVM on 127.0.0.1 and an ephemeral port, and
 * connections that are closed after each test.
 */
@Timeout(60)
abstract class EmbeddedBrokerSupport {
    @TempDir
    Path dataDir;
    Broker broker;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = configure(Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)).build().start();
    }

    /** Lets a test class change the broker's configuration. */
    Broker.Builder configure(Broker.Builder builder) {
        return builder;
    }

    @AfterEach
    void stopBroker() throws Exception {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // closing after a test that broke the connection on purpose
            }
        }
        broker.close();
    }

    /** Stops the broker and starts a new one on the same data directory and the same port. */
    void restartBrokerOnSamePort() {
        int port = broker.port();
        broker.close();
        broker = configure(Broker.builder().dataDir(dataDir).host("127.0.0.1").port(port)).build().start();
    }

    String url() {
        return url("");
    }

    String url(String options) {
        return "logjms://127.0.0.1:" + broker.port() + "?requestTimeout=10000" + (options.isEmpty() ? "" : "&" + options);
    }

    LogJmsConnectionFactory factory() {
        return new LogJmsConnectionFactory(url());
    }

    LogJmsConnectionFactory factory(String options) {
        return new LogJmsConnectionFactory(url(options));
    }

    /** A started connection that is closed after the test. */
    Connection connection() throws JMSException {
        return closeLater(factory().createConnection());
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(0, closeable);
        return closeable;
    }
}
