package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.net.RequestException;
import io.logjms.broker.transaction.TransactionCoordinator;
import io.logjms.broker.transaction.TransactionTopic;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The batches of a COMMIT or an XA_END, copied out of the frame and checked (checksum, size). */
final class TransactionWork {
    private TransactionWork() {
    }

    /** A batch copied out of the frame, its destination not resolved yet. */
    record Copied(DestinationId destination, int partition, ByteBuffer batch) {
    }

    static List<TransactionCoordinator.Produce> produces(DestinationManager destinations,
                                                         List<CommitRequest.Produce> requested) {
        return resolve(destinations, copy(requested));
    }

    /** Copies the batches out of the frame, which is released once the handler returns. */
    static List<Copied> copy(List<CommitRequest.Produce> requested) {
        List<Copied> copies = new ArrayList<>(requested.size());
        for (CommitRequest.Produce p : requested) {
            ByteBuffer batch = ByteBuffer.allocate(p.batch().readableBytes());
            p.batch().getBytes(p.batch().readerIndex(), batch);
            batch.flip();
            copies.add(new Copied(p.destination(), p.partition(), batch));
        }
        return copies;
    }

    /** Resolves (auto-creating) the destinations and checks each batch; may touch files, so off the network thread. */
    static List<TransactionCoordinator.Produce> resolve(DestinationManager destinations, List<Copied> copies) {
        List<TransactionCoordinator.Produce> produces = new ArrayList<>(copies.size());
        for (Copied c : copies) {
            TransactionTopic.refuseReserved(c.destination(), "send to");
            Destination d = destinations.getOrCreate(c.destination(), true);
            d.partition(c.partition());
            RecordBatch.of(c.batch()).validate();
            if (c.batch().remaining() > d.partition(c.partition()).log().config().maxBatchBytes()) {
                throw new RequestException(ErrorCode.BATCH_TOO_LARGE,
                        "a batch of " + c.batch().remaining() + " bytes exceeds max.batch.bytes");
            }
            produces.add(new TransactionCoordinator.Produce(d, c.partition(), c.batch()));
        }
        return produces;
    }

    /** Counts committed batches as messages and bytes in; {@code sizes} are the batches' sizes, in order. */
    static void countProduced(BrokerMetrics metrics, List<TransactionCoordinator.Produce> produces, int[] sizes,
                              List<ProduceResponse> results) {
        for (int i = 0; i < produces.size(); i++) {
            TransactionCoordinator.Produce p = produces.get(i);
            ProduceResponse r = results.get(i);
            metrics.destination(p.destination().id()).produced(r.lastOffset() - r.baseOffset() + 1, sizes[i]);
        }
    }
}
