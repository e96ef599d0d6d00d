package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import jakarta.jms.InvalidSelectorException;
import io.logjms.selector.Selector;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The broker's dispatch to consumers, per record, without the network: a subscription over an
 * in-memory partition of {@value #RECORDS} records (16-record batches of 1 KiB bodies) hands them to
 * one consumer with a credit window of 1,000, which acknowledges and grants credit back as a client
 * would. Kinds: a topic subscription and a queue's shared cursor; with and without a selector (half of
 * the records match). It lives in the subscription package because {@link Subscription}'s constructor
 * is package-private. Run with {@code -prof gc} to see the allocation per record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class DispatchBenchmark {
    static final int RECORDS = 64 * 1024;
    static final int BATCH = 16;
    static final int CREDIT = 1000;

    @Param({"NON_DURABLE", "QUEUE"})
    public SubscriptionKind kind;

    @Param({"", "region = 'eu'"})
    public String selector;

    private final List<ByteBuffer> batches = new ArrayList<>();
    private ScheduledExecutorService timer;

    @Setup(Level.Trial)
    public void fill() {
        timer = Executors.newSingleThreadScheduledExecutor();
        byte[] body = new byte[1024];
        for (int base = 0; base < RECORDS; base += BATCH) {
            RecordBatchBuilder builder = new RecordBatchBuilder(BATCH * 1200);
            for (int i = 0; i < BATCH; i++) {
                MessageHeaders h = new MessageHeaders();
                h.setBodyType(BodyType.BYTES);
                h.setMessageId("ID:bench-" + (base + i));
                h.setProperty("region", (i & 1) == 0 ? "eu" : "us");
                builder.append(1000L, null, MessageHeadersCodec.encode(h), body);
            }
            ByteBuffer b = builder.build();
            new RecordBatch(b, 0).setBaseOffset(base);
            batches.add(b);
        }
    }

    @TearDown(Level.Trial)
    public void stopTimer() {
        timer.shutdownNow();
    }

    /** Every record of the partition dispatched, acknowledged and credited back. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int dispatchAll() throws InvalidSelectorException {
        Subscription subscription = new Subscription("bench", DestinationId.topic("bench"), kind,
                Selector.parse(selector.isEmpty() ? null : selector), false, List.of(new MemoryPartition()), null,
                new SubscriptionSettings(10, null, false), Runnable::run, timer, Clock.systemUTC());
        subscription.open(StartPosition.EARLIEST, 0);
        AckingSink sink = new AckingSink();
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, CREDIT);
        subscription.attach(consumer).join();
        long expected = selector.isEmpty() ? RECORDS : RECORDS / 2;
        while (sink.received < expected) {
            List<RecordRef> refs = sink.takeRefs();
            if (refs.isEmpty()) {
                throw new IllegalStateException("dispatch stalled after " + sink.received + " records");
            }
            subscription.ack(consumer, refs, false);
            subscription.credit(consumer, refs.size());
        }
        subscription.close(null, null, true).join();
        return sink.received;
    }

    /** Holds what was delivered until the benchmark acknowledges it. */
    static final class AckingSink implements DeliverySink {
        int received;
        private final List<RecordRef> pending = new ArrayList<>();

        @Override
        public void deliver(int partition, List<Delivery> records) {
            for (Delivery r : records) {
                pending.add(new RecordRef(partition, r.offset()));
            }
            received += records.size();
        }

        List<RecordRef> takeRefs() {
            List<RecordRef> refs = new ArrayList<>(pending);
            pending.clear();
            return refs;
        }

        @Override
        public void closed(ErrorCode error, String message) {
        }

        @Override
        public String connectionId() {
            return "bench";
        }
    }

    /** The benchmark's batches as a partition that never changes. */
    final class MemoryPartition implements PartitionSource {
        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long logStartOffset() {
            return 0;
        }

        @Override
        public long logEndOffset() {
            return RECORDS;
        }

        @Override
        public List<ByteBuffer> readBatches(long offset, int maxBytes) {
            if (offset >= RECORDS) {
                return List.of();
            }
            List<ByteBuffer> out = new ArrayList<>();
            int bytes = 0;
            for (int i = (int) (offset / BATCH); i < batches.size() && (out.isEmpty() || bytes < maxBytes); i++) {
                ByteBuffer b = batches.get(i).duplicate();
                bytes += b.remaining();
                out.add(b);
            }
            return out;
        }

        @Override
        public long offsetForTimestamp(long timestamp) {
            return 0;
        }
    }
}
