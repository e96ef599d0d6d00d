package io.logjms.protocol.record;

/** A record batch or record whose bytes do not follow {@link RecordBatchLayout} / {@link RecordLayout}. */
public class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
