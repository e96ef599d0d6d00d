package io.logjms.broker.net.handlers;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.log.FetchData;
import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.RequestHandler;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.FetchRequest;
import io.logjms.protocol.api.FetchResponseHeader;
import io.netty.channel.DefaultFileRegion;

/** Sends whole record batches straight from the segment file (zero copy). */
public final class FetchHandler implements RequestHandler {
    private final DestinationManager destinations;

    public FetchHandler(DestinationManager destinations) {
        this.destinations = destinations;
    }

    @Override
    public void handle(ClientConnection connection, Frame request) {
        FetchRequest req = FetchRequest.readFrom(request.body());
        Destination d = destinations.get(req.destination());
        Partition partition = d.partition(req.partition());
        FetchData data = partition.read(req.offset(), Math.max(1, req.maxBytes()));
        FetchResponseHeader header = new FetchResponseHeader(data.logStartOffset(), data.logEndOffset(), data.sizeInBytes());
        if (data.isEmpty()) {
            connection.respond(request, header::writeTo);
        } else {
            connection.respondWithRegion(request, header::writeTo,
                    new SharedFileRegion(data.channel(), data.position(), data.sizeInBytes()));
        }
    }

    /** A file region over a segment's channel that the segment keeps open: releasing it must not close it. */
    static final class SharedFileRegion extends DefaultFileRegion {
        SharedFileRegion(java.nio.channels.FileChannel channel, long position, long count) {
            super(channel, position, count);
        }

        @Override
        protected void deallocate() {
            // the channel belongs to the log segment
        }
    }
}
