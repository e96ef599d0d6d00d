package io.logjms.broker.replication;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The durable form of a replica's epoch promise: one file, {@value #FILE_NAME}, in the partition's log
 * directory (so it goes with the log when the destination is deleted), holding one
 * {@link ChecksummedEntries} entry of (int32 epoch, int32 candidate node id), replaced atomically and forced
 * before the promise is answered. A file that fails its checksum is an error, never read as "no promise":
 * forgetting a promise could let two leaders share an epoch.
 */
public final class EpochPromiseStore {
    public static final String FILE_NAME = "leader-epoch.promise";

    /** A promise: no epoch below {@code epoch}, and {@code epoch} only for {@code candidate}. */
    public record Promise(int epoch, int candidate) {
    }

    private EpochPromiseStore() {
    }

    /** The promise stored in {@code logDir}, if any. */
    public static Optional<Promise> read(Path logDir) {
        Path file = logDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ByteBuffer content = ChecksummedEntries.readFile(file);
            Promise[] found = new Promise[1];
            ChecksummedEntries.Scan scan = ChecksummedEntries.scan(content, payload -> {
                found[0] = new Promise(payload.getInt(0), payload.getInt(4));
            });
            if (!scan.clean() || found[0] == null) {
                throw new IllegalStateException("the epoch promise file " + file + " is damaged ("
                        + (scan.clean() ? "empty" : scan.problem()) + "); remove the partition's directory so the"
                        + " broker copies it again from the leader");
            }
            return Optional.of(found[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the epoch promise " + file, e);
        }
    }

    /** Stores {@code promise} durably in {@code logDir}, replacing the previous one. */
    public static void write(Path logDir, Promise promise) {
        byte[] payload = ByteBuffer.allocate(8).putInt(promise.epoch()).putInt(promise.candidate()).array();
        try {
            ChecksummedEntries.writeFileAtomically(logDir.resolve(FILE_NAME), ChecksummedEntries.entry(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the epoch promise in " + logDir, e);
        }
    }
}
