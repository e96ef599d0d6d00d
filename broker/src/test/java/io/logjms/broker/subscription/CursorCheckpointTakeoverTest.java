package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.ReplicatedSubscriptionTest.LosingSink;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.selector.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that starts leading a partition rebuilds its subscriptions' cursors from the partition's cursor checkpoint
 * ({@link CursorCheckpoints}) and the records after it: a durable subscription keeps its place even when retention
 * has removed every entry it wrote, which a replay of the log alone can no longer find. Over a real replicated
 * partition with a replica set of one, on the calling thread.
 */
@Timeout(20)
class CursorCheckpointTakeoverTest {
    private static final int NODE = 1;
    private static final String ID = "durable/client/d";

    @TempDir
    Path dir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private PartitionLog log;
    private Partition partition;
    private CursorCheckpoints checkpoints;
    private int epoch;
    /** Record timestamps, strictly increasing, so a subscription's creation time falls between two records. */
    private long stamp = 1_000_000;
    /** The durable subscription's incarnation: its creation time. */
    private long incarnation;
    /** The text of each message appended, by offset. */
    private final List<String> texts = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();

    @BeforeEach
    void openPartition() throws java.io.IOException {
        log = PartitionLog.open(dir, new TopicPartition("t", 0), LogConfig.builder().fsyncPolicy(FsyncPolicy.OS)
                .segmentBytes(1024).fileDeleteDelayMs(0).build(), Clock.systemUTC());
        partition = Partition.follower(log);
        partition.useReplicaSet(new Partition.ReplicaSet(NODE, List.of(NODE)));
        checkpoints = new CursorCheckpoints(() -> List.of(partition));
    }

    @AfterEach
    void close() {
        checkpoints.close();
        timer.shutdownNow();
        log.close();
    }

    private void lead() {
        partition.becomeLeader(++epoch);
        partition.append(new RecordBatchBuilder().attributes(RecordBatchLayout.ATTR_CONTROL)
                .append(1000L, "logjms.epoch-start".getBytes(StandardCharsets.UTF_8), null, new byte[4]).build());
    }

    private void follow() {
        partition.becomeFollower(++epoch, partition.highWatermark());
    }

    private void append(String text) {
        stamp += 10;
        long offset = partition.append(new RecordBatchBuilder().append(stamp, null, null,
                text.getBytes(StandardCharsets.UTF_8)).build()).lastOffset();
        texts.add(text);
        offsets.add(offset);
    }

    /** The messages sent so far that retention kept, in order. */
    private List<String> keptByRetention() {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) >= log.logStartOffset()) {
                kept.add(texts.get(i));
            }
        }
        return kept;
    }

    private Subscription durable() throws Exception {
        incarnation = stamp + 5;
        Subscription s = new Subscription(ID, DestinationId.topic("t"), SubscriptionKind.DURABLE, Selector.parse(null),
                false, List.of(new LogPartitionSource(0, partition)),
                new ReplicatedCursorStore(ID, incarnation, Map.of(0, partition), 5000),
                new SubscriptionSettings(10, (r, from, n) -> { }, true), Runnable::run, timer, Clock.systemUTC());
        s.open(StartPosition.LATEST, 0);
        partition.addLeadershipListener(p -> s.leadershipChanged(0));
        return s;
    }

    @Test
    void aNewLeaderContinuesFromTheCheckpointWhenRetentionRemovedEveryEntryOfTheSubscription() throws Exception {
        lead();
        append("before");
        Subscription sub = durable();
        append("a");
        append("b");
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        sub.attach(consumer).join();
        assertThat(sink.texts()).as("starts at the latest record").containsExactly("a", "b");
        sub.ack(consumer, List.of(new RecordRef(0, offsets.get(1)), new RecordRef(0, offsets.get(2))), true).join();
        sub.detach(consumer).join();
        for (int i = 0; i < 60; i++) {
            append("m" + i);
        }
        assertThat(checkpoints.runOnce()).as("a checkpoint written up to the high watermark").isEqualTo(1);
        assertThat(checkpoints.runOnce()).as("nothing new: not written again").isZero();
        assertThat(Files.exists(dir.resolve(CursorCheckpointFile.FILE_NAME))).isTrue();

        log.updateConfig(log.config().toBuilder().retentionBytes(1).build());
        assertThat(log.deleteOldSegments()).as("retention removed the closed segments").isPositive();
        assertThat(CursorLogReplay.replay(log, CursorEntry.prefix(ID, incarnation), log.logEndOffset()))
                .as("the log alone no longer holds any entry of the subscription").isNull();

        follow();
        lead();
        LosingSink after = new LosingSink("c2");
        sub.attach(new SubscriptionConsumer(after, null, 1000)).join();
        List<String> kept = keptByRetention();
        assertThat(kept).as("retention kept some messages").isNotEmpty().doesNotContain("a", "b");
        assertThat(after.texts()).as("continues after its place, at the log start: every message retention kept")
                .containsExactlyElementsOf(kept);
    }

    /**
     * Without a checkpoint the rebuild finds no entry of the subscription either; it then starts where its {@code latest}
     * stood at its creation (the first record stamped after it, see "Cursor state in a cluster"), which here is before
     * everything retention kept: the same messages, read from the log start instead of from a checkpoint.
     */
    @Test
    void withoutACheckpointTheSameTakeoverStartsFromTheSubscriptionsCreation() throws Exception {
        lead();
        Subscription sub = durable();
        append("a");
        LosingSink sink = new LosingSink("c1");
        SubscriptionConsumer consumer = new SubscriptionConsumer(sink, null, 100);
        sub.attach(consumer).join();
        sub.ack(consumer, List.of(new RecordRef(0, offsets.get(0))), true).join();
        sub.detach(consumer).join();
        for (int i = 0; i < 60; i++) {
            append("m" + i);
        }
        log.updateConfig(log.config().toBuilder().retentionBytes(1).build());
        assertThat(log.deleteOldSegments()).isPositive();

        follow();
        lead();
        LosingSink after = new LosingSink("c2");
        sub.attach(new SubscriptionConsumer(after, null, 1000)).join();
        List<String> kept = keptByRetention();
        assertThat(kept).as("retention kept some messages").isNotEmpty().doesNotContain("a");
        assertThat(after.texts()).as("every message retention kept, none skipped").containsExactlyElementsOf(kept);
    }
}
