package io.logjms.broker.metadata;

/** A destination name, destination setting or record argument that is not allowed. */
public class InvalidMetadataException extends MetadataException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }
}
