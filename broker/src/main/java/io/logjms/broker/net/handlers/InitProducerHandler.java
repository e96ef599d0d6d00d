package io.logjms.broker.net.handlers;

import io.logjms.broker.metadata.ProducerIdAllocator;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.net.RequestHandler;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.record.RecordBatchLayout;
import java.util.concurrent.Executor;

/**
 * Gives a producing session its producer identity: a new id with epoch 0, or for a known id the next epoch
 * (which fences the older one on every partition it writes to next). Allocation may write the id block file,
 * so it runs off the network thread.
 */
public final class InitProducerHandler implements RequestHandler {
    private final ProducerIdAllocator allocator;
    private final Executor executor;

    public InitProducerHandler(ProducerIdAllocator allocator, Executor executor) {
        this.allocator = allocator;
        this.executor = executor;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        InitProducerRequest req = InitProducerRequest.readFrom(request.body());
        if (req.producerId() < RecordBatchLayout.NO_PRODUCER_ID
                || (req.producerId() >= 0 && req.producerEpoch() < 0)) {
            connection.respondError(request, ErrorCode.INVALID_REQUEST, "producer id " + req.producerId()
                    + " with epoch " + req.producerEpoch() + ": ask for a new id with -1, or for the next epoch of"
                    + " an id with its current epoch (0 or more)");
            return;
        }
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        executor.execute(() -> {
            try {
                InitProducerResponse response = answer(req);
                connection.respond(api, correlationId, response::writeTo);
            } catch (RuntimeException e) {
                connection.respondError(api, correlationId, ErrorMapping.codeFor(e), ErrorMapping.messageFor(e));
            }
        });
    }

    private InitProducerResponse answer(InitProducerRequest req) {
        if (req.producerId() >= 0 && req.producerEpoch() < Short.MAX_VALUE) {
            return new InitProducerResponse(req.producerId(), (short) (req.producerEpoch() + 1));
        }
        return new InitProducerResponse(allocator.nextProducerId(), (short) 0);
    }
}
