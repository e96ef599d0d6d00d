package io.logjms.broker.partition;

import io.logjms.broker.log.TopicPartition;

/** This broker is to lead the partition but has not finished taking over (retriable). */
public class LeaderNotAvailableException extends NotLeaderException {
    private static final long serialVersionUID = 1L;

    public LeaderNotAvailableException(TopicPartition topicPartition, String message) {
        super(topicPartition, message);
    }
}
