package io.logjms.broker.partition;

import io.logjms.broker.log.TopicPartition;

/** The request needs the other role: a produce reached a follower, or a follower's copy reached the leader. */
public class NotLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TopicPartition topicPartition;

    public NotLeaderException(TopicPartition topicPartition, String message) {
        super(message);
        this.topicPartition = topicPartition;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }
}
