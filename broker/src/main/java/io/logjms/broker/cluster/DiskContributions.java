package io.logjms.broker.cluster;

import com.hazelcast.map.IMap;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.function.ToLongFunction;

/**
 * What a broker offers the cluster's maps from its own disk when it joins (after a whole-cluster restart the maps
 * start empty): every entry it knows, where for each key the highest version wins, and the destinations it stores
 * that the cluster never knew. Runs on the coordination thread.
 */
final class DiskContributions {
    private DiskContributions() {
    }

    static void contribute(ClusterMetadata metadata, IMap<String, byte[]> destinations,
                           IMap<String, byte[]> assignments, int replicationFactorDefault, int liveBrokers) {
        for (DestinationEntry e : metadata.knownDestinations()) {
            offer(destinations, e.key().logName(), ClusterCodec.destination(e), e.version(),
                    b -> ClusterCodec.destination(b).version());
        }
        for (AssignmentEntry e : metadata.knownAssignments()) {
            offer(assignments, ClusterCodec.key(e.partition()), ClusterCodec.assignment(e), e.version(),
                    b -> ClusterCodec.assignment(b).version());
        }
        DestinationApplier applier = metadata.applierOrNull();
        if (applier != null) {
            for (DestinationMetadata local : applier.local()) {
                if (metadata.knownDestination(local.key()).isEmpty()) {
                    int rf = ControllerDecisions.replicationFactor(0, replicationFactorDefault, liveBrokers);
                    destinations.putIfAbsent(local.key().logName(),
                            ClusterCodec.destination(new DestinationEntry(local.key(), 1, local, rf)));
                }
            }
        }
    }

    /** Puts {@code value} under {@code key} unless the map holds that key at {@code version} or newer. */
    static void offer(IMap<String, byte[]> map, String key, byte[] value, long version, ToLongFunction<byte[]> versionOf) {
        while (true) {
            byte[] current = map.get(key);
            if (current == null) {
                if (map.putIfAbsent(key, value) == null) {
                    return;
                }
            } else if (versionOf.applyAsLong(current) >= version || map.replace(key, current, value)) {
                return;
            }
        }
    }
}
