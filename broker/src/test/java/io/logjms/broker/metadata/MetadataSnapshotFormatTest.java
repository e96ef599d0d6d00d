package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata snapshot on {@link ChecksummedEntries} (version 2): the version 1 snapshot in
 * {@code src/test/resources/metadata/legacy-v1} (written by the version 1 code, at sequence 4) still loads
 * and is rewritten; a damaged or cut snapshot, which a crash cannot leave (it is replaced atomically), refuses
 * to open with {@link MetadataCorruptedException}, as a damaged snapshot did before.
 */
@Timeout(30)
class MetadataSnapshotFormatTest {
    private static final DestinationMetadata ORDERS =
            DestinationMetadata.of(DestinationKey.topic("orders"), 3).withRetentionMs(60_000L);

    @TempDir
    Path dir;

    private Path snapshot() {
        return dir.resolve(MetadataFileLayout.SNAPSHOT_FILE);
    }

    @Test
    void aVersion1SnapshotLoadsAndIsRewrittenInVersion2() throws IOException {
        for (String name : new String[] {MetadataFileLayout.JOURNAL_FILE, MetadataFileLayout.SNAPSHOT_FILE}) {
            try (InputStream in = getClass().getResourceAsStream("/metadata/legacy-v1/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        assertThat(LegacySnapshotReader.isLegacy(ByteBuffer.wrap(Files.readAllBytes(snapshot())))).isTrue();

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).contains(ORDERS);
        }

        ByteBuffer rewritten = ByteBuffer.wrap(Files.readAllBytes(snapshot()));
        assertThat(LegacySnapshotReader.isLegacy(rewritten)).isFalse();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(rewritten, payload -> { });
        assertThat(scan.clean()).isTrue();
        assertThat(rewritten.getInt(ChecksummedEntries.HEADER_BYTES)).isEqualTo(MetadataFileLayout.SNAPSHOT_MAGIC);
        assertThat(rewritten.getInt(ChecksummedEntries.HEADER_BYTES + 4)).isEqualTo(MetadataFileLayout.VERSION);
        assertThat(rewritten.getLong(ChecksummedEntries.HEADER_BYTES + 8)).as("its last sequence").isEqualTo(4);
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).contains(ORDERS);
            assertThat(store.record("sub", "durable-1")).isPresent();
        }
    }

    @Test
    void aVersion2SnapshotIsOneEntryPerChangeAfterItsHeader() throws IOException {
        byte[] whole = version2Snapshot();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(ByteBuffer.wrap(whole), payload -> { });
        assertThat(scan.clean()).isTrue();
        assertThat(scan.entries()).as("the header, the destination and three records").isEqualTo(5);
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).containsExactly(ORDERS);
            assertThat(store.records("ns")).containsOnlyKeys("a", "b", "c");
        }
    }

    @Test
    void aVersion2SnapshotDamagedAtAnyByteRefusesToOpen() throws IOException {
        byte[] whole = version2Snapshot();
        for (int i = 0; i < whole.length; i++) {
            byte[] damaged = whole.clone();
            damaged[i] ^= 0x04;
            Files.write(snapshot(), damaged);
            assertThatThrownBy(() -> FileMetadataStore.open(dir).close()).as("damaged byte %d", i)
                    .isInstanceOf(MetadataCorruptedException.class)
                    .hasMessageContaining("Metadata snapshot " + snapshot());
        }
    }

    @Test
    void aVersion2SnapshotCutAtAnyByteRefusesToOpen() throws IOException {
        byte[] whole = version2Snapshot();
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(snapshot(), Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> FileMetadataStore.open(dir).close()).as("cut at byte %d", cut)
                    .isInstanceOf(MetadataCorruptedException.class)
                    .hasMessageContaining("Metadata snapshot " + snapshot());
        }
    }

    /** A store whose last change passed the compaction threshold: all of its state is in the snapshot. */
    private byte[] version2Snapshot() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir, 200)) {
            store.createDestination(ORDERS);
            store.putRecord("ns", "a", new byte[10]);
            store.putRecord("ns", "b", new byte[10]);
            store.putRecord("ns", "c", new byte[300]);
        }
        assertThat(Files.size(dir.resolve(MetadataFileLayout.JOURNAL_FILE)))
                .as("compacted: only the journal header is left").isEqualTo(MetadataFileLayout.JOURNAL_HEADER_BYTES);
        return Files.readAllBytes(snapshot());
    }
}
