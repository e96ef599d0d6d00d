package io.logjms.broker.metadata;

/** Updating or deleting a destination that does not exist. */
public class UnknownDestinationException extends MetadataException {
    private static final long serialVersionUID = 1L;

    private final DestinationKey destination;

    public UnknownDestinationException(DestinationKey destination) {
        super("Unknown destination: " + destination);
        this.destination = destination;
    }

    /** The destination that was not found. */
    public DestinationKey destination() {
        return destination;
    }
}
