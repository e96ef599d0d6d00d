package io.logjms.benchmarks.sidebyside;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Runs an embedded ActiveMQ Artemis broker for the benchmark, in its own JVM: persistent NIO file
 * journal (each durable send fsync'd, Artemis's default), one TCP acceptor on a free port of
 * 127.0.0.1, security off. Prints {@code artemis listening on 127.0.0.1:PORT} when it accepts clients.
 *
 * <p>Usage: {@code ArtemisServerMain --data-dir DIR}
 */
public final class ArtemisServerMain {
    private ArtemisServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = ServerSupport.dataDir(args);
        int port = ServerSupport.freePort();
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                // a shared test machine must not make the broker block producers or halt itself
                .setMaxDiskUsage(-1)
                .setCriticalAnalyzer(false);
        config.addAcceptorConfiguration("benchmark", "tcp://" + ServerSupport.HOST + ":" + port);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        ServerSupport.serveUntilParentGoes("artemis", port, dataDir, server::stop);
    }
}
