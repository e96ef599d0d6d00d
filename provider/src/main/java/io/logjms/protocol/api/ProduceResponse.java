package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** Where the batch was written; sent once it is durable under the broker's fsync policy. */
public record ProduceResponse(long baseOffset, long lastOffset, long logAppendTime) {

    public void writeTo(ByteBuf out) {
        out.writeLong(baseOffset);
        out.writeLong(lastOffset);
        out.writeLong(logAppendTime);
    }

    public static ProduceResponse readFrom(ByteBuf in) {
        return new ProduceResponse(Wire.readLong(in, "base offset"), Wire.readLong(in, "last offset"),
                Wire.readLong(in, "log append time"));
    }
}
