package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * {@code REPLICA_FETCH}: a broker reads one partition's batches from another broker's copy.
 *
 * @param replicaId the node id of the fetching broker
 * @param topic the partition's log name
 * @param partition the partition number
 * @param mode {@link #FOLLOW} (from the leader of {@code leaderEpoch}) or {@link #CATCH_UP} (a leader taking over
 *             {@code leaderEpoch} reads from a replica that promised it that epoch)
 * @param leaderEpoch the epoch the fetcher believes current
 * @param fetchOffset the fetcher's log end: where the answer's batches start
 * @param lastFetchedEpoch the epoch of the fetcher's last batch, or -1 for an empty log
 * @param durableEnd how far the fetcher's copy is durable under its fsync policy (exclusive)
 * @param maxBytes about how many bytes of batches to answer (at least one batch)
 * @param maxWaitMs how long the answering replica may wait for data before answering empty
 */
public record ReplicaFetchRequest(int replicaId, String topic, int partition, byte mode, int leaderEpoch,
                                  long fetchOffset, int lastFetchedEpoch, long durableEnd, int maxBytes,
                                  int maxWaitMs) {
    public static final byte FOLLOW = 0;
    public static final byte CATCH_UP = 1;

    public void writeTo(ByteBuf out) {
        out.writeInt(replicaId);
        Wire.writeString(out, topic);
        out.writeInt(partition);
        out.writeByte(mode);
        out.writeInt(leaderEpoch);
        out.writeLong(fetchOffset);
        out.writeInt(lastFetchedEpoch);
        out.writeLong(durableEnd);
        out.writeInt(maxBytes);
        out.writeInt(maxWaitMs);
    }

    public static ReplicaFetchRequest readFrom(ByteBuf in) {
        int replica = RequestChecks.nonNegative("replica id", Wire.readInt(in, "replica id"));
        String topic = Wire.readString(in);
        if (topic == null || topic.isEmpty()) {
            throw new InvalidRequestException("topic", "is required");
        }
        int partition = RequestChecks.nonNegative("partition", Wire.readInt(in, "partition"));
        byte mode = Wire.readByte(in, "mode");
        if (mode != FOLLOW && mode != CATCH_UP) {
            throw new InvalidRequestException("mode", "must be 0 (follow) or 1 (catch up), not " + mode);
        }
        int epoch = RequestChecks.nonNegative("leader epoch", Wire.readInt(in, "leader epoch"));
        long offset = RequestChecks.nonNegative("fetch offset", Wire.readLong(in, "fetch offset"));
        int lastEpoch = Wire.readInt(in, "last fetched epoch");
        if (lastEpoch < -1) {
            throw new InvalidRequestException("last fetched epoch", "must be -1 or more, not " + lastEpoch);
        }
        long durable = RequestChecks.nonNegative("durable end", Wire.readLong(in, "durable end"));
        int maxBytes = RequestChecks.nonNegative("max bytes", Wire.readInt(in, "max bytes"));
        int maxWait = RequestChecks.nonNegative("max wait", Wire.readInt(in, "max wait"));
        return new ReplicaFetchRequest(replica, topic, partition, mode, epoch, offset, lastEpoch, durable, maxBytes,
                maxWait);
    }
}
