package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Creates a destination with a partition count (-1: the broker default) and per-destination settings
 * such as {@code retention.ms}, {@code retention.bytes}, {@code segment.bytes}.
 */
public record CreateDestinationRequest(DestinationId destination, int partitions, Map<String, String> settings) {

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        out.writeInt(partitions);
        Wire.writeStringMap(out, settings);
    }

    public static CreateDestinationRequest readFrom(ByteBuf in) {
        return new CreateDestinationRequest(DestinationId.readFrom(in), Wire.readInt(in, "partitions"),
                Wire.readStringMap(in));
    }
}
