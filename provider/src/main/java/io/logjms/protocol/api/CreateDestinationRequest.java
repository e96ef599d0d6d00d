package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Creates a destination with a partition count (-1: the broker default) and per-destination settings
 * such as {@code retention.ms}, {@code retention.bytes}, {@code segment.bytes}.
 */
public record CreateDestinationRequest(DestinationId destination, int partitions, Map<String, String> settings) {
    /** The partition count that asks for the broker's {@code partitions.default}. */
    public static final int DEFAULT_PARTITIONS = -1;

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        out.writeInt(partitions);
        Wire.writeStringMap(out, settings);
    }

    public static CreateDestinationRequest readFrom(ByteBuf in) {
        DestinationId destination = DestinationId.readFrom(in);
        int partitions = Wire.readInt(in, "partitions");
        if (partitions < 1 && partitions != DEFAULT_PARTITIONS) {
            throw new InvalidRequestException("partitions", "must be at least 1, or -1 for the broker default (was "
                    + partitions + ")");
        }
        Map<String, String> settings = Wire.readStringMap(in);
        settings.forEach((k, v) -> {
            RequestChecks.required("settings key", k);
            if (v == null) {
                throw new InvalidRequestException("settings value of " + k, "must not be null");
            }
        });
        return new CreateDestinationRequest(destination, partitions, settings);
    }
}
