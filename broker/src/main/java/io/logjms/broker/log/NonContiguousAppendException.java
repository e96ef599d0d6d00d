package io.logjms.broker.log;

/**
 * A follower's batches do not continue the log: the first one does not start at the log end, or one does
 * not start where the previous one ended. Nothing of the call was written past the last contiguous batch.
 */
public class NonContiguousAppendException extends LogException {
    private static final long serialVersionUID = 1L;

    public NonContiguousAppendException(TopicPartition topicPartition, String message) {
        super(topicPartition, message);
    }
}
