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
 * Runs a single-node Apache Kafka in KRaft mode (combined broker and controller) for the benchmark, in
 * its own JVM: static controller quorum of itself, replication factor 1 for internal topics, log in
 * the given directory, formatted with {@code StorageTool} before the start. With
 * {@code --fsync-every-message} it sets {@code log.flush.interval.messages=1} (fsync per append);
 * otherwise Kafka's default leaves flushing to the operating system. Prints
 * {@code kafka listening on 127.0.0.1:PORT} once started.
 *
 * <p>Usage: {@code KafkaServerMain --data-dir DIR [--fsync-every-message]}
 */
public final class KafkaServerMain {
    private KafkaServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = ServerSupport.dataDir(args);
        boolean fsync = ServerSupport.hasFlag(args, "--fsync-every-message");
        int brokerPort = ServerSupport.freePort();
        int controllerPort = ServerSupport.freePort();
        while (controllerPort == brokerPort) {
            controllerPort = ServerSupport.freePort();
        }
        Properties props = properties(dataDir, brokerPort, controllerPort, fsync);
        Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "single-node KRaft broker for the side-by-side benchmark");
        }
        format(propsFile);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        ServerSupport.serveUntilParentGoes("kafka", brokerPort, dataDir, () -> {
            server.shutdown();
            server.awaitShutdown();
        });
    }

    static Properties properties(Path dataDir, int brokerPort, int controllerPort, boolean fsync) {
        String host = ServerSupport.HOST;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("kafka-logs").toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        if (fsync) {
            props.put("log.flush.interval.messages", "1");
        }
        return props;
    }

    private static void format(Path propsFile) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()},
                System.out);
        if (code != 0) {
            throw new IOException("kafka-storage format failed with exit code " + code);
        }
    }
}
