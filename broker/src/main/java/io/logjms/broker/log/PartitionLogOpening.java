package io.logjms.broker.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Opening a partition log: the segments recovered by {@link LogLoader}, the producer state from its snapshots and
 * the log, the leader-epoch checkpoint trimmed to the log start, then everything recovered forced to disk. A
 * failure closes what was opened.
 */
final class PartitionLogOpening {
    private PartitionLogOpening() {
    }

    static PartitionLog open(Path dir, TopicPartition topicPartition, LogConfig config, Clock clock,
                             FileChannelOpener opener) throws IOException {
        Objects.requireNonNull(config, "config");
        LogLoader.LoadedLog loaded = LogLoader.load(dir, topicPartition, config, opener, clock.millis());
        ProducerStateManager producers;
        LeaderEpochCache epochs;
        try {
            producers = ProducerStateSnapshots.load(dir, topicPartition, loaded.segments());
            epochs = LeaderEpochCache.load(dir, topicPartition, loaded.segments().last().nextOffset());
            // a crash between removing segments and rewriting the checkpoint leaves entries below the start
            epochs.truncateFromStart(loaded.segments().first().baseOffset());
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : loaded.segments().all()) {
                try {
                    segment.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        PartitionLog log = new PartitionLog(dir, topicPartition, config, clock, opener, loaded.segments(),
                producers, epochs);
        log.forceRecovered();
        return log;
    }
}
