package io.logjms.broker.metadata;

/**
 * Stored metadata that cannot be read back and cannot be explained by a crash during a write: a damaged
 * snapshot, or a damaged journal entry followed by intact ones. The store refuses to open rather than drop
 * acknowledged changes; an operator has to restore the files.
 */
public class MetadataCorruptedException extends MetadataStorageException {
    private static final long serialVersionUID = 1L;

    public MetadataCorruptedException(String message) {
        super(message);
    }
}
