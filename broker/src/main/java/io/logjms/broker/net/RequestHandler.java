package io.logjms.broker.net;

import io.logjms.protocol.Frame;

/**
 * Handles one kind of request. It answers through the {@link ClientConnection}, now or later, exactly
 * once; a typed exception thrown here becomes an error response ({@link ErrorMapping}). The frame is
 * released when this returns: copy or retain what must outlive the call.
 */
@FunctionalInterface
public interface RequestHandler {
    void handle(ClientConnection connection, Frame request) throws Exception;
}
