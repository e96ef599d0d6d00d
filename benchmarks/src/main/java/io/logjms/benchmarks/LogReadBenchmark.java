package io.logjms.benchmarks;

import io.logjms.broker.log.FetchData;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Read throughput of one partition log holding 256 MiB of 16-record batches of 1 KiB records (in the
 * page cache after the fill): sequential fetches of {@code fetchBytes} copied into a direct buffer
 * (the path a consumer fetch takes short of the socket), the same through {@code readBatches} (heap
 * copies, for code that decodes records), and single-batch reads at random offsets (index lookup plus
 * header scan). {@code mebibytes} is the throughput in MiB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class LogReadBenchmark {
    private static final long LOG_BYTES = 256L << 20;

    @Param({"65536", "1048576"})
    public int fetchBytes;

    private Path dir;
    private PartitionLog log;

    @Setup(Level.Trial)
    public void fillLog() throws IOException {
        dir = BenchmarkLogs.newDirectory("logjms-read-bench");
        log = PartitionLog.open(dir, new TopicPartition("bench", 0),
                LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).build(), Clock.systemUTC());
        ByteBuffer batch = BenchmarkLogs.batchOf(16);
        while (log.sizeInBytes() < LOG_BYTES) {
            log.append(batch);
        }
        log.flush();
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        log.close();
        BenchmarkLogs.deleteRecursively(dir);
    }

    /** A consumer: its position and its receive buffer. */
    @State(Scope.Thread)
    public static class Cursor {
        long offset;
        ByteBuffer buffer;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void allocate(LogReadBenchmark benchmark) {
            buffer = ByteBuffer.allocateDirect(benchmark.fetchBytes + (1 << 20));
        }

        void advance(long next, long logEnd) {
            offset = next >= logEnd ? 0 : next;
        }
    }

    /** Throughput counters, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double mebibytes;

        @Setup(Level.Iteration)
        public void reset() {
            mebibytes = 0;
        }
    }

    @Benchmark
    public int fetchIntoDirectBuffer(Cursor cursor, Throughput throughput) throws IOException {
        FetchData data = log.read(cursor.offset, fetchBytes);
        ByteBuffer buffer = cursor.buffer;
        buffer.clear().limit(data.sizeInBytes());
        long position = data.position();
        while (buffer.hasRemaining()) {
            position += data.channel().read(buffer, position);
        }
        cursor.advance(data.nextOffset(), data.logEndOffset());
        throughput.mebibytes += data.sizeInBytes() / BenchmarkLogs.MIB;
        return buffer.position();
    }

    @Benchmark
    public int readBatchesCopy(Cursor cursor, Throughput throughput) {
        List<ByteBuffer> batches = log.readBatches(cursor.offset, fetchBytes);
        int bytes = 0;
        for (ByteBuffer b : batches) {
            bytes += b.remaining();
        }
        ByteBuffer last = batches.get(batches.size() - 1);
        cursor.advance(io.logjms.protocol.record.RecordBatch.of(last).nextOffset(), log.logEndOffset());
        throughput.mebibytes += bytes / BenchmarkLogs.MIB;
        return bytes;
    }

    @Benchmark
    public long randomOffsetLookup(Cursor cursor) {
        long offset = cursor.random.nextLong(log.logEndOffset());
        return log.read(offset, 1).position();
    }
}
