package io.logjms.broker.config;

import static io.logjms.broker.config.BrokerConfigKeys.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The broker's configuration: a typed, validated value for every key of {@link BrokerConfigKeys}, the default
 * where none was given. Immutable and thread-safe; {@link #with} and {@link #toBuilder()} make modified copies.
 *
 * <p>Built from a properties file ({@link #load}), from {@link Properties} or a map of strings, or from the
 * defaults. Unknown keys and values that are not allowed fail with a {@link ConfigException} that names the key,
 * the value and what is allowed.
 */
public final class BrokerConfig {
    private static final BrokerConfig DEFAULTS = new Builder().build();

    private final Map<ConfigKey<?>, Object> values;

    private BrokerConfig(Map<ConfigKey<?>, Object> values) {
        this.values = values;
    }

    /** The configuration with every key at its default. */
    public static BrokerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration given by string properties (including a {@link Properties}' own defaults); keys not
     * given keep their defaults.
     *
     * @throws ConfigException on an unknown key or a value that is not allowed
     */
    public static BrokerConfig fromProperties(Properties properties) {
        Builder builder = builder();
        for (String name : properties.stringPropertyNames()) {
            builder.set(name, properties.getProperty(name));
        }
        return builder.build();
    }

    /**
     * The configuration given by a map of key names to values as text; keys not given keep their defaults.
     *
     * @throws ConfigException on an unknown key or a value that is not allowed
     */
    public static BrokerConfig fromMap(Map<String, String> settings) {
        Builder builder = builder();
        settings.forEach(builder::set);
        return builder.build();
    }

    /**
     * Reads a properties file (UTF-8, {@code key=value} lines, {@code #} comments).
     *
     * @throws ConfigException if the file cannot be read, or on an unknown key or a value that is not allowed
     */
    public static BrokerConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "Configuration file not found: " + file, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(null, "Cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromProperties(properties);
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), e.getMessage() + " (in " + file + ")", e);
        }
    }

    /** The value of {@code key}. */
    public <T> T get(ConfigKey<T> key) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Not a broker configuration key: " + key);
        }
        return value;
    }

    /**
     * A copy with one value replaced.
     *
     * @throws ConfigException if the value is not allowed, alone or together with the others
     */
    public <T> BrokerConfig with(ConfigKey<T> key, T value) {
        return toBuilder().set(key, value).build();
    }

    /** A builder starting from this configuration's values. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** Every key with its value as text, as a configuration file would hold them. */
    public Properties toProperties() {
        Properties properties = new Properties();
        values.forEach((key, value) -> properties.setProperty(key.name(), formatted(key)));
        return properties;
    }

    private <T> String formatted(ConfigKey<T> key) {
        return key.format(get(key));
    }

    /** {@code port}: the TCP port clients connect to; 0 means a free port chosen at start. */
    public int port() {
        return get(PORT);
    }

    /** {@code host}: the host name or address the broker binds to. */
    public String host() {
        return get(HOST);
    }

    /** {@code node.id}: this broker's id in its cluster (0 when standalone). */
    public int nodeId() {
        return get(NODE_ID);
    }

    /** {@code cluster.members}: every broker's cluster member; empty when this broker runs alone. */
    public java.util.List<ClusterMembersSetting.Member> clusterMembers() {
        return ClusterMembersSetting.parse(get(CLUSTER_MEMBERS));
    }

    /** Whether {@code cluster.members} is set: the broker joins a cluster. */
    public boolean isClustered() {
        return !get(CLUSTER_MEMBERS).isBlank();
    }

    /** {@code cluster.port}: this broker's cluster member port. */
    public int clusterPort() {
        return get(CLUSTER_PORT);
    }

    /** {@code cluster.name}. */
    public String clusterName() {
        return get(CLUSTER_NAME);
    }

    /** {@code advertised.host}, or {@code host} when it is empty. */
    public String advertisedHost() {
        String advertised = get(ADVERTISED_HOST);
        return advertised.isBlank() ? host() : advertised.trim();
    }

    /** {@code replication.factor.default}. */
    public int replicationFactorDefault() {
        return get(REPLICATION_FACTOR_DEFAULT);
    }

    /** {@code cluster.failure.timeout.ms}. */
    public long clusterFailureTimeoutMs() {
        return get(CLUSTER_FAILURE_TIMEOUT_MS);
    }

    /** {@code http.port}: the port of metrics, health and the console; -1 when HTTP is off. */
    public int httpPort() {
        return get(HTTP_PORT);
    }

    /** {@code data.dir}: the directory of the logs and metadata. */
    public Path dataDir() {
        return get(DATA_DIR);
    }

    /** {@code partitions.default}: the partition count of a destination created without one. */
    public int defaultPartitions() {
        return get(PARTITIONS_DEFAULT);
    }

    /** {@code destinations.auto.create}: whether naming an unknown destination creates it. */
    public boolean autoCreateDestinations() {
        return get(DESTINATIONS_AUTO_CREATE);
    }

    /** {@code max.frame.bytes}: the largest protocol frame accepted. */
    public int maxFrameBytes() {
        return Math.toIntExact(get(MAX_FRAME_BYTES));
    }

    /** {@code max.batch.bytes}: the largest record batch accepted; never above {@link #maxFrameBytes()}. */
    public int maxBatchBytes() {
        return Math.toIntExact(get(MAX_BATCH_BYTES));
    }

    /** {@code fsync.policy}: when appended data is forced to disk. */
    public FsyncPolicySetting fsyncPolicy() {
        return get(FSYNC_POLICY);
    }

    /** {@code fsync.interval.ms}: the period of forced writes under {@link FsyncPolicySetting#INTERVAL}. */
    public long fsyncIntervalMs() {
        return get(FSYNC_INTERVAL_MS);
    }

    /** {@code replication.commit.timeout.ms}: how long a send waits for a majority of the replicas. */
    public long replicationCommitTimeoutMs() {
        return get(REPLICATION_COMMIT_TIMEOUT_MS);
    }

    /** {@code replication.cursor.checkpoint.interval.ms}: how often cursor checkpoints are brought up to date. */
    public long replicationCursorCheckpointIntervalMs() {
        return get(REPLICATION_CURSOR_CHECKPOINT_INTERVAL_MS);
    }

    /** {@code segment.bytes}: the size at which a new segment is started. */
    public long segmentBytes() {
        return get(SEGMENT_BYTES);
    }

    /** {@code segment.ms}: the age at which a new segment is started. */
    public long segmentMs() {
        return get(SEGMENT_MS);
    }

    /** {@code index.interval.bytes}: log bytes between two index entries. */
    public int indexIntervalBytes() {
        return Math.toIntExact(get(INDEX_INTERVAL_BYTES));
    }

    /** {@code retention.ms}: the age after which segments are deleted; -1 keeps them forever. */
    public long retentionMs() {
        return get(RETENTION_MS);
    }

    /** {@code retention.bytes}: the partition size above which old segments are deleted; -1 means no limit. */
    public long retentionBytes() {
        return get(RETENTION_BYTES);
    }

    /** {@code retention.check.interval.ms}: the time between two retention checks. */
    public long retentionCheckIntervalMs() {
        return get(RETENTION_CHECK_INTERVAL_MS);
    }

    /** {@code connections.idle.timeout.ms}: the silence after which a client connection counts as lost; 0 never. */
    public long connectionsIdleTimeoutMs() {
        return get(CONNECTIONS_IDLE_TIMEOUT_MS);
    }

    /** {@code subscriptions.shared.grace.ms}: how long a shared non-durable subscription outlives a lost consumer. */
    public long subscriptionsSharedGraceMs() {
        return get(SUBSCRIPTIONS_SHARED_GRACE_MS);
    }

    /** {@code delivery.zero.copy}: whether eligible consumers get whole batches straight from the file. */
    public boolean deliveryZeroCopy() {
        return get(DELIVERY_ZERO_COPY);
    }

    /** {@code delivery.max.attempts}: the deliveries after which a queue message is dead-lettered. */
    public int deliveryMaxAttempts() {
        return get(DELIVERY_MAX_ATTEMPTS);
    }

    /** {@code dead.letter.queue}: the name of the dead-letter queue. */
    public String deadLetterQueue() {
        return get(DEAD_LETTER_QUEUE);
    }

    /** {@code security.users.file}: the users file, if one is configured. */
    public Optional<Path> securityUsersFile() {
        return get(SECURITY_USERS_FILE);
    }

    /** {@code security.allow.anonymous}: whether clients may connect without credentials. */
    public boolean allowAnonymous() {
        return get(SECURITY_ALLOW_ANONYMOUS);
    }

    /** {@code security.acl.file}: the ACL file, if one is configured. */
    public Optional<Path> securityAclFile() {
        return get(SECURITY_ACL_FILE);
    }

    /** {@code security.groups.file}: the groups file, if one is configured. */
    public Optional<Path> securityGroupsFile() {
        return get(SECURITY_GROUPS_FILE);
    }

    /** {@code tls.enabled}: whether clients connect with TLS. */
    public boolean tlsEnabled() {
        return get(TLS_ENABLED);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrokerConfig that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.keySet().stream()
                .map(key -> key.name() + "=" + (key.name().endsWith(".password") ? "****" : formatted(key)))
                .collect(Collectors.joining(", ", "BrokerConfig{", "}"));
    }

    /** Collects values, each checked when set; {@link #build()} checks the rules relating keys. Not thread-safe. */
    public static final class Builder {
        private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();

        private Builder() {
            BrokerConfigKeys.ALL.forEach(key -> values.put(key, key.defaultValue()));
        }

        private Builder(Map<ConfigKey<?>, Object> from) {
            values.putAll(from);
        }

        /**
         * Sets a typed value.
         *
         * @throws ConfigException if the value is not allowed for the key
         * @throws IllegalArgumentException if {@code key} is not one of {@link BrokerConfigKeys#ALL}
         */
        public <T> Builder set(ConfigKey<T> key, T value) {
            Objects.requireNonNull(key, "key");
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("Not a broker configuration key: " + key);
            }
            values.put(key, key.validate(value));
            return this;
        }

        /**
         * Sets a value given as text, as in a configuration file; whitespace around the name and value is
         * ignored.
         *
         * @throws ConfigException on an unknown key or a value that is not allowed
         */
        public Builder set(String name, String text) {
            Objects.requireNonNull(name, "name");
            String trimmedName = name.strip();
            ConfigKey<?> key = BrokerConfigKeys.byName(trimmedName).orElseThrow(() -> unknownKey(trimmedName));
            values.put(key, key.parse(Objects.requireNonNullElse(text, "")));
            return this;
        }

        private static ConfigException unknownKey(String name) {
            String known = BrokerConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.joining(", "));
            return new ConfigException(name, "Unknown configuration key '" + name + "'; known keys: " + known);
        }

        /**
         * The configuration.
         *
         * @throws ConfigException if values contradict each other (see {@link BrokerConfigKeys#RULES})
         */
        public BrokerConfig build() {
            BrokerConfig config = new BrokerConfig(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
            BrokerConfigKeys.RULES.forEach(rule -> rule.check(config));
            return config;
        }
    }
}
