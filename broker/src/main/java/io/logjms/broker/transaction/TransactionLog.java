package io.logjms.broker.transaction;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's record of transactions being committed: a PREPARE entry holding everything the
 * transaction writes is forced to disk before any of it is applied, and a COMPLETE entry follows once
 * it is applied. On start-up every prepared transaction without COMPLETE is applied again (idempotently).
 * XA branches add three entries: XA_PREPARE holds a prepared branch (its Xid and its work) until the
 * transaction manager decides; XA_COMMIT is the PREPARE entry of that branch's commit and ends the
 * XA_PREPARE in the same write (so a crash leaves the branch either prepared or committing, never both);
 * XA_ROLLBACK ends it. Entries are {@link ChecksummedEntries} whose payload is:
 *
 * <pre>
 * int8 type   int64 id   then by type:
 *   1 PREPARE      id = transaction   payload bytes (see {@link PreparedTransaction})
 *   2 COMPLETE     id = transaction
 *   3 XA_PREPARE   id = branch        xid (int32 format, int32 length + global id, int32 length + qualifier),
 *                                     payload bytes
 *   4 XA_COMMIT    id = transaction   int64 branch id, payload bytes (batches as appended)
 *   5 XA_ROLLBACK  id = branch
 * </pre>
 *
 * Not thread-safe: the {@link TransactionCoordinator} serializes commits.
 */
final class TransactionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionLog.class);
    private static final byte PREPARE = 1;
    private static final byte COMPLETE = 2;
    private static final byte XA_PREPARE = 3;
    private static final byte XA_COMMIT = 4;
    private static final byte XA_ROLLBACK = 5;
    private static final long RESET_BYTES = 8L * 1024 * 1024;

    private final Path file;
    private FileChannel channel;

    TransactionLog(Path file) {
        this.file = file;
    }

    /**
     * What the log holds undecided at start-up: commits prepared but not completed (to apply again), and
     * XA branches prepared and not decided (XA_PREPARE payloads: xid, then the work), in order; and the
     * highest id it holds, so new ids do not clash with them.
     */
    record Pending(Map<Long, byte[]> commits, Map<Long, byte[]> xaBranches, long highestId) {
    }

    /** Opens the log and returns what is undecided in it. */
    Pending open() {
        try {
            Files.createDirectories(file.getParent());
            Map<Long, byte[]> prepared = new LinkedHashMap<>();
            Map<Long, byte[]> xaPrepared = new LinkedHashMap<>();
            long[] highest = {0};
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ChecksummedEntries.Scan scan = ChecksummedEntries.scan(ChecksummedEntries.readAll(channel), entry -> {
                if (entry.remaining() < 9) {
                    log.warn("transaction log {}: skipping an entry of {} bytes, too short for type and id", file,
                            entry.remaining());
                    return;
                }
                byte type = entry.get();
                long txnId = entry.getLong();
                highest[0] = Math.max(highest[0], txnId);
                switch (type) {
                    case PREPARE -> prepared.put(txnId, rest(entry));
                    case COMPLETE -> prepared.remove(txnId);
                    case XA_PREPARE -> xaPrepared.put(txnId, rest(entry));
                    case XA_COMMIT -> {
                        xaPrepared.remove(entry.getLong());
                        prepared.put(txnId, rest(entry));
                    }
                    case XA_ROLLBACK -> xaPrepared.remove(txnId);
                    default -> log.warn("transaction log {}: skipping an entry of unknown type {}", file, type);
                }
            });
            long valid = scan.validBytes();
            if (valid < channel.size()) {
                log.warn("transaction log {}: cut a torn tail of {} bytes at {}", file, channel.size() - valid, valid);
                channel.truncate(valid);
                channel.force(true);
            }
            channel.position(valid);
            return new Pending(prepared, xaPrepared, highest[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open transaction log " + file, e);
        }
    }

    void prepare(long txnId, byte[] payload, boolean sync) {
        write(PREPARE, txnId, payload);
        if (sync) {
            force();
        }
    }

    /** Makes an XA branch durable: {@code xidAndPayload} is its Xid then its work. Always forced. */
    void prepareBranch(long branchId, byte[] xidAndPayload) {
        write(XA_PREPARE, branchId, xidAndPayload);
        force();
    }

    /** The PREPARE entry of a prepared branch's commit, which also ends the branch's XA_PREPARE. Forced. */
    void commitBranch(long txnId, long branchId, byte[] payload) {
        write(XA_COMMIT, txnId, ByteBuffer.allocate(8 + payload.length).putLong(branchId).put(payload).array());
        force();
    }

    /** Ends a prepared branch without applying it. Forced. */
    void rollbackBranch(long branchId) {
        write(XA_ROLLBACK, branchId, new byte[0]);
        force();
    }

    private static byte[] rest(ByteBuffer entry) {
        byte[] payload = new byte[entry.remaining()];
        entry.get(payload);
        return payload;
    }

    void complete(long txnId) {
        write(COMPLETE, txnId, new byte[0]);
    }

    /**
     * Starts the file over when it has grown large; the caller calls it only when every transaction in it
     * is complete and no XA branch is prepared.
     */
    void resetIfLarge() {
        try {
            if (channel.size() > RESET_BYTES) {
                channel.truncate(0);
                channel.position(0);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset transaction log " + file, e);
        }
    }

    private void write(byte type, long txnId, byte[] payload) {
        ByteBuffer b = ChecksummedEntries.entry(ByteBuffer.allocate(9 + payload.length).put(type).putLong(txnId)
                .put(payload).array());
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write transaction log " + file, e);
        }
    }

    void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync transaction log " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.warn("could not close transaction log {}", file, e);
        }
    }
}
