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
 * Everything a transaction writes, as stored in its PREPARE entry: the batches (each carrying its producer
 * id, epoch and sequences, by which recovery asks the partition's producer state whether it is already in
 * the log), and the acknowledgements by subscription id.
 */
record PreparedTransaction(List<Produce> produces, List<Ack> acks) {

    record Produce(DestinationId destination, int partition, ByteBuffer batch) {
    }

    record Ack(String subscriptionId, List<RecordRef> records) {
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(produces.size());
            for (Produce p : produces) {
                out.writeByte(p.destination().type().code());
                out.writeUTF(p.destination().name());
                out.writeInt(p.partition());
                ByteBuffer b = p.batch().duplicate();
                out.writeInt(b.remaining());
                byte[] arr = new byte[b.remaining()];
                b.get(arr);
                out.write(arr);
            }
            out.writeInt(acks.size());
            for (Ack a : acks) {
                out.writeUTF(a.subscriptionId());
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

    static PreparedTransaction decode(byte[] payload) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            int n = in.readInt();
            List<Produce> produces = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                DestinationType type = DestinationType.fromCode(in.readByte());
                String name = in.readUTF();
                int partition = in.readInt();
                byte[] batch = new byte[in.readInt()];
                in.readFully(batch);
                produces.add(new Produce(new DestinationId(type, name), partition, ByteBuffer.wrap(batch)));
            }
            int m = in.readInt();
            List<Ack> acks = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                String id = in.readUTF();
                int k = in.readInt();
                List<RecordRef> refs = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    refs.add(new RecordRef(in.readInt(), in.readLong()));
                }
                acks.add(new Ack(id, refs));
            }
            return new PreparedTransaction(produces, acks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
