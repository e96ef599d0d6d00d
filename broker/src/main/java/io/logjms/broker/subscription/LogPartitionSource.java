package io.logjms.broker.subscription;

import io.logjms.broker.log.FetchData;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.record.RecordBatch;
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

    /** The sources of the partitions numbered in {@code subset} (all of them when it is empty), in partition order. */
    static List<PartitionSource> of(List<Partition> partitions, List<Integer> subset) {
        if (subset.isEmpty()) {
            return of(partitions);
        }
        List<PartitionSource> sources = new ArrayList<>(subset.size());
        for (int p = 0; p < partitions.size(); p++) {
            if (subset.contains(p)) {
                sources.add(new LogPartitionSource(p, partitions.get(p)));
            }
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
    public FileBatches readFileBatches(long offset, int maxBytes) {
        long upTo = source.highWatermark();
        FetchData range = source.log().read(offset, maxBytes, upTo);
        if (range.isEmpty()) {
            return new FileBatches(null, 0, List.of());
        }
        List<ByteBuffer> batches = source.log().readBatches(offset, maxBytes, upTo);
        long size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        if (size != range.sizeInBytes() || batches.isEmpty()
                || RecordBatch.of(batches.get(0)).baseOffset() != range.firstBatchOffset()) {
            return null; // retention or a roll changed the log between the two reads
        }
        return new FileBatches(range.channel(), range.position(), batches);
    }

    @Override
    public long offsetForTimestamp(long timestamp) {
        return source.offsetForTimestamp(timestamp);
    }

    @Override
    public boolean ledHere() {
        return source.ledHere();
    }

    @Override
    public int leaderEpoch() {
        return source.leaderEpoch();
    }

    @Override
    public io.logjms.broker.log.TopicPartition topicPartition() {
        return source.topicPartition();
    }
}
