package io.logjms.broker.metadata;

/**
 * The metadata store cannot read or write its storage: an I/O error, a store that is closed or that stopped
 * accepting changes after an earlier write failed, or storage already in use by another broker.
 */
public class MetadataStorageException extends MetadataException {
    private static final long serialVersionUID = 1L;

    public MetadataStorageException(String message) {
        super(message);
    }

    public MetadataStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
