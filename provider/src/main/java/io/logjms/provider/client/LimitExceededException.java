package io.logjms.provider.client;

import io.logjms.protocol.ErrorCode;

/**
 * A message or request larger than a limit the broker announced in the handshake (max.batch.bytes,
 * max.frame.bytes), refused by the client: nothing was sent, the connection is unaffected. It carries
 * the error code the broker would have answered with.
 */
public final class LimitExceededException extends ProtocolErrorException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(ErrorCode error, String message) {
        super(error, message);
    }
}
