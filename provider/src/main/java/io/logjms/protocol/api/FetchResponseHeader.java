package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The fixed part of a fetch response; it is followed by {@code recordsLength} bytes of whole record
 * batches, which the broker sends straight from the log file.
 */
public record FetchResponseHeader(long logStartOffset, long logEndOffset, int recordsLength) {

    public void writeTo(ByteBuf out) {
        out.writeLong(logStartOffset);
        out.writeLong(logEndOffset);
        out.writeInt(recordsLength);
    }

    public static FetchResponseHeader readFrom(ByteBuf in) {
        return new FetchResponseHeader(Wire.readLong(in, "log start"), Wire.readLong(in, "log end"),
                Wire.readInt(in, "records length"));
    }
}
