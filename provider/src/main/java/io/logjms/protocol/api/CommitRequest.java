package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits a transacted session: the record batches it sent and the records it consumed, all or nothing.
 * The broker answers after the whole transaction is durable; after a crash it is either entirely
 * visible or not at all. On the broker, the batches are slices of the received frame.
 */
public record CommitRequest(List<Produce> produces, List<AckRequest> acks) {

    /** One batch to append to one partition. */
    public record Produce(DestinationId destination, int partition, ByteBuf batch) {
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(produces.size());
        for (Produce p : produces) {
            p.destination().writeTo(out);
            out.writeInt(p.partition());
            out.writeInt(p.batch().readableBytes());
            out.writeBytes(p.batch(), p.batch().readerIndex(), p.batch().readableBytes());
        }
        out.writeInt(acks.size());
        acks.forEach(a -> a.writeTo(out));
    }

    /**
     * The size of a COMMIT frame carrying one batch of {@code batchBytes} and no acknowledgements, not
     * counting the length field.
     */
    public static int singleBatchFrameBytes(DestinationId destination, int batchBytes) {
        return FrameLayout.HEADER_SIZE + 4 + destination.encodedSize() + 4 + 4 + batchBytes + 4;
    }

    public static CommitRequest readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "produce count", 11);
        List<Produce> produces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DestinationId d = DestinationId.readFrom(in);
            int partition = RequestChecks.nonNegative("partition", Wire.readInt(in, "partition"));
            int len = Wire.readInt(in, "batch length");
            if (len < 0 || len > in.readableBytes()) {
                throw new MalformedFrameException("batch length " + len + " exceeds the frame");
            }
            produces.add(new Produce(d, partition, in.readSlice(len)));
        }
        int m = Wire.readCount(in, "ack count", 8);
        List<AckRequest> acks = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            acks.add(AckRequest.readFrom(in));
        }
        return new CommitRequest(produces, acks);
    }
}
