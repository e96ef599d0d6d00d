package io.logjms.broker.cluster;

import com.hazelcast.map.IMap;
import io.logjms.broker.log.TopicPartition;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's {@link EpochClaim}s, one per partition (the merge of every claim made), in a Hazelcast map that is
 * not split-brain protected (a claim only ever makes the controller choose a newer epoch), with the copy read at
 * the last tick for the controller. Map calls run on the coordination thread.
 */
final class EpochClaims {
    private static final Logger log = LoggerFactory.getLogger(EpochClaims.class);
    private static final int ATTEMPTS = 10;

    private final Map<TopicPartition, EpochClaim> known = new ConcurrentHashMap<>();

    /** Reads every claim of the cluster. */
    void load(IMap<String, byte[]> map) {
        map.values().forEach(b -> {
            EpochClaim c = ClusterCodec.claim(b);
            known.put(c.partition(), c);
        });
    }

    Optional<EpochClaim> get(TopicPartition partition) {
        return Optional.ofNullable(known.get(partition));
    }

    /** Merges a claim into the map by compare-and-set; a claim the map already holds changes nothing. */
    void add(IMap<String, byte[]> map, EpochClaim claim) {
        String key = ClusterCodec.key(claim.partition());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] current = map.get(key);
            EpochClaim merged = current == null ? claim : ClusterCodec.claim(current).merge(claim);
            byte[] next = ClusterCodec.claim(merged);
            if (current != null && Arrays.equals(current, next)) {
                return;
            }
            if (current == null ? map.putIfAbsent(key, next) == null : map.replace(key, current, next)) {
                known.merge(claim.partition(), merged, EpochClaim::merge);
                log.info("{}: a replica knows epoch {} (promised to node {}), which the current assignment does not"
                        + " allow for: the controller gives the partition a newer epoch", claim.partition(),
                        claim.epoch(), claim.candidate());
                return;
            }
        }
        log.debug("{}: the epoch claim {} lost {} races; the replica reports it again", claim.partition(), claim,
                ATTEMPTS);
    }
}
