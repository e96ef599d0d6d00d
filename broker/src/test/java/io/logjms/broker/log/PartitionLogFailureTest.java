package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An I/O error takes the partition offline; nothing more is written and a reopen recovers. */
@Timeout(10)
class PartitionLogFailureTest {
    private static final TopicPartition TP = new TopicPartition("payments", 3);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(0);
    private final AtomicBoolean failWrites = new AtomicBoolean();
    private final AtomicBoolean failForces = new AtomicBoolean();

    private final FileChannelOpener faulty = (path, options) -> new FaultyFileChannel(
            FileChannelOpener.DEFAULT.open(path, options),
            () -> {
                if (failWrites.get()) {
                    throw new IOException("injected write failure on " + path.getFileName());
                }
            },
            () -> {
                if (failForces.get()) {
                    throw new IOException("injected fsync failure on " + path.getFileName());
                }
            });

    private PartitionLog open(FsyncPolicy policy) throws IOException {
        return PartitionLog.open(dir, TP, LogConfig.builder().fsyncPolicy(policy).build(), clock, faulty);
    }

    @Test
    void writeFailureTakesThePartitionOffline() throws IOException {
        PartitionLog log = open(FsyncPolicy.OS);
        log.append(batch(2, 10, 1));
        failWrites.set(true);

        assertThatThrownBy(() -> log.append(batch(1, 10, 1)))
                .isInstanceOf(LogOfflineException.class)
                .hasMessageContaining("payments-3")
                .hasMessageContaining("injected write failure")
                .hasCauseInstanceOf(IOException.class);
        failWrites.set(false);

        assertThat(log.state()).isEqualTo(LogState.OFFLINE);
        assertThatThrownBy(() -> log.append(batch(1, 10, 1))).isInstanceOf(LogOfflineException.class)
                .hasMessageContaining("injected write failure");
        assertThatThrownBy(() -> log.read(0, 100)).isInstanceOf(LogOfflineException.class);
        assertThatThrownBy(log::flush).isInstanceOf(LogOfflineException.class);
        assertThat(log.awaitDurable(0)).isCompletedExceptionally();
        assertThat(log.logEndOffset()).isEqualTo(2);
        log.close();
        assertThat(dir.resolve(".clean_shutdown")).as("an offline log is not closed cleanly").doesNotExist();

        PartitionLog reopened = open(FsyncPolicy.OS);
        assertThat(reopened.state()).isEqualTo(LogState.ONLINE);
        assertThat(reopened.logEndOffset()).isEqualTo(2);
        assertThat(reopened.append(batch(1, 10, 1)).baseOffset()).isEqualTo(2);
        reopened.close();
    }

    @Test
    void fsyncFailureFailsTheAppendAndTheWaiters() throws IOException, InterruptedException {
        PartitionLog log = open(FsyncPolicy.INTERVAL);
        log.append(batch(1, 10, 1));
        CompletableFuture<Void> durable = log.awaitDurable(0);
        failForces.set(true);

        assertThatThrownBy(log::flush).isInstanceOf(LogOfflineException.class)
                .hasMessageContaining("injected fsync failure");

        assertThat(log.state()).isEqualTo(LogState.OFFLINE);
        assertThatThrownBy(durable::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LogOfflineException.class);
        assertThat(log.flushedOffset()).isZero();
        log.close();
    }

    @Test
    void everyBatchAppendFailsWhenItsFsyncFails() throws IOException {
        PartitionLog log = open(FsyncPolicy.EVERY_BATCH);
        failForces.set(true);

        assertThatThrownBy(() -> log.append(batch(1, 10, 1))).isInstanceOf(LogOfflineException.class);

        assertThat(log.flushedOffset()).isZero();
        assertThatThrownBy(() -> log.append(batch(1, 10, 1))).isInstanceOf(LogOfflineException.class);
        log.close();
    }

    @Test
    void failureDuringRollTakesThePartitionOffline() throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.builder().fsyncPolicy(FsyncPolicy.OS)
                .segmentBytes(200).build(), clock, faulty);
        log.append(batch(1, 100, 1));
        failForces.set(true);

        assertThatThrownBy(() -> log.append(batch(1, 100, 1))).isInstanceOf(LogOfflineException.class);

        assertThat(log.segments()).hasSize(1);
        assertThat(log.logEndOffset()).isEqualTo(1);
        log.close();
    }
}
