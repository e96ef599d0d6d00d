package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.Random;

/**
 * The id of a cross-broker transaction: 128 random bits chosen by the client for one transaction and kept for
 * every retry of its commit, so the coordinator can tell a retry from a new transaction. It also chooses the
 * transaction-log partition, hence the coordinator ({@link #logPartition}).
 */
public record TransactionId(long high, long low) {
    /** The cluster's transaction log, an internal topic whose partitions' leaders coordinate transactions. */
    public static final DestinationId LOG = DestinationId.topic("__logjms.transactions");
    private static final Random RANDOM = new SecureRandom();

    public static TransactionId random() {
        synchronized (RANDOM) {
            return new TransactionId(RANDOM.nextLong(), RANDOM.nextLong());
        }
    }

    /** The partition of the transaction log (of {@code partitions}) that holds this transaction. */
    public int logPartition(int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("the transaction log has no partitions");
        }
        return Math.floorMod(Long.hashCode(high) * 31 + Long.hashCode(low), partitions);
    }

    public void writeTo(ByteBuf out) {
        out.writeLong(high);
        out.writeLong(low);
    }

    public static TransactionId readFrom(ByteBuf in) {
        return new TransactionId(Wire.readLong(in, "transaction id"), Wire.readLong(in, "transaction id"));
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
