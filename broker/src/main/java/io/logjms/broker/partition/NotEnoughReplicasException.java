package io.logjms.broker.partition;

/** A send was appended by the leader but not committed in time: no majority of the replica set holds it. */
public class NotEnoughReplicasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}
