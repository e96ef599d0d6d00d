package io.logjms.broker.subscription;

import io.logjms.broker.partition.Partition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A partition as a subscription reads it: never past the partition's high watermark. */
record LogPartitionSource(int partition, Partition source) implements PartitionSource {

    /** The sources of {@code partitions}, in partition order. */
    static List<PartitionSource> of(List<Partition> partitions) {
        List<PartitionSource> sources = new ArrayList<>(partitions.size());
        for (int p = 0; p < partitions.size(); p++) {
            sources.add(new LogPartitionSource(p, partitions.get(p)));
        }
        return sources;
    }

    @Override
    public long logStartOffset() {
        return source.logStartOffset();
    }

    /** What consumers may see: the high watermark, not the log end. */
    @Override
    public long logEndOffset() {
        return source.highWatermark();
    }

    @Override
    public List<ByteBuffer> readBatches(long offset, int maxBytes) {
        return source.readBatches(offset, maxBytes);
    }

    @Override
    public long offsetForTimestamp(long timestamp) {
        return source.offsetForTimestamp(timestamp);
    }
}
