package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** {@code EPOCH_PROMISE}: a broker taking over a partition for {@code epoch} asks a replica to refuse older epochs. */
public record EpochPromiseRequest(int candidateId, String topic, int partition, int epoch) {

    public void writeTo(ByteBuf out) {
        out.writeInt(candidateId);
        Wire.writeString(out, topic);
        out.writeInt(partition);
        out.writeInt(epoch);
    }

    public static EpochPromiseRequest readFrom(ByteBuf in) {
        int candidate = RequestChecks.nonNegative("candidate id", Wire.readInt(in, "candidate id"));
        String topic = Wire.readString(in);
        if (topic == null || topic.isEmpty()) {
            throw new InvalidRequestException("topic", "is required");
        }
        return new EpochPromiseRequest(candidate, topic,
                RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")),
                RequestChecks.nonNegative("epoch", Wire.readInt(in, "epoch")));
    }
}
