package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster keys: members list, the rule that it lists this broker, and the advertised host's default. */
class ClusterSettingsTest {

    @Test
    void membersParseHostsPortsAndBracketedV6() {
        assertThat(ClusterMembersSetting.parse(" 127.0.0.1:7901, node-b:7902 ,[::1]:7903"))
                .containsExactly(new ClusterMembersSetting.Member("127.0.0.1", 7901),
                        new ClusterMembersSetting.Member("node-b", 7902), new ClusterMembersSetting.Member("::1", 7903));
        assertThat(ClusterMembersSetting.parse("")).isEmpty();
    }

    @Test
    void malformedMembersNameTheEntry() {
        assertThatThrownBy(() -> ClusterMembersSetting.parse("127.0.0.1:7901,host")).hasMessage("'host' is not host:port");
        assertThatThrownBy(() -> ClusterMembersSetting.parse("a:1,a:1")).hasMessage("'a:1' is listed twice");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("cluster.members", "a:70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.members");
    }

    @Test
    void theMembersMustListThisBrokersOwnPort() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("cluster.members", "127.0.0.1:7901,127.0.0.1:7902")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'cluster.members' must list this broker's own member too (a host:7900 "
                        + "entry, cluster.port=7900); it lists 127.0.0.1:7901,127.0.0.1:7902");

        BrokerConfig ok = BrokerConfig.fromMap(Map.of("cluster.members", "127.0.0.1:7901,127.0.0.1:7902",
                "cluster.port", "7902", "node.id", "2"));

        assertThat(ok.isClustered()).isTrue();
        assertThat(ok.nodeId()).isEqualTo(2);
        assertThat(ok.clusterMembers()).hasSize(2);
    }

    @Test
    void defaultsMakeAStandaloneBrokerThatAdvertisesItsHost() {
        BrokerConfig defaults = BrokerConfig.defaults();

        assertThat(defaults.isClustered()).isFalse();
        assertThat(List.of(defaults.nodeId(), defaults.clusterPort(), defaults.replicationFactorDefault()))
                .containsExactly(0, 7900, 3);
        assertThat(defaults.clusterName()).isEqualTo("logjms");
        assertThat(defaults.clusterFailureTimeoutMs()).isEqualTo(10_000);
        assertThat(defaults.with(BrokerConfigKeys.HOST, "broker-a").advertisedHost()).isEqualTo("broker-a");
        assertThat(defaults.with(BrokerConfigKeys.ADVERTISED_HOST, "public-a").advertisedHost()).isEqualTo("public-a");
    }
}
