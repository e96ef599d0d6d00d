package io.logjms.broker.metadata;

import io.logjms.broker.journal.ChecksummedEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out producer ids that stay unique across broker restarts and, through the node id in the high bits,
 * across the brokers of a cluster:
 *
 * <pre>
 *  63  62            47 46                                                  0
 * +---+----------------+-----------------------------------------------------+
 * | 0 | node id (16)   | counter (47 bits)                                   |
 * +---+----------------+-----------------------------------------------------+
 * </pre>
 *
 * Counters are reserved in blocks of {@value #BLOCK_SIZE}: before the first id of a block is given out, the
 * end of the block is written to {@value #FILE} in the data directory (one {@link ChecksummedEntries} entry:
 * int32 node id, int64 reserved counter end; replaced atomically). After a restart allocation continues at
 * the reserved end, so ids never repeat; the unused rest of a block is skipped. A standalone broker is node 0.
 * Thread-safe.
 */
public final class ProducerIdAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerIdAllocator.class);
    public static final String FILE = "producer-ids";
    static final int BLOCK_SIZE = 1000;
    static final int COUNTER_BITS = 47;
    public static final int MAX_NODE_ID = (1 << 16) - 1;
    private static final long MAX_COUNTER = (1L << COUNTER_BITS) - 1;

    private final Path file;
    private final int nodeId;
    private long next;
    private long reservedEnd;

    private ProducerIdAllocator(Path file, int nodeId, long reservedEnd) {
        this.file = file;
        this.nodeId = nodeId;
        this.next = reservedEnd;
        this.reservedEnd = reservedEnd;
    }

    /**
     * Opens the allocator of {@code dataDir} for {@code nodeId}.
     *
     * @throws MetadataStorageException if the file cannot be read, is damaged (ids could repeat, so the broker
     *     must not start) or belongs to another node id
     */
    public static ProducerIdAllocator open(Path dataDir, int nodeId) {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("node id must be 0.." + MAX_NODE_ID + ", got " + nodeId);
        }
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                return new ProducerIdAllocator(file, nodeId, 0);
            }
            List<ByteBuffer> entries = new ArrayList<>(1);
            ChecksummedEntries.Scan scan = ChecksummedEntries.scan(ChecksummedEntries.readFile(file), entries::add);
            if (!scan.clean() || entries.size() != 1 || entries.get(0).remaining() != 12) {
                throw new MetadataStorageException("producer id file " + file + " is damaged ("
                        + (scan.clean() ? entries.size() + " entries" : scan.problem()) + "); producer ids could"
                        + " repeat, so the broker does not start. Restore it, or delete it only if every client"
                        + " has reconnected since");
            }
            ByteBuffer entry = entries.get(0);
            int storedNode = entry.getInt();
            long end = entry.getLong();
            if (storedNode != nodeId) {
                throw new MetadataStorageException("producer id file " + file + " belongs to node " + storedNode
                        + ", this broker is node " + nodeId);
            }
            return new ProducerIdAllocator(file, nodeId, end);
        } catch (IOException e) {
            throw new MetadataStorageException("cannot read producer id file " + file, e);
        }
    }

    /** A producer id never given out before by this node. */
    public synchronized long nextProducerId() {
        if (next == reservedEnd) {
            reserve(reservedEnd + BLOCK_SIZE);
        }
        return ((long) nodeId << COUNTER_BITS) | next++;
    }

    private void reserve(long end) {
        if (end > MAX_COUNTER) {
            throw new MetadataStorageException("node " + nodeId + " has used up its producer ids");
        }
        ByteBuffer payload = ByteBuffer.allocate(12).putInt(nodeId).putLong(end).flip();
        ByteBuffer content = ByteBuffer.allocate(ChecksummedEntries.sizeOf(12));
        ChecksummedEntries.write(content, payload);
        try {
            ChecksummedEntries.writeFileAtomically(file, content.flip());
        } catch (IOException e) {
            throw new MetadataStorageException("cannot reserve producer ids in " + file, e);
        }
        LOG.debug("reserved producer id counters up to {} for node {}", end, nodeId);
        reservedEnd = end;
    }
}
