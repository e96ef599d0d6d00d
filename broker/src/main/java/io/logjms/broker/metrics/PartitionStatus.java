package io.logjms.broker.metrics;

/** One partition as the console and the gauges show it. */
public record PartitionStatus(int partition, long logStartOffset, long logEndOffset, boolean online) {
}
