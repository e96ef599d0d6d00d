package io.logjms.broker.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.ClusterMembersSetting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The embedded Hazelcast member's configuration, from the broker's. */
final class HazelcastConfigs {
    /** The member attribute holding a broker's {@code node.id}. */
    static final String NODE_ID_ATTRIBUTE = "logjms.node.id";
    static final String DESTINATIONS = "logjms.destinations";
    static final String ASSIGNMENTS = "logjms.assignments";
    static final String BROKERS = "logjms.brokers";
    static final String STATUS = "logjms.status";
    static final String CLAIMS = "logjms.epoch-claims";
    static final String SUBSCRIPTIONS = "logjms.subscriptions";
    static final String CLIENT_IDS = "logjms.client-ids";
    static final String MAJORITY = "logjms-majority";

    private HazelcastConfigs() {
    }

    /** A majority of the configured brokers. */
    static int majority(int configuredMembers) {
        return configuredMembers / 2 + 1;
    }

    /** How often a member looks for another part of its cluster to merge with: half the failure timeout. */
    static long mergeDelaySeconds(long failureTimeoutMs) {
        return Math.max(1, (failureTimeoutMs / 2 + 999) / 1000);
    }

    static Config of(BrokerConfig broker) {
        List<ClusterMembersSetting.Member> members = broker.clusterMembers();
        Config config = new Config();
        config.setClusterName(broker.clusterName());
        config.setInstanceName("logjms-" + broker.clusterName() + "-node-" + broker.nodeId() + "-"
                + Long.toHexString(System.nanoTime()));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds",
                Long.toString(Math.max(1, (broker.clusterFailureTimeoutMs() + 999) / 1000)));
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        // a member the others removed (paused, cut off) only comes back through a split-brain merge, which
        // Hazelcast first tries after 300 s: heal within about the failure timeout instead
        String mergeDelay = Long.toString(mergeDelaySeconds(broker.clusterFailureTimeoutMs()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", mergeDelay);
        config.setProperty("hazelcast.merge.next.run.delay.seconds", mergeDelay);
        // When the paused broker was the controller (Hazelcast's master), the new controller placed its partitions
        // 4-5 s after the others dropped it, past the 15 s a failover may take at the default failure timeout:
        // Hazelcast waited 5 s after a member left before rebalancing its maps, and the new master's rebuild of the
        // partition table waited for writes whose backup acknowledgement the paused member never sent (5 s by
        // default). The maps are small, so rebalancing at once costs nothing; a write whose backup is not
        // acknowledged still succeeds after the timeout, so a shorter one changes only how long it blocks (and
        // no safety rests on these maps: see docs/CLUSTER.md).
        config.setProperty("hazelcast.migration.min.delay.on.member.removed.seconds", "0");
        config.setProperty("hazelcast.operation.backup.timeout.millis", "1000");
        // small metadata: fewer Hazelcast partitions make joins and migrations cheaper
        config.setProperty("hazelcast.partition.count", "31");
        config.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, Integer.toString(broker.nodeId()));

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(broker.clusterPort()).setPortAutoIncrement(false).setReuseAddress(true);
        String bind = broker.host();
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(ip(bind));
        }
        network.setPublicAddress(hostPort(ip(broker.advertisedHost()), broker.clusterPort()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
                .setMembers(members.stream().map(m -> hostPort(ip(m.host()), m.port())).toList());

        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MAJORITY, true, majority(members.size()))
                .setProtectOn(SplitBrainProtectionOn.WRITE));
        int backups = Math.min(6, Math.max(0, members.size() - 1));
        for (String map : List.of(DESTINATIONS, ASSIGNMENTS, SUBSCRIPTIONS, CLIENT_IDS)) {
            config.addMapConfig(new MapConfig(map).setBackupCount(backups).setSplitBrainProtectionName(MAJORITY));
        }
        for (String map : List.of(BROKERS, STATUS, CLAIMS)) {
            config.addMapConfig(new MapConfig(map).setBackupCount(backups));
        }
        return config;
    }

    static String hostPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** The address of {@code host} as text (Hazelcast matches members by address, not by name). */
    static String ip(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ClusterException(ClusterException.Reason.NOT_JOINED, "cannot resolve cluster host '" + host
                    + "': " + e.getMessage(), e);
        }
    }
}
