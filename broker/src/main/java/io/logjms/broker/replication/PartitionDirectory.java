package io.logjms.broker.replication;

import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.InvalidMetadataException;
import io.logjms.broker.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the local {@link Partition} of a partition named as the cluster names it (its log name and number). */
public interface PartitionDirectory {
    Optional<Partition> find(TopicPartition partition);

    /** Every partition open now. */
    List<TopicPartition> all();

    /** The partitions of the destinations open in {@code destinations}. */
    static PartitionDirectory of(DestinationManager destinations) {
        return new PartitionDirectory() {
            @Override
            public Optional<Partition> find(TopicPartition tp) {
                return lookUp(destinations, tp);
            }

            @Override
            public List<TopicPartition> all() {
                List<TopicPartition> all = new ArrayList<>();
                destinations.all().forEach(d -> d.partitions().forEach(p -> all.add(p.topicPartition())));
                return all;
            }
        };
    }

    private static Optional<Partition> lookUp(DestinationManager destinations, TopicPartition tp) {
        {
            DestinationKey key;
            try {
                key = DestinationKey.fromLogName(tp.topic());
            } catch (InvalidMetadataException e) {
                return Optional.empty();
            }
            return destinations.find(DestinationManager.idOf(key))
                    .filter(d -> tp.partition() < d.partitionCount())
                    .map(d -> d.partition(tp.partition()));
        }
    }
}
