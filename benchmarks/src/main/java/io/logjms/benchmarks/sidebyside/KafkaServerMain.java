package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Runs Apache Kafka in KRaft mode for the benchmark, one node per JVM: alone (a single node, combined broker and
 * controller, static controller quorum of itself, replication factor 1 for internal topics), or as node N of a
 * cluster whose every node is a combined broker and controller: the static quorum {@code --voters}, ports and
 * cluster id given by the benchmark, replication factor = the number of voters for internal topics and as the
 * default, {@code min.insync.replicas=2}. The log goes in the given directory, formatted with
 * {@code StorageTool} before the start. With {@code --fsync-every-message} it sets
 * {@code log.flush.interval.messages=1} (fsync per append); otherwise Kafka's default leaves flushing to the
 * operating system. Prints {@code kafka listening on 127.0.0.1:PORT} once started (a cluster node only once a
 * quorum of controllers is up, so every node must be started before waiting for any).
 *
 * <p>Usage: {@code KafkaServerMain --data-dir DIR [--fsync-every-message]
 * [--node-id N --voters 1@HOST:PORT,2@HOST:PORT,... --broker-port P --controller-port P --cluster-id ID]}
 */
public final class KafkaServerMain {
    /** {@code min.insync.replicas} of a cluster: a majority of three. */
    static final int CLUSTER_MIN_INSYNC = 2;

    private KafkaServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = ServerSupport.dataDir(args);
        boolean fsync = ServerSupport.hasFlag(args, "--fsync-every-message");
        Properties props;
        String clusterId;
        int brokerPort;
        if (ServerSupport.option(args, "--voters").isPresent()) {
            brokerPort = Integer.parseInt(required(args, "--broker-port"));
            props = clusterNodeProperties(dataDir, Integer.parseInt(required(args, "--node-id")), brokerPort,
                    Integer.parseInt(required(args, "--controller-port")), required(args, "--voters"), fsync);
            clusterId = required(args, "--cluster-id");
        } else {
            brokerPort = ServerSupport.freePort();
            int controllerPort = ServerSupport.freePort();
            while (controllerPort == brokerPort) {
                controllerPort = ServerSupport.freePort();
            }
            props = properties(dataDir, brokerPort, controllerPort, fsync);
            clusterId = Uuid.randomUuid().toString();
        }
        Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "KRaft node for the side-by-side benchmark");
        }
        format(propsFile, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        ServerSupport.serveUntilParentGoes("kafka", brokerPort, dataDir, () -> {
            server.shutdown();
            server.awaitShutdown();
        });
    }

    private static String required(String[] args, String name) {
        return ServerSupport.option(args, name).orElseThrow(() -> new IllegalArgumentException(
                "a cluster node needs " + name + " (usage: --data-dir DIR --node-id N --voters 1@HOST:PORT,... "
                        + "--broker-port P --controller-port P --cluster-id ID)"));
    }

    /** A single node: its own controller quorum, replication factor 1. */
    static Properties properties(Path dataDir, int brokerPort, int controllerPort, boolean fsync) {
        return properties(dataDir, 1, brokerPort, controllerPort, "1@" + ServerSupport.HOST + ":" + controllerPort,
                1, fsync);
    }

    /**
     * Node {@code nodeId} of a cluster of combined nodes with the static quorum {@code voters}
     * ({@code id@host:port,...}): internal topics and new topics replicated to every node,
     * {@code min.insync.replicas=2}.
     */
    static Properties clusterNodeProperties(Path dataDir, int nodeId, int brokerPort, int controllerPort,
            String voters, boolean fsync) {
        int size = voters.split(",").length;
        if (size < 3) {
            throw new IllegalArgumentException("a cluster needs at least 3 voters for min.insync.replicas="
                    + CLUSTER_MIN_INSYNC + ", got " + voters);
        }
        return properties(dataDir, nodeId, brokerPort, controllerPort, voters, size, fsync);
    }

    private static Properties properties(Path dataDir, int nodeId, int brokerPort, int controllerPort, String voters,
            int replicas, boolean fsync) {
        String host = ServerSupport.HOST;
        String rf = Integer.toString(replicas);
        String minIsr = Integer.toString(replicas == 1 ? 1 : CLUSTER_MIN_INSYNC);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("kafka-logs").toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", rf);
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", rf);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", rf);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("group.initial.rebalance.delay.ms", "0");
        if (replicas > 1) {
            props.put("default.replication.factor", rf);
            props.put("min.insync.replicas", minIsr);
        }
        if (fsync) {
            props.put("log.flush.interval.messages", "1");
        }
        return props;
    }

    private static void format(Path propsFile, String clusterId) throws IOException {
        int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()},
                System.out);
        if (code != 0) {
            throw new IOException("kafka-storage format failed with exit code " + code);
        }
    }
}
