package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    private final DestinationMetadata orders = DestinationMetadata.of(DestinationKey.topic("orders"), 3)
            .withRetentionMs(-1L).withRetentionBytes(1000L).withSegmentBytes(4096L);

    @Override
    protected MetadataStore newStore() {
        return FileMetadataStore.open(dir);
    }

    private Path journal() {
        return dir.resolve(MetadataFileLayout.JOURNAL_FILE);
    }

    private Path snapshot() {
        return dir.resolve(MetadataFileLayout.SNAPSHOT_FILE);
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    @Test
    void changesSurviveReopening() {
        try (FileMetadataStore first = FileMetadataStore.open(dir)) {
            first.createDestination(orders);
            first.createDestination(DestinationMetadata.of(DestinationKey.queue("jobs"), 1));
            first.deleteDestination(DestinationKey.queue("jobs"));
            first.putRecord("cursor", "sub-1", new byte[] {1, 2, 3});
            first.putRecord("cursor", "sub-2", new byte[0]);
            first.deleteRecord("cursor", "sub-2");
        }

        try (FileMetadataStore second = FileMetadataStore.open(dir)) {
            assertThat(second.destinations()).containsExactly(orders);
            assertThat(second.records("cursor")).containsOnlyKeys("sub-1");
            assertThat(second.record("cursor", "sub-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        }
    }

    @Test
    void openInDataDirectoryUsesTheMetaSubdirectory() {
        try (FileMetadataStore store = FileMetadataStore.openInDataDirectory(dir)) {
            assertThat(store.directory()).isEqualTo(dir.resolve("meta"));
            store.createDestination(orders);
        }
        assertThat(dir.resolve("meta").resolve(MetadataFileLayout.JOURNAL_FILE)).exists();
    }

    @Test
    void compactionWritesASnapshotAndEmptiesTheJournal() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir, 200)) {
            for (int i = 0; i < 20; i++) {
                store.putRecord("ns", "key-" + i, new byte[30]);
            }
            store.createDestination(orders);
            assertThat(snapshot()).exists();
            assertThat(Files.size(journal())).isLessThanOrEqualTo(200 + 100);
        }

        try (FileMetadataStore reopened = FileMetadataStore.open(dir, 200)) {
            assertThat(reopened.records("ns")).hasSize(20);
            assertThat(reopened.destinations()).containsExactly(orders);
            reopened.putRecord("ns", "after", new byte[1]);
        }
        try (FileMetadataStore again = FileMetadataStore.open(dir, 200)) {
            assertThat(again.records("ns")).hasSize(21);
        }
    }

    @Test
    void crashBetweenSnapshotAndJournalResetLosesNothing() throws IOException {
        Path uncompacted = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-uncompacted"));
        for (Path target : List.of(dir, uncompacted)) {
            long threshold = target == dir ? 200 : FileMetadataStore.DEFAULT_COMPACTION_THRESHOLD_BYTES;
            try (FileMetadataStore store = FileMetadataStore.open(target, threshold)) {
                store.putRecord("ns", "a", new byte[40]); // each entry takes 72 bytes
                store.putRecord("ns", "b", new byte[40]);
                store.putRecord("ns", "c", new byte[40]); // in dir: passes the threshold, snapshot at sequence 3
            }
        }
        assertThat(snapshot()).exists();
        // The journal as it was when the snapshot had been renamed into place but the journal not yet emptied.
        Files.copy(uncompacted.resolve(MetadataFileLayout.JOURNAL_FILE), journal(),
                StandardCopyOption.REPLACE_EXISTING);

        try (FileMetadataStore store = FileMetadataStore.open(dir, 200)) {
            assertThat(store.records("ns")).containsOnlyKeys("a", "b", "c");
            assertThat(Files.size(journal())).isEqualTo(MetadataFileLayout.JOURNAL_HEADER_BYTES);
            store.putRecord("ns", "d", new byte[1]);
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir, 200)) {
            assertThat(store.records("ns")).containsOnlyKeys("a", "b", "c", "d");
        }
    }

    @Test
    void leftoverTemporaryFilesAreIgnored() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            store.createDestination(orders);
        }
        Files.write(dir.resolve(MetadataFileLayout.SNAPSHOT_TEMP_FILE), new byte[] {1, 2, 3});
        Files.write(dir.resolve(MetadataFileLayout.JOURNAL_TEMP_FILE), new byte[] {4});

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).containsExactly(orders);
        }
        assertThat(dir.resolve(MetadataFileLayout.SNAPSHOT_TEMP_FILE)).doesNotExist();
    }

    @Test
    void tornTailOfGarbageIsCutOffAndWritingGoesOn() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            store.createDestination(orders);
        }
        long intact = Files.size(journal());
        append(journal(), new byte[] {0, 0, 0, 0, 0, 0, 0, 40, 9, 9, 9});

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(Files.size(journal())).isEqualTo(intact);
            store.putRecord("ns", "k", new byte[] {7});
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).containsExactly(orders);
            assertThat(store.records("ns")).containsOnlyKeys("k");
        }
    }

    @Test
    void zeroFilledTailIsCutOff() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            store.createDestination(orders);
        }
        append(journal(), new byte[4096]);

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).containsExactly(orders);
        }
    }

    @Test
    void damageFollowedByIntactEntriesRefusesToOpen() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            store.putRecord("ns", "first", new byte[10]);
            store.putRecord("ns", "second", new byte[10]);
        }
        flipByte(journal(), MetadataFileLayout.JOURNAL_HEADER_BYTES + MetadataFileLayout.CHANGE_OFFSET + 2);

        assertThatThrownBy(() -> FileMetadataStore.open(dir))
                .isInstanceOf(MetadataCorruptedException.class)
                .hasMessageContaining("intact later entry");
    }

    @Test
    void damagedSnapshotRefusesToOpen() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir, 10)) {
            store.createDestination(orders);
        }
        assertThat(snapshot()).exists();
        flipByte(snapshot(), MetadataFileLayout.SNAPSHOT_HEADER_BYTES + 3);

        assertThatThrownBy(() -> FileMetadataStore.open(dir))
                .isInstanceOf(MetadataCorruptedException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void journalNotContinuingTheSnapshotRefusesToOpen() throws IOException {
        try (FileMetadataStore store = FileMetadataStore.open(dir, 150)) {
            store.putRecord("ns", "a", new byte[10]); // sequence 1
            store.putRecord("ns", "b", new byte[200]); // sequence 2 passes the threshold: snapshot at 2
            store.putRecord("ns", "c", new byte[1]); // journal: sequence 3
            store.putRecord("ns", "d", new byte[1]); // journal: sequence 4
        }
        byte[] current = Files.readAllBytes(journal());
        int first = MetadataFileLayout.JOURNAL_HEADER_BYTES;
        int firstBytes = ByteBuffer.wrap(current).getInt(first + MetadataFileLayout.LENGTH_OFFSET)
                + MetadataFileLayout.SEQUENCE_OFFSET;
        byte[] withoutSequence3 = new byte[current.length - firstBytes];
        System.arraycopy(current, 0, withoutSequence3, 0, first);
        System.arraycopy(current, first + firstBytes, withoutSequence3, first, current.length - first - firstBytes);
        Files.write(journal(), withoutSequence3);

        assertThatThrownBy(() -> FileMetadataStore.open(dir, 150))
                .isInstanceOf(MetadataCorruptedException.class)
                .hasMessageContaining("starts at sequence 4 but the snapshot ends at 2");
    }

    @Test
    void journalShorterThanItsHeaderStartsEmpty() throws IOException {
        Files.createDirectories(dir);
        Files.write(journal(), new byte[] {0x4C, 0x4A});

        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).isEmpty();
            store.createDestination(orders);
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir)) {
            assertThat(store.destinations()).containsExactly(orders);
        }
    }

    @Test
    void unknownJournalHeaderRefusesToOpen() throws IOException {
        Files.createDirectories(dir);
        Files.write(journal(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> FileMetadataStore.open(dir)).isInstanceOf(MetadataCorruptedException.class);
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (FileMetadataStore first = FileMetadataStore.open(dir)) {
            assertThatThrownBy(() -> FileMetadataStore.open(dir))
                    .isInstanceOf(MetadataStorageException.class)
                    .hasMessageContaining("in use");
            first.createDestination(orders);
        }
        try (FileMetadataStore afterClose = FileMetadataStore.open(dir)) {
            assertThat(afterClose.destinations()).containsExactly(orders);
        }
    }

    @Test
    void failedCompactionStopsFurtherChangesButNotReads() throws IOException {
        Path blockedSnapshot = snapshot();
        try (FileMetadataStore store = FileMetadataStore.open(dir, 100)) {
            store.putRecord("ns", "a", new byte[10]);
            // A non-empty directory where the snapshot goes makes the rename of the snapshot fail.
            Files.createDirectories(blockedSnapshot.resolve("blocker"));

            store.putRecord("ns", "b", new byte[100]); // durable in the journal; its compaction fails

            assertThatThrownBy(() -> store.putRecord("ns", "c", new byte[1]))
                    .isInstanceOf(MetadataStorageException.class)
                    .hasMessageContaining("refuses changes");
            assertThat(store.records("ns")).containsOnlyKeys("a", "b");
        }
        Files.delete(blockedSnapshot.resolve("blocker"));
        Files.delete(blockedSnapshot);

        try (FileMetadataStore store = FileMetadataStore.open(dir, 100)) {
            assertThat(store.records("ns")).containsOnlyKeys("a", "b");
        }
    }

    private static void flipByte(Path file, int position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, position);
        }
    }
}
