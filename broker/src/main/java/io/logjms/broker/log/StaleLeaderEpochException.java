package io.logjms.broker.log;

/**
 * A batch or request carries a leader epoch older than the one the partition already knows: it comes from a
 * deposed leader. Nothing was written.
 */
public class StaleLeaderEpochException extends LogException {
    private static final long serialVersionUID = 1L;

    public StaleLeaderEpochException(TopicPartition topicPartition, String message) {
        super(topicPartition, message);
    }
}
