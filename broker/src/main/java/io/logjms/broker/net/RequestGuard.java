package io.logjms.broker.net;

import io.logjms.protocol.Frame;

/**
 * Looks at each request of a connection that finished its handshake before its handler runs, and may
 * refuse it (answering the error itself). Called on the connection's I/O thread; must not block.
 */
@FunctionalInterface
public interface RequestGuard {
    /** Admits everything. */
    RequestGuard ADMIT_ALL = (connection, frame) -> true;

    /** Whether the request may go on to its handler; when not, the guard has answered it. */
    boolean admit(ClientConnection connection, Frame request);
}
