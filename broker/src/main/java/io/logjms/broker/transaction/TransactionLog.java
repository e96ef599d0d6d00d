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
 * Entries are {@link ChecksummedEntries} whose payload is:
 *
 * <pre>
 * int8 type (1 PREPARE, 2 COMPLETE)   int64 transaction id   PREPARE: payload bytes (see {@link PreparedTransaction})
 * </pre>
 *
 * Not thread-safe: the {@link TransactionCoordinator} serializes commits.
 */
final class TransactionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionLog.class);
    private static final byte PREPARE = 1;
    private static final byte COMPLETE = 2;
    private static final long RESET_BYTES = 8L * 1024 * 1024;

    private final Path file;
    private FileChannel channel;

    TransactionLog(Path file) {
        this.file = file;
    }

    /** Opens the log and returns the payloads of transactions prepared but not completed, in order. */
    Map<Long, byte[]> open() {
        try {
            Files.createDirectories(file.getParent());
            Map<Long, byte[]> prepared = new LinkedHashMap<>();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ChecksummedEntries.Scan scan = ChecksummedEntries.scan(ChecksummedEntries.readAll(channel), entry -> {
                if (entry.remaining() < 9) {
                    log.warn("transaction log {}: skipping an entry of {} bytes, too short for type and id", file,
                            entry.remaining());
                    return;
                }
                byte type = entry.get();
                long txnId = entry.getLong();
                if (type == PREPARE) {
                    byte[] payload = new byte[entry.remaining()];
                    entry.get(payload);
                    prepared.put(txnId, payload);
                } else if (type == COMPLETE) {
                    prepared.remove(txnId);
                }
            });
            long valid = scan.validBytes();
            if (valid < channel.size()) {
                log.warn("transaction log {}: cut a torn tail of {} bytes at {}", file, channel.size() - valid, valid);
                channel.truncate(valid);
                channel.force(true);
            }
            channel.position(valid);
            return prepared;
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

    void complete(long txnId) {
        write(COMPLETE, txnId, new byte[0]);
    }

    /** Starts the file over when every transaction in it is complete and it has grown large. */
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
