package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * What a replica answers once it has durably promised an epoch: the promise it holds now, and where its copy
 * stands (the latest epoch in its log, or -1 for none; its log end; its durable end).
 */
public record EpochPromiseResponse(int promisedEpoch, int lastEpoch, long logEndOffset, long durableEnd) {

    public void writeTo(ByteBuf out) {
        out.writeInt(promisedEpoch);
        out.writeInt(lastEpoch);
        out.writeLong(logEndOffset);
        out.writeLong(durableEnd);
    }

    public static EpochPromiseResponse readFrom(ByteBuf in) {
        return new EpochPromiseResponse(Wire.readInt(in, "promised epoch"), Wire.readInt(in, "last epoch"),
                Wire.readLong(in, "log end"), Wire.readLong(in, "durable end"));
    }
}
