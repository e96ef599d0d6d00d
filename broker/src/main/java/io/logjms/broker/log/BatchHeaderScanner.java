package io.logjms.broker.log;

import static io.logjms.protocol.record.RecordBatchLayout.HEADER_SIZE;

import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the headers of validated batches in a segment file, one after another, through a read-ahead
 * buffer so that a scan over small batches costs one read per buffer, not per batch. Only the fixed
 * header is looked at; nothing is checksummed (that was done on append or recovery).
 * Not thread-safe: one scanner per lookup.
 */
final class BatchHeaderScanner {
    static final int DEFAULT_BUFFER_SIZE = 4096;

    private final FileChannel channel;
    private final int limit;
    private final ByteBuffer buffer;
    private final RecordBatch view = new RecordBatch();
    private long bufferStart = -1;
    private int bufferLength;

    /** Scans a file whose bytes below {@code limit} are whole batches. */
    BatchHeaderScanner(FileChannel channel, int limit, int bufferSize) {
        this.channel = channel;
        this.limit = limit;
        this.buffer = ByteBuffer.allocate(Math.max(bufferSize, HEADER_SIZE));
    }

    /** The end of the bytes scanned: the segment size when the scanner was made. */
    int limit() {
        return limit;
    }

    /**
     * The header of the batch at {@code position}, valid until the next call, or null at the limit.
     *
     * @throws CorruptSegmentException if the bytes there are not the header of a batch ending by the limit
     */
    RecordBatch headerAt(int position) throws IOException {
        if (position >= limit) {
            return null;
        }
        if (limit - position < HEADER_SIZE) {
            throw new CorruptSegmentException("only " + (limit - position) + " bytes left for a batch header at "
                    + position);
        }
        if (position < bufferStart || position + HEADER_SIZE > bufferStart + bufferLength) {
            fill(position);
        }
        view.wrap(buffer, (int) (position - bufferStart));
        int size = view.sizeInBytes();
        if (size < HEADER_SIZE || (long) position + size > limit) {
            throw new CorruptSegmentException("batch at " + position + " claims " + size + " bytes; the file has "
                    + (limit - position) + " from there");
        }
        return view;
    }

    private void fill(int position) throws IOException {
        buffer.clear();
        buffer.limit(Math.min(buffer.capacity(), limit - position));
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        bufferLength = buffer.position();
        bufferStart = position;
        buffer.limit(buffer.capacity());
        if (bufferLength < HEADER_SIZE) {
            throw new CorruptSegmentException("file ends " + (position + bufferLength) + " bytes in, inside the batch"
                    + " header at " + position);
        }
    }
}
