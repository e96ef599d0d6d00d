package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Appends one record batch to a partition. The batch is the rest of the frame, laid out as
 * {@link io.logjms.protocol.record.RecordBatchLayout}. On the broker the batch is a slice of the received
 * frame: valid only until the frame is released.
 */
public record ProduceRequest(DestinationId destination, int partition, ByteBuf batch) {

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        out.writeInt(partition);
        out.writeInt(batch.readableBytes());
        out.writeBytes(batch, batch.readerIndex(), batch.readableBytes());
    }

    /** The size of a PRODUCE frame carrying a batch of {@code batchBytes}, not counting the length field. */
    public static int frameBytes(DestinationId destination, int batchBytes) {
        return FrameLayout.HEADER_SIZE + destination.encodedSize() + 4 + 4 + batchBytes;
    }

    public static ProduceRequest readFrom(ByteBuf in) {
        DestinationId d = DestinationId.readFrom(in);
        int partition = RequestChecks.nonNegative("partition", Wire.readInt(in, "partition"));
        int len = Wire.readInt(in, "batch length");
        if (len < 0 || len != in.readableBytes()) {
            throw new MalformedFrameException("batch length " + len + " does not match the "
                    + in.readableBytes() + " bytes left in the frame");
        }
        return new ProduceRequest(d, partition, in.readSlice(len));
    }
}
