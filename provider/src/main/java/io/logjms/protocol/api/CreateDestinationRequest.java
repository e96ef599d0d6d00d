package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Creates a destination with a partition count (-1: the broker default), per-destination settings
 * such as {@code retention.ms}, {@code retention.bytes}, {@code segment.bytes}, and in a cluster a replication
 * factor (-1: the broker's {@code replication.factor.default}). The replication factor is the last field and
 * may be absent (older clients): then it is the default. ALTER_DESTINATION uses the same body; it ignores the
 * partition count and replication factor.
 */
public record CreateDestinationRequest(DestinationId destination, int partitions, Map<String, String> settings,
                                       int replicationFactor) {
    /** The partition count that asks for the broker's {@code partitions.default}. */
    public static final int DEFAULT_PARTITIONS = -1;
    /** The replication factor that asks for the broker's {@code replication.factor.default}. */
    public static final int DEFAULT_REPLICATION_FACTOR = -1;

    /** A request with the default replication factor. */
    public CreateDestinationRequest(DestinationId destination, int partitions, Map<String, String> settings) {
        this(destination, partitions, settings, DEFAULT_REPLICATION_FACTOR);
    }

    public void writeTo(ByteBuf out) {
        destination.writeTo(out);
        out.writeInt(partitions);
        Wire.writeStringMap(out, settings);
        out.writeInt(replicationFactor);
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
        int replicationFactor = in.isReadable() ? Wire.readInt(in, "replicationFactor") : DEFAULT_REPLICATION_FACTOR;
        if (replicationFactor < 1 && replicationFactor != DEFAULT_REPLICATION_FACTOR) {
            throw new InvalidRequestException("replicationFactor", "must be at least 1, or -1 for the broker default "
                    + "(was " + replicationFactor + ")");
        }
        return new CreateDestinationRequest(destination, partitions, settings, replicationFactor);
    }
}
