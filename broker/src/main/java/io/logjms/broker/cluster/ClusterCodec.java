package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationKind;
import io.logjms.broker.metadata.DestinationMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of the cluster's map values and of the persisted cluster state. Every value starts with a type
 * byte; integers are big-endian, strings modified UTF-8 (as {@link DataOutputStream}), a nullable long is a
 * presence byte then the long, a list of node ids a count then the ids. Values are plain bytes so that
 * Hazelcast compares them byte for byte in {@code replace(key, old, new)} and needs no class of ours.
 *
 * <pre>
 * destination: 'D' | version (8) | deleted (1) | kind (1) | name | partitions (4) | retention.ms? |
 *              retention.bytes? | segment.bytes? | replication factor (4)
 * assignment:  'A' | version (8) | topic | partition (4) | deleted (1) | replicas | leader (4) | epoch (4) |
 *              leader incarnation
 * broker:      'B' | node id (4) | host | port (4)
 * status:      'S' | topic | partition (4) | leader (4) | epoch (4) | high watermark (8) | log end (8) | in sync
 * claim:       'E' | topic | partition (4) | epoch (4) | candidate (4)
 * subscription: 'U' | version (8) | id | incarnation (8) | deleted (1) | [definition length (4) | definition]
 * client id:   'C' | client id | owner | node count (4) | count × (node id (4) | member incarnation)
 * </pre>
 */
final class ClusterCodec {
    private static final byte DESTINATION = 'D';
    private static final byte ASSIGNMENT = 'A';
    private static final byte BROKER = 'B';
    private static final byte STATUS = 'S';
    private static final byte CLAIM = 'E';
    static final byte SUBSCRIPTION = 'U';
    private static final byte CLIENT_ID = 'C';
    /** The largest encoded subscription definition accepted (a selector is at most 64 KiB of modified UTF-8). */
    private static final int MAX_DEFINITION_BYTES = 1 << 20;

    private ClusterCodec() {
    }

    static byte[] destination(DestinationEntry e) {
        return write(out -> {
            out.writeByte(DESTINATION);
            out.writeLong(e.version());
            out.writeBoolean(e.deleted());
            out.writeByte(e.key().kind().ordinal());
            out.writeUTF(e.key().name());
            DestinationMetadata m = e.metadata();
            if (m != null) {
                out.writeInt(m.partitions());
                writeNullable(out, m.retentionMs());
                writeNullable(out, m.retentionBytes());
                writeNullable(out, m.segmentBytes());
            }
            out.writeInt(e.replicationFactor());
        });
    }

    static DestinationEntry destination(byte[] bytes) {
        return read(bytes, DESTINATION, in -> {
            long version = in.readLong();
            boolean deleted = in.readBoolean();
            DestinationKey key = new DestinationKey(DestinationKind.values()[in.readByte()], in.readUTF());
            DestinationMetadata m = null;
            if (!deleted) {
                m = new DestinationMetadata(key, in.readInt(), readNullable(in), readNullable(in), readNullable(in));
            }
            return new DestinationEntry(key, version, m, in.readInt());
        });
    }

    static byte[] assignment(AssignmentEntry e) {
        return write(out -> {
            out.writeByte(ASSIGNMENT);
            out.writeLong(e.version());
            out.writeUTF(e.partition().topic());
            out.writeInt(e.partition().partition());
            out.writeBoolean(e.deleted());
            PartitionAssignment a = e.assignment();
            if (a != null) {
                writeIds(out, a.replicas());
                out.writeInt(a.leader());
                out.writeInt(a.leaderEpoch());
            }
            out.writeUTF(e.leaderIncarnation());
        });
    }

    static AssignmentEntry assignment(byte[] bytes) {
        return read(bytes, ASSIGNMENT, in -> {
            long version = in.readLong();
            TopicPartition tp = new TopicPartition(in.readUTF(), in.readInt());
            boolean deleted = in.readBoolean();
            PartitionAssignment a = deleted ? null
                    : new PartitionAssignment(tp, readIds(in), in.readInt(), in.readInt());
            return new AssignmentEntry(tp, version, a, in.readUTF());
        });
    }

    static byte[] broker(BrokerAddress address) {
        return write(out -> {
            out.writeByte(BROKER);
            out.writeInt(address.nodeId());
            out.writeUTF(address.host());
            out.writeInt(address.port());
        });
    }

    static BrokerAddress broker(byte[] bytes) {
        return read(bytes, BROKER, in -> new BrokerAddress(in.readInt(), in.readUTF(), in.readInt()));
    }

    static byte[] status(ReplicaStatus s) {
        return write(out -> {
            out.writeByte(STATUS);
            out.writeUTF(s.partition().topic());
            out.writeInt(s.partition().partition());
            out.writeInt(s.leader());
            out.writeInt(s.leaderEpoch());
            out.writeLong(s.highWatermark());
            out.writeLong(s.logEndOffset());
            writeIds(out, s.inSync());
        });
    }

    static ReplicaStatus status(byte[] bytes) {
        return read(bytes, STATUS, in -> new ReplicaStatus(new TopicPartition(in.readUTF(), in.readInt()), in.readInt(),
                in.readInt(), in.readLong(), in.readLong(), readIds(in)));
    }

    static byte[] claim(EpochClaim c) {
        return write(out -> {
            out.writeByte(CLAIM);
            out.writeUTF(c.partition().topic());
            out.writeInt(c.partition().partition());
            out.writeInt(c.epoch());
            out.writeInt(c.candidate());
        });
    }

    static EpochClaim claim(byte[] bytes) {
        return read(bytes, CLAIM, in -> new EpochClaim(new TopicPartition(in.readUTF(), in.readInt()), in.readInt(),
                in.readInt()));
    }

    static byte[] subscription(SubscriptionEntry e) {
        return write(out -> {
            out.writeByte(SUBSCRIPTION);
            out.writeLong(e.version());
            out.writeUTF(e.id());
            out.writeLong(e.incarnation());
            byte[] definition = e.definition();
            out.writeBoolean(definition == null);
            if (definition != null) {
                out.writeInt(definition.length);
                out.write(definition);
            }
        });
    }

    static SubscriptionEntry subscription(byte[] bytes) {
        return read(bytes, SUBSCRIPTION, in -> {
            long version = in.readLong();
            String id = in.readUTF();
            long incarnation = in.readLong();
            byte[] definition = null;
            if (!in.readBoolean()) {
                int length = in.readInt();
                if (length < 0 || length > MAX_DEFINITION_BYTES) {
                    throw new IOException("subscription definition length " + length + " out of range");
                }
                definition = new byte[length];
                in.readFully(definition);
            }
            return new SubscriptionEntry(id, version, incarnation, definition);
        });
    }

    static byte[] clientId(ClientIdHolder h) {
        return write(out -> {
            out.writeByte(CLIENT_ID);
            out.writeUTF(h.clientId());
            out.writeUTF(h.owner());
            out.writeInt(h.nodes().size());
            for (ClientIdHolder.Node n : h.nodes()) {
                out.writeInt(n.nodeId());
                out.writeUTF(n.incarnation());
            }
        });
    }

    static ClientIdHolder clientId(byte[] bytes) {
        return read(bytes, CLIENT_ID, in -> {
            String clientId = in.readUTF();
            String owner = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 65536) {
                throw new IOException("node count " + n + " out of range");
            }
            List<ClientIdHolder.Node> nodes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                nodes.add(new ClientIdHolder.Node(in.readInt(), in.readUTF()));
            }
            return new ClientIdHolder(clientId, owner, nodes);
        });
    }

    /** The map key of a partition's assignment: {@code <log name>/<partition>}. */
    static String key(TopicPartition tp) {
        return tp.topic() + "/" + tp.partition();
    }

    private static void writeNullable(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeIds(DataOutputStream out, List<Integer> ids) throws IOException {
        out.writeInt(ids.size());
        for (int id : ids) {
            out.writeInt(id);
        }
    }

    private static List<Integer> readIds(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 65536) {
            throw new IOException("node id count " + n + " out of range");
        }
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readInt());
        }
        return ids;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, byte type, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte actual = in.readByte();
            if (actual != type) {
                throw new IllegalArgumentException("cluster value of type '" + (char) actual + "', expected '"
                        + (char) type + "'");
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes left after a cluster value of type '"
                        + (char) type + "'");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("unreadable cluster value of type '" + (char) type + "': " + e, e);
        }
    }
}
