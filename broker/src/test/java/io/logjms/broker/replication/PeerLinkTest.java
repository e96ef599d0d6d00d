package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.ConfigException;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.provider.tls.TlsOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a broker's connections to its peers are made, from its configuration. */
class PeerLinkTest {

    @Test
    void withClusterCredentialsTheBrokersHandshakeAsTheClusterUserWithoutAClientId() {
        PeerLink link = PeerLink.of(BrokerConfig.fromMap(Map.of("host", "10.0.0.1", "cluster.user", "logjms-cluster",
                "cluster.password", "cluster-secret")));

        assertThat(link.localHost()).isEqualTo("10.0.0.1");
        assertThat(link.tls()).isEqualTo(TlsOptions.NONE);
        HandshakeRequest handshake = link.handshake("logjms-replica-1-to-2");
        assertThat(handshake.user()).isEqualTo("logjms-cluster");
        assertThat(handshake.password()).isEqualTo("cluster-secret");
        assertThat(handshake.clientId()).isNull();
        assertThat(handshake.clientSoftware()).isEqualTo("logjms-replica-1-to-2");
        assertThat(link.toString()).contains("logjms-cluster").doesNotContain("cluster-secret");
    }

    @Test
    void withoutThemTheyHandshakeAnonymouslyFromAnyAddressAsBefore() {
        PeerLink link = PeerLink.of(BrokerConfig.fromMap(Map.of("host", "0.0.0.0")));

        assertThat(link).isEqualTo(PeerLink.PLAIN);
        assertThat(link.handshake("x").user()).isNull();
    }

    @Test
    void aTlsBrokerConnectsToItsPeersWithTlsAndATrustStoreThatCannotBeReadStopsItAtStart() {
        BrokerConfig config = BrokerConfig.fromMap(Map.of("tls.enabled", "true",
                "tls.keystore.path", "/nonexistent/broker.p12", "tls.keystore.password", "changeit",
                "tls.truststore.path", "/nonexistent/trust.p12", "cluster.tls.verify.host", "false"));

        assertThatThrownBy(() -> PeerLink.of(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connections to the other brokers")
                .hasMessageContaining("tls.truststore.path")
                .hasMessageContaining("/nonexistent/trust.p12");
    }
}
