package io.logjms.protocol;

/**
 * A well-framed request with a field value the protocol does not allow (a null where a value is required,
 * a negative count or partition, an unknown code). The broker answers {@link ErrorCode#INVALID_REQUEST}
 * naming the request and the field, and keeps the connection open: the frame's length already said where
 * the next frame starts.
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The request field at fault, as named in {@code docs/PROTOCOL.md}. */
    public String field() {
        return field;
    }
}
