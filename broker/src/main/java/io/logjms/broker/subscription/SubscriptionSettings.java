package io.logjms.broker.subscription;

/**
 * Broker settings a subscription follows: how many deliveries a record gets before it goes to the
 * dead-letter queue (null sink: never), whether every cursor change is synced before it is confirmed,
 * and whether a subscription of its own may get whole stored batches straight from the file
 * ({@code delivery.zero.copy}).
 */
public record SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange,
                                   boolean wholeBatches) {

    /** Settings with whole-batch delivery allowed, the broker's default. */
    public SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange) {
        this(maxDeliveries, deadLetters, syncEveryChange, true);
    }
}
