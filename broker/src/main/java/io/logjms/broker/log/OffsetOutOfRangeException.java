package io.logjms.broker.log;

/**
 * A read asked for an offset below the log start offset (deleted by retention) or above the log end
 * offset. Carries the bounds so the caller can reset its position.
 */
public class OffsetOutOfRangeException extends LogException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(TopicPartition topicPartition, long offset, long logStartOffset,
                                     long logEndOffset) {
        super(topicPartition, "offset " + offset + " is out of range for partition " + topicPartition
                + ": log holds [" + logStartOffset + ", " + logEndOffset + ")");
        this.offset = offset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long offset() {
        return offset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
