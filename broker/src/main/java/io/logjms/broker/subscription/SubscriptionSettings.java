package io.logjms.broker.subscription;

/**
 * Broker settings a subscription follows: how many deliveries a record gets before it goes to the
 * dead-letter queue (null sink: never), and whether every cursor change is synced before it is confirmed.
 */
public record SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange) {
}
