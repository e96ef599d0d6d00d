package io.logjms.broker.metadata;

import static io.logjms.broker.metadata.MetadataFileLayout.JOURNAL_TEMP_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.LOCK_FILE;
import static io.logjms.broker.metadata.MetadataFileLayout.SNAPSHOT_TEMP_FILE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetadataStore} kept in a directory of its own, by default {@code <data.dir>/meta/}.
 *
 * <p>Every change is appended to a journal as a checksummed entry and forced to disk before the call returns.
 * When the journal grows past the compaction threshold, the whole state is written as a snapshot (to a
 * temporary file, forced, renamed atomically) and the journal is emptied. Opening loads the snapshot, replays the
 * journal and cuts off a torn final entry with a warning: a crash at any point loses no change whose call
 * returned and leaves readable files. Damage that a crash cannot explain makes {@link #open} fail with
 * {@link MetadataCorruptedException} instead of dropping data. File layout: {@link MetadataFileLayout}.
 *
 * <p>If writing fails, the store refuses further changes (reads go on), so nothing is appended after an entry
 * that may be incomplete. One store at a time may use a directory; a lock file enforces it. Thread-safe.
 */
public final class FileMetadataStore extends AbstractMetadataStore {
    /** The name of the metadata directory inside the broker's data directory. */
    public static final String DIRECTORY_NAME = "meta";
    /** The journal size above which a snapshot is written and the journal emptied. */
    public static final long DEFAULT_COMPACTION_THRESHOLD_BYTES = 4L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FileMetadataStore.class);

    private final Path directory;
    private final long compactionThresholdBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final MetadataJournal journal;

    private FileMetadataStore(Path directory, long compactionThresholdBytes, MetadataState state,
                              FileChannel lockChannel, FileLock lock, MetadataJournal journal) {
        super(state);
        this.directory = directory;
        this.compactionThresholdBytes = compactionThresholdBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.journal = journal;
    }

    /**
     * Opens the store in {@code <dataDirectory>/meta}, creating it if needed.
     *
     * @throws MetadataStoreInUseException if another broker holds the data directory (its lock file)
     */
    public static FileMetadataStore openInDataDirectory(Path dataDirectory) {
        try {
            return open(dataDirectory.resolve(DIRECTORY_NAME));
        } catch (MetadataStoreInUseException e) {
            throw new MetadataStoreInUseException("the data directory " + dataDirectory
                    + " is in use by another broker process (it holds the lock file " + e.lockFile()
                    + "); stop that broker or give this one another data.dir", e.lockFile());
        }
    }

    /** Opens the store in {@code directory}, creating it if needed, with the default compaction threshold. */
    public static FileMetadataStore open(Path directory) {
        return open(directory, DEFAULT_COMPACTION_THRESHOLD_BYTES);
    }

    /**
     * Opens the store in {@code directory}, creating it if needed.
     *
     * @param compactionThresholdBytes the journal size above which a snapshot is written
     * @throws MetadataCorruptedException if the stored files are damaged beyond a torn final entry
     * @throws MetadataStorageException if the files cannot be read or another store uses the directory
     */
    public static FileMetadataStore open(Path directory, long compactionThresholdBytes) {
        if (compactionThresholdBytes <= 0) {
            throw new IllegalArgumentException("compactionThresholdBytes must be positive: "
                    + compactionThresholdBytes);
        }
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, directory.resolve(LOCK_FILE));
            Files.deleteIfExists(directory.resolve(SNAPSHOT_TEMP_FILE));
            Files.deleteIfExists(directory.resolve(JOURNAL_TEMP_FILE));

            MetadataState state = new MetadataState();
            long snapshotSequence = 0;
            java.util.Optional<MetadataSnapshot.Contents> snapshot = MetadataSnapshot.read(directory);
            if (snapshot.isPresent()) {
                snapshot.get().changes().forEach(state::apply);
                snapshotSequence = snapshot.get().lastSequence();
                if (snapshot.get().legacy()) {
                    MetadataSnapshot.write(directory, snapshotSequence, snapshot.get().changes());
                    LOG.info("Metadata snapshot in {} rewritten in version {}", directory, MetadataFileLayout.VERSION);
                }
            }
            MetadataJournal journal = MetadataJournal.open(directory, snapshotSequence,
                    (sequence, change) -> state.apply(MetadataChangeCodec.decode(change)));
            LOG.debug("Opened metadata store {} at sequence {}", directory, journal.lastSequence());
            return new FileMetadataStore(directory, compactionThresholdBytes, state, lockChannel, lock, journal);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new MetadataStorageException("Cannot open metadata store " + directory + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path lockFile) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new MetadataStoreInUseException("the metadata store " + lockFile.getParent()
                    + " is in use by another store (it holds the lock file " + lockFile + ")", lockFile);
        }
        return lock;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Cannot close {}", channel, e);
        }
    }

    /** The directory holding the store's files. */
    public Path directory() {
        return directory;
    }

    @Override
    void persist(MetadataChange change) {
        try {
            journal.append(MetadataChangeCodec.encode(change));
        } catch (IOException e) {
            MetadataStorageException failure =
                    new MetadataStorageException("Cannot write metadata journal in " + directory + ": " + e, e);
            markFailed(failure);
            throw failure;
        }
    }

    @Override
    void afterApply() {
        if (journal.size() > compactionThresholdBytes) {
            compact();
        }
    }

    /**
     * Writes the state as a snapshot and empties the journal. The change that triggered it is already durable,
     * so a failure here does not fail that change; it stops further changes.
     */
    private void compact() {
        try {
            MetadataSnapshot.write(directory, journal.lastSequence(), stateAsChanges());
            journal.reset();
        } catch (IOException e) {
            MetadataStorageException failure =
                    new MetadataStorageException("Cannot compact metadata store " + directory + ": " + e, e);
            LOG.error("Metadata store {} stops accepting changes", directory, failure);
            markFailed(failure);
        }
    }

    @Override
    void closeStorage() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Cannot close metadata journal in {}", directory, e);
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Cannot release lock of metadata store {}", directory, e);
        }
        closeQuietly(lockChannel);
    }
}
