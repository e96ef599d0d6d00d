package io.logjms.provider.client;

import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.Wire;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.record.InvalidRecordException;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns the payload of a DELIVER push into records the JMS layer can keep after the frame is released:
 * everything is copied out of the frame. Stateless.
 */
final class DeliveryDecoder {
    private DeliveryDecoder() {
    }

    /** The records of a delivery whose header was just read from {@code body}. */
    static List<DeliveredRecord> decode(DeliverHeader header, ByteBuf body) {
        return header.format() == DeliverHeader.FORMAT_RECORDS ? readRecords(body) : readBatches(body, header.length());
    }

    private static List<DeliveredRecord> readRecords(ByteBuf body) {
        int count = Wire.readCount(body, "record count", 32);
        List<DeliveredRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(DeliveredRecord.readFrom(body));
        }
        return records;
    }

    /** Whole stored batches: each record was delivered once, as far as the broker tracks it. */
    static List<DeliveredRecord> readBatches(ByteBuf body, int length) {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        body.readBytes(bytes);
        bytes.flip();
        List<DeliveredRecord> records = new ArrayList<>();
        RecordBatch batch = new RecordBatch();
        int position = 0;
        while (position < length) {
            batch.wrap(bytes, position);
            try {
                batch.validate();
                for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
                    Record r = it.next();
                    records.add(new DeliveredRecord(r.offset(), r.timestamp(), 1, Record.toArray(r.key()),
                            Record.toArray(r.headers()), Record.toArray(r.value())));
                }
            } catch (InvalidRecordException e) {
                throw new MalformedFrameException("delivered record batch at byte " + position + " is invalid: "
                        + e.getMessage());
            }
            position += batch.sizeInBytes();
        }
        return records;
    }
}
