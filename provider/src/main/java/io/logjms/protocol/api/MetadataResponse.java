package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per destination: an error (e.g. unknown) or its partition count and, per partition, its leader; and the
 * brokers a client may connect to.
 *
 * <p>The cluster part (the answering broker's node id, the brokers, the leaders) follows the destination list on
 * the wire, so a reader that stops after the list still reads the answer as before. A response read from a broker
 * that sends no cluster part has {@link #answeringNode} {@link #UNKNOWN_NODE}, no brokers, and entries without
 * leaders: a client then sends everything to the broker it asked.
 *
 * @param destinations the destinations asked for (all of them for an empty request)
 * @param answeringNode the node id of the broker that answered, or {@link #UNKNOWN_NODE}
 * @param brokers the live brokers of the cluster, the answering one included
 */
public record MetadataResponse(List<Entry> destinations, int answeringNode, List<Broker> brokers) {
    /** No node id: the answer came from a broker that sends no cluster part. */
    public static final int UNKNOWN_NODE = -1;
    /** A partition without a leader now (none alive, or none elected yet). */
    public static final int NO_LEADER = -1;

    public MetadataResponse {
        destinations = List.copyOf(destinations);
        brokers = List.copyOf(brokers);
    }

    /** An answer without its cluster part, as brokers before clusters sent it. */
    public MetadataResponse(List<Entry> destinations) {
        this(destinations, UNKNOWN_NODE, List.of());
    }

    /** Where clients reach a broker. */
    public record Broker(int nodeId, String host, int port) {
        public Broker {
            Objects.requireNonNull(host, "host");
        }
    }

    /** One partition's leader: its node id ({@link #NO_LEADER} for none) and the epoch it leads under. */
    public record PartitionLeader(int leader, int leaderEpoch) {
    }

    /**
     * One destination's metadata.
     *
     * @param leaders one per partition, in partition order; empty when the broker sent none or on an error
     */
    public record Entry(DestinationId destination, ErrorCode error, String message, int partitions,
                        List<PartitionLeader> leaders) {
        public Entry {
            leaders = List.copyOf(leaders);
        }

        /** An entry without leaders. */
        public Entry(DestinationId destination, ErrorCode error, String message, int partitions) {
            this(destination, error, message, partitions, List.of());
        }
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(destinations.size());
        for (Entry e : destinations) {
            e.destination().writeTo(out);
            out.writeShort(e.error().code());
            Wire.writeString(out, e.message());
            out.writeInt(e.partitions());
        }
        out.writeInt(answeringNode);
        out.writeInt(brokers.size());
        for (Broker b : brokers) {
            out.writeInt(b.nodeId());
            Wire.writeString(out, b.host());
            out.writeInt(b.port());
        }
        for (Entry e : destinations) {
            out.writeInt(e.leaders().size());
            for (PartitionLeader l : e.leaders()) {
                out.writeInt(l.leader());
                out.writeInt(l.leaderEpoch());
            }
        }
    }

    public static MetadataResponse readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "destination count", 9);
        List<Entry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Entry(DestinationId.readFrom(in), ErrorCode.fromCode(Wire.readableShort(in, "error")),
                    Wire.readString(in), Wire.readInt(in, "partitions")));
        }
        if (!in.isReadable()) {
            return new MetadataResponse(list);
        }
        int answering = Wire.readInt(in, "answering node");
        int brokerCount = Wire.readCount(in, "broker count", 10);
        List<Broker> brokers = new ArrayList<>(brokerCount);
        for (int i = 0; i < brokerCount; i++) {
            int node = Wire.readInt(in, "node id");
            String host = Wire.readString(in);
            if (host == null) {
                throw new MalformedFrameException("broker " + node + " has no host");
            }
            brokers.add(new Broker(node, host, Wire.readInt(in, "port")));
        }
        List<Entry> withLeaders = new ArrayList<>(n);
        for (Entry e : list) {
            int count = Wire.readCount(in, "leader count", 8);
            List<PartitionLeader> leaders = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                leaders.add(new PartitionLeader(Wire.readInt(in, "leader"), Wire.readInt(in, "leader epoch")));
            }
            withLeaders.add(new Entry(e.destination(), e.error(), e.message(), e.partitions(), leaders));
        }
        return new MetadataResponse(withLeaders, answering, brokers);
    }
}
