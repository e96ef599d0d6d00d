package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.net.RequestException;
import io.logjms.broker.transaction.TransactionCoordinator;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The batches of a COMMIT or an XA_END, copied out of the frame and checked (checksum, size). */
final class TransactionWork {
    private TransactionWork() {
    }

    static List<TransactionCoordinator.Produce> produces(DestinationManager destinations,
                                                         List<CommitRequest.Produce> requested) {
        List<TransactionCoordinator.Produce> produces = new ArrayList<>();
        for (CommitRequest.Produce p : requested) {
            Destination d = destinations.getOrCreate(p.destination(), true);
            d.partition(p.partition());
            ByteBuffer batch = ByteBuffer.allocate(p.batch().readableBytes());
            p.batch().getBytes(p.batch().readerIndex(), batch);
            batch.flip();
            RecordBatch.of(batch).validate();
            if (batch.remaining() > d.partition(p.partition()).log().config().maxBatchBytes()) {
                throw new RequestException(ErrorCode.BATCH_TOO_LARGE,
                        "a batch of " + batch.remaining() + " bytes exceeds max.batch.bytes");
            }
            produces.add(new TransactionCoordinator.Produce(d, p.partition(), batch));
        }
        return produces;
    }
}
