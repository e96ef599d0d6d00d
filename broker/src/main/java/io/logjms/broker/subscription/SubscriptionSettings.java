package io.logjms.broker.subscription;

/**
 * Broker settings a subscription follows: how many deliveries a record gets before it goes to the
 * dead-letter queue (null sink: never), whether every cursor change is synced before it is confirmed,
 * whether a subscription of its own may get whole stored batches straight from the file
 * ({@code delivery.zero.copy}), and how long the message groups a new leader took over wait for their
 * consumer to attach ({@code subscriptions.shared.grace.ms}, the time a client takes at most to come back).
 */
public record SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange,
                                   boolean wholeBatches, long groupWaitMs) {
    /** The default of {@code subscriptions.shared.grace.ms}. */
    static final long DEFAULT_GROUP_WAIT_MS = 60_000;

    public SubscriptionSettings {
        if (groupWaitMs < 0) {
            throw new IllegalArgumentException("groupWaitMs must be >= 0, got " + groupWaitMs);
        }
    }

    /** Settings with the default group wait. */
    public SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange,
                                boolean wholeBatches) {
        this(maxDeliveries, deadLetters, syncEveryChange, wholeBatches, DEFAULT_GROUP_WAIT_MS);
    }

    /** Settings with whole-batch delivery allowed, the broker's default. */
    public SubscriptionSettings(int maxDeliveries, DeadLetterSink deadLetters, boolean syncEveryChange) {
        this(maxDeliveries, deadLetters, syncEveryChange, true);
    }

    /** The same settings with another group wait. */
    public SubscriptionSettings withGroupWaitMs(long ms) {
        return new SubscriptionSettings(maxDeliveries, deadLetters, syncEveryChange, wholeBatches, ms);
    }
}
