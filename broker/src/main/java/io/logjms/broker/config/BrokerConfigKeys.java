package io.logjms.broker.config;

import static io.logjms.broker.config.ConfigValidator.any;
import static io.logjms.broker.config.ConfigValidator.atLeast;
import static io.logjms.broker.config.ConfigValidator.between;

import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.protocol.DestinationNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every key of the broker configuration, with its type, default and meaning, plus the rules that relate keys.
 * To add a key: declare the constant, add it to {@link #ALL} and document it in {@code docs/CONFIGURATION.md}
 * (a test fails until both are done).
 */
public final class BrokerConfigKeys {

    /** The TCP port clients connect to; 0 picks a free port. */
    public static final ConfigKey<Integer> PORT = ConfigKey.of("port", ConfigType.INT, 7878, between(0, 65535),
            "TCP port the broker listens on for clients; 0 picks a free (ephemeral) port.");

    /** The host name or address the broker binds to. */
    public static final ConfigKey<String> HOST = ConfigKey.of("host", ConfigType.STRING, "localhost",
            ConfigValidator.notBlank(), "Host name or IP address the broker binds to; 0.0.0.0 binds to all.");

    /** The directory holding the logs and the metadata. */
    public static final ConfigKey<Path> DATA_DIR = ConfigKey.of("data.dir", ConfigType.PATH, Path.of("./data"),
            any(), "Directory holding the destination logs and the broker metadata (in its meta/ subdirectory).");

    /** The HTTP port of metrics, health and the web console; -1 turns HTTP off. */
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.of("http.port", ConfigType.INT, 7880,
            between(-1, 65535), "HTTP port of /metrics, /health and the web console, bound to host; 0 picks a free "
                    + "port, -1 turns HTTP off (the default of an embedded Broker.builder()).");

    /** The partition count of a destination created without one. */
    public static final ConfigKey<Integer> PARTITIONS_DEFAULT = ConfigKey.of("partitions.default", ConfigType.INT,
            1, between(1, DestinationMetadata.MAX_PARTITIONS),
            "Number of partitions of a destination created without an explicit count.");

    /** Whether using an unknown destination creates it. */
    public static final ConfigKey<Boolean> DESTINATIONS_AUTO_CREATE = ConfigKey.of("destinations.auto.create",
            ConfigType.BOOLEAN, true, any(),
            "Whether a producer or consumer naming an unknown destination creates it; if false it gets an error.");

    /** The largest protocol frame accepted. */
    public static final ConfigKey<Long> MAX_FRAME_BYTES = ConfigKey.of("max.frame.bytes", ConfigType.SIZE,
            16_777_216L, between(1024L, (long) Integer.MAX_VALUE),
            "Largest protocol frame the broker accepts; a larger frame closes the connection with an error.");

    /** The largest record batch accepted. */
    public static final ConfigKey<Long> MAX_BATCH_BYTES = ConfigKey.of("max.batch.bytes", ConfigType.SIZE,
            10_485_760L, between(1024L, (long) Integer.MAX_VALUE),
            "Largest record batch a producer may send; must not exceed max.frame.bytes.");

    /** When appended data is forced to disk. */
    public static final ConfigKey<FsyncPolicySetting> FSYNC_POLICY = ConfigKey.of("fsync.policy",
            ConfigType.enumOf(FsyncPolicySetting.class), FsyncPolicySetting.EVERY_BATCH, any(),
            "When appended log data is forced to disk: every-batch (before the send is acknowledged), "
                    + "interval (every fsync.interval.ms) or os (left to the operating system).");

    /** The period of forced writes under the {@code interval} policy. */
    public static final ConfigKey<Long> FSYNC_INTERVAL_MS = ConfigKey.of("fsync.interval.ms", ConfigType.DURATION,
            1000L, atLeast(1L), "Time between forced writes when fsync.policy is interval.");

    /** The size at which a new log segment is started. */
    public static final ConfigKey<Long> SEGMENT_BYTES = ConfigKey.of("segment.bytes", ConfigType.SIZE,
            134_217_728L, atLeast(DestinationMetadata.MIN_SEGMENT_BYTES),
            "Size at which a partition starts a new segment file; a destination may override it.");

    /** The age at which a new log segment is started. */
    public static final ConfigKey<Long> SEGMENT_MS = ConfigKey.of("segment.ms", ConfigType.DURATION,
            604_800_000L, atLeast(1L), "Age of the active segment after which the next append starts a new one.");

    /** The spacing of offset index entries. */
    public static final ConfigKey<Long> INDEX_INTERVAL_BYTES = ConfigKey.of("index.interval.bytes",
            ConfigType.SIZE, 4096L, between(1L, (long) Integer.MAX_VALUE),
            "Bytes of log between two entries of the sparse offset and time indexes.");

    /** How long records are kept. */
    public static final ConfigKey<Long> RETENTION_MS = ConfigKey.of("retention.ms", ConfigType.DURATION,
            604_800_000L, atLeast(DestinationMetadata.UNLIMITED),
            "Age after which whole old segments are deleted; -1 keeps them forever. A destination may override it.");

    /** How many bytes a partition keeps. */
    public static final ConfigKey<Long> RETENTION_BYTES = ConfigKey.of("retention.bytes", ConfigType.SIZE, -1L,
            atLeast(DestinationMetadata.UNLIMITED),
            "Size per partition above which whole old segments are deleted; -1 means no limit. "
                    + "A destination may override it.");

    /** How often retention is enforced. */
    public static final ConfigKey<Long> RETENTION_CHECK_INTERVAL_MS = ConfigKey.of("retention.check.interval.ms",
            ConfigType.DURATION, 30_000L, atLeast(1L), "Time between two checks for segments to delete.");

    /** How long a client connection may stay silent before the broker counts it as lost. */
    public static final ConfigKey<Long> CONNECTIONS_IDLE_TIMEOUT_MS = ConfigKey.of("connections.idle.timeout.ms",
            ConfigType.DURATION, 30_000L, atLeast(0L),
            "Time without a frame from a client after which the broker closes its connection as lost (its client"
                    + " id is freed, its unacknowledged messages go back); logjms clients PING at least every 10 s."
                    + " 0 never closes.");

    /** How long a shared non-durable subscription outlives the connection loss of its last consumer. */
    public static final ConfigKey<Long> SUBSCRIPTIONS_SHARED_GRACE_MS = ConfigKey.of("subscriptions.shared.grace.ms",
            ConfigType.DURATION, 60_000L, atLeast(0L),
            "Time a shared non-durable subscription is kept (position and unacknowledged messages) after the"
                    + " connection of its last consumer was lost, so that a reconnecting consumer continues it;"
                    + " a consumer closed by the application ends it at once. 0 ends it at once in every case.");

    /** How many deliveries a queue message gets before it is dead-lettered. */
    public static final ConfigKey<Integer> DELIVERY_MAX_ATTEMPTS = ConfigKey.of("delivery.max.attempts",
            ConfigType.INT, 10, atLeast(1),
            "Deliveries of a queue message after which, if still not acknowledged, it moves to the dead-letter queue.");

    /** Whether whole stored batches go to eligible consumers straight from the file. */
    public static final ConfigKey<Boolean> DELIVERY_ZERO_COPY = ConfigKey.of("delivery.zero.copy",
            ConfigType.BOOLEAN, false, any(),
            "Whether a consumer of its own subscription (non-durable or durable) without selector or noLocal gets "
                    + "whole stored batches sent from the log file (zero copy); false sends every record copied.");

    /** The queue receiving dead-lettered messages. */
    public static final ConfigKey<String> DEAD_LETTER_QUEUE = ConfigKey.of("dead.letter.queue", ConfigType.STRING,
            "DLQ", ConfigValidator.of(DestinationNames::isValid,
                    "that is a destination name (" + DestinationNames.RULE + ")"),
            "Name of the queue that receives messages which exceeded delivery.max.attempts.");

    /** The users file; empty means no users. */
    public static final ConfigKey<Optional<Path>> SECURITY_USERS_FILE = ConfigKey.of("security.users.file",
            ConfigType.OPTIONAL_PATH, Optional.empty(), any(),
            "Properties file of user=password lines (plain or {sha256} salted hash); empty means no users.");

    /** Whether clients may connect without credentials. */
    public static final ConfigKey<Boolean> SECURITY_ALLOW_ANONYMOUS = ConfigKey.of("security.allow.anonymous",
            ConfigType.BOOLEAN, true, any(),
            "Whether a client may connect without a user name; if false every connection must authenticate.");

    /** Whether the broker serves TLS. */
    public static final ConfigKey<Boolean> TLS_ENABLED = ConfigKey.of("tls.enabled", ConfigType.BOOLEAN, false, any(),
            "Whether clients connect with TLS (then only with TLS); needs tls.keystore.path.");

    /** The broker's key store (its certificate and private key). */
    public static final ConfigKey<Optional<Path>> TLS_KEYSTORE_PATH = ConfigKey.of("tls.keystore.path",
            ConfigType.OPTIONAL_PATH, Optional.empty(), any(), "Key store holding the broker's certificate and key.");

    /** The key store's password (also the key's). */
    public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD = ConfigKey.of("tls.keystore.password",
            ConfigType.STRING, "", any(), "Password of the key store and of the key in it.");

    /** The key store's format. */
    public static final ConfigKey<String> TLS_KEYSTORE_TYPE = ConfigKey.of("tls.keystore.type", ConfigType.STRING,
            "PKCS12", ConfigValidator.notBlank(), "Format of the key store: PKCS12 or JKS.");

    /** Whether clients must present a certificate. */
    public static final ConfigKey<TlsClientAuth> TLS_CLIENT_AUTH = ConfigKey.of("tls.client.auth",
            ConfigType.enumOf(TlsClientAuth.class), TlsClientAuth.NONE, any(),
            "Whether clients present certificates: none, want or need; with a certificate its subject CN is the user.");

    /** The certificates the broker trusts for client certificates. */
    public static final ConfigKey<Optional<Path>> TLS_TRUSTSTORE_PATH = ConfigKey.of("tls.truststore.path",
            ConfigType.OPTIONAL_PATH, Optional.empty(), any(),
            "Trust store of the certificates (or CAs) client certificates must be signed by.");

    /** The trust store's password. */
    public static final ConfigKey<String> TLS_TRUSTSTORE_PASSWORD = ConfigKey.of("tls.truststore.password",
            ConfigType.STRING, "", any(), "Password of the trust store.");

    /** The trust store's format. */
    public static final ConfigKey<String> TLS_TRUSTSTORE_TYPE = ConfigKey.of("tls.truststore.type",
            ConfigType.STRING, "PKCS12", ConfigValidator.notBlank(), "Format of the trust store: PKCS12 or JKS.");

    /** The TLS protocol versions offered. */
    public static final ConfigKey<String> TLS_PROTOCOLS = ConfigKey.of("tls.protocols", ConfigType.STRING,
            "TLSv1.3,TLSv1.2", ConfigValidator.notBlank(), "TLS protocol versions the broker accepts, comma-separated.");

    /** The ACL file; empty means every client may do everything. */
    public static final ConfigKey<Optional<Path>> SECURITY_ACL_FILE = ConfigKey.of("security.acl.file",
            ConfigType.OPTIONAL_PATH, Optional.empty(), any(),
            "File of allow/deny rules per user or group, operation and destination; empty allows everything.");

    /** The groups file used by the ACL. */
    public static final ConfigKey<Optional<Path>> SECURITY_GROUPS_FILE = ConfigKey.of("security.groups.file",
            ConfigType.OPTIONAL_PATH, Optional.empty(), any(),
            "Properties file of group=user1,user2 lines, for group: rules of the ACL file.");

    /** This broker's id in its cluster. */
    public static final ConfigKey<Integer> NODE_ID = ConfigKey.of("node.id", ConfigType.INT, 0, between(0, 65535),
            "This broker's id, unique in its cluster (0..65535); also the high bits of the producer ids it hands out.");

    /** The Hazelcast members of every broker of the cluster; empty means no cluster. */
    public static final ConfigKey<String> CLUSTER_MEMBERS = ConfigKey.of("cluster.members", ConfigType.STRING, "",
            ConfigValidator.of(ClusterMembersSetting::isValid, "that is a comma-separated list of host:port"),
            "Comma-separated host:port of every broker's cluster (Hazelcast) member, this one included; empty "
                    + "means no cluster (no cluster networking at all).");

    /** This broker's Hazelcast port. */
    public static final ConfigKey<Integer> CLUSTER_PORT = ConfigKey.of("cluster.port", ConfigType.INT, 7900,
            between(1, 65535), "Port of this broker's cluster (Hazelcast) member, bound to host.");

    /** The cluster's name: members of other clusters are refused. */
    public static final ConfigKey<String> CLUSTER_NAME = ConfigKey.of("cluster.name", ConfigType.STRING, "logjms",
            ConfigValidator.notBlank(), "Name of the cluster; members with another name do not join it.");

    /** The host other brokers and clients use for this broker. */
    public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.of("advertised.host", ConfigType.STRING, "",
            any(), "Host name or address other brokers and clients use to reach this broker; empty means host.");

    /** The replication factor of a destination created without one. */
    public static final ConfigKey<Integer> REPLICATION_FACTOR_DEFAULT = ConfigKey.of("replication.factor.default",
            ConfigType.INT, 3, between(1, 255), "Number of copies of each partition of a destination created without"
                    + " a replication factor, capped at the number of live brokers when it is created.");

    /** How long a silent member stays in the cluster. */
    public static final ConfigKey<Long> CLUSTER_FAILURE_TIMEOUT_MS = ConfigKey.of("cluster.failure.timeout.ms",
            ConfigType.DURATION, 10_000L, between(1000L, 3_600_000L),
            "Time without a heartbeat (sent every second) after which a broker counts as gone and its partitions get"
                    + " new leaders; whole seconds.");

    /** How long a persistent send waits for a majority of the partition's replicas before it fails. */
    public static final ConfigKey<Long> REPLICATION_COMMIT_TIMEOUT_MS = ConfigKey.of("replication.commit.timeout.ms",
            ConfigType.DURATION, 10_000L, atLeast(1L),
            "In a cluster, how long a send waits for a majority of its partition's replicas to hold it durable "
                    + "before it fails with NOT_ENOUGH_REPLICAS.");

    /** How often each broker brings its cursor checkpoints up to the partitions' high watermarks. */
    public static final ConfigKey<Long> REPLICATION_CURSOR_CHECKPOINT_INTERVAL_MS = ConfigKey.of(
            "replication.cursor.checkpoint.interval.ms", ConfigType.DURATION, 5_000L, between(100L, 3_600_000L),
            "In a cluster, how often each broker writes, per partition, the cursor state of its stored subscriptions"
                    + " as of the committed log, so that a new leader replays only the records written since.");

    /** The user the brokers of a cluster authenticate to each other as. */
    public static final ConfigKey<String> CLUSTER_USER = ConfigKey.of("cluster.user", ConfigType.STRING, "", any(),
            "User name the brokers of a cluster authenticate to each other with; only connections authenticated as it "
                    + "may send broker-to-broker requests. Needed in a cluster with security on.");

    /** The password of {@link #CLUSTER_USER}. */
    public static final ConfigKey<String> CLUSTER_PASSWORD = ConfigKey.of("cluster.password", ConfigType.STRING, "",
            any(), "Password of cluster.user, the same on every broker of the cluster.");

    /** Whether a broker checks that another broker's TLS certificate names the address it connected to. */
    public static final ConfigKey<Boolean> CLUSTER_TLS_VERIFY_HOST = ConfigKey.of("cluster.tls.verify.host",
            ConfigType.BOOLEAN, true, any(), "With tls.enabled, whether a broker's connections to the other brokers "
                    + "check that their certificates name the address connected to (advertised.host).");

    /** Every key, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(PORT, HOST, DATA_DIR, HTTP_PORT, PARTITIONS_DEFAULT,
            DESTINATIONS_AUTO_CREATE, MAX_FRAME_BYTES, MAX_BATCH_BYTES, FSYNC_POLICY, FSYNC_INTERVAL_MS,
            SEGMENT_BYTES, SEGMENT_MS, INDEX_INTERVAL_BYTES, RETENTION_MS, RETENTION_BYTES,
            RETENTION_CHECK_INTERVAL_MS, CONNECTIONS_IDLE_TIMEOUT_MS, SUBSCRIPTIONS_SHARED_GRACE_MS,
            DELIVERY_MAX_ATTEMPTS, DELIVERY_ZERO_COPY,
            DEAD_LETTER_QUEUE, SECURITY_USERS_FILE, SECURITY_ALLOW_ANONYMOUS, SECURITY_ACL_FILE, SECURITY_GROUPS_FILE,
            TLS_ENABLED, TLS_KEYSTORE_PATH, TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_TYPE, TLS_CLIENT_AUTH,
            TLS_TRUSTSTORE_PATH, TLS_TRUSTSTORE_PASSWORD, TLS_TRUSTSTORE_TYPE, TLS_PROTOCOLS, NODE_ID, CLUSTER_MEMBERS,
            CLUSTER_PORT, CLUSTER_NAME, ADVERTISED_HOST, REPLICATION_FACTOR_DEFAULT, CLUSTER_FAILURE_TIMEOUT_MS,
            REPLICATION_COMMIT_TIMEOUT_MS, REPLICATION_CURSOR_CHECKPOINT_INTERVAL_MS, CLUSTER_USER, CLUSTER_PASSWORD,
            CLUSTER_TLS_VERIFY_HOST);

    /** The rules relating several keys, checked whenever a {@link BrokerConfig} is built. */
    public static final List<ConfigRule> RULES = List.of(BrokerConfigKeys::batchFitsInFrame,
            BrokerConfigKeys::tlsHasKeyStore, BrokerConfigKeys::clientAuthHasTrustStore,
            BrokerConfigKeys::clusterMembersListThisBroker, BrokerConfigKeys::clusterCredentialsComplete,
            BrokerConfigKeys::securedClusterHasCredentials);

    private BrokerConfigKeys() {
    }

    /** The key named {@code name}, if there is one. */
    public static Optional<ConfigKey<?>> byName(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    private static void tlsHasKeyStore(BrokerConfig config) {
        if (config.get(TLS_ENABLED) && config.get(TLS_KEYSTORE_PATH).isEmpty()) {
            throw new ConfigException(TLS_KEYSTORE_PATH.name(), "Configuration key '" + TLS_KEYSTORE_PATH.name()
                    + "' must name a key store when " + TLS_ENABLED.name() + "=true");
        }
    }

    private static void clientAuthHasTrustStore(BrokerConfig config) {
        if (config.get(TLS_ENABLED) && config.get(TLS_CLIENT_AUTH) != TlsClientAuth.NONE
                && config.get(TLS_TRUSTSTORE_PATH).isEmpty()) {
            throw new ConfigException(TLS_TRUSTSTORE_PATH.name(), "Configuration key '" + TLS_TRUSTSTORE_PATH.name()
                    + "' must name a trust store when " + TLS_CLIENT_AUTH.name() + " is "
                    + config.get(TLS_CLIENT_AUTH).name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void clusterMembersListThisBroker(BrokerConfig config) {
        if (!config.isClustered()) {
            return;
        }
        int port = config.clusterPort();
        if (config.clusterMembers().stream().noneMatch(m -> m.port() == port)) {
            throw new ConfigException(CLUSTER_MEMBERS.name(), "Configuration key '" + CLUSTER_MEMBERS.name()
                    + "' must list this broker's own member too (a host:" + port + " entry, " + CLUSTER_PORT.name()
                    + "=" + port + "); it lists " + config.get(CLUSTER_MEMBERS));
        }
    }

    private static void clusterCredentialsComplete(BrokerConfig config) {
        boolean user = !config.get(CLUSTER_USER).isBlank();
        boolean password = !config.get(CLUSTER_PASSWORD).isEmpty();
        if (user != password) {
            ConfigKey<String> missing = user ? CLUSTER_PASSWORD : CLUSTER_USER;
            throw new ConfigException(missing.name(), "Configuration key '" + missing.name() + "' must be set too when '"
                    + (user ? CLUSTER_USER : CLUSTER_PASSWORD).name() + "' is: the brokers of a cluster authenticate to "
                    + "each other with both");
        }
    }

    /**
     * Security is on once anonymous clients are refused or users or access rules are configured; then the brokers of a
     * cluster must authenticate to each other, else they could not connect (anonymous refused) or any client could
     * send them broker-to-broker requests.
     */
    private static void securedClusterHasCredentials(BrokerConfig config) {
        if (!config.isClustered() || !config.get(CLUSTER_USER).isBlank()) {
            return;
        }
        List<String> on = new ArrayList<>();
        if (!config.get(SECURITY_ALLOW_ANONYMOUS)) {
            on.add(SECURITY_ALLOW_ANONYMOUS.name() + "=false");
        }
        config.get(SECURITY_USERS_FILE).ifPresent(f -> on.add(SECURITY_USERS_FILE.name() + " is set"));
        config.get(SECURITY_ACL_FILE).ifPresent(f -> on.add(SECURITY_ACL_FILE.name() + " is set"));
        if (!on.isEmpty()) {
            throw new ConfigException(CLUSTER_USER.name(), "Configuration keys '" + CLUSTER_USER.name() + "' and '"
                    + CLUSTER_PASSWORD.name() + "' must be set (the same on every broker) in a cluster with security on ("
                    + String.join(", ", on) + "): the brokers authenticate to each other with them, and only they may "
                    + "send each other replication and other broker-to-broker requests (see docs/SECURITY.md, "
                    + "\"Securing a cluster\")");
        }
    }

    private static void batchFitsInFrame(BrokerConfig config) {
        long batch = config.get(MAX_BATCH_BYTES);
        long frame = config.get(MAX_FRAME_BYTES);
        if (batch > frame) {
            throw ConfigException.invalidValue(MAX_BATCH_BYTES.name(), String.valueOf(batch),
                    "a value <= " + MAX_FRAME_BYTES.name() + " (" + frame + ")");
        }
    }
}
