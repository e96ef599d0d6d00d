package io.logjms.broker.destination;

import io.logjms.broker.threads.BlockingCalls;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.DestinationApplier;
import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.LogManager;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationExistsException;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationKind;
import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.broker.metadata.InvalidMetadataException;
import io.logjms.broker.metadata.MetadataStore;
import io.logjms.broker.metadata.UnknownDestinationException;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationNames;
import io.logjms.protocol.DestinationType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, finds and deletes destinations: metadata in the {@link MetadataStore}, data in the
 * {@link LogManager}. Destinations are created on first use when {@code destinations.auto.create} is on.
 * Temporary destinations live only in memory (their logs are removed with their connection, and any
 * left over from a crash are removed at start-up); their names start with {@link #TEMPORARY_PREFIX},
 * which is reserved.
 *
 * <p>In a cluster ({@link #share}) stored destinations are created, altered and deleted through the cluster,
 * which applies every change on every broker through {@link #applier()}; temporary ones stay local.
 */
public final class DestinationManager {
    private static final Logger log = LoggerFactory.getLogger(DestinationManager.class);
    public static final String TEMPORARY_PREFIX = "tmp.";
    private static final List<String> SETTINGS = List.of("retention.ms", "retention.bytes", "segment.bytes");

    private final MetadataStore metadata;
    private final LogManager logs;
    private final BrokerConfig config;
    private final Map<DestinationId, Destination> open = new ConcurrentHashMap<>();
    private final List<Consumer<Destination>> deleteListeners = new CopyOnWriteArrayList<>();
    private volatile ClusterView cluster;

    private final boolean replicated;

    public DestinationManager(MetadataStore metadata, LogManager logs, BrokerConfig config) {
        this(metadata, logs, config, false);
    }

    /**
     * With {@code replicated}, every partition opens as a follower that serves nothing until the replication
     * applies its assignment (a broker of a cluster, restarted or new, never leads before it has taken over).
     */
    public DestinationManager(MetadataStore metadata, LogManager logs, BrokerConfig config, boolean replicated) {
        this.metadata = metadata;
        this.logs = logs;
        this.config = config;
        this.replicated = replicated;
    }

    /** Opens every stored destination and removes temporary ones a crash left behind. */
    public synchronized void startup() {
        for (DestinationMetadata meta : metadata.destinations()) {
            open.put(idOf(meta.key()), openLogs(meta, null));
        }
        for (TopicPartition tp : logs.partitions()) {
            DestinationKey key = DestinationKey.fromLogName(tp.topic());
            if (key.name().startsWith(TEMPORARY_PREFIX)) {
                deleteLogs(tp);
            }
        }
    }

    /** From now on stored destinations change through {@code cluster} when it is clustered. */
    public void share(ClusterView cluster) {
        this.cluster = cluster.isClustered() ? cluster : null;
    }

    public void onDelete(Consumer<Destination> listener) {
        deleteListeners.add(listener);
    }

    public Destination get(DestinationId id) {
        Destination d = open.get(id);
        if (d == null) {
            throw new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist");
        }
        return d;
    }

    public Optional<Destination> find(DestinationId id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * The destination, created with the defaults if it is missing and auto-creation is on (and asked for).
     * Creating touches files: call it off the network threads unless {@link #find} has the destination.
     */
    public Destination getOrCreate(DestinationId id, boolean autoCreate) {
        Destination d = open.get(id);
        if (d != null) {
            return d;
        }
        if (id.name().startsWith(TEMPORARY_PREFIX)) {
            throw new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist: temporary destinations "
                    + "end with the connection that created them");
        }
        if (!autoCreate || !config.autoCreateDestinations()) {
            throw new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist"
                    + (config.autoCreateDestinations() ? "" : " and destinations.auto.create is off"));
        }
        assert BlockingCalls.allowed("auto-creating a destination");
        if (cluster != null) {
            try {
                return createShared(id, -1, Map.of(), 0);
            } catch (DestinationException e) {
                if (e.reason() != DestinationException.Reason.DESTINATION_EXISTS) {
                    throw e;
                }
                return find(id).orElseThrow(() -> new DestinationException(
                        DestinationException.Reason.UNKNOWN_DESTINATION, id + " exists in the cluster but is not "
                        + "open on this broker yet; retry"));
            }
        }
        synchronized (this) {
            d = open.get(id);
            return d != null ? d : createNow(id, -1, Map.of(), null);
        }
    }

    public Destination create(DestinationId id, int partitions, Map<String, String> settings) {
        return create(id, partitions, settings, 0);
    }

    /**
     * Creates a stored destination.
     *
     * @param replicationFactor replicas per partition in a cluster; 0 or less takes the broker's default
     */
    public Destination create(DestinationId id, int partitions, Map<String, String> settings, int replicationFactor) {
        if (cluster != null) {
            assert BlockingCalls.allowed("creating a destination in the cluster");
            return createShared(id, partitions, settings, replicationFactor);
        }
        synchronized (this) {
            return createLocal(id, partitions, settings);
        }
    }

    /**
     * Through the cluster, which applies it here (so not under this object's lock, which applying takes). Like a
     * local auto-create, an auto-create from PRODUCE or COMMIT still runs on the network thread.
     */
    private Destination createShared(DestinationId id, int partitions, Map<String, String> settings,
                                     int replicationFactor) {
        refuseTemporaryName(id);
        DestinationMetadata meta = metadataOf(keyOf(id), partitions <= 0 ? config.defaultPartitions() : partitions,
                settings);
        try {
            cluster.createDestination(meta, replicationFactor);
        } catch (DestinationExistsException e) {
            throw new DestinationException(DestinationException.Reason.DESTINATION_EXISTS, id + " already exists", e);
        }
        return get(id);
    }

    private static DestinationMetadata metadataOf(DestinationKey key, int partitions, Map<String, String> settings) {
        try {
            return applySettings(DestinationMetadata.of(key, partitions), settings);
        } catch (InvalidMetadataException | IllegalArgumentException e) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, e.getMessage(), e);
        }
    }

    private static void refuseTemporaryName(DestinationId id) {
        if (id.name().startsWith(TEMPORARY_PREFIX)) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "names starting with '"
                    + TEMPORARY_PREFIX + "' are reserved for temporary destinations");
        }
    }

    private Destination createLocal(DestinationId id, int partitions, Map<String, String> settings) {
        assert BlockingCalls.allowed("creating a destination");
        if (id.name().startsWith(TEMPORARY_PREFIX)) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "names starting with '" + TEMPORARY_PREFIX
                    + "' are reserved for temporary destinations");
        }
        if (open.containsKey(id)) {
            throw new DestinationException(DestinationException.Reason.DESTINATION_EXISTS, id + " already exists");
        }
        return createNow(id, partitions, settings, null);
    }

    /** Creates a temporary destination owned by a connection. */
    public synchronized Destination createTemporary(DestinationId id, String ownerConnection) {
        assert BlockingCalls.allowed("creating a temporary destination");
        if (!id.name().startsWith(TEMPORARY_PREFIX)) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "temporary destination names start with '"
                    + TEMPORARY_PREFIX + "'");
        }
        if (open.containsKey(id)) {
            throw new DestinationException(DestinationException.Reason.DESTINATION_EXISTS, id + " already exists");
        }
        return createNow(id, 1, Map.of(), ownerConnection);
    }

    private Destination createNow(DestinationId id, int partitions, Map<String, String> settings, String owner) {
        DestinationKey key = keyOf(id);
        int count = partitions <= 0 ? config.defaultPartitions() : partitions;
        DestinationMetadata meta;
        try {
            meta = applySettings(DestinationMetadata.of(key, count), settings);
            if (owner == null) {
                metadata.createDestination(meta);
            }
        } catch (DestinationExistsException e) {
            throw new DestinationException(DestinationException.Reason.DESTINATION_EXISTS, e.getMessage(), e);
        } catch (InvalidMetadataException | IllegalArgumentException e) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, e.getMessage(), e);
        }
        Destination d = openLogs(meta, owner);
        open.put(id, d);
        log.info("created {} with {} partition(s){}", id, count, owner != null ? " (temporary)" : "");
        return d;
    }

    public void delete(DestinationId id) {
        Destination d = get(id);
        if (cluster != null && d.temporaryOwner() == null) {
            assert BlockingCalls.allowed("deleting a destination in the cluster");
            try {
                cluster.deleteDestination(keyOf(id));
            } catch (UnknownDestinationException e) {
                throw new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist",
                        e);
            }
            return;
        }
        deleteLocal(id);
    }

    private synchronized void deleteLocal(DestinationId id) {
        assert BlockingCalls.allowed("deleting a destination");
        Destination d = open.get(id);
        if (d == null) {
            return;
        }
        open.remove(id);
        deleteListeners.forEach(l -> l.accept(d));
        if (d.temporaryOwner() == null) {
            metadata.deleteDestination(keyOf(id));
        }
        for (PartitionLog pl : d.logs()) {
            deleteLogs(pl.topicPartition());
        }
        log.info("deleted {}", id);
    }

    /**
     * Changes retention and segment settings of a stored destination; they apply to its logs at once
     * (retention at its next check, segment size at the next roll). The partition count cannot change:
     * that would move keys to other partitions and break their order.
     */
    public Destination alter(DestinationId id, Map<String, String> settings) {
        Destination d = get(id);
        if (d.temporaryOwner() != null) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "temporary destinations cannot be altered");
        }
        DestinationMetadata meta;
        try {
            meta = applySettings(d.metadata(), settings);
        } catch (InvalidMetadataException | IllegalArgumentException e) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, e.getMessage(), e);
        }
        if (cluster != null) {
            assert BlockingCalls.allowed("altering a destination in the cluster");
            try {
                cluster.updateDestination(meta);
            } catch (UnknownDestinationException e) {
                throw new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist",
                        e);
            }
            log.info("altered {}: {}", id, settings);
            return get(id);
        }
        return alterLocal(id, meta);
    }

    private synchronized Destination alterLocal(DestinationId id, DestinationMetadata meta) {
        assert BlockingCalls.allowed("altering a destination");
        Destination d = get(id);
        try {
            metadata.updateDestination(meta);
        } catch (InvalidMetadataException | IllegalArgumentException e) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, e.getMessage(), e);
        }
        LogConfig logConfig = LogConfigs.forDestination(config, meta);
        d.logs().forEach(pl -> pl.updateConfig(logConfig));
        Destination updated = new Destination(d.id(), meta, d.partitions(), null);
        updated.takeListenersFrom(d);
        open.put(id, updated);
        log.info("applied settings of {}", id);
        return updated;
    }

    /** How the cluster applies its destination changes here (see {@link DestinationApplier}). */
    public DestinationApplier applier() {
        return new DestinationApplier() {
            @Override
            public void stored(DestinationMetadata destination) {
                applyStored(destination);
            }

            @Override
            public void deleted(DestinationKey key) {
                deleteLocal(idOf(key));
            }

            @Override
            public List<DestinationMetadata> local() {
                return metadata.destinations();
            }
        };
    }

    private synchronized void applyStored(DestinationMetadata destination) {
        DestinationId id = idOf(destination.key());
        Destination d = open.get(id);
        if (d == null) {
            if (metadata.destination(destination.key()).isPresent()) {
                metadata.updateDestination(destination);
            } else {
                metadata.createDestination(destination);
            }
            open.put(id, openLogs(destination, null));
            log.info("created {} with {} partition(s) (from the cluster)", id, destination.partitions());
        } else if (!d.metadata().equals(destination)) {
            if (d.metadata().partitions() != destination.partitions()) {
                // deleted and created again in the cluster while this broker was away: the cluster's wins
                log.warn("{} has {} partition(s) here and {} in the cluster: recreating it as the cluster has it", id,
                        d.metadata().partitions(), destination.partitions());
                deleteLocal(id);
                applyStored(destination);
                return;
            }
            alterLocal(id, destination);
        }
    }

    public List<Destination> all() {
        return new ArrayList<>(open.values());
    }

    /** The settings of a destination as the admin API shows them. */
    public Map<String, String> settings(Destination d) {
        DestinationMetadata m = d.metadata();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("partitions", Integer.toString(m.partitions()));
        s.put("retention.ms", Long.toString(m.retentionMsOr(config.retentionMs())));
        s.put("retention.bytes", Long.toString(m.retentionBytesOr(config.retentionBytes())));
        s.put("segment.bytes", Long.toString(m.segmentBytesOr(config.segmentBytes())));
        if (d.temporaryOwner() != null) {
            s.put("temporary", "true");
        }
        return s;
    }

    public static DestinationKey keyOf(DestinationId id) {
        DestinationKind kind = id.type() == DestinationType.QUEUE ? DestinationKind.QUEUE : DestinationKind.TOPIC;
        if (!DestinationNames.isValid(id.name())) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, DestinationNames.invalidNameMessage(id.name()));
        }
        return new DestinationKey(kind, id.name());
    }

    public static DestinationId idOf(DestinationKey key) {
        return new DestinationId(key.kind() == DestinationKind.QUEUE ? DestinationType.QUEUE : DestinationType.TOPIC,
                key.name());
    }

    private static DestinationMetadata applySettings(DestinationMetadata meta, Map<String, String> settings) {
        DestinationMetadata m = meta;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            long value;
            try {
                value = Long.parseLong(e.getValue().trim());
            } catch (NumberFormatException ex) {
                throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "setting " + e.getKey() + " must be an integer, not '"
                        + e.getValue() + "'");
            }
            m = switch (e.getKey()) {
                case "retention.ms" -> m.withRetentionMs(value);
                case "retention.bytes" -> m.withRetentionBytes(value);
                case "segment.bytes" -> m.withSegmentBytes(value);
                default -> throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "unknown destination setting '"
                        + e.getKey() + "'; known: " + SETTINGS);
            };
        }
        return m;
    }

    private Destination openLogs(DestinationMetadata meta, String owner) {
        LogConfig logConfig = LogConfigs.forDestination(config, meta);
        List<Partition> partitions = new ArrayList<>();
        for (int p = 0; p < meta.partitions(); p++) {
            PartitionLog pl = logs.getOrCreate(new TopicPartition(meta.key().logName(), p), logConfig);
            partitions.add(replicated && owner == null ? Partition.follower(pl) : Partition.leader(pl));
        }
        return new Destination(idOf(meta.key()), meta, partitions, owner);
    }

    private void deleteLogs(TopicPartition tp) {
        try {
            logs.delete(tp);
        } catch (IOException e) {
            log.warn("could not delete the log of {}", tp, e);
        }
    }
}
