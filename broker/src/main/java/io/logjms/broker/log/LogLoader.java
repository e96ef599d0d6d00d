package io.logjms.broker.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory and recovers them.
 *
 * <ol>
 *   <li>Removes the clean-shutdown marker, remembering whether it was there.</li>
 *   <li>Deletes stray files: {@code .tmp} (an interrupted index rewrite), {@code .deleted} (segments
 *       removed by retention) and index files without a log file.</li>
 *   <li>Loads every segment but the last from its indexes, checking the indexes and validating the
 *       batches after the last offset index entry (every closed segment was forced to disk, indexes
 *       included, when it was rolled, so that is enough). The last segment is loaded the same way
 *       after a clean shutdown; otherwise it is recovered: every batch validated (CRC, sizes, offsets
 *       continuing), a torn or corrupt tail truncated and both indexes rebuilt. A segment whose
 *       indexes or tail fail the checks is recovered the same way.</li>
 *   <li>If a segment was truncated, or the next segment does not start at the offset this one ends
 *       at, every later segment is deleted: the log is kept up to its first inconsistency.</li>
 * </ol>
 * Everything removed is logged at WARN with its byte count and offsets. Not thread-safe; runs before
 * the log is published.
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /**
     * The loaded segments (the last one open for appends) and whether the previous close was clean.
     */
    record LoadedLog(LogSegments segments, boolean cleanShutdown) {
    }

    private final Path dir;
    private final TopicPartition topicPartition;
    private final LogConfig config;
    private final FileChannelOpener opener;
    private final long nowMs;

    private LogLoader(Path dir, TopicPartition topicPartition, LogConfig config, FileChannelOpener opener,
                      long nowMs) {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.config = config;
        this.opener = opener;
        this.nowMs = nowMs;
    }

    static LoadedLog load(Path dir, TopicPartition topicPartition, LogConfig config, FileChannelOpener opener,
                          long nowMs) throws IOException {
        return new LogLoader(dir, topicPartition, config, opener, nowMs).load();
    }

    private LoadedLog load() throws IOException {
        Files.createDirectories(dir);
        boolean clean = Files.deleteIfExists(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE));
        if (clean) {
            Directories.fsync(dir);
        }
        List<Long> baseOffsets = new ArrayList<>(scanDirectory());
        LogSegments segments = new LogSegments();
        try {
            for (int i = 0; i < baseOffsets.size(); i++) {
                boolean last = i == baseOffsets.size() - 1;
                LogSegment segment = LogSegment.open(dir, baseOffsets.get(i), opener);
                segments.add(segment);
                boolean truncated = loadSegment(segment, last && !clean);
                if (!last && (truncated || segment.nextOffset() != baseOffsets.get(i + 1))) {
                    deleteSegmentsAfter(segment, baseOffsets.subList(i + 1, baseOffsets.size()));
                    break;
                }
            }
            if (segments.isEmpty()) {
                segments.add(LogSegment.create(dir, 0, opener));
                Directories.fsync(dir);
            } else {
                segments.last().openIndexesForAppend();
                segments.last().initRollingBase(nowMs);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(segments, e);
            throw e;
        }
        if (baseOffsets.isEmpty()) {
            LOG.info("Created partition {} in {}", topicPartition, dir);
        } else {
            LOG.info("Loaded partition {} from {}: {} segment(s), offsets [{}, {}), {} shutdown", topicPartition, dir,
                    segments.count(), segments.first().baseOffset(), segments.last().nextOffset(),
                    clean ? "after a clean" : "after an unclean");
        }
        return new LoadedLog(segments, clean);
    }

    /** Loads a segment; returns true if recovery cut bytes from it. */
    private boolean loadSegment(LogSegment segment, boolean fullRecovery) throws IOException {
        if (!fullRecovery) {
            try {
                segment.loadFromIndexes();
                return false;
            } catch (CorruptSegmentException e) {
                LOG.warn("Partition {}: segment {} needs recovery: {}", topicPartition, segment.baseOffset(),
                        e.getMessage());
            }
        }
        RecoveryResult result = segment.recover(config.indexIntervalBytes());
        if (result.truncatedBytes() > 0) {
            LOG.warn("Partition {}: recovery truncated segment {} ({}) at byte {}: removed {} bytes holding offsets"
                            + " from {} on, because of a {}; kept {} batches, offsets [{}, {})", topicPartition,
                    segment.baseOffset(), segment.path(), result.validBytes(), result.truncatedBytes(),
                    result.nextOffset(), result.problem(), result.validBatches(), segment.baseOffset(),
                    result.nextOffset());
            return true;
        }
        LOG.info("Partition {}: recovered segment {}: {} batches, offsets [{}, {}), indexes rebuilt", topicPartition,
                segment.baseOffset(), result.validBatches(), segment.baseOffset(), result.nextOffset());
        return false;
    }

    private void deleteSegmentsAfter(LogSegment kept, List<Long> laterBaseOffsets) throws IOException {
        for (long base : laterBaseOffsets) {
            Path logFile = LogFileNames.logFile(dir, base);
            long bytes = Files.size(logFile);
            Files.delete(logFile);
            Files.deleteIfExists(LogFileNames.indexFile(dir, base));
            Files.deleteIfExists(LogFileNames.timeIndexFile(dir, base));
            LOG.warn("Partition {}: deleted segment {} ({} bytes, offsets from {} on) because the log no longer"
                            + " continues into it: segment {} ends at offset {}", topicPartition, base, bytes, base,
                    kept.baseOffset(), kept.nextOffset());
        }
        Directories.fsync(dir);
    }

    /** Deletes stray files and returns the base offsets of the segments' log files. */
    private TreeSet<Long> scanDirectory() throws IOException {
        TreeSet<Long> logs = new TreeSet<>();
        List<Path> indexes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFileNames.TMP_SUFFIX) || name.endsWith(LogFileNames.DELETED_SUFFIX)) {
                    Files.delete(file);
                    LOG.info("Partition {}: deleted stray file {}", topicPartition, file);
                } else if (name.endsWith(LogFileNames.LOG_SUFFIX)) {
                    OptionalLong base = LogFileNames.parseBaseOffset(name, LogFileNames.LOG_SUFFIX);
                    if (base.isPresent()) {
                        logs.add(base.getAsLong());
                    } else {
                        LOG.warn("Partition {}: ignoring {}, not named like a segment", topicPartition, file);
                    }
                } else if (name.endsWith(LogFileNames.INDEX_SUFFIX) || name.endsWith(LogFileNames.TIME_INDEX_SUFFIX)) {
                    indexes.add(file);
                }
            }
        }
        for (Path index : indexes) {
            String name = index.getFileName().toString();
            OptionalLong base = LogFileNames.parseBaseOffset(name, name.endsWith(LogFileNames.INDEX_SUFFIX)
                    ? LogFileNames.INDEX_SUFFIX : LogFileNames.TIME_INDEX_SUFFIX);
            if (base.isEmpty() || !logs.contains(base.getAsLong())) {
                Files.delete(index);
                LOG.info("Partition {}: deleted index {} that has no segment", topicPartition, index);
            }
        }
        return logs;
    }

    private static void closeQuietly(LogSegments segments, Exception cause) {
        for (LogSegment segment : segments.all()) {
            try {
                segment.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Leaves the marker that lets the next {@link #load} skip scanning the active segment; written last by a clean
     * close. A failure only costs that scan.
     */
    static void markCleanShutdown(Path dir, TopicPartition topicPartition) {
        try {
            Files.createFile(dir.resolve(LogFileNames.CLEAN_SHUTDOWN_FILE));
            Directories.fsync(dir);
        } catch (IOException e) {
            LOG.warn("Partition {}: could not write the clean shutdown marker; the next open will scan the active"
                    + " segment", topicPartition, e);
        }
    }
}
