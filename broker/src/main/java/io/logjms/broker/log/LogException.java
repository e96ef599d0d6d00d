package io.logjms.broker.log;

/** Base of the storage engine's exceptions about one partition log; names that partition. */
public class LogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TopicPartition topicPartition;

    public LogException(TopicPartition topicPartition, String message, Throwable cause) {
        super(message, cause);
        this.topicPartition = topicPartition;
    }

    public LogException(TopicPartition topicPartition, String message) {
        this(topicPartition, message, null);
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }
}
