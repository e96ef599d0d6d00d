package io.logjms.benchmarks;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Append throughput of one partition log: batches of 16 or 64 records of 1 KiB, with fsync policy
 * OS (page cache only) and EVERY_BATCH (append returns after fsync), from one thread and from four
 * (where EVERY_BATCH appenders share fsyncs). The {@code mebibytes} counter is the throughput in MiB/s;
 * {@code fsyncs} is the fsync rate. Each iteration starts a new log in a new directory.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class LogAppendBenchmark {
    @Param({"16", "64"})
    public int recordsPerBatch;

    @Param({"OS", "EVERY_BATCH"})
    public FsyncPolicy fsyncPolicy;

    private Path dir;
    private PartitionLog log;
    private long fsyncsAtStart;

    @Setup(Level.Iteration)
    public void openLog() throws IOException {
        dir = BenchmarkLogs.newDirectory("logjms-append-bench");
        log = PartitionLog.open(dir, new TopicPartition("bench", 0),
                LogConfig.builder().fsyncPolicy(fsyncPolicy).fileDeleteDelayMs(0).build(), Clock.systemUTC());
        fsyncsAtStart = log.fsyncCount();
    }

    @TearDown(Level.Iteration)
    public void deleteLog() {
        long fsyncs = log.fsyncCount() - fsyncsAtStart;
        long bytes = log.sizeInBytes();
        log.close();
        BenchmarkLogs.deleteRecursively(dir);
        System.out.printf("  [%d MiB appended, %d fsyncs]%n", bytes >> 20, fsyncs);
    }

    /** Each thread's own batch: append stamps the base offset into it. */
    @State(Scope.Thread)
    public static class ThreadBatch {
        ByteBuffer batch;
        double mebibytes;

        @Setup(Level.Trial)
        public void build(LogAppendBenchmark benchmark) {
            batch = BenchmarkLogs.batchOf(benchmark.recordsPerBatch);
            mebibytes = batch.remaining() / BenchmarkLogs.MIB;
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
    public AppendResult append(ThreadBatch batch, Throughput throughput) {
        AppendResult result = log.append(batch.batch);
        throughput.mebibytes += batch.mebibytes;
        return result;
    }

    @Benchmark
    @Threads(4)
    public AppendResult appendFourThreads(ThreadBatch batch, Throughput throughput) {
        AppendResult result = log.append(batch.batch);
        throughput.mebibytes += batch.mebibytes;
        return result;
    }
}
