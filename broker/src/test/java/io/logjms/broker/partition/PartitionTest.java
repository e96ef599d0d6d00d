package io.logjms.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class PartitionTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

    @TempDir
    Path dir;
    @TempDir
    Path followerDir;
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PartitionLog::close);
    }

    private Partition open(Path where, FsyncPolicy policy) throws IOException {
        PartitionLog log = PartitionLog.open(where, TP, LogConfig.builder().fsyncPolicy(policy).fsyncIntervalMs(60_000)
                .fileDeleteDelayMs(0).build(), CLOCK);
        opened.add(log);
        return Partition.leader(log);
    }

    private static ByteBuffer batch(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records; i++) {
            builder.append(1_000, null, null, new byte[] {(byte) i});
        }
        return builder.build();
    }

    @Test
    void underEveryBatchTheHighWatermarkIsTheDurableEnd() throws IOException {
        Partition p = open(dir, FsyncPolicy.EVERY_BATCH);
        AppendResult r = p.append(batch(3));

        assertThat(p.logEndOffset()).isEqualTo(3);
        assertThat(p.durableEnd()).as("append does not force").isZero();
        assertThat(p.highWatermark()).isZero();
        assertThat(p.readBatches(0, 1 << 20)).as("consumers see nothing beyond the high watermark").isEmpty();
        CompletableFuture<Void> committed = p.awaitCommitted(r.lastOffset());
        assertThat(committed).isNotDone();

        p.flush();

        assertThat(committed).isCompleted();
        assertThat(p.durableEnd()).isEqualTo(3);
        assertThat(p.highWatermark()).isEqualTo(3);
        assertThat(p.readBatches(0, 1 << 20)).hasSize(1);
    }

    @Test
    void underIntervalTheHighWatermarkIsTheLogEndAndTheDurableEndLags() throws IOException {
        Partition p = open(dir, FsyncPolicy.INTERVAL);
        p.append(batch(2));

        assertThat(p.commitWaitsForFsync()).isFalse();
        assertThat(p.highWatermark()).isEqualTo(2);
        assertThat(p.durableEnd()).isZero();
        assertThat(p.read(0, 1 << 20).isEmpty()).isFalse();
    }

    @Test
    void theLeaderStampsItsEpochOnEveryBatchAndTheCheckpointRecordsIt() throws IOException {
        Partition p = open(dir, FsyncPolicy.OS);
        p.append(batch(1));
        p.becomeLeader(4);
        p.append(batch(2));

        List<ByteBuffer> stored = p.readBatches(0, 1 << 20);
        assertThat(stored).extracting(b -> RecordBatch.of(b).leaderEpoch()).containsExactly(0, 4);
        assertThat(stored).allSatisfy(b -> RecordBatch.of(b).validate());
        assertThat(p.epochEntries()).containsExactly(new LeaderEpochCache.EpochEntry(0, 0),
                new LeaderEpochCache.EpochEntry(4, 1));
        assertThat(p.endOffsetFor(0).endOffset()).isEqualTo(1);
    }

    @Test
    void aReopenedPartitionLeadsInTheLatestEpochOfItsLog() throws IOException {
        Partition p = open(dir, FsyncPolicy.OS);
        p.becomeLeader(7);
        p.append(batch(1));
        opened.remove(p.log());
        p.log().close();

        Partition again = open(dir, FsyncPolicy.OS);
        assertThat(again.leaderEpoch()).isEqualTo(7);
        assertThat(again.role()).isEqualTo(Partition.Role.LEADER);
        assertThatThrownBy(() -> again.becomeLeader(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("older than epoch 7");
    }

    @Test
    void aFollowerTakesTheLeadersHighWatermarkNeverBackwardsNorPastItsLogEnd() throws IOException {
        Partition leader = open(dir, FsyncPolicy.OS);
        leader.append(batch(2));
        leader.append(batch(2));
        Partition follower = open(followerDir, FsyncPolicy.OS);
        follower.becomeFollower(0, 0);

        follower.appendAsFollower(copy(leader.read(0, 1 << 20)));
        assertThat(follower.logEndOffset()).isEqualTo(4);
        assertThat(follower.highWatermark()).isZero();

        follower.updateHighWatermark(2);
        assertThat(follower.highWatermark()).isEqualTo(2);
        follower.updateHighWatermark(1);
        assertThat(follower.highWatermark()).as("never backwards").isEqualTo(2);
        follower.updateHighWatermark(99);
        assertThat(follower.highWatermark()).as("never past the log end").isEqualTo(4);
        assertThat(follower.readBatches(0, 1 << 20)).hasSize(2);
    }

    @Test
    void truncationBelowTheHighWatermarkIsRefusedAndAboveItCuts() throws IOException {
        Partition leader = open(dir, FsyncPolicy.OS);
        leader.append(batch(2));
        leader.append(batch(2));
        leader.append(batch(2));
        Partition follower = open(followerDir, FsyncPolicy.OS);
        follower.becomeFollower(0, 0);
        follower.appendAsFollower(copy(leader.read(0, 1 << 20)));
        follower.updateHighWatermark(2);

        assertThatThrownBy(() -> follower.truncateTo(1)).isInstanceOf(TruncationBelowHighWatermarkException.class)
                .hasMessageContaining("high watermark 2");
        assertThat(follower.logEndOffset()).as("nothing removed").isEqualTo(6);

        assertThat(follower.truncateTo(4)).isEqualTo(4);
        assertThat(follower.logEndOffset()).isEqualTo(4);
        assertThat(follower.highWatermark()).isEqualTo(2);
    }

    @Test
    void eachRoleRefusesTheOthersWrites() throws IOException {
        Partition leader = open(dir, FsyncPolicy.OS);
        leader.append(batch(1));
        ByteBuffer copied = copy(leader.read(0, 1 << 20));

        assertThatThrownBy(() -> leader.appendAsFollower(copied)).isInstanceOf(NotLeaderException.class)
                .hasMessageContaining("leader");
        assertThatThrownBy(() -> leader.truncateTo(0)).isInstanceOf(NotLeaderException.class);

        Partition follower = open(followerDir, FsyncPolicy.OS);
        follower.becomeFollower(1, 0);
        assertThatThrownBy(() -> follower.append(batch(1))).isInstanceOf(NotLeaderException.class)
                .hasMessageContaining("follower in epoch 1");
        assertThat(follower.logEndOffset()).isZero();
    }

    @Test
    void aFollowerPromotedToLeaderContinuesInItsNewEpoch() throws IOException {
        Partition leader = open(dir, FsyncPolicy.OS);
        leader.append(batch(2));
        Partition follower = open(followerDir, FsyncPolicy.OS);
        follower.becomeFollower(0, 0);
        follower.appendAsFollower(copy(leader.read(0, 1 << 20)));
        follower.updateHighWatermark(2);

        follower.becomeLeader(1);
        AppendResult r = follower.append(batch(1));

        assertThat(r.baseOffset()).isEqualTo(2);
        assertThat(follower.highWatermark()).isEqualTo(3);
        assertThat(follower.endOffsetFor(0)).isEqualTo(new LeaderEpochCache.EpochEndOffset(0, 2));
    }

    private static ByteBuffer copy(io.logjms.broker.log.FetchData data) throws IOException {
        return data.copyBytes();
    }
}
