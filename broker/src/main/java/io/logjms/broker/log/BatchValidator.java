package io.logjms.broker.log;

import static io.logjms.protocol.record.RecordBatchLayout.HEADER_SIZE;
import static io.logjms.protocol.record.RecordBatchLayout.LOG_OVERHEAD;

import io.logjms.protocol.record.InvalidRecordException;
import io.logjms.protocol.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the batches of a segment file from a position and checks each one fully: whole, sizes, magic,
 * CRC ({@link RecordBatch#validate()}) and offsets continuing from the previous batch. Stops at the
 * end of the file or at the first batch that fails, and says why. Used by recovery and by the
 * tail check of a segment loaded from its indexes. Not thread-safe.
 */
final class BatchValidator {
    /** Receives each valid batch; the view is only valid during the call. */
    @FunctionalInterface
    interface Visitor {
        void accept(RecordBatch batch, int position) throws IOException;
    }

    /**
     * Where a scan ended.
     *
     * @param validEnd      byte position after the last valid batch
     * @param nextOffset    offset after the last valid batch (the expected one if there was none)
     * @param batches       number of valid batches read
     * @param problem       why the scan stopped before the end of the file, or null if it reached it
     */
    record Result(int validEnd, long nextOffset, int batches, String problem) {
        boolean reachedEnd() {
            return problem == null;
        }
    }

    private final SegmentFile file;
    private final ByteBuffer lengthField = ByteBuffer.allocate(LOG_OVERHEAD);
    private ByteBuffer batchBuffer = ByteBuffer.allocate(64 * 1024);

    BatchValidator(SegmentFile file) {
        this.file = file;
    }

    /** Validates batches from {@code position} (whose first batch must start at {@code expectedOffset}). */
    Result scan(int position, long expectedOffset, long fileSize, Visitor visitor) throws IOException {
        int pos = position;
        long next = expectedOffset;
        int batches = 0;
        while (pos < fileSize) {
            long remaining = fileSize - pos;
            if (remaining < LOG_OVERHEAD) {
                return new Result(pos, next, batches, "torn batch: " + remaining + " bytes at the end");
            }
            lengthField.clear();
            file.readFully(lengthField, pos);
            long size = LOG_OVERHEAD + (long) lengthField.getInt(LOG_OVERHEAD - 4);
            if (size < HEADER_SIZE) {
                return new Result(pos, next, batches, "batch size " + size + " is smaller than a batch header");
            }
            if (size > remaining) {
                return new Result(pos, next, batches, "torn batch: it claims " + size + " bytes, " + remaining
                        + " are left");
            }
            RecordBatch batch = read(pos, (int) size);
            try {
                batch.validate();
            } catch (InvalidRecordException e) {
                return new Result(pos, next, batches, "corrupt batch: " + e.getMessage());
            }
            if (batch.baseOffset() != next) {
                return new Result(pos, next, batches, "batch base offset " + batch.baseOffset() + " where offset "
                        + next + " was expected");
            }
            visitor.accept(batch, pos);
            next = batch.nextOffset();
            pos += (int) size;
            batches++;
        }
        return new Result(pos, next, batches, null);
    }

    private RecordBatch read(int position, int size) throws IOException {
        if (batchBuffer.capacity() < size) {
            batchBuffer = ByteBuffer.allocate(Math.max(size, batchBuffer.capacity() * 2));
        }
        batchBuffer.clear().limit(size);
        file.readFully(batchBuffer, position);
        return new RecordBatch(batchBuffer, 0);
    }
}
