package io.logjms.broker.transaction;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.RecordRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cross-broker transaction writes, or the share of it that one participant broker applies: batches (each
 * with its producer id, epoch and sequence, which make applying it again harmless) and acknowledgements by
 * subscription id. Batches are kept as read-only views; whoever appends one appends a copy.
 */
public record TxnPart(List<Produce> produces, List<Ack> acks) {

    public TxnPart {
        produces = List.copyOf(produces);
        acks = List.copyOf(acks);
    }

    /** One batch for one partition. */
    public record Produce(DestinationId destination, int partition, ByteBuffer batch) {
        public Produce {
            batch = batch.asReadOnlyBuffer();
        }

        /** A writable copy of the batch, for one append attempt (appending stamps offsets and epoch in place). */
        public ByteBuffer copyOfBatch() {
            ByteBuffer copy = ByteBuffer.allocate(batch.remaining());
            copy.put(batch.duplicate()).flip();
            return copy;
        }
    }

    /** Acknowledgements of records of one subscription (whose records are those of {@code destination}). */
    public record Ack(String subscriptionId, DestinationId destination, List<RecordRef> records) {
        public Ack {
            records = List.copyOf(records);
        }
    }

    public boolean isEmpty() {
        return produces.isEmpty() && acks.isEmpty();
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(produces.size());
            for (Produce p : produces) {
                writeDestination(out, p.destination());
                out.writeInt(p.partition());
                ByteBuffer b = p.batch().duplicate();
                byte[] arr = new byte[b.remaining()];
                b.get(arr);
                out.writeInt(arr.length);
                out.write(arr);
            }
            out.writeInt(acks.size());
            for (Ack a : acks) {
                out.writeUTF(a.subscriptionId());
                writeDestination(out, a.destination());
                out.writeInt(a.records().size());
                for (RecordRef r : a.records()) {
                    out.writeInt(r.partition());
                    out.writeLong(r.offset());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TxnPart decode(ByteBuffer payload) {
        byte[] arr = new byte[payload.remaining()];
        payload.duplicate().get(arr);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(arr));
            int n = in.readInt();
            List<Produce> produces = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                DestinationId d = readDestination(in);
                int partition = in.readInt();
                byte[] batch = new byte[in.readInt()];
                in.readFully(batch);
                produces.add(new Produce(d, partition, ByteBuffer.wrap(batch)));
            }
            int m = in.readInt();
            List<Ack> acks = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                String id = in.readUTF();
                DestinationId d = readDestination(in);
                int k = in.readInt();
                List<RecordRef> refs = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    refs.add(new RecordRef(in.readInt(), in.readLong()));
                }
                acks.add(new Ack(id, d, refs));
            }
            return new TxnPart(produces, acks);
        } catch (IOException e) {
            throw new UncheckedIOException("a transaction-log entry is damaged", e);
        }
    }

    private static void writeDestination(DataOutputStream out, DestinationId d) throws IOException {
        out.writeByte(d.type().code());
        out.writeUTF(d.name());
    }

    private static DestinationId readDestination(DataInputStream in) throws IOException {
        DestinationType type = DestinationType.fromCode(in.readByte());
        return new DestinationId(type, in.readUTF());
    }
}
