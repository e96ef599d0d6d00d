package io.logjms.broker.metadata;

import java.nio.file.Path;

/** Another process (or another store in this one) holds the lock file of the metadata store. */
public final class MetadataStoreInUseException extends MetadataStorageException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;

    public MetadataStoreInUseException(String message, Path lockFile) {
        super(message);
        this.lockFile = lockFile;
    }

    /** The file whose lock is held. */
    public Path lockFile() {
        return lockFile;
    }
}
