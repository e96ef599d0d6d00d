package io.logjms.broker.log;

/** A batch of a producer epoch older than the newest one the partition has seen for that producer id. */
public class ProducerFencedException extends LogException {
    private static final long serialVersionUID = 1L;

    public ProducerFencedException(TopicPartition topicPartition, long producerId, short epoch, short currentEpoch) {
        super(topicPartition, "producer " + producerId + " with epoch " + epoch + " is fenced on partition "
                + topicPartition + ": epoch " + currentEpoch + " of that producer has written there since");
    }
}
