package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.selector.Selector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatch rules of a subscription, run on the calling thread over an in-memory partition. */
class SubscriptionTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final MemoryPartition partition = new MemoryPartition();
    private final List<String> deadLettered = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** An append-only list of single-record batches. */
    static final class MemoryPartition implements PartitionSource {
        final List<ByteBuffer> batches = new ArrayList<>();

        void append(String text, Consumer<MessageHeaders> headers) {
            append(text, null, headers);
        }

        /** Appends a record whose key (the message group) is {@code group}. */
        void append(String text, String group, Consumer<MessageHeaders> headers) {
            MessageHeaders h = new MessageHeaders();
            headers.accept(h);
            byte[] key = group == null ? null : group.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = new RecordBatchBuilder().append(1000L, key, MessageHeadersCodec.encode(h),
                    text.getBytes(StandardCharsets.UTF_8)).build();
            new RecordBatch(b, 0).setBaseOffset(batches.size());
            batches.add(b);
        }

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
            return batches.size();
        }

        @Override
        public List<ByteBuffer> readBatches(long offset, int maxBytes) {
            return offset < batches.size() ? List.of(batches.get((int) offset).duplicate()) : List.of();
        }

        @Override
        public long offsetForTimestamp(long timestamp) {
            return 0;
        }
    }

    static final class Sink implements DeliverySink {
        final List<DeliveredRecord> received = new ArrayList<>();
        final String connection;

        Sink(String connection) {
            this.connection = connection;
        }

        @Override
        public void deliver(int p, List<Delivery> records) {
            records.forEach(d -> received.add(new DeliveredRecord(d.offset(), d.record().timestamp(), d.deliveryCount(),
                    d.record().key(), d.record().headerBytes(), d.record().value())));
        }

        @Override
        public void closed(ErrorCode error, String message) {
        }

        @Override
        public String connectionId() {
            return connection;
        }

        List<String> texts() {
            return received.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        }
    }

    private Subscription subscription(SubscriptionKind kind, String selector, int maxDeliveries) throws Exception {
        Subscription s = new Subscription("test", DestinationId.queue("q"), kind, Selector.parse(selector), false,
                List.of(partition), null,
                new SubscriptionSettings(maxDeliveries, (r, from, n) -> deadLettered.add(new String(r.value(),
                        StandardCharsets.UTF_8)), false),
                Runnable::run, timer, clock);
        s.open(StartPosition.EARLIEST, 0);
        return s;
    }

    private void append(String... texts) {
        for (String t : texts) {
            partition.append(t, h -> { });
        }
    }

    @Test
    void competingConsumersShareTheQueueWithinTheirCredit() throws Exception {
        append("a", "b", "c", "d", "e");
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink one = new Sink("c1");
        Sink two = new Sink("c2");
        queue.attach(new SubscriptionConsumer(one, null, 2)).join();
        SubscriptionConsumer second = new SubscriptionConsumer(two, null, 10);
        queue.attach(second).join();
        assertThat(one.texts()).containsExactly("a", "b");
        assertThat(two.texts()).containsExactly("c", "d", "e");
    }

    @Test
    void aMessageGroupSticksToTheConsumerThatGotItsFirstMessage() throws Exception {
        for (int i = 0; i < 4; i++) {
            for (String group : List.of("g0", "g1", "g2")) {
                partition.append(group + "-" + i, group, h -> { });
            }
        }
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink one = new Sink("c1");
        Sink two = new Sink("c2");
        SubscriptionConsumer first = new SubscriptionConsumer(one, null, 2);
        SubscriptionConsumer second = new SubscriptionConsumer(two, null, 2);
        queue.attach(first).join();
        queue.attach(second).join();
        // c1 took g0 and g1 with its first two credits; c2 got g2; then both ran out of credit
        assertThat(one.texts()).containsExactly("g0-0", "g1-0");
        assertThat(two.texts()).containsExactly("g2-0", "g2-1");
        queue.credit(first, 10);
        queue.credit(second, 10);
        queue.positions().join();
        assertThat(one.texts()).containsExactly("g0-0", "g1-0", "g0-1", "g1-1", "g0-2", "g1-2", "g0-3", "g1-3");
        assertThat(two.texts()).containsExactly("g2-0", "g2-1", "g2-2", "g2-3");
    }

    @Test
    void aGroupMovesToAnotherConsumerWhenItsConsumerLeaves() throws Exception {
        partition.append("a0", "a", h -> { });
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink one = new Sink("c1");
        SubscriptionConsumer first = new SubscriptionConsumer(one, null, 10);
        queue.attach(first).join();
        Sink two = new Sink("c2");
        queue.attach(new SubscriptionConsumer(two, null, 10)).join();
        partition.append("a1", "a", h -> { });
        queue.wakeup();
        queue.positions().join();
        assertThat(one.texts()).containsExactly("a0", "a1");
        queue.detach(first).join();
        partition.append("a2", "a", h -> { });
        queue.wakeup();
        queue.positions().join();
        assertThat(two.texts()).as("the records c1 held come back, then the new one").containsExactly("a0", "a1", "a2");
    }

    @Test
    void queueKeepsRecordsNoConsumerSelectsUntilOneDoes() throws Exception {
        partition.append("red", h -> h.setProperty("color", "red"));
        partition.append("blue", h -> h.setProperty("color", "blue"));
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink blues = new Sink("c1");
        queue.attach(new SubscriptionConsumer(blues, Selector.parse("color = 'blue'"), 10)).join();
        assertThat(blues.texts()).containsExactly("blue");
        Sink reds = new Sink("c2");
        queue.attach(new SubscriptionConsumer(reds, Selector.parse("color = 'red'"), 10)).join();
        assertThat(reds.texts()).containsExactly("red");
    }

    @Test
    void aConsumerWithoutCreditDoesNotHoldBackWhatASelectorConsumerWithCreditSelects() throws Exception {
        partition.append("plain", h -> h.setProperty("lastMessage", false));
        partition.append("last", h -> h.setProperty("lastMessage", true));
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink idle = new Sink("c1");
        SubscriptionConsumer stopped = new SubscriptionConsumer(idle, null, 0);
        queue.attach(stopped).join();
        Sink selecting = new Sink("c2");
        queue.attach(new SubscriptionConsumer(selecting, Selector.parse("lastMessage = TRUE"), 10)).join();
        assertThat(selecting.texts()).as("the head record waits for the consumer without credit; the next is selected")
                .containsExactly("last");
        queue.credit(stopped, 10);
        queue.positions().join();
        assertThat(idle.texts()).containsExactly("plain");
    }

    @Test
    void topicSubscriptionSkipsWhatItsSelectorRejectsAndCommitsPastIt() throws Exception {
        partition.append("red", h -> h.setProperty("color", "red"));
        partition.append("blue", h -> h.setProperty("color", "blue"));
        Subscription sub = subscription(SubscriptionKind.NON_DURABLE, "color = 'blue'", 10);
        Sink sink = new Sink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 10);
        sub.attach(consumer).join();
        assertThat(sink.texts()).containsExactly("blue");
        sub.ack(consumer, List.of(new RecordRef(0, 1)), true).join();
        assertThat(sub.committedPositions().join()).containsEntry(0, 2L);
    }

    @Test
    void expiredRecordsAreNeverDelivered() throws Exception {
        partition.append("stale", h -> h.setExpiration(clock.millis() - 1));
        partition.append("fresh", h -> h.setExpiration(clock.millis() + 60_000));
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink sink = new Sink("c1");
        queue.attach(new SubscriptionConsumer(sink, null, 10)).join();
        assertThat(sink.texts()).containsExactly("fresh");
    }

    @Test
    void higherPriorityGoesFirstAmongReadyRecords() throws Exception {
        partition.append("low", h -> h.setPriority(1));
        partition.append("normal", h -> { });
        partition.append("high", h -> h.setPriority(9));
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink sink = new Sink("c1");
        queue.attach(new SubscriptionConsumer(sink, null, 10)).join();
        assertThat(sink.texts()).containsExactly("high", "normal", "low");
    }

    @Test
    void releasedRecordsComeBackCountedAndGoToTheDeadLetterSinkAfterTheMaximum() throws Exception {
        append("poison");
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 2);
        Sink sink = new Sink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 10);
        queue.attach(consumer).join();
        queue.release(consumer, List.of(new RecordRef(0, 0)), true).join();
        assertThat(sink.received).extracting(DeliveredRecord::deliveryCount).containsExactly(1, 2);
        queue.release(consumer, List.of(new RecordRef(0, 0)), true).join();
        assertThat(deadLettered).containsExactly("poison");
        assertThat(queue.committedPositions().join()).containsEntry(0, 1L);
    }

    @Test
    void detachedConsumersRecordsGoToTheOtherConsumer() throws Exception {
        append("x");
        Subscription queue = subscription(SubscriptionKind.QUEUE, null, 10);
        Sink first = new Sink("c1");
        SubscriptionConsumer gone = new SubscriptionConsumer(first, null, 10);
        queue.attach(gone).join();
        Sink second = new Sink("c2");
        queue.attach(new SubscriptionConsumer(second, null, 10)).join();
        assertThat(queue.detach(gone).join()).isEqualTo(1);
        assertThat(second.received).hasSize(1);
        assertThat(second.received.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void seekReplaysFromTheNewPosition() throws Exception {
        append("a", "b", "c");
        Subscription sub = subscription(SubscriptionKind.NON_DURABLE, null, 10);
        Sink sink = new Sink("c1");
        sub.attach(new SubscriptionConsumer(sink, null, 10)).join();
        Map<Integer, Long> positions = sub.seek(io.logjms.protocol.api.SeekMode.OFFSET, 1, -1).join();
        assertThat(positions).containsEntry(0, 1L);
        assertThat(sink.texts()).containsExactly("a", "b", "c", "b", "c");
    }
}
