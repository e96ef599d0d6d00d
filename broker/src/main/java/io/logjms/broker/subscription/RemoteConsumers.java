package io.logjms.broker.subscription;

/**
 * How many consumers a subscription has attached on the other brokers of the cluster, asked before a stored
 * subscription is deleted or replaced (refused while any broker has a consumer attached). A standalone broker
 * has no others: {@link #NONE}.
 */
@FunctionalInterface
public interface RemoteConsumers {
    RemoteConsumers NONE = id -> 0;

    /**
     * @return the consumers attached to subscription {@code id} on the other live brokers
     * @throws SubscriptionException ({@code NOT_ANSWERED}) when a live broker did not answer
     */
    int count(String id);
}
