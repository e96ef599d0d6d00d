package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import java.util.List;

/**
 * What a partition's leader reports about its replicas, so that any broker can describe the partition and the
 * controller can prefer a caught-up replica when it picks a new leader.
 *
 * @param partition the partition
 * @param leader the reporting leader's node id
 * @param leaderEpoch the epoch it leads under
 * @param highWatermark the committed end (exclusive)
 * @param logEndOffset the leader's log end (exclusive)
 * @param inSync the node ids caught up with the leader, the leader included
 */
public record ReplicaStatus(TopicPartition partition, int leader, int leaderEpoch, long highWatermark,
                            long logEndOffset, List<Integer> inSync) {
    public ReplicaStatus {
        inSync = List.copyOf(inSync);
    }
}
