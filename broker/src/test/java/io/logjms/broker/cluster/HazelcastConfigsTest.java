package io.logjms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.logjms.broker.config.BrokerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded member's configuration follows the broker's: join, addresses, timeouts, protection. */
class HazelcastConfigsTest {

    @Test
    void theMemberJoinsByTcpIpOnlyWithTheBrokersAddressesAndTimeouts() {
        BrokerConfig broker = BrokerConfig.fromMap(Map.of("host", "127.0.0.1", "node.id", "3",
                "cluster.members", "127.0.0.1:7901,127.0.0.1:7902,localhost:7903,127.0.0.1:7904,127.0.0.1:7905",
                "cluster.port", "7903", "cluster.name", "prod", "cluster.failure.timeout.ms", "4500"));

        Config config = HazelcastConfigs.of(broker);

        assertThat(config.getClusterName()).isEqualTo("prod");
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).contains("127.0.0.1:7903").hasSize(5);
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(7903);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("127.0.0.1:7903");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getMemberAttributeConfig().getAttribute(HazelcastConfigs.NODE_ID_ATTRIBUTE)).isEqualTo("3");
        var protection = config.getSplitBrainProtectionConfig(HazelcastConfigs.MAJORITY);
        assertThat(protection.getMinimumClusterSize()).as("3 of 5").isEqualTo(3);
        assertThat(protection.getProtectOn()).isEqualTo(SplitBrainProtectionOn.WRITE);
        assertThat(config.getMapConfig(HazelcastConfigs.DESTINATIONS).getSplitBrainProtectionName())
                .isEqualTo(HazelcastConfigs.MAJORITY);
        assertThat(config.getMapConfig(HazelcastConfigs.ASSIGNMENTS).getSplitBrainProtectionName())
                .isEqualTo(HazelcastConfigs.MAJORITY);
    }

    @Test
    void aMemberTheOthersRemovedLooksForThemAgainWithinAboutTheFailureTimeout() {
        BrokerConfig broker = BrokerConfig.fromMap(Map.of("cluster.members", "127.0.0.1:7900,127.0.0.1:7901",
                "cluster.failure.timeout.ms", "10000"));

        Config config = HazelcastConfigs.of(broker);

        // Hazelcast's defaults (300 s, then 120 s) would keep a resumed broker out of its cluster for minutes
        assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
        assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
    }

    @Test
    void theAdvertisedHostIsThePublicAddress() {
        BrokerConfig broker = BrokerConfig.fromMap(Map.of("host", "0.0.0.0", "advertised.host", "127.0.0.2",
                "cluster.members", "127.0.0.2:7900"));

        Config config = HazelcastConfigs.of(broker);

        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("127.0.0.2:7900");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).as("binds to all").isFalse();
        assertThat(config.getSplitBrainProtectionConfig(HazelcastConfigs.MAJORITY).getMinimumClusterSize()).isEqualTo(1);
    }
}
