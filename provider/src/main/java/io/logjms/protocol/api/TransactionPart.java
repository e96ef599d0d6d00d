package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cross-broker transaction (or one participant's share of it) writes: batches, each for one partition and
 * carrying its producer id, epoch and sequence, and acknowledgements by subscription (its stable id, as
 * {@code TXN_ACK_TARGETS} answers it, and its destination, whose partitions' leaders apply them). On the broker
 * the batches are slices of the received frame.
 *
 * <pre>
 * int32 n, n x (destination, int32 partition, int32 length, batch bytes)
 * int32 m, m x (string subscription id, destination, records as in ACK)
 * </pre>
 */
public record TransactionPart(List<CommitRequest.Produce> produces, List<Ack> acks) {

    /** Acknowledgements of records of one subscription. */
    public record Ack(String subscriptionId, DestinationId destination, List<RecordRef> records) {
    }

    public boolean isEmpty() {
        return produces.isEmpty() && acks.isEmpty();
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(produces.size());
        for (CommitRequest.Produce p : produces) {
            p.destination().writeTo(out);
            out.writeInt(p.partition());
            out.writeInt(p.batch().readableBytes());
            out.writeBytes(p.batch(), p.batch().readerIndex(), p.batch().readableBytes());
        }
        out.writeInt(acks.size());
        for (Ack a : acks) {
            Wire.writeString(out, a.subscriptionId());
            a.destination().writeTo(out);
            RecordRef.writeList(out, a.records());
        }
    }

    public static TransactionPart readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "produce count", 11);
        List<CommitRequest.Produce> produces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DestinationId d = DestinationId.readFrom(in);
            int partition = RequestChecks.nonNegative("partition", Wire.readInt(in, "partition"));
            int len = Wire.readInt(in, "batch length");
            if (len < 0 || len > in.readableBytes()) {
                throw new MalformedFrameException("batch length " + len + " exceeds the frame");
            }
            produces.add(new CommitRequest.Produce(d, partition, in.readSlice(len)));
        }
        int m = Wire.readCount(in, "ack count", 9);
        List<Ack> acks = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            String id = Wire.readString(in);
            if (id == null || id.isEmpty()) {
                throw new MalformedFrameException("an acknowledgement names no subscription");
            }
            acks.add(new Ack(id, DestinationId.readFrom(in), RecordRef.readList(in)));
        }
        return new TransactionPart(produces, acks);
    }
}
