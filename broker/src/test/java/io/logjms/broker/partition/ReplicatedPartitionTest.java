package io.logjms.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
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

/** A partition of a cluster: commit by majority, the epoch-start rule, stepping down and promises. */
@Timeout(10)
class ReplicatedPartitionTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private static final Partition.ReplicaSet ON_NODE_1 = new Partition.ReplicaSet(1, List.of(1, 2, 3));

    @TempDir
    Path dir;
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PartitionLog::close);
    }

    private Partition follower() throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.builder().fsyncPolicy(FsyncPolicy.EVERY_BATCH)
                .fileDeleteDelayMs(0).build(), CLOCK);
        opened.add(log);
        Partition p = Partition.follower(log);
        p.useReplicaSet(ON_NODE_1);
        return p;
    }

    private static ByteBuffer batch(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < records; i++) {
            builder.append(1_000, null, null, new byte[] {(byte) i});
        }
        return builder.build();
    }

    /** A batch of epoch {@code epoch} at {@code base}, as a leader of that epoch wrote it. */
    private static ByteBuffer leaderBatch(long base, int epoch, int records) {
        ByteBuffer b = batch(records);
        b.putLong(b.position(), base);
        b.putInt(b.position() + 12, epoch);
        return b;
    }

    @Test
    void aRestartedClusterBrokerOpensItsPartitionsAsFollowersThatRefuseProduce() throws IOException {
        Partition p = follower();

        assertThat(p.role()).isEqualTo(Partition.Role.FOLLOWER);
        assertThatThrownBy(() -> p.append(batch(1))).isInstanceOf(NotLeaderException.class);
        p.becomeCandidate(1);
        assertThatThrownBy(() -> p.append(batch(1))).isInstanceOf(LeaderNotAvailableException.class)
                .hasMessageContaining("taking over");
    }

    @Test
    void aSendIsCommittedOnceAMajorityHoldsItDurableNotBefore() throws IOException {
        Partition p = follower();
        p.promise(1, 1);
        p.becomeLeader(1);
        AppendResult r = p.append(batch(3));
        CompletableFuture<Void> committed = p.awaitCommitted(r.lastOffset());

        p.flush();
        assertThat(committed).as("the leader alone is one of three").isNotDone();
        assertThat(p.highWatermark()).isZero();
        assertThat(p.readBatches(0, 1 << 20)).isEmpty();

        p.recordReplicaProgress(3, 3);

        assertThat(committed).isCompleted();
        assertThat(p.highWatermark()).isEqualTo(3);
        assertThat(p.commitShortfall(5)).contains("only 0 of the 3 replicas", "2 are needed");
    }

    @Test
    void recordsOfAnOlderEpochWaitForARecordOfTheLeadersOwnEpoch() throws IOException {
        Partition p = follower();
        p.becomeFollower(1, 0);
        p.appendAsFollower(1, leaderBatch(0, 1, 2));
        p.promise(2, 1);
        p.becomeLeader(2);

        p.recordReplicaProgress(2, 2);
        assertThat(p.highWatermark()).as("offsets 0-1 of epoch 1 on two of three").isZero();

        p.append(batch(1));
        p.flush();
        p.recordReplicaProgress(2, 3);
        assertThat(p.highWatermark()).isEqualTo(3);
    }

    @Test
    void aDeposedLeaderFailsItsWaitingSendsWithNotLeaderAndKeepsItsHighWatermark() throws IOException {
        Partition p = follower();
        p.promise(1, 1);
        p.becomeLeader(1);
        p.append(batch(1));
        p.flush();
        p.recordReplicaProgress(2, 1);
        CompletableFuture<Void> waiting = p.awaitCommitted(p.append(batch(1)).lastOffset());

        p.promise(2, 3);

        assertThat(p.role()).as("a promise of a newer epoch deposes it").isEqualTo(Partition.Role.FOLLOWER);
        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(NotLeaderException.class);
        assertThat(p.highWatermark()).isEqualTo(1);
        assertThat(p.truncateTo(2, 1)).as("what it alone had goes").isEqualTo(1);
        assertThatThrownBy(() -> p.truncateTo(2, 0)).isInstanceOf(TruncationBelowHighWatermarkException.class);
    }

    @Test
    void aPromiseFencesOlderEpochsAndOtherCandidatesOfTheSameEpoch() throws IOException {
        Partition p = follower();
        p.becomeFollower(4, 0);
        p.promise(5, 3);

        assertThatThrownBy(() -> p.appendAsFollower(4, leaderBatch(0, 4, 1)))
                .isInstanceOf(FencedLeaderEpochException.class);
        assertThatThrownBy(() -> p.promise(4, 3)).isInstanceOf(FencedLeaderEpochException.class);
        assertThatThrownBy(() -> p.promise(5, 2)).isInstanceOf(FencedLeaderEpochException.class);
        assertThatThrownBy(() -> p.becomeLeader(5)).as("epoch 5 was promised to node 3")
                .isInstanceOf(FencedLeaderEpochException.class);
        p.promise(5, 3);
        assertThat(p.promisedEpoch()).isEqualTo(5);
        assertThat(p.logEndOffset()).isZero();
    }

    @Test
    void theHighWatermarkNeverMovesBack() throws IOException {
        Partition p = follower();
        p.promise(1, 1);
        p.becomeLeader(1);
        p.append(batch(4));
        p.flush();
        p.recordReplicaProgress(2, 4);
        p.useReplicaSet(new Partition.ReplicaSet(1, List.of(1, 2, 3, 4, 5)));

        assertThat(p.highWatermark()).isEqualTo(4);
    }
}
