package io.logjms.broker.replication;

import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The control batch a new leader appends first in its epoch: a record of its own epoch that, once on a
 * majority, lets the high watermark advance over everything before it without waiting for a produce (see
 * {@code partition.CommitRule}). It carries the {@link RecordBatchLayout#ATTR_CONTROL} attribute, so
 * subscriptions skip it; its one record's key is {@value #KEY}.
 */
public final class EpochStartMarker {
    public static final String KEY = "logjms.epoch-start";

    private EpochStartMarker() {
    }

    public static ByteBuffer batch(int epoch, long timestamp) {
        byte[] value = ByteBuffer.allocate(4).putInt(epoch).array();
        return new RecordBatchBuilder(128).attributes(RecordBatchLayout.ATTR_CONTROL)
                .append(timestamp, KEY.getBytes(StandardCharsets.UTF_8), null, value).build();
    }
}
