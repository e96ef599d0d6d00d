package io.logjms.broker.partition;

import io.logjms.broker.log.TopicPartition;

/** A replica request or append names a leader epoch older than one this replica knows or has promised. */
public class FencedLeaderEpochException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int knownEpoch;

    public FencedLeaderEpochException(TopicPartition partition, int requestEpoch, int knownEpoch, String what) {
        super(what + " of " + partition + " in leader epoch " + requestEpoch + " refused: this replica knows epoch "
                + knownEpoch);
        this.knownEpoch = knownEpoch;
    }

    /** The newer epoch this replica knows (current or promised). */
    public int knownEpoch() {
        return knownEpoch;
    }
}
