package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the broker of a system in a new JVM with this JVM's class path, a fresh temporary data
 * directory and the configured JVM options (the same for every system).
 */
final class BrokerLauncher {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final String LOGJMS_MAIN = "io.logjms.broker.BrokerMain";

    private final BenchSettings settings;
    private final Path logDir;

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
        command.addAll(mainAndArguments(system, dataDir));
        Path logFile = logDir.resolve(system.id() + "-run" + run + ".log");
        return BrokerProcess.start(system.id(), command, dataDir, logFile, readyPrefix(system), START_TIMEOUT);
    }

    /** The main class and its arguments for a system's broker. */
    static List<String> mainAndArguments(SystemKind system, Path dataDir) {
        String dir = dataDir.toString();
        return switch (system) {
            case LOGJMS -> List.of(ParentWatchingMain.class.getName(), LOGJMS_MAIN, "--host", ServerSupport.HOST,
                    "--port", "0", "--http-port", "0", "--data-dir", dir);
            case ARTEMIS -> List.of(ArtemisServerMain.class.getName(), "--data-dir", dir);
            case KAFKA -> List.of(KafkaServerMain.class.getName(), "--data-dir", dir);
            case KAFKA_FSYNC -> List.of(KafkaServerMain.class.getName(), "--data-dir", dir, "--fsync-every-message");
        };
    }

    /** The start of the line a system's broker prints once it accepts clients. */
    static String readyPrefix(SystemKind system) {
        return switch (system) {
            case LOGJMS -> "logjms broker listening on ";
            case ARTEMIS -> "artemis listening on ";
            case KAFKA, KAFKA_FSYNC -> "kafka listening on ";
        };
    }

    /** A client of a system's broker at {@code host:port}. */
    static MessagingClient connect(SystemKind system, String host, int port) {
        return switch (system) {
            case LOGJMS -> new JmsClient(JmsProvider.logjms(host, port));
            case ARTEMIS -> new JmsClient(JmsProvider.artemis(host, port));
            case KAFKA, KAFKA_FSYNC -> new KafkaClient(host, port);
        };
    }
}
