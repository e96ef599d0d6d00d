package io.logjms.broker.log;

import io.logjms.protocol.record.RecordBatch;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@link PartitionLog#read}: a range of whole record batches in one segment file, to be
 * sent as it is (zero copy) or copied, plus where the log stood.
 *
 * <p>The first batch may start before {@code fetchOffset} (an offset inside a batch returns the
 * whole batch); consumers skip records below the offset they asked for.
 *
 * <p>The channel belongs to the segment and stays open while the segment exists, and for at least
 * {@link LogConfig#fileDeleteDelayMs()} after retention removes it. Never close it: note that Netty's
 * {@code DefaultFileRegion} closes its channel when released, so wrap the range in a file region that
 * leaves the channel open instead.
 *
 * @param channel           the segment's {@code .log} file; null when empty
 * @param position          byte position of the first batch in {@code channel}
 * @param sizeInBytes       length of the range; 0 when reading at the log end
 * @param fetchOffset       the offset asked for
 * @param firstBatchOffset  base offset of the first batch in the range
 * @param nextOffset        offset after the last batch in the range: where the next read continues
 * @param logStartOffset    log start offset when the read was made
 * @param logEndOffset      log end offset when the read was made
 */
public record FetchData(FileChannel channel, long position, int sizeInBytes, long fetchOffset,
                        long firstBatchOffset, long nextOffset, long logStartOffset, long logEndOffset) {

    static FetchData empty(long offset, long logStartOffset, long logEndOffset) {
        return new FetchData(null, 0, 0, offset, offset, offset, logStartOffset, logEndOffset);
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /** Copies the range into a new heap buffer (position 0, limit = size). */
    public ByteBuffer copyBytes() throws IOException {
        ByteBuffer copy = ByteBuffer.allocate(sizeInBytes);
        if (channel != null) {
            while (copy.hasRemaining()) {
                int n = channel.read(copy, position + copy.position());
                if (n < 0) {
                    throw new EOFException("segment file ended " + copy.remaining() + " bytes before the fetched range");
                }
            }
        }
        return copy.flip();
    }

    /** Splits a buffer of whole batches into one slice per batch. */
    static List<ByteBuffer> splitBatches(ByteBuffer bytes) {
        List<ByteBuffer> batches = new ArrayList<>();
        RecordBatch view = new RecordBatch();
        int position = bytes.position();
        while (position < bytes.limit()) {
            int size = view.wrap(bytes, position).sizeInBytes();
            batches.add(bytes.slice(position, size));
            position += size;
        }
        return batches;
    }
}
