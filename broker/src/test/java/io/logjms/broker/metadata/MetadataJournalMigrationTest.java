package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A data directory written by logjms before the metadata journal moved onto {@link ChecksummedEntries}: the
 * files in {@code src/test/resources/metadata/legacy-v1} were written by the version 1 code (a snapshot at
 * sequence 4 and a journal with sequences 5 to 7) and must load unchanged, then be rewritten in the current
 * format.
 */
@Timeout(10)
class MetadataJournalMigrationTest {
    private static final DestinationMetadata ORDERS =
            DestinationMetadata.of(DestinationKey.topic("orders"), 3).withRetentionMs(60_000L);
    private static final DestinationMetadata JOBS =
            DestinationMetadata.of(DestinationKey.queue("jobs"), 1).withRetentionMs(-1L);

    @TempDir
    Path dir;

    private void copyLegacyFiles() throws IOException {
        for (String name : new String[] {MetadataFileLayout.JOURNAL_FILE, MetadataFileLayout.SNAPSHOT_FILE}) {
            try (InputStream in = getClass().getResourceAsStream("/metadata/legacy-v1/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    private Path journal() {
        return dir.resolve(MetadataFileLayout.JOURNAL_FILE);
    }

    private void assertLegacyState(MetadataStore store) {
        assertThat(store.destinations()).containsExactlyInAnyOrder(ORDERS, JOBS);
        assertThat(store.records("sub")).containsOnlyKeys("durable-1");
        assertThat(store.record("sub", "durable-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(store.record("cursor", "c1")).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
    }

    @Test
    void aVersion1DirectoryLoadsAndItsJournalIsRewrittenInTheCurrentFormat() throws IOException {
        copyLegacyFiles();
        assertThat(LegacyJournalReader.isLegacy(ByteBuffer.wrap(Files.readAllBytes(journal())))).isTrue();

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertLegacyState(store);
        }

        ByteBuffer rewritten = ByteBuffer.wrap(Files.readAllBytes(journal()));
        assertThat(LegacyJournalReader.isLegacy(rewritten)).isFalse();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(rewritten, payload -> { });
        assertThat(scan.clean()).isTrue();
        assertThat(scan.entries()).as("the header and sequences 5 to 7").isEqualTo(4);

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertLegacyState(store);
            store.putRecord("cursor", "c2", new byte[] {8});
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertLegacyState(store);
            assertThat(store.records("cursor")).containsOnlyKeys("c1", "c2");
        }
    }

    @Test
    void aVersion1JournalWithATornTailLosesOnlyTheTornEntry() throws IOException {
        copyLegacyFiles();
        byte[] whole = Files.readAllBytes(journal());
        Files.write(journal(), Arrays.copyOf(whole, whole.length - 3));

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).as("the update of orders, sequence 7, was torn")
                    .containsExactlyInAnyOrder(DestinationMetadata.of(DestinationKey.topic("orders"), 3), JOBS);
            assertThat(store.record("cursor", "c1")).isPresent();
            store.updateDestination(ORDERS);
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertLegacyState(store);
        }
    }
}
