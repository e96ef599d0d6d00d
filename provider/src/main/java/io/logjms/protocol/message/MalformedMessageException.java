package io.logjms.protocol.message;

/**
 * Thrown when encoded message headers or an encoded message body cannot be decoded: truncated
 * input, an unknown format version, tag or code, an invalid length, invalid UTF-8 or trailing bytes.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
