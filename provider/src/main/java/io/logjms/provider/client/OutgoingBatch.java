package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A record batch bound for one partition. {@code batch}'s position..limit is exactly the batch, laid
 * out as {@link io.logjms.protocol.record.RecordBatchLayout}.
 */
public record OutgoingBatch(DestinationId destination, int partition, ByteBuffer batch, int recordCount) {

    public OutgoingBatch {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(batch, "batch");
    }
}
