package io.logjms.broker.log;

/**
 * A producer's batch does not continue the producer's sequence on the partition: a batch before it never
 * arrived (or is older than the batches the partition remembers). Nothing was written.
 */
public class OutOfOrderSequenceException extends LogException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(TopicPartition topicPartition, String message) {
        super(topicPartition, message);
    }
}
