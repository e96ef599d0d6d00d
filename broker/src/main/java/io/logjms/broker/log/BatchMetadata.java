package io.logjms.broker.log;

/**
 * What the producer state remembers of one appended batch of an idempotent producer.
 *
 * @param firstSequence sequence of its first record
 * @param lastSequence  sequence of its last record
 * @param firstOffset   offset assigned to its first record
 * @param lastOffset    offset assigned to its last record
 * @param timestamp     the batch's max timestamp (the producer's clock)
 */
public record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
}
