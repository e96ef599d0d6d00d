package io.logjms.broker.log;

import static io.logjms.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads append with {@link FsyncPolicy#EVERY_BATCH}: offsets are unique and contiguous, all
 * data reads back, and appenders share fsyncs. To make the sharing deterministic, the first fsync is
 * held until every thread has written its first batch, so at least that round is one shared fsync.
 */
@Timeout(30)
class GroupCommitTest {
    private static final int THREADS = 4;
    private static final int APPENDS_PER_THREAD = 50;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersGetContiguousOffsetsAndShareFsyncs() throws Exception {
        AtomicInteger logWrites = new AtomicInteger();
        CountDownLatch allWroteOnce = new CountDownLatch(THREADS);
        AtomicBoolean firstForce = new AtomicBoolean(true);
        FileChannelOpener opener = (path, options) -> {
            boolean isLog = path.getFileName().toString().endsWith(".log");
            return new FaultyFileChannel(FileChannelOpener.DEFAULT.open(path, options),
                    () -> {
                        if (isLog && logWrites.incrementAndGet() <= THREADS) {
                            allWroteOnce.countDown();
                        }
                    },
                    () -> {
                        if (isLog && logWrites.get() > 0 && firstForce.compareAndSet(true, false)) {
                            awaitUninterruptibly(allWroteOnce);
                        }
                    });
        };
        PartitionLog log = PartitionLog.open(dir, new TopicPartition("t", 0), LogConfig.builder()
                .fsyncPolicy(FsyncPolicy.EVERY_BATCH).build(), Clock.systemUTC(), opener);
        long fsyncsAtOpen = log.fsyncCount();
        ConcurrentLinkedQueue<AppendResult> results = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                    AppendResult result = log.append(batch(1 + i % 3, 20 + thread, thread * 1000L + i));
                    assertThat(log.flushedOffset()).isGreaterThan(result.lastOffset());
                    results.add(result);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(20, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int appends = THREADS * APPENDS_PER_THREAD;
        Set<Long> offsets = new TreeSet<>();
        for (AppendResult r : results) {
            for (long o = r.baseOffset(); o <= r.lastOffset(); o++) {
                assertThat(offsets.add(o)).as("offset %d assigned twice", o).isTrue();
            }
        }
        assertThat(results).hasSize(appends);
        assertThat(offsets).hasSize((int) log.logEndOffset());
        assertThat(((TreeSet<Long>) offsets).last()).isEqualTo(log.logEndOffset() - 1);

        List<ByteBuffer> batches = log.readBatches(0, Integer.MAX_VALUE);
        assertThat(batches).hasSize(appends);
        long expected = 0;
        for (ByteBuffer b : batches) {
            RecordBatch batch = RecordBatch.of(b);
            batch.validate();
            assertThat(batch.baseOffset()).isEqualTo(expected);
            expected = batch.nextOffset();
        }

        long fsyncs = log.fsyncCount() - fsyncsAtOpen;
        assertThat(fsyncs).as("fsyncs for %d appends", appends).isLessThan(appends);
        assertThat(log.flushedOffset()).isEqualTo(log.logEndOffset());
        log.close();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("appenders did not all write within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
