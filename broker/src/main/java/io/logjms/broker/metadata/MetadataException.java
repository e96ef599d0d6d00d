package io.logjms.broker.metadata;

/** Base of the failures a {@link MetadataStore} reports. */
public abstract class MetadataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected MetadataException(String message) {
        super(message);
    }

    protected MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
