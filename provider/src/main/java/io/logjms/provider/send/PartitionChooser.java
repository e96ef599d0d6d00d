package io.logjms.provider.send;

import io.logjms.protocol.DestinationId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Picks the partition of each message a session sends. A message with a key (its JMSXGroupID) goes to
 * {@code murmur2(key) mod partitions}, so one group keeps its order. A message without a key goes to
 * the partition the session is pinned to for that destination, because JMS requires that what one
 * session sends to one destination arrives in order; sessions take their pins from a connection-wide
 * round-robin counter so they spread over the partitions. One per session; thread-safe.
 */
public final class PartitionChooser {
    private final IntSupplier roundRobin;
    private final Map<DestinationId, Integer> pins = new ConcurrentHashMap<>();

    /** @param roundRobin the next value of a counter shared by the connection's sessions */
    public PartitionChooser(IntSupplier roundRobin) {
        this.roundRobin = roundRobin;
    }

    /** The partition, in {@code [0, partitions)}, for a message with {@code key} (null for none). */
    public int choose(DestinationId destination, byte[] key, int partitions) {
        if (partitions <= 1) {
            return 0;
        }
        if (key != null) {
            return keyed(key, partitions);
        }
        int pin = pins.computeIfAbsent(destination, d -> Math.floorMod(roundRobin.getAsInt(), partitions));
        return pin < partitions ? pin : pin % partitions;
    }

    /** The partition of a key, the same in every client. */
    public static int keyed(byte[] key, int partitions) {
        return (Murmur2.hash(key) & 0x7fffffff) % partitions;
    }
}
