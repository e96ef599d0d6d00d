package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster.user} and {@code cluster.password}: both or neither, and both in a cluster with security on (anonymous
 * clients refused, users or access rules configured), else the broker does not start and says why.
 */
class ClusterCredentialsSettingsTest {
    private static final Map<String, String> CLUSTER = Map.of("cluster.members", "127.0.0.1:7900,127.0.0.1:7901");

    private static BrokerConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>(CLUSTER);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return BrokerConfig.fromMap(values);
    }

    @Test
    void aClusterWithSecurityOnAndNoClusterCredentialsDoesNotStartAndSaysWhichSettingTurnedSecurityOn() {
        assertThatThrownBy(() -> config("security.allow.anonymous", "false"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'cluster.user' and 'cluster.password' must be set")
                .hasMessageContaining("(security.allow.anonymous=false)")
                .hasMessageContaining("broker-to-broker requests");
        assertThatThrownBy(() -> config("security.users.file", "/etc/logjms/users.properties"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("(security.users.file is set)");
        assertThatThrownBy(() -> config("security.acl.file", "/etc/logjms/acl.txt"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("(security.acl.file is set)");
    }

    @Test
    void aClusterWithSecurityOffOrAStandaloneBrokerWithSecurityOnNeedsNoClusterCredentials() {
        assertThat(config().get(BrokerConfigKeys.CLUSTER_USER)).isEmpty();
        assertThat(BrokerConfig.fromMap(Map.of("security.allow.anonymous", "false")).isClustered()).isFalse();
    }

    @Test
    void userAndPasswordGoTogether() {
        assertThatThrownBy(() -> config("cluster.user", "brokers"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'cluster.password' must be set too when 'cluster.user' is: the brokers "
                        + "of a cluster authenticate to each other with both");
        assertThatThrownBy(() -> config("cluster.password", "s3cret"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'cluster.user' must be set too");
    }

    @Test
    void aSecuredClusterWithCredentialsStartsAndNeverPrintsThePassword() {
        BrokerConfig config = config("security.allow.anonymous", "false", "cluster.user", "brokers",
                "cluster.password", "s3cret");

        assertThat(config.get(BrokerConfigKeys.CLUSTER_USER)).isEqualTo("brokers");
        assertThat(config.toString()).contains("cluster.user=brokers", "cluster.password=****").doesNotContain("s3cret");
        assertThat(config.get(BrokerConfigKeys.CLUSTER_TLS_VERIFY_HOST)).as("default").isTrue();
    }
}
