package io.logjms.protocol;

/** Bytes received that do not follow the protocol. The connection that sent them is closed. */
public class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
