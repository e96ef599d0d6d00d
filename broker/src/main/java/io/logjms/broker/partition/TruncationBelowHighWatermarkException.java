package io.logjms.broker.partition;

import io.logjms.broker.log.TopicPartition;

/** A truncation would remove committed records (below the high watermark); nothing was removed. */
public class TruncationBelowHighWatermarkException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TruncationBelowHighWatermarkException(TopicPartition topicPartition, long offset, long highWatermark) {
        super("cannot truncate " + topicPartition + " to offset " + offset + ": records below the high watermark "
                + highWatermark + " are committed");
    }
}
