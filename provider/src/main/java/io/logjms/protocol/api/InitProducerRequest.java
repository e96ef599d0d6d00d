package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.logjms.protocol.record.RecordBatchLayout;
import io.netty.buffer.ByteBuf;

/**
 * Asks for a producer identity: a new producer id (when {@code producerId} is
 * {@link RecordBatchLayout#NO_PRODUCER_ID}) or the next epoch of a known one, which fences batches of the
 * older epochs.
 */
public record InitProducerRequest(long producerId, short producerEpoch) {

    /** A request for a new producer id. */
    public static InitProducerRequest newProducer() {
        return new InitProducerRequest(RecordBatchLayout.NO_PRODUCER_ID, RecordBatchLayout.NO_PRODUCER_EPOCH);
    }

    public void writeTo(ByteBuf out) {
        out.writeLong(producerId);
        out.writeShort(producerEpoch);
    }

    public static InitProducerRequest readFrom(ByteBuf in) {
        return new InitProducerRequest(Wire.readLong(in, "producer id"), Wire.readableShort(in, "producer epoch"));
    }
}
