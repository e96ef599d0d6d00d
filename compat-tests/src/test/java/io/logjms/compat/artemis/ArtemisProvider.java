package io.logjms.compat.artemis;

import io.logjms.compat.DeadLetterPolicy;
import io.logjms.compat.FreePort;
import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.SpecDeviation;
import io.logjms.compat.TemporaryDirectory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSConnectionFactory;

/**
 * Apache ActiveMQ Artemis, the reference JMS provider: an embedded broker with a persistent NIO file journal in
 * a temporary directory, security off, one TCP acceptor on 127.0.0.1 and an ephemeral port. Clients connect
 * over TCP with Artemis's own Jakarta client, as an application would.
 *
 * <p>Where Artemis 2.40 departs from Jakarta Messaging 3.1 is listed in {@link #deviations()}; the compatibility
 * scenarios found each of them.
 *
 * <p>Queues and addresses are created on first use. A message is moved to {@value #DEAD_LETTER_QUEUE} after
 * {@value #MAX_DELIVERY_ATTEMPTS} deliveries and expired messages to {@value #EXPIRY_QUEUE}.
 */
// close() may throw InterruptedException (stopping a broker waits); callers are not try-with-resources blocks.
@SuppressWarnings("try")
public final class ArtemisProvider implements JmsProviderUnderTest {

    public static final String NAME = "artemis";
    static final String DEAD_LETTER_QUEUE = "DLQ";
    static final String EXPIRY_QUEUE = "ExpiryQueue";
    static final int MAX_DELIVERY_ATTEMPTS = 5;
    private static final long ACTIVATION_TIMEOUT_SECONDS = 30;
    private static final int JOURNAL_FILE_SIZE = 1024 * 1024;

    private final TemporaryDirectory dataDirectory;
    private final ActiveMQServer server;
    private final ActiveMQJMSConnectionFactory connectionFactory;

    private ArtemisProvider(TemporaryDirectory dataDirectory, ActiveMQServer server, String brokerUrl) {
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.connectionFactory = new ActiveMQJMSConnectionFactory(brokerUrl);
    }

    /** Starts an embedded broker and returns a provider connected to it. */
    public static ArtemisProvider start() throws Exception {
        TemporaryDirectory dataDirectory = TemporaryDirectory.create("compat-artemis-");
        int port = FreePort.onLoopback();
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(configuration(dataDirectory.path(), port));
        try {
            server.start();
            if (!server.waitForActivation(ACTIVATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Artemis did not activate within " + ACTIVATION_TIMEOUT_SECONDS + " s");
            }
        } catch (Exception e) {
            server.stop();
            dataDirectory.close();
            throw e;
        }
        return new ArtemisProvider(dataDirectory, server, "tcp://127.0.0.1:" + port);
    }

    private static Configuration configuration(Path data, int port) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("compat-artemis")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(data.resolve("lock").toString())
                .setJournalFileSize(JOURNAL_FILE_SIZE)
                .setJournalMinFiles(2)
                .setJournalPoolFiles(2)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(false)
                .addAcceptorConfiguration("compat", "tcp://127.0.0.1:" + port);
        config.addAddressSetting("#", new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(0)
                .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE)));
        config.addQueueConfiguration(anycastQueue(DEAD_LETTER_QUEUE));
        config.addQueueConfiguration(anycastQueue(EXPIRY_QUEUE));
        return config;
    }

    private static QueueConfiguration anycastQueue(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @Override
    public QueueConnectionFactory queueConnectionFactory() {
        return connectionFactory;
    }

    @Override
    public TopicConnectionFactory topicConnectionFactory() {
        return connectionFactory;
    }

    @Override
    public Optional<DeadLetterPolicy> deadLetterPolicy() {
        return Optional.of(new DeadLetterPolicy(DEAD_LETTER_QUEUE, MAX_DELIVERY_ATTEMPTS));
    }

    @Override
    public Optional<String> expiryQueueName() {
        return Optional.of(EXPIRY_QUEUE);
    }

    @Override
    public Set<SpecDeviation> deviations() {
        return EnumSet.of(
                SpecDeviation.DELIVERY_TIME_UNSET_WITHOUT_DELAY,
                SpecDeviation.OBJECT_PROPERTY_ACCEPTS_BYTE_ARRAY,
                SpecDeviation.GET_BODY_FAILS_WITHOUT_BODY,
                SpecDeviation.EMPTY_BYTES_MESSAGE_HAS_FOUR_BYTES,
                SpecDeviation.STREAM_FAILED_READ_MOVES_POSITION,
                SpecDeviation.DELETED_TEMPORARY_QUEUE_ACCEPTS_SENDS,
                SpecDeviation.CLOSED_BROWSER_STILL_BROWSES,
                SpecDeviation.SELECTOR_NOT_BINDS_TIGHTER_THAN_COMPARISON,
                SpecDeviation.RECEIVE_BODY_FAILURE_LOSES_MESSAGE);
    }

    @Override
    public void close() throws Exception {
        try {
            connectionFactory.close();
            server.stop();
        } finally {
            dataDirectory.close();
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
