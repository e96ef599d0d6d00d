package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class LogManagerTest {
    private static final LogConfig CONFIG = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0)
            .build();

    @TempDir
    Path dataDir;
    private final ManualClock clock = new ManualClock(10_000_000);

    private LogManager manager(Duration retentionCheck, Duration flushCheck) {
        return new LogManager(dataDir, CONFIG, clock, retentionCheck, flushCheck, FileChannelOpener.DEFAULT);
    }

    @Test
    void createsGetsAndReopensPartitions() throws IOException {
        TopicPartition orders0 = new TopicPartition("orders", 0);
        TopicPartition odd = new TopicPartition("queue://eu/orders", 1);
        try (LogManager manager = new LogManager(dataDir, CONFIG, clock)) {
            manager.startup();
            PartitionLog log = manager.getOrCreate(orders0);
            log.append(batch(3, 10, 1));
            manager.getOrCreate(odd).append(batch(1, 10, 1));

            assertThat(manager.getOrCreate(orders0)).isSameAs(log);
            assertThat(manager.get(orders0)).containsSame(log);
            assertThat(manager.get(new TopicPartition("orders", 1))).isEmpty();
            assertThat(manager.partitions()).containsExactlyInAnyOrder(orders0, odd);
            assertThat(dataDir.resolve("orders-0")).isDirectory();
            assertThat(dataDir.resolve("queue%3A%2F%2Feu%2Forders-1")).isDirectory();
        }
        assertThat(dataDir.resolve("orders-0/.clean_shutdown")).exists();

        try (LogManager reopened = new LogManager(dataDir, CONFIG, clock)) {
            reopened.startup();

            assertThat(reopened.partitions()).containsExactlyInAnyOrder(orders0, odd);
            assertThat(reopened.get(orders0).orElseThrow().logEndOffset()).isEqualTo(3);
            assertThat(reopened.get(odd).orElseThrow().logEndOffset()).isEqualTo(1);
        }
    }

    @Test
    void getOrCreateAppliesTheGivenConfigToAnExistingLog() throws IOException {
        TopicPartition tp = new TopicPartition("t", 0);
        try (LogManager manager = new LogManager(dataDir, CONFIG, clock)) {
            manager.startup();
            manager.getOrCreate(tp);
            LogConfig small = CONFIG.toBuilder().segmentBytes(1000).build();

            assertThat(manager.getOrCreate(tp, small).config()).isEqualTo(small);
        }
    }

    @Test
    void deleteRemovesThePartitionDirectory() throws IOException {
        TopicPartition tp = new TopicPartition("doomed", 2);
        try (LogManager manager = new LogManager(dataDir, CONFIG, clock)) {
            manager.startup();
            PartitionLog log = manager.getOrCreate(tp);
            log.append(batch(1, 10, 1));

            assertThat(manager.delete(tp)).isTrue();

            assertThat(dataDir.resolve("doomed-2")).doesNotExist();
            assertThat(TestBatches.fileNames(dataDir)).isEmpty();
            assertThat(manager.get(tp)).isEmpty();
            assertThat(log.state()).isEqualTo(LogState.CLOSED);
            assertThat(manager.delete(tp)).isFalse();
            assertThat(manager.getOrCreate(tp).logEndOffset()).isZero();
        }
    }

    @Test
    void startupCleansInterruptedDeletionsAndIgnoresForeignDirectories() throws IOException {
        Files.createDirectories(dataDir.resolve("old-0.deleting"));
        Files.write(dataDir.resolve("old-0.deleting/00000000000000000000.log"), new byte[10]);
        Files.createDirectories(dataDir.resolve("lost+found"));
        Files.write(dataDir.resolve("README"), new byte[1]);
        try (LogManager manager = new LogManager(dataDir, CONFIG, clock)) {
            manager.startup();

            assertThat(dataDir.resolve("old-0.deleting")).doesNotExist();
            assertThat(dataDir.resolve("lost+found")).isDirectory();
            assertThat(manager.partitions()).isEmpty();
        }
    }

    @Test
    void aPartitionThatCannotBeOpenedIsReportedOfflineAndTheOthersWork() throws IOException {
        Path broken = dataDir.resolve("broken-0");
        Files.createDirectories(broken);
        Files.createDirectories(broken.resolve("00000000000000000000.log"));
        try (LogManager manager = new LogManager(dataDir, CONFIG, clock)) {
            manager.startup();
            TopicPartition tp = new TopicPartition("broken", 0);

            assertThat(manager.failedPartitions()).containsKey(tp);
            assertThatThrownBy(() -> manager.get(tp)).isInstanceOf(LogOfflineException.class)
                    .hasMessageContaining("broken-0");
            assertThatThrownBy(() -> manager.getOrCreate(tp)).isInstanceOf(LogOfflineException.class);
            assertThat(manager.getOrCreate(new TopicPartition("fine", 0)).append(batch(1, 1, 1)).baseOffset())
                    .isZero();
        }
    }

    @Test
    void backgroundRetentionDeletesExpiredSegments() throws IOException {
        TopicPartition tp = new TopicPartition("events", 0);
        int size = batch(1, 100, 1).remaining();
        try (LogManager manager = manager(Duration.ofMillis(20), Duration.ofMillis(20))) {
            manager.startup();
            PartitionLog log = manager.getOrCreate(tp, CONFIG.toBuilder().segmentBytes(size).retentionMs(1000)
                    .build());
            for (int i = 0; i < 3; i++) {
                log.append(batch(1, 100, clock.millis()));
            }
            assertThat(log.segments()).hasSize(3);

            clock.advance(1001);

            await().atMost(Duration.ofSeconds(5)).until(() -> log.logStartOffset() == 2);
            assertThat(log.segments()).hasSize(1);
        }
    }

    @Test
    void backgroundFlusherMakesIntervalLogsDurable() throws IOException {
        TopicPartition tp = new TopicPartition("events", 1);
        try (LogManager manager = manager(Duration.ofMinutes(5), Duration.ofMillis(10))) {
            manager.startup();
            PartitionLog log = manager.getOrCreate(tp, CONFIG.toBuilder().fsyncPolicy(FsyncPolicy.INTERVAL)
                    .fsyncIntervalMs(500).build());
            log.append(batch(1, 10, 1));
            var durable = log.awaitDurable(0);

            clock.advance(500);

            await().atMost(Duration.ofSeconds(5)).until(durable::isDone);
            assertThat(durable).isCompleted();
            assertThat(log.flushedOffset()).isEqualTo(1);
        }
    }

    @Test
    void closedManagerRefusesNewPartitions() throws IOException {
        LogManager manager = new LogManager(dataDir, CONFIG, clock);
        manager.startup();
        manager.close();

        assertThatThrownBy(() -> manager.getOrCreate(new TopicPartition("t", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
