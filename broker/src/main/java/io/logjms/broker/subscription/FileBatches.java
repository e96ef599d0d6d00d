package io.logjms.broker.subscription;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Whole stored record batches that lie together in one segment file: where they are in the file (to
 * send them from it) and a copy of each (to look at their records first).
 *
 * @param channel  the segment's file; it belongs to the log and must never be closed by a reader
 * @param position byte position of the first batch in {@code channel}
 * @param batches  one buffer per batch, in file order, covering exactly the file range
 */
public record FileBatches(FileChannel channel, long position, List<ByteBuffer> batches) {
}
