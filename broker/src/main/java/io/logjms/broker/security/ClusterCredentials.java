package io.logjms.broker.security;

import static io.logjms.broker.config.BrokerConfigKeys.CLUSTER_PASSWORD;
import static io.logjms.broker.config.BrokerConfigKeys.CLUSTER_USER;

import io.logjms.broker.config.BrokerConfig;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The credentials the brokers of a cluster authenticate to each other with ({@code cluster.user},
 * {@code cluster.password}, the same on every broker). A connection that authenticates with them is a cluster peer:
 * only such a connection may send broker-to-broker requests. They are checked against the configuration, never
 * against the users file, so that no client can claim the name without the password whatever the users file says.
 * The password is kept for this broker's own connections to its peers and as a salted hash for checks (constant
 * time); {@link #toString()} shows the user only. Immutable and thread-safe.
 */
public final class ClusterCredentials {
    private final String user;
    private final String password;
    private final SaltedPasswordHash hash;

    public ClusterCredentials(String user, String password) {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("cluster credentials need a user name and a password");
        }
        this.user = user;
        this.password = password;
        char[] chars = password.toCharArray();
        this.hash = SaltedPasswordHash.create(chars, new SecureRandom());
        Arrays.fill(chars, '\0');
    }

    /** The configured credentials; empty when {@code cluster.user} is not set (the cluster's brokers are not checked). */
    public static Optional<ClusterCredentials> from(BrokerConfig config) {
        String user = config.get(CLUSTER_USER);
        return user.isBlank() ? Optional.empty() : Optional.of(new ClusterCredentials(user, config.get(CLUSTER_PASSWORD)));
    }

    public String user() {
        return user;
    }

    /** The password, for this broker's handshakes with its peers. */
    public String password() {
        return password;
    }

    /** Whether a handshake naming {@code name} claims to be a cluster peer. */
    public boolean names(String name) {
        return user.equals(name);
    }

    /** Whether {@code candidate} is the cluster password; null never is. */
    public boolean passwordMatches(String candidate) {
        char[] chars = candidate == null ? new char[0] : candidate.toCharArray();
        try {
            return hash.matches(chars) && candidate != null;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "ClusterCredentials[user=" + user + "]";
    }
}
