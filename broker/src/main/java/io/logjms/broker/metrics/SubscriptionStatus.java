package io.logjms.broker.metrics;

import io.logjms.protocol.DestinationId;

/**
 * One subscription (a queue's cursor included) as the console and the gauges show it: its lag (records of
 * its destination not acknowledged yet), records in flight (delivered, not acknowledged) and the records
 * delivered to its consumers since the broker started.
 */
public record SubscriptionStatus(String id, String kind, DestinationId destination, int consumers, long lag,
                                 long inFlight, long delivered) {
}
