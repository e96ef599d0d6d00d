package io.logjms.broker.metadata;

/** Creating a destination that already exists (same kind and name). */
public class DestinationExistsException extends MetadataException {
    private static final long serialVersionUID = 1L;

    private final DestinationKey destination;

    public DestinationExistsException(DestinationKey destination) {
        super("Destination already exists: " + destination);
        this.destination = destination;
    }

    /** The destination that exists. */
    public DestinationKey destination() {
        return destination;
    }
}
