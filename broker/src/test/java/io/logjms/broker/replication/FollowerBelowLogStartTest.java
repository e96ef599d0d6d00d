package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that was away while retention removed, on its leader, what it would copy next: it starts its log
 * over at the leader's log start and copies on from there, instead of asking for an offset the leader no longer
 * has for ever. Real logs on both sides, the leader's serving code and the follower's fetch step, no network.
 */
@Timeout(20)
class FollowerBelowLogStartTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private static final int LEADER = 1;
    private static final int FOLLOWER = 2;

    @TempDir
    Path leaderDir;
    @TempDir
    Path followerDir;
    private final List<PartitionLog> opened = new ArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        executor.shutdownNow();
        opened.forEach(PartitionLog::close);
    }

    private PartitionLog open(Path dir, LogConfig config) throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, config, CLOCK);
        opened.add(log);
        return log;
    }

    private static ByteBuffer batch(int marker) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < 3; i++) {
            builder.append(1_000, null, null, new byte[] {(byte) marker, (byte) i, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        return builder.build();
    }

    /** One fetch of the follower from the leader, answered and applied. */
    private static FetchLoop.Outcome fetchOnce(ReplicaServing serving, Replica leader, Partition follower)
            throws IOException {
        ReplicaFetchRequest req = FetchLoop.request(follower, FOLLOWER, 0, ReplicaFetchRequest.FOLLOW, 1 << 20, 0);
        FetchAnswer answer = serving.read(leader, req);
        ByteBuffer bytes = answer.data() == null ? ByteBuffer.allocate(0) : answer.data().copyBytes();
        return FetchLoop.apply(follower, LEADER, 0, ReplicaFetchRequest.FOLLOW, answer.header(), bytes);
    }

    @Test
    void aFollowerWhoseLogEndsBelowTheLeadersLogStartStartsOverThereAndCatchesUp() throws IOException {
        LogConfig keepLittle = LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).fileDeleteDelayMs(0).segmentBytes(400)
                .indexIntervalBytes(1).retentionMs(-1).retentionBytes(800L).build();
        Partition leader = Partition.leader(open(leaderDir, keepLittle));
        Partition follower = Partition.follower(open(followerDir, keepLittle));
        Replica leaderReplica = new Replica(leader, 10_000);
        ReplicaServing serving = new ReplicaServing(tp -> leaderReplica, executor, CLOCK);
        leader.append(batch(0));
        assertThat(fetchOnce(serving, leaderReplica, follower)).isEqualTo(FetchLoop.Outcome.APPENDED);
        assertThat(follower.logEndOffset()).isEqualTo(3);

        for (int i = 1; i <= 20; i++) {
            leader.append(batch(i));
        }
        assertThat(leader.log().deleteOldSegments()).isPositive();
        long start = leader.logStartOffset();
        assertThat(start).as("the follower's next offset is gone on the leader").isGreaterThan(3);

        assertThat(fetchOnce(serving, leaderReplica, follower)).isEqualTo(FetchLoop.Outcome.TRUNCATED);
        assertThat(follower.logStartOffset()).isEqualTo(start);
        assertThat(follower.logEndOffset()).isEqualTo(start);
        for (int i = 0; i < 50 && follower.logEndOffset() < leader.logEndOffset(); i++) {
            fetchOnce(serving, leaderReplica, follower);
        }

        assertThat(follower.logEndOffset()).isEqualTo(leader.logEndOffset());
        assertThat(follower.log().readBatches(start, 1 << 20)).hasSameSizeAs(leader.log().readBatches(start, 1 << 20));
        assertThat(follower.log().readBatches(start, 1 << 20).get(0))
                .isEqualTo(leader.log().readBatches(start, 1 << 20).get(0));
    }
}
