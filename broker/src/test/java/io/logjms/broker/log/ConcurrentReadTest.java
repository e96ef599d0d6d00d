package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers follow the log while a writer appends and rolls small segments: they only ever see whole,
 * valid batches with contiguous offsets, and lookups by timestamp stay within the log.
 */
@Timeout(30)
class ConcurrentReadTest {
    private static final int BATCHES = 2000;

    @TempDir
    Path dir;

    @Test
    void readersSeeOnlyWholeBatchesWhileAppendsAndRollsRun() throws Exception {
        PartitionLog log = PartitionLog.open(dir, new TopicPartition("follow", 0), LogConfig.builder()
                .fsyncPolicy(FsyncPolicy.OS).segmentBytes(8 * 1024).indexIntervalBytes(512).build(),
                Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Long>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int maxBytes = r == 0 ? 1 : 3000;
            readers.add(pool.submit(() -> follow(log, maxBytes)));
        }
        Future<?> writer = pool.submit(() -> {
            for (int i = 0; i < BATCHES; i++) {
                log.append(batch(1 + i % 4, i % 300, i));
            }
            return null;
        });

        writer.get(20, TimeUnit.SECONDS);
        for (Future<Long> reader : readers) {
            assertThat(reader.get(20, TimeUnit.SECONDS)).isEqualTo(log.logEndOffset());
        }
        pool.shutdown();
        assertThat(log.segments().size()).isGreaterThan(10);
        log.close();
    }

    /** Reads from offset 0 until it has seen {@link #BATCHES} batches; returns the offset reached. */
    private static long follow(PartitionLog log, int maxBytes) {
        long offset = 0;
        int seen = 0;
        while (seen < BATCHES) {
            List<ByteBuffer> batches = log.readBatches(offset, maxBytes);
            for (ByteBuffer bytes : batches) {
                RecordBatch batch = RecordBatch.of(bytes);
                batch.validate();
                assertThat(batch.baseOffset()).isEqualTo(offset);
                offset = batch.nextOffset();
                seen++;
            }
            long found = log.offsetForTimestamp(seen);
            assertThat(found).isBetween(log.logStartOffset(), log.logEndOffset());
        }
        return offset;
    }
}
