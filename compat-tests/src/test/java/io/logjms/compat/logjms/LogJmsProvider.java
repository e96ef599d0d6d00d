package io.logjms.compat.logjms;

import io.logjms.broker.Broker;
import io.logjms.compat.DeadLetterPolicy;
import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.SpecDeviation;
import io.logjms.compat.TemporaryDirectory;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import java.util.Optional;
import java.util.Set;

/**
 * logjms under test: an embedded broker on an ephemeral loopback port with its data in a temporary
 * directory, clients over TCP through {@link LogJmsConnectionFactory}. It claims no spec deviation.
 */
public final class LogJmsProvider implements JmsProviderUnderTest {
    public static final String NAME = "logjms";
    static final String DEAD_LETTER_QUEUE = "DLQ";
    static final int MAX_DELIVERY_ATTEMPTS = 5;

    private final TemporaryDirectory data;
    private final Broker broker;
    private final LogJmsConnectionFactory factory;
    private final String url;

    private LogJmsProvider(TemporaryDirectory data, Broker broker) {
        this.data = data;
        this.broker = broker;
        this.url = "logjms://127.0.0.1:" + broker.port();
        // the scenarios' ObjectMessage bodies are test classes: allow them next to the secure default
        this.factory = new LogJmsConnectionFactory(url
                + "?objectMessageAllowList=java.lang.*,java.util.*,java.time.*,java.math.*,io.logjms.compat.**");
    }

    public static LogJmsProvider start() {
        TemporaryDirectory data = TemporaryDirectory.create("logjms");
        Broker broker = Broker.builder()
                .dataDir(data.path())
                .host("127.0.0.1")
                .port(0)
                .set("delivery.max.attempts", Integer.toString(MAX_DELIVERY_ATTEMPTS))
                .set("dead.letter.queue", DEAD_LETTER_QUEUE)
                .build()
                .start();
        return new LogJmsProvider(data, broker);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The broker's address, {@code logjms://127.0.0.1:<port>}, for {@code LogJmsAdmin.connect}. */
    public String url() {
        return url;
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
        return NAME;
    }
}
