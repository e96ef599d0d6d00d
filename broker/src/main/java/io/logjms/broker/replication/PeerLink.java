package io.logjms.broker.replication;

import static io.logjms.broker.config.BrokerConfigKeys.CLUSTER_TLS_VERIFY_HOST;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_ENABLED;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_KEYSTORE_PASSWORD;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_KEYSTORE_PATH;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_KEYSTORE_TYPE;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_TRUSTSTORE_PASSWORD;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_TRUSTSTORE_PATH;
import static io.logjms.broker.config.BrokerConfigKeys.TLS_TRUSTSTORE_TYPE;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.ConfigException;
import io.logjms.broker.security.ClusterCredentials;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.provider.tls.ClientTls;
import io.logjms.provider.tls.TlsOptions;
import io.logjms.provider.tls.TlsSetupException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How this broker connects to the other brokers of its cluster: from which local address, as whom, and over TLS or
 * not. With {@code tls.enabled} every broker serves TLS only, so its connections to the others use TLS too: they
 * verify the other broker's certificate against {@code tls.truststore.path} (the JDK's default CAs without one) and,
 * with {@code cluster.tls.verify.host}, that it names the address connected to; they present this broker's own
 * certificate ({@code tls.keystore.path}) to brokers that ask for client certificates. Immutable;
 * {@link #toString()} hides the password.
 *
 * @param localHost the address connections to other brokers come from; null: any
 * @param user the cluster user they authenticate as; null: anonymous (no cluster credentials configured)
 * @param password its password; null with no user
 * @param tls TLS of the connections
 */
public record PeerLink(String localHost, String user, String password, TlsOptions tls) {
    /** Plain, anonymous connections from any local address (a cluster without security, in tests). */
    public static final PeerLink PLAIN = new PeerLink(null, null, null, TlsOptions.NONE);

    /**
     * The links the configuration asks for.
     *
     * @throws ConfigException when TLS is on and this broker's stores cannot be used for its connections to the others
     */
    public static PeerLink of(BrokerConfig config) {
        String host = config.host();
        Optional<ClusterCredentials> credentials = ClusterCredentials.from(config);
        TlsOptions tls = tls(config);
        if (tls.enabled()) {
            try {
                ClientTls.context(tls);
            } catch (TlsSetupException e) {
                throw new ConfigException(TLS_TRUSTSTORE_PATH.name(), "Cannot set up TLS for the connections to the "
                        + "other brokers of the cluster (" + TLS_TRUSTSTORE_PATH.name() + ", " + TLS_KEYSTORE_PATH.name()
                        + "): " + e.getMessage(), e);
            }
        }
        return new PeerLink(host.equals("0.0.0.0") || host.equals("::") ? null : host,
                credentials.map(ClusterCredentials::user).orElse(null),
                credentials.map(ClusterCredentials::password).orElse(null), tls);
    }

    private static TlsOptions tls(BrokerConfig config) {
        if (!config.get(TLS_ENABLED)) {
            return TlsOptions.NONE;
        }
        return new TlsOptions(true, config.get(TLS_TRUSTSTORE_PATH).map(Path::toString).orElse(null),
                config.get(TLS_TRUSTSTORE_PASSWORD), config.get(TLS_TRUSTSTORE_TYPE),
                config.get(TLS_KEYSTORE_PATH).map(Path::toString).orElse(null), config.get(TLS_KEYSTORE_PASSWORD),
                config.get(TLS_KEYSTORE_TYPE), config.get(CLUSTER_TLS_VERIFY_HOST));
    }

    /**
     * The handshake of a connection to another broker. No client id: in a cluster each would be claimed cluster-wide,
     * which needs a majority.
     *
     * @param name names the connection in the other broker's log ({@code logjms-<purpose>-<from>-to-<to>})
     */
    HandshakeRequest handshake(String name) {
        return new HandshakeRequest(ProtocolVersion.MIN, ProtocolVersion.MAX, null, user, password, name);
    }

    @Override
    public String toString() {
        return "PeerLink[from " + (localHost == null ? "any address" : localHost) + ", "
                + (user == null ? "anonymous" : "as " + user) + ", " + tls + "]";
    }
}
