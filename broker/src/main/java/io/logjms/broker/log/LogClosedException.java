package io.logjms.broker.log;

/** The partition log was closed (broker shutdown or partition deleted) before or during the call. */
public class LogClosedException extends LogException {
    private static final long serialVersionUID = 1L;

    public LogClosedException(TopicPartition topicPartition) {
        super(topicPartition, "partition log " + topicPartition + " is closed");
    }
}
