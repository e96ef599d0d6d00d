package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The producer id and epoch a producing session stamps on its batches, each partition's sequence from 0. */
public record InitProducerResponse(long producerId, short producerEpoch) {

    public void writeTo(ByteBuf out) {
        out.writeLong(producerId);
        out.writeShort(producerEpoch);
    }

    public static InitProducerResponse readFrom(ByteBuf in) {
        return new InitProducerResponse(Wire.readLong(in, "producer id"), Wire.readableShort(in, "producer epoch"));
    }
}
