package io.logjms.broker.transaction;

import io.logjms.broker.destination.DestinationException;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.TransactionId;
import java.util.Map;

/**
 * The replicated transaction log of a cluster: an internal topic, created by the brokers themselves with the default
 * replication factor, whose partitions are led, replicated and committed like any other. The leader of partition
 * {@code id.logPartition(PARTITIONS)} coordinates transaction {@code id}. Names starting with {@link #RESERVED_PREFIX}
 * are reserved: clients cannot create or delete them and listings leave them out.
 */
public final class TransactionTopic {
    public static final String RESERVED_PREFIX = "__logjms.";
    public static final DestinationId ID = TransactionId.LOG;
    /** Fixed: a transaction's coordinator is chosen by its id modulo this count, by clients and brokers alike. */
    public static final int PARTITIONS = 4;
    /**
     * Small segments: a coordinator taking a partition over reads it backwards segment by segment to the last
     * checkpoint, so a segment is the most it reads in vain.
     */
    public static final Map<String, String> SETTINGS = Map.of("segment.bytes", Integer.toString(16 * 1024 * 1024));

    private TransactionTopic() {
    }

    public static boolean isReserved(DestinationId id) {
        return id.name().startsWith(RESERVED_PREFIX);
    }

    /** Refuses a client's request to {@code what} a destination with a reserved name. */
    public static void refuseReserved(DestinationId id, String what) {
        if (isReserved(id)) {
            throw new DestinationException(DestinationException.Reason.INVALID_DESTINATION, "cannot " + what + " "
                    + id + ": names starting with '" + RESERVED_PREFIX + "' are reserved for the broker's internal"
                    + " topics");
        }
    }
}
