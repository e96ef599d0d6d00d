package io.logjms.compat.queuevslog;

import io.logjms.broker.Broker;
import io.logjms.compat.logjms.LogJmsTransport;
import io.logjms.provider.LogJmsConnectionFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * A logjms broker of its own for a scenario that needs settings the shared provider does not have (a fast
 * retention check) or that restarts the broker. It listens on 127.0.0.1 on an ephemeral port, which changes
 * with each restart; {@link #url()} and {@link #connectionFactory()} follow it.
 */
final class DedicatedLogJmsBroker implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> settings;
    private final LogJmsTransport transport;
    private Broker broker;

    private DedicatedLogJmsBroker(Path dataDir, Map<String, String> settings, LogJmsTransport transport) {
        this.dataDir = dataDir;
        this.settings = Map.copyOf(settings);
        this.transport = transport;
    }

    /**
     * Starts a broker on {@code dataDir} with the given settings (names as in docs/CONFIGURATION.md), reached the
     * way {@code transport} says (the transport of the provider under test, so a TLS run stays on TLS).
     */
    static DedicatedLogJmsBroker start(Path dataDir, Map<String, String> settings, LogJmsTransport transport) {
        DedicatedLogJmsBroker dedicated = new DedicatedLogJmsBroker(dataDir, settings, transport);
        dedicated.broker = dedicated.newBroker();
        return dedicated;
    }

    private Broker newBroker() {
        Broker.Builder builder = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0);
        settings.forEach(builder::set);
        transport.brokerSettings().forEach(builder::set);
        return builder.build().start();
    }

    /** Stops the broker cleanly and starts it again on the same data directory. */
    void restart() {
        broker.close();
        broker = newBroker();
    }

    String url() {
        return transport.url(broker.port());
    }

    /** A factory for the broker as it runs now; after {@link #restart()} ask for a new one. */
    LogJmsConnectionFactory connectionFactory() {
        return new LogJmsConnectionFactory(url());
    }

    @Override
    public void close() {
        broker.close();
    }
}
