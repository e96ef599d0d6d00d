package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.selector.Selector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole stored batches sent from the file: used for a subscription of its own without selector or
 * noLocal, and never otherwise; either way the consumer (decoding as the logjms client does) gets the
 * same records with the same delivery counts.
 */
@Timeout(30)
class WholeBatchDeliveryTest {
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private PartitionLog log;

    @BeforeEach
    void openLog() throws IOException {
        log = PartitionLog.open(dir.resolve("log"), new TopicPartition("t", 0), LogConfig.defaults(), clock);
    }

    @AfterEach
    void close() {
        log.close();
        timer.shutdownNow();
    }

    /**
     * A consumer's view, decoded as the logjms client decodes DELIVER: records as they are, whole batches
     * with delivery count 1 and without the records before the position it was given or handed out.
     */
    static final class ClientSink implements DeliverySink {
        final boolean acceptsBatches;
        final List<String> received = new ArrayList<>();
        final Map<Integer, Long> next = new HashMap<>();
        int batchFrames;
        int recordFrames;
        /** Records received in whole batches, those skipped included: what they cost in credit. */
        int batchRecords;

        ClientSink(boolean acceptsBatches) {
            this.acceptsBatches = acceptsBatches;
        }

        void positioned(Map<Integer, Long> positions) {
            next.putAll(positions);
        }

        @Override
        public void deliver(int partition, List<Delivery> deliveries) {
            recordFrames++;
            for (Delivery d : deliveries) {
                add(partition, d.offset(), text(d.record().value()), d.deliveryCount());
            }
        }

        @Override
        public boolean acceptsBatches() {
            return acceptsBatches;
        }

        @Override
        public void deliverBatches(int partition, BatchDelivery batches) {
            batchFrames++;
            ByteBuffer bytes = ByteBuffer.allocate(batches.sizeInBytes());
            try {
                while (bytes.hasRemaining()) {
                    batches.channel().read(bytes, batches.position() + bytes.position());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes.flip();
            int records = 0;
            while (bytes.hasRemaining()) {
                RecordBatch batch = new RecordBatch(bytes, bytes.position());
                batch.validate();
                for (var it = batch.records(); it.hasNext(); ) {
                    Record r = it.next();
                    records++;
                    if (r.offset() >= next.getOrDefault(partition, 0L)) {
                        add(partition, r.offset(), text(Record.toArray(r.value())), 1);
                    }
                }
                bytes.position(bytes.position() + batch.sizeInBytes());
            }
            assertThat(records).as("record count of the delivery").isEqualTo(batches.recordCount());
            batchRecords += records;
        }

        private void add(int partition, long offset, String text, int count) {
            received.add(offset + ":" + text + ":" + count);
            next.merge(partition, offset + 1, Math::max);
        }

        private static String text(byte[] value) {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public void closed(ErrorCode error, String message) {
        }

        @Override
        public String connectionId() {
            return "c1";
        }
    }

    /** Appends one batch of {@code texts}, each record's headers set by {@code headers}. */
    private void appendBatch(Consumer<MessageHeaders> headers, String... texts) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (String t : texts) {
            MessageHeaders h = new MessageHeaders();
            headers.accept(h);
            builder.append(NOW - 1000, null, MessageHeadersCodec.encode(h), t.getBytes(StandardCharsets.UTF_8));
        }
        log.append(builder.build());
    }

    private void appendBatch(String... texts) {
        appendBatch(h -> { }, texts);
    }

    private Subscription subscription(SubscriptionKind kind, String selector, boolean noLocal, boolean wholeBatches,
                                      CursorStore store) throws Exception {
        Subscription s = new Subscription("test", DestinationId.topic("t"), kind, Selector.parse(selector), noLocal,
                List.of(new LogPartitionSource(0, io.logjms.broker.partition.Partition.leader(log))), store, new SubscriptionSettings(10, null, false, wholeBatches),
                Runnable::run, timer, clock);
        s.open(StartPosition.EARLIEST, 0);
        return s;
    }

    private ClientSink consume(Subscription s, int credit) {
        ClientSink sink = new ClientSink(true);
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 0);
        sink.positioned(s.attach(consumer).join());
        s.credit(consumer, credit);
        return sink;
    }

    /** What a consumer of a fresh subscription receives, with whole batches allowed or not. */
    private ClientSink drain(SubscriptionKind kind, String selector, boolean noLocal, boolean wholeBatches)
            throws Exception {
        return consume(subscription(kind, selector, noLocal, wholeBatches, null), 1000);
    }

    @Test
    void aSubscriptionOfItsOwnGetsWholeBatchesAndTheSameRecords() throws Exception {
        appendBatch("a", "b", "c");
        appendBatch("d", "e");
        ClientSink whole = drain(SubscriptionKind.NON_DURABLE, null, false, true);
        ClientSink records = drain(SubscriptionKind.NON_DURABLE, null, false, false);
        assertThat(whole.batchFrames).isPositive();
        assertThat(whole.recordFrames).isZero();
        assertThat(records.batchFrames).isZero();
        assertThat(whole.received).containsExactly("0:a:1", "1:b:1", "2:c:1", "3:d:1", "4:e:1")
                .isEqualTo(records.received);
    }

    @Test
    void selectorNoLocalAndSharedSubscriptionsGetRecords() throws Exception {
        appendBatch("a", "b");
        assertThat(drain(SubscriptionKind.NON_DURABLE, "JMSPriority >= 0", false, true).batchFrames).isZero();
        assertThat(drain(SubscriptionKind.NON_DURABLE, null, true, true).batchFrames).isZero();
        assertThat(drain(SubscriptionKind.SHARED_NON_DURABLE, null, false, true).batchFrames).isZero();
        assertThat(drain(SubscriptionKind.SHARED_DURABLE, null, false, true).batchFrames).isZero();
        ClientSink noLocal = drain(SubscriptionKind.NON_DURABLE, null, true, true);
        assertThat(noLocal.received).containsExactly("0:a:1", "1:b:1");
    }

    @Test
    void aBatchThatStartsBeforeThePositionDeliversOnlyWhatFollowsIt() throws Exception {
        appendBatch("a", "b", "c", "d");
        appendBatch("e");
        List<List<String>> both = new ArrayList<>();
        for (boolean wholeBatches : new boolean[] {true, false}) {
            Subscription s = subscription(SubscriptionKind.NON_DURABLE, null, false, wholeBatches, null);
            ClientSink sink = new ClientSink(true);
            SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 0);
            s.attach(consumer).join();
            sink.positioned(s.seek(SeekMode.OFFSET, 2, 0).join());
            s.credit(consumer, 100);
            assertThat(sink.batchFrames).isEqualTo(wholeBatches ? 1 : 0);
            if (wholeBatches) {
                assertThat(sink.batchRecords).as("the skipped records came along and cost credit").isEqualTo(5);
            }
            both.add(sink.received);
        }
        assertThat(both.get(0)).containsExactly("2:c:1", "3:d:1", "4:e:1").isEqualTo(both.get(1));
    }

    @Test
    void expiredAndDelayedRecordsAreNeverHandedOutInAWholeBatch() throws Exception {
        appendBatch("a", "b");
        appendBatch(h -> h.setExpiration(NOW - 1), "expired1", "expired2");
        appendBatch(h -> h.setExpiration(NOW + 60_000), "ttl-left");
        appendBatch(h -> h.setDeliveryTime(NOW + 60_000), "later");
        appendBatch("z");
        ClientSink whole = drain(SubscriptionKind.NON_DURABLE, null, false, true);
        ClientSink records = drain(SubscriptionKind.NON_DURABLE, null, false, false);
        assertThat(whole.received).containsExactly("0:a:1", "1:b:1", "4:ttl-left:1", "6:z:1")
                .isEqualTo(records.received);
        assertThat(whole.batchFrames).as("the first batch went whole").isEqualTo(1);
        assertThat(whole.recordFrames).as("the rest went record by record").isPositive();
    }

    @Test
    void aMixOfPrioritiesIsOrderedAsOnTheRecordPath() throws Exception {
        appendBatch("a", "b");
        appendBatch(h -> h.setPriority(9), "urgent");
        appendBatch("z");
        ClientSink whole = drain(SubscriptionKind.NON_DURABLE, null, false, true);
        ClientSink records = drain(SubscriptionKind.NON_DURABLE, null, false, false);
        assertThat(whole.received).containsExactly("2:urgent:1", "0:a:1", "1:b:1", "3:z:1")
                .isEqualTo(records.received);
        assertThat(whole.batchFrames).isZero();
    }

    @Test
    void creditLeftAfterAWholeBatchIsPaidBackBeforeTheNextOne() throws Exception {
        appendBatch("a", "b", "c", "d", "e");
        appendBatch("f");
        Subscription s = subscription(SubscriptionKind.NON_DURABLE, null, false, true, null);
        ClientSink sink = new ClientSink(true);
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 2);
        s.attach(consumer).join();
        assertThat(sink.received).hasSize(5);
        s.credit(consumer, 3);
        assertThat(sink.received).as("credit is -3 after the batch of 5").hasSize(5);
        s.credit(consumer, 1);
        assertThat(sink.received).hasSize(6).endsWith("5:f:1");
    }

    @Test
    void aReopenedDurableSubscriptionRedeliversWithTheSameCountsEitherWay() throws Exception {
        appendBatch("a", "b", "c");
        appendBatch("d", "e");
        List<List<String>> both = new ArrayList<>();
        for (boolean wholeBatches : new boolean[] {true, false}) {
            Path state = dir.resolve("cursor-" + wholeBatches);
            Subscription first = subscription(SubscriptionKind.DURABLE, null, false, wholeBatches, new CursorJournal(state));
            ClientSink sink = consume(first, 1000);
            assertThat(sink.received).hasSize(5);
            SubscriptionConsumer acker = new SubscriptionConsumer(sink, null, 0);
            first.ack(acker, List.of(new RecordRef(0, 0)), true).join(); // acknowledgements go by record
            first.close(null, null, false).join();
            Subscription again = subscription(SubscriptionKind.DURABLE, null, false, wholeBatches,
                    new CursorJournal(state));
            ClientSink second = consume(again, 1000);
            assertThat(second.batchFrames).as("redeliveries go as records").isZero();
            both.add(second.received);
            again.close(null, null, false).join();
        }
        assertThat(both.get(0)).containsExactly("1:b:2", "2:c:2", "3:d:2", "4:e:2").isEqualTo(both.get(1));
    }
}
