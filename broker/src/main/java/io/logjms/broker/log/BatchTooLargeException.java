package io.logjms.broker.log;

/** A batch larger than {@link LogConfig#maxBatchBytes()} was offered to append; nothing was written. */
public class BatchTooLargeException extends LogException {
    private static final long serialVersionUID = 1L;

    private final int batchBytes;
    private final int maxBatchBytes;

    public BatchTooLargeException(TopicPartition topicPartition, int batchBytes, int maxBatchBytes) {
        super(topicPartition, "batch of " + batchBytes + " bytes exceeds the limit of " + maxBatchBytes
                + " bytes of partition " + topicPartition);
        this.batchBytes = batchBytes;
        this.maxBatchBytes = maxBatchBytes;
    }

    public int batchBytes() {
        return batchBytes;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }
}
