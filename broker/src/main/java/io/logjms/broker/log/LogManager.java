package io.logjms.broker.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs under one data directory, each in the subdirectory named by
 * {@link TopicPartition#directoryName()}, plus one background thread that runs retention and the
 * flusher of {@link FsyncPolicy#INTERVAL} logs.
 *
 * <p>{@link #startup()} opens (and recovers) every partition directory found and removes the remains
 * of interrupted deletions; a partition that fails to open is logged and reported offline by
 * {@link #get} and {@link #getOrCreate} instead of stopping the others. Thread-safe.
 */
public final class LogManager implements Closeable {
    public static final Duration DEFAULT_RETENTION_CHECK_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FLUSH_CHECK_INTERVAL = Duration.ofMillis(100);
    /** Suffix of a partition directory being deleted; never a valid partition directory name. */
    static final String DELETING_SUFFIX = ".deleting";

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    private final Path dataDir;
    private final LogConfig defaultConfig;
    private final Clock clock;
    private final Duration retentionCheckInterval;
    private final Duration flushCheckInterval;
    private final FileChannelOpener opener;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, IOException> failedToOpen = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    public LogManager(Path dataDir, LogConfig defaultConfig, Clock clock) {
        this(dataDir, defaultConfig, clock, DEFAULT_RETENTION_CHECK_INTERVAL, DEFAULT_FLUSH_CHECK_INTERVAL,
                FileChannelOpener.DEFAULT);
    }

    /**
     * @param retentionCheckInterval how often retention runs over every partition
     * @param flushCheckInterval     how often the flusher looks for INTERVAL logs whose interval passed
     */
    public LogManager(Path dataDir, LogConfig defaultConfig, Clock clock, Duration retentionCheckInterval,
                      Duration flushCheckInterval, FileChannelOpener opener) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retentionCheckInterval = requirePositive(retentionCheckInterval, "retentionCheckInterval");
        this.flushCheckInterval = requirePositive(flushCheckInterval, "flushCheckInterval");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** Opens every partition found in the data directory and starts the background thread. */
    public synchronized void startup() throws IOException {
        if (scheduler != null || closed) {
            throw new IllegalStateException("log manager for " + dataDir + " was already started");
        }
        Files.createDirectories(dataDir);
        try (Stream<Path> children = Files.list(dataDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                openExisting(child);
            }
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "logjms-log-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long retentionMs = retentionCheckInterval.toMillis();
        long flushMs = flushCheckInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runRetention, retentionMs, retentionMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::flushDueLogs, flushMs, flushMs, TimeUnit.MILLISECONDS);
        LOG.info("Log manager started in {}: {} partition(s) online, {} failed to open", dataDir, logs.size(),
                failedToOpen.size());
    }

    private void openExisting(Path child) throws IOException {
        String name = child.getFileName().toString();
        if (!Files.isDirectory(child)) {
            return;
        }
        if (name.endsWith(DELETING_SUFFIX)) {
            Directories.deleteRecursively(child);
            LOG.info("Deleted {}, left by an interrupted partition deletion", child);
            return;
        }
        Optional<TopicPartition> tp = TopicPartition.fromDirectoryName(name);
        if (tp.isEmpty()) {
            LOG.warn("Ignoring {} in the data directory: not a partition directory name", child);
            return;
        }
        try {
            logs.put(tp.get(), PartitionLog.open(child, tp.get(), defaultConfig, clock, opener));
        } catch (IOException e) {
            failedToOpen.put(tp.get(), e);
            LOG.error("Partition {} could not be opened from {}; it stays offline", tp.get(), child, e);
        }
    }

    /** The partition's log, created with the default config if it does not exist. */
    public PartitionLog getOrCreate(TopicPartition tp) {
        return getOrCreate(tp, defaultConfig);
    }

    /**
     * The partition's log, created with {@code config} if it does not exist; an existing log takes
     * {@code config} (see {@link PartitionLog#updateConfig}).
     *
     * @throws LogOfflineException if the partition could not be opened
     */
    public synchronized PartitionLog getOrCreate(TopicPartition tp, LogConfig config) {
        checkNotClosed();
        PartitionLog log = logs.get(tp);
        if (log != null) {
            if (!log.config().equals(config)) {
                log.updateConfig(config);
            }
            return log;
        }
        IOException failure = failedToOpen.get(tp);
        if (failure != null) {
            throw new LogOfflineException(tp, failure);
        }
        try {
            log = PartitionLog.open(partitionDir(tp), tp, config, clock, opener);
        } catch (IOException e) {
            failedToOpen.put(tp, e);
            LOG.error("Partition {} could not be opened; it stays offline", tp, e);
            throw new LogOfflineException(tp, e);
        }
        logs.put(tp, log);
        return log;
    }

    /**
     * The partition's log if it exists.
     *
     * @throws LogOfflineException if the partition exists but could not be opened
     */
    public Optional<PartitionLog> get(TopicPartition tp) {
        IOException failure = failedToOpen.get(tp);
        if (failure != null) {
            throw new LogOfflineException(tp, failure);
        }
        return Optional.ofNullable(logs.get(tp));
    }

    /** The partitions whose logs are open (online or gone offline since). */
    public Set<TopicPartition> partitions() {
        return Collections.unmodifiableSet(logs.keySet());
    }

    /** The partitions that could not be opened, with the error. */
    public Map<TopicPartition, IOException> failedPartitions() {
        return Map.copyOf(failedToOpen);
    }

    /**
     * Closes the partition's log and deletes its directory (renamed first, so a crash midway leaves
     * nothing that looks like a partition).
     *
     * @return whether there was such a partition
     */
    public synchronized boolean delete(TopicPartition tp) throws IOException {
        PartitionLog log = logs.remove(tp);
        boolean existed = log != null | failedToOpen.remove(tp) != null;
        if (log != null) {
            log.close();
        }
        Path dir = partitionDir(tp);
        if (Files.exists(dir)) {
            existed = true;
            Path doomed = dataDir.resolve(dir.getFileName() + DELETING_SUFFIX);
            Directories.deleteRecursively(doomed);
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            Directories.fsync(dataDir);
            Directories.deleteRecursively(doomed);
            LOG.info("Deleted partition {}", tp);
        }
        return existed;
    }

    /** One retention pass over every partition (what the background thread runs). */
    public int runRetention() {
        int removed = 0;
        for (PartitionLog log : logs.values()) {
            try {
                removed += log.deleteOldSegments();
            } catch (LogException e) {
                LOG.warn("Retention of partition {} failed: {}", log.topicPartition(), e.getMessage());
            }
        }
        return removed;
    }

    /** Flushes every {@link FsyncPolicy#INTERVAL} log whose interval has passed; returns how many. */
    public int flushDueLogs() {
        int flushed = 0;
        long now = clock.millis();
        for (PartitionLog log : logs.values()) {
            try {
                if (log.flushIfDue(now)) {
                    flushed++;
                }
            } catch (LogException e) {
                LOG.warn("Flush of partition {} failed: {}", log.topicPartition(), e.getMessage());
            }
        }
        return flushed;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** Stops the background thread (letting a running pass finish) and closes every log cleanly. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduler != null) {
            // No shutdownNow: an interrupt would close a FileChannel in the middle of a flush.
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Log scheduler still busy after 30 s; closing the logs anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        logs.values().forEach(PartitionLog::close);
        logs.clear();
        LOG.info("Log manager in {} closed", dataDir);
    }

    private Path partitionDir(TopicPartition tp) {
        Path dir = dataDir.resolve(tp.directoryName()).normalize();
        if (!dataDir.equals(dir.getParent())) {
            throw new InvalidTopicException("partition " + tp + " does not map to a directory inside " + dataDir);
        }
        return dir;
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("log manager for " + dataDir + " is closed");
        }
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
