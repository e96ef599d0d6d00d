package io.logjms.compat.logjms;

import io.logjms.broker.Broker;
import io.logjms.compat.DeadLetterPolicy;
import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.SpecDeviation;
import io.logjms.compat.TemporaryDirectory;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * logjms under test: an embedded broker on an ephemeral loopback port with its data in a temporary
 * directory, clients over TCP through {@link LogJmsConnectionFactory}; {@value #NAME} in plain TCP and
 * {@value #TLS_NAME} with every connection over TLS (see {@link LogJmsTransport}). It claims no spec deviation.
 */
public final class LogJmsProvider implements JmsProviderUnderTest {
    public static final String NAME = "logjms";
    public static final String TLS_NAME = "logjms-tls";
    static final String DEAD_LETTER_QUEUE = "DLQ";
    static final int MAX_DELIVERY_ATTEMPTS = 5;

    private final String name;
    private final LogJmsTransport transport;
    private final TemporaryDirectory data;
    private final Broker broker;
    private final LogJmsConnectionFactory factory;
    private final String url;

    private LogJmsProvider(String name, LogJmsTransport transport, TemporaryDirectory data, Broker broker) {
        this.name = name;
        this.transport = transport;
        this.data = data;
        this.broker = broker;
        this.url = transport.url(broker.port());
        // the scenarios' ObjectMessage bodies are test classes: allow them next to the secure default
        this.factory = new LogJmsConnectionFactory(LogJmsTransport.withOption(url,
                "objectMessageAllowList=java.lang.*,java.util.*,java.time.*,java.math.*,io.logjms.compat.**"));
    }

    /** logjms in plain TCP. */
    public static LogJmsProvider start() {
        return start(NAME, LogJmsTransport.PLAIN);
    }

    /** logjms with TLS on the broker and in every client. */
    public static LogJmsProvider startWithTls() {
        return start(TLS_NAME, LogJmsTransport.TLS);
    }

    private static LogJmsProvider start(String name, LogJmsTransport transport) {
        Broker.Builder builder = Broker.builder()
                .host("127.0.0.1")
                .port(0)
                .set("delivery.max.attempts", Integer.toString(MAX_DELIVERY_ATTEMPTS))
                .set("dead.letter.queue", DEAD_LETTER_QUEUE);
        transport.brokerSettings().forEach(builder::set);
        TemporaryDirectory data = TemporaryDirectory.create(name);
        try {
            LogJmsProvider provider = new LogJmsProvider(name, transport, data,
                    builder.dataDir(data.path()).build().start());
            if (transport == LogJmsTransport.TLS) {
                refusesPlainClients(provider);
            }
            return provider;
        } catch (RuntimeException e) {
            deleteQuietly(data, e);
            throw e;
        }
    }

    /**
     * Proves that the TLS column is TLS: the broker must turn away a client without {@code tls=true}. Otherwise
     * the provider is closed and the failure names what happened.
     */
    private static void refusesPlainClients(LogJmsProvider provider) {
        String plainUrl = LogJmsTransport.PLAIN.url(provider.broker.port());
        Connection plain;
        try {
            plain = new LogJmsConnectionFactory(plainUrl).createConnection();
        } catch (JMSException expected) {
            if (String.valueOf(expected.getMessage()).contains("accepts TLS connections only")) {
                return;
            }
            closeAfterFailedStart(provider);
            throw new IllegalStateException("a plain client of the TLS broker failed for another reason than "
                    + "TLS: " + expected.getMessage(), expected);
        }
        IllegalStateException failure = new IllegalStateException("the TLS broker accepted a plain client at "
                + plainUrl);
        try {
            plain.close();
        } catch (JMSException e) {
            failure.addSuppressed(e);
        }
        closeAfterFailedStart(provider);
        throw failure;
    }

    private static void closeAfterFailedStart(LogJmsProvider provider) {
        try {
            provider.broker.close();
        } catch (RuntimeException e) {
            // the start failure reported by the caller matters more
        }
    }

    private static void deleteQuietly(TemporaryDirectory data, RuntimeException cause) {
        try {
            data.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The broker's address, {@code logjms://127.0.0.1:<port>} with the transport's options, for
     * {@code LogJmsAdmin.connect}.
     */
    public String url() {
        return url;
    }

    /** How clients reach this provider's broker; a scenario starting a broker of its own uses the same. */
    public LogJmsTransport transport() {
        return transport;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public QueueConnectionFactory queueConnectionFactory() {
        return factory;
    }

    @Override
    public TopicConnectionFactory topicConnectionFactory() {
        return factory;
    }

    @Override
    public Optional<DeadLetterPolicy> deadLetterPolicy() {
        return Optional.of(new DeadLetterPolicy(DEAD_LETTER_QUEUE, MAX_DELIVERY_ATTEMPTS));
    }

    @Override
    public Optional<String> expiryQueueName() {
        return Optional.empty();
    }

    @Override
    public Set<SpecDeviation> deviations() {
        return Set.of();
    }

    @Override
    public void close() throws Exception {
        try {
            broker.close();
        } finally {
            data.close();
        }
    }

    /** The display name of each scenario run; the report groups results by it. */
    @Override
    public String toString() {
        return name;
    }
}
