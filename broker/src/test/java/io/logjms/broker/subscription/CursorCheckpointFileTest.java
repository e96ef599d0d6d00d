package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.subscription.CursorCheckpoint.BatchId;
import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cursor checkpoint file: read back as written; damaged, of another version, or not fitting its log: not used. */
class CursorCheckpointFileTest {
    private static final byte[] PREFIX = CursorEntry.prefix("queue/q", 3);

    @TempDir
    Path dir;

    private static PartitionState state() {
        PartitionState s = new PartitionState();
        s.floor = 4;
        s.deliveredMark = 1028;
        s.acked.add(6L);
        s.counts.put(5L, 3);
        return s;
    }

    private static CursorCheckpoint checkpoint(long offset, BatchId last) {
        return new CursorCheckpoint(offset, last, Map.of(ByteBuffer.wrap(PREFIX), CursorEntry.snapshot(PREFIX, state())));
    }

    @Test
    void aCheckpointIsReadBackAsWritten() throws IOException {
        Path file = dir.resolve(CursorCheckpointFile.FILE_NAME);
        BatchId last = new BatchId(7, 9, 2, 0xCAFEBABEL);
        CursorCheckpointFile.write(file, checkpoint(10, last));
        CursorCheckpoint read = CursorCheckpointFile.read(file);
        assertThat(read.offset()).isEqualTo(10);
        assertThat(read.lastBatch()).isEqualTo(last);
        PartitionState s = read.state(PREFIX);
        assertThat(s.floor).isEqualTo(4);
        assertThat(s.deliveredMark).isEqualTo(1028);
        assertThat(s.acked).containsExactly(6L);
        assertThat(s.counts).containsExactly(Map.entry(5L, 3));
        assertThat(read.state(CursorEntry.prefix("queue/q", 4))).as("another incarnation").isNull();
        assertThat(Files.exists(dir.resolve(CursorCheckpointFile.FILE_NAME + ".tmp"))).isFalse();
        assertThat(CursorCheckpointFile.read(dir.resolve("missing")).isNone()).isTrue();
    }

    @Test
    void aDamagedOrOtherVersionFileIsRefusedSayingWhyAndNotUsed() throws IOException {
        try (PartitionLog log = PartitionLog.open(dir.resolve("log"), new TopicPartition("q", 0),
                LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).build(), Clock.systemUTC())) {
            log.append(new RecordBatchBuilder().append(1L, null, null, "m".getBytes(StandardCharsets.UTF_8)).build());
            Path file = CursorCheckpointFile.in(log);
            CursorCheckpointFile.write(file, checkpoint(1, new BatchId(0, 0, 0, 1)));
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 3] ^= 1;
            Files.write(file, bytes);
            assertThatThrownBy(() -> CursorCheckpointFile.read(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("damaged");
            assertThat(CursorCheckpointFile.usable(log, log.logEndOffset()).isNone()).isTrue();

            ByteBuffer header = ByteBuffer.allocate(48);
            header.putInt(CursorCheckpointFile.MAGIC).putInt(2).rewind();
            ByteBuffer out = ByteBuffer.allocate(56);
            ChecksummedEntries.write(out, header);
            Files.write(file, out.array());
            assertThatThrownBy(() -> CursorCheckpointFile.read(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("has version 2");
        }
    }

    @Test
    void aCheckpointFitsOnlyALogThatStillHoldsTheBatchItEndsWith() throws IOException {
        try (PartitionLog log = PartitionLog.open(dir.resolve("log"), new TopicPartition("q", 0),
                LogConfig.builder().fsyncPolicy(FsyncPolicy.OS).build(), Clock.systemUTC())) {
            log.append(new RecordBatchBuilder().append(1L, null, null, "m".getBytes(StandardCharsets.UTF_8)).build());
            log.append(new RecordBatchBuilder().append(1L, null, null, "n".getBytes(StandardCharsets.UTF_8)).build());
            BatchId second = BatchId.of(RecordBatch.of(log.readBatches(1, 1).get(0)));
            assertThat(checkpoint(2, second).fits(log, 2)).isTrue();
            assertThat(checkpoint(2, second).fits(log, 1)).as("above the end of the replay").isFalse();
            assertThat(checkpoint(2, new BatchId(1, 1, 0, second.crc() + 1)).fits(log, 2)).as("another batch").isFalse();
            log.truncateTo(1);
            log.append(new RecordBatchBuilder().append(1L, null, null, "n".getBytes(StandardCharsets.UTF_8)).build(), 5);
            assertThat(checkpoint(2, second).fits(log, 2)).as("written again by a newer leader").isFalse();
        }
    }
}
