package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the broker of a system in a new JVM with this JVM's class path, a fresh temporary data
 * directory and the configured JVM options (the same for every system), and connects clients to it. The
 * {@code logjms-tls} system's certificate is made on its first start and deleted by {@link #close()}.
 */
final class BrokerLauncher implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final String LOGJMS_MAIN = "io.logjms.broker.BrokerMain";

    private final BenchSettings settings;
    private final Path logDir;
    private ThrowawayTls tls;

    BrokerLauncher(BenchSettings settings, Path logDir) {
        this.settings = settings;
        this.logDir = logDir;
    }

    BrokerProcess start(SystemKind system, int run) throws IOException, InterruptedException {
        Files.createDirectories(settings.workDir());
        Files.createDirectories(logDir);
        Path dataDir = Files.createTempDirectory(settings.workDir(), "logjms-bench-" + system.id() + "-");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.brokerJvmOptions());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        Path tlsConfig = system == SystemKind.LOGJMS_TLS ? tls().brokerConfig() : null;
        command.addAll(mainAndArguments(system, dataDir, tlsConfig));
        Path logFile = logDir.resolve(system.id() + "-run" + run + ".log");
        return BrokerProcess.start(system.id(), command, dataDir, logFile, readyPrefix(system), START_TIMEOUT);
    }

    /**
     * The main class and its arguments for a system's broker; {@code tlsConfig} is the broker properties file
     * that turns TLS on, used by {@code logjms-tls} only.
     */
    static List<String> mainAndArguments(SystemKind system, Path dataDir, Path tlsConfig) {
        String dir = dataDir.toString();
        return switch (system) {
            case LOGJMS -> List.of(ParentWatchingMain.class.getName(), LOGJMS_MAIN, "--host", ServerSupport.HOST,
                    "--port", "0", "--http-port", "0", "--data-dir", dir);
            case LOGJMS_TLS -> List.of(ParentWatchingMain.class.getName(), LOGJMS_MAIN, "--config",
                    tlsConfig.toString(), "--host", ServerSupport.HOST, "--port", "0", "--http-port", "0",
                    "--data-dir", dir);
            case ARTEMIS -> List.of(ArtemisServerMain.class.getName(), "--data-dir", dir);
            case KAFKA -> List.of(KafkaServerMain.class.getName(), "--data-dir", dir);
            case KAFKA_FSYNC -> List.of(KafkaServerMain.class.getName(), "--data-dir", dir, "--fsync-every-message");
        };
    }

    /** The start of the line a system's broker prints once it accepts clients. */
    static String readyPrefix(SystemKind system) {
        return switch (system) {
            case LOGJMS, LOGJMS_TLS -> "logjms broker listening on ";
            case ARTEMIS -> "artemis listening on ";
            case KAFKA, KAFKA_FSYNC -> "kafka listening on ";
        };
    }

    /** A client of a system's broker at {@code host:port}. */
    MessagingClient connect(SystemKind system, String host, int port) throws IOException, InterruptedException {
        return switch (system) {
            case LOGJMS -> new JmsClient(JmsProvider.logjms(host, port, ""));
            case LOGJMS_TLS -> new JmsClient(JmsProvider.logjms(host, port, tls().clientOptions()));
            case ARTEMIS -> new JmsClient(JmsProvider.artemis(host, port));
            case KAFKA, KAFKA_FSYNC -> new KafkaClient(host, port);
        };
    }

    private ThrowawayTls tls() throws IOException, InterruptedException {
        if (tls == null) {
            tls = ThrowawayTls.create(settings.workDir());
        }
        return tls;
    }

    /** Deletes the TLS certificate, if one was made. */
    @Override
    public void close() {
        if (tls != null) {
            tls.close();
        }
    }
}
