package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.provider.client.OutgoingBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Packs records into record batches: one batch per partition, in the order the records came, split
 * where a batch would exceed the largest batch the broker takes for its destination. A record larger
 * than that on its own still gets a batch (senders check each record first, see {@link SendLimits}).
 * Stateless.
 */
public final class BatchAssembler {
    private BatchAssembler() {
    }

    /** Where a batch goes. */
    private record PartitionKey(DestinationId destination, int partition) {
    }

    /**
     * The batches for {@code records}. Records of one partition keep their order across the batches of
     * that partition, which are listed in order.
     */
    public static List<OutgoingBatch> assemble(List<OutgoingRecord> records, ToIntFunction<DestinationId> batchLimit) {
        return assemble(records, batchLimit, null, false);
    }

    /**
     * As {@link #assemble(List, ToIntFunction)}, each batch stamped with the producer identity and its
     * partition's next sequences from {@code sequences} (if not null), and marked transactional if
     * {@code transactional}.
     */
    public static List<OutgoingBatch> assemble(List<OutgoingRecord> records, ToIntFunction<DestinationId> batchLimit,
                                               ProducerSequences sequences, boolean transactional) {
        Map<PartitionKey, RecordBatchBuilder> open = new LinkedHashMap<>();
        List<OutgoingBatch> batches = new ArrayList<>();
        for (OutgoingRecord record : records) {
            PartitionKey key = new PartitionKey(record.destination(), record.partition());
            RecordBatchBuilder builder = open.get(key);
            int maxBatchBytes = batchLimit.applyAsInt(record.destination());
            if (builder != null && builder.sizeInBytes() + record.estimatedSize() > maxBatchBytes) {
                batches.add(finish(key, builder, sequences, transactional));
                builder = null;
            }
            if (builder == null) {
                builder = new RecordBatchBuilder(Math.min(Math.max(record.estimatedSize() * 2, 256), maxBatchBytes));
                open.put(key, builder);
            }
            builder.append(record.timestamp(), record.key(), record.headers(), record.value());
        }
        open.forEach((key, builder) -> batches.add(finish(key, builder, sequences, transactional)));
        return batches;
    }

    /** The batch for records that all go to the same partition. */
    public static OutgoingBatch single(List<OutgoingRecord> samePartition) {
        return single(samePartition, null);
    }

    /** As {@link #single(List)}, stamped with the identity and next sequences from {@code sequences} if not null. */
    public static OutgoingBatch single(List<OutgoingRecord> samePartition, ProducerSequences sequences) {
        OutgoingRecord first = samePartition.get(0);
        RecordBatchBuilder builder = new RecordBatchBuilder(
                samePartition.stream().mapToInt(OutgoingRecord::estimatedSize).sum() + 64);
        for (OutgoingRecord r : samePartition) {
            builder.append(r.timestamp(), r.key(), r.headers(), r.value());
        }
        return finish(new PartitionKey(first.destination(), first.partition()), builder, sequences, false);
    }

    private static OutgoingBatch finish(PartitionKey key, RecordBatchBuilder builder, ProducerSequences sequences,
                                        boolean transactional) {
        if (sequences != null) {
            sequences.stamp(builder, key.destination(), key.partition());
        }
        if (transactional) {
            builder.attributes(RecordBatchLayout.ATTR_TRANSACTIONAL);
        }
        int count = builder.recordCount();
        return new OutgoingBatch(key.destination(), key.partition(), builder.build(), count);
    }
}
