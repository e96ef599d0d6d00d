package io.logjms.benchmarks.sidebyside;

import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import picocli.CommandLine;

/**
 * Starts the broker of a system in a new JVM with this JVM's class path, a fresh temporary data
 * directory and the configured JVM options (the same for every system), and connects clients to it; for W6, a
 * cluster of such brokers ({@link #startCluster}). The
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

    /**
     * Starts a cluster of {@code size} brokers of {@code system} on 127.0.0.1, each in its own JVM: Kafka as
     * combined KRaft nodes with a static quorum of all of them; logjms with the cluster flags (once the launcher
     * has them). Starts them all, then waits for each.
     *
     * @throws UnsupportedWorkloadException when the system has no cluster here (the note says why)
     */
    BrokerCluster startCluster(SystemKind system, int run, int size)
            throws IOException, InterruptedException, UnsupportedWorkloadException {
        requireCluster(system, logjmsHasClusterFlags());
        Files.createDirectories(settings.workDir());
        Files.createDirectories(logDir);
        ClusterPlan plan = ClusterPlan.pick(size);
        List<BrokerProcess> nodes = new ArrayList<>();
        try {
            for (int id = 1; id <= size; id++) {
                Path dir = Files.createTempDirectory(settings.workDir(), "logjms-bench-" + system.id() + "-node" + id + "-");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(settings.brokerJvmOptions());
                command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.addAll(clusterNodeArguments(system, dir, id, plan));
                Path logFile = logDir.resolve(system.id() + "-cluster-run" + run + "-node" + id + ".log");
                nodes.add(BrokerProcess.launch(system.id() + "-node" + id, command, dir, logFile, readyPrefix(system)));
            }
            for (BrokerProcess node : nodes) {
                node.awaitReady(START_TIMEOUT);
            }
            if (system == SystemKind.LOGJMS) {
                awaitLogjmsClusterFormed(nodes.get(0), size);
                createReplicatedTopic(nodes.get(0), ReplicatedPublishWorkload.TOPIC, size);
            }
            return new BrokerCluster(nodes);
        } catch (IOException | InterruptedException | RuntimeException e) {
            new BrokerCluster(nodes).close();
            throw e;
        }
    }

    /**
     * Fails with the reason a system has no W6 cluster: Artemis and logjms over TLS are not part of that row, and
     * logjms needs the cluster flags (issue 11) in its launcher.
     */
    static void requireCluster(SystemKind system, boolean logjmsClusterFlags) throws UnsupportedWorkloadException {
        switch (system) {
            case KAFKA, KAFKA_FSYNC -> {
            }
            case LOGJMS -> {
                if (!logjmsClusterFlags) {
                    throw new UnsupportedWorkloadException("needs cluster: this build's broker launcher has no "
                            + "--cluster-members flag yet (W6 runs logjms once the cluster is merged)");
                }
            }
            default -> throw new UnsupportedWorkloadException("W6 compares logjms with Kafka; no "
                    + system.label() + " cluster");
        }
    }

    /**
     * A logjms broker listens before its cluster has formed: W6's topic, created on first use, gets the default
     * replication factor (3) capped at the live brokers, so wait until all of them are members.
     */
    private static void awaitLogjmsClusterFormed(BrokerProcess node, int size) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String seen = "no answer";
        while (System.nanoTime() < deadline) {
            try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + node.host() + ":" + node.port())) {
                ClusterDetails cluster = admin.describeCluster();
                long alive = cluster.members().stream().filter(ClusterDetails.Member::alive).count();
                if (cluster.controller() != null && alive == size) {
                    return;
                }
                seen = alive + " live member(s), controller " + cluster.controller();
            } catch (RuntimeException e) {
                seen = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the logjms cluster of " + size + " brokers did not form within "
                + START_TIMEOUT + " (last seen: " + seen + ")");
    }

    /**
     * Creates W6's topic with one replica on every broker, and checks that each partition got them (a JMS client
     * has no administrative call: on first use the topic would get the default factor).
     */
    private static void createReplicatedTopic(BrokerProcess node, String topic, int replicas) {
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://" + node.host() + ":" + node.port())) {
            admin.createTopic(topic, DestinationSettings.defaults().withReplicationFactor(replicas));
            for (DestinationDetails.PartitionRange p : admin.describeTopic(topic).partitions()) {
                if (p.replicas().size() != replicas) {
                    throw new IllegalStateException("partition " + p.partition() + " of " + topic + " has replicas "
                            + p.replicas() + ", not " + replicas);
                }
            }
        }
    }

    /** Whether the logjms broker on the class path has the cluster launcher flags. */
    static boolean logjmsHasClusterFlags() {
        return new CommandLine(new io.logjms.broker.BrokerMain()).getCommandSpec()
                .findOption("--cluster-members") != null;
    }

    /**
     * The ports of a cluster on 127.0.0.1, free a moment ago: Kafka's broker and controller port per node, or
     * logjms's Hazelcast port per node (its client port is chosen by the broker); and Kafka's cluster id.
     */
    record ClusterPlan(List<Integer> clientPorts, List<Integer> coordinationPorts, String clusterId) {
        static ClusterPlan pick(int size) {
            Set<Integer> ports = new LinkedHashSet<>();
            while (ports.size() < 2 * size) {
                ports.add(ServerSupport.freePort());
            }
            List<Integer> all = List.copyOf(ports);
            return new ClusterPlan(all.subList(0, size), all.subList(size, 2 * size), Uuid.randomUuid().toString());
        }

        int size() {
            return coordinationPorts.size();
        }
    }

    /** The main class and arguments of node {@code id} (1..n) of a cluster of {@code system}. */
    static List<String> clusterNodeArguments(SystemKind system, Path dir, int id, ClusterPlan plan) {
        String host = ServerSupport.HOST;
        return switch (system) {
            case KAFKA, KAFKA_FSYNC -> {
                String voters = java.util.stream.IntStream.rangeClosed(1, plan.size())
                        .mapToObj(i -> i + "@" + host + ":" + plan.coordinationPorts().get(i - 1))
                        .collect(Collectors.joining(","));
                List<String> args = new ArrayList<>(List.of(KafkaServerMain.class.getName(), "--data-dir", dir.toString(),
                        "--node-id", Integer.toString(id), "--voters", voters,
                        "--broker-port", Integer.toString(plan.clientPorts().get(id - 1)),
                        "--controller-port", Integer.toString(plan.coordinationPorts().get(id - 1)),
                        "--cluster-id", plan.clusterId()));
                if (system == SystemKind.KAFKA_FSYNC) {
                    args.add("--fsync-every-message");
                }
                yield args;
            }
            case LOGJMS -> List.of(ParentWatchingMain.class.getName(), LOGJMS_MAIN, "--host", host, "--port", "0",
                    "--http-port", "-1", "--data-dir", dir.toString(), "--node-id", Integer.toString(id),
                    "--cluster-members", plan.coordinationPorts().stream().map(p -> host + ":" + p)
                            .collect(Collectors.joining(",")),
                    "--cluster-port", Integer.toString(plan.coordinationPorts().get(id - 1)));
            default -> throw new IllegalArgumentException("no " + system.label() + " cluster");
        };
    }

    /** A client of a cluster of {@code system} whose topics are replicated to every node. */
    MessagingClient connect(SystemKind system, BrokerCluster cluster) {
        return switch (system) {
            case LOGJMS -> new JmsClient(JmsProvider.logjms(cluster.bootstrap(), ""));
            case KAFKA, KAFKA_FSYNC -> KafkaClient.ofCluster(cluster.bootstrap(), cluster.size());
            default -> throw new IllegalArgumentException("no " + system.label() + " cluster");
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
