package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class LeaderEpochCacheTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final List<LeaderEpochCache.EpochEntry> WRITTEN = List.of(new LeaderEpochCache.EpochEntry(0, 0),
            new LeaderEpochCache.EpochEntry(2, 10), new LeaderEpochCache.EpochEntry(3, 25));

    @TempDir
    Path dir;

    private Path checkpoint() {
        return dir.resolve(LeaderEpochCache.FILE_NAME);
    }

    private byte[] writeThreeEpochs() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir, TP, 0);
        for (LeaderEpochCache.EpochEntry e : WRITTEN) {
            cache.assign(e.epoch(), e.startOffset());
        }
        return Files.readAllBytes(checkpoint());
    }

    @Test
    void aTornCheckpointRecoversAPrefixOfWhatWasWrittenAndIsRewrittenClean() throws IOException {
        byte[] whole = writeThreeEpochs();
        for (int cut = 0; cut <= whole.length; cut++) {
            Files.write(checkpoint(), java.util.Arrays.copyOf(whole, cut));

            LeaderEpochCache loaded = LeaderEpochCache.load(dir, TP, 100);

            int entryBytes = ChecksummedEntries.sizeOf(12);
            assertThat(loaded.entries()).as("cut at byte %d", cut).isEqualTo(WRITTEN.subList(0, cut / entryBytes));
            ChecksummedEntries.Scan rescan = ChecksummedEntries.scan(ByteBuffer.wrap(Files.readAllBytes(checkpoint())),
                    b -> { });
            assertThat(rescan.clean()).as("rewritten without the torn tail, cut at %d", cut).isTrue();
            assertThat(rescan.entries()).isEqualTo(cut / entryBytes);
        }
    }

    @Test
    void aCorruptEntryEndsWhatIsTrusted() throws IOException {
        byte[] whole = writeThreeEpochs();
        int second = ChecksummedEntries.sizeOf(12);
        whole[second + ChecksummedEntries.HEADER_BYTES + 3] ^= 0x40;
        Files.write(checkpoint(), whole);

        assertThat(LeaderEpochCache.load(dir, TP, 100).entries()).containsExactly(WRITTEN.get(0));
    }

    @Test
    void epochsStartingPastTheLogEndAreDroppedAtLoad() throws IOException {
        writeThreeEpochs();

        LeaderEpochCache loaded = LeaderEpochCache.load(dir, TP, 20);

        assertThat(loaded.entries()).containsExactly(WRITTEN.get(0), WRITTEN.get(1));
        assertThat(loaded.latestEpoch()).isEqualTo(2);
        assertThat(LeaderEpochCache.load(dir, TP, 20).entries()).as("and the file says so").hasSize(2);
    }

    @Test
    void truncationFromTheEndIsWrittenThrough() throws IOException {
        writeThreeEpochs();
        LeaderEpochCache cache = LeaderEpochCache.load(dir, TP, 100);

        cache.truncateFromEnd(10);

        assertThat(cache.entries()).containsExactly(WRITTEN.get(0));
        assertThat(LeaderEpochCache.load(dir, TP, 100).entries()).containsExactly(WRITTEN.get(0));
        assertThat(cache.endOffsetFor(5, 8)).isEqualTo(new LeaderEpochCache.EpochEndOffset(0, 8));
    }

    @Test
    void anOlderEpochIsRefusedAndTheLatestIsIdempotent() throws IOException {
        writeThreeEpochs();
        LeaderEpochCache cache = LeaderEpochCache.load(dir, TP, 100);

        cache.assign(3, 40);
        assertThat(cache.entries()).isEqualTo(WRITTEN);
        assertThatThrownBy(() -> cache.assign(1, 40)).isInstanceOf(StaleLeaderEpochException.class);
    }

    @Test
    void aMissingFileIsAnEmptyCacheAndWritesNothing() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir, TP, 0);

        assertThat(cache.latestEpoch()).isEqualTo(LeaderEpochCache.UNDEFINED_EPOCH);
        assertThat(cache.endOffsetFor(3, 0).undefined()).isTrue();
        assertThat(Files.exists(checkpoint())).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }
}
