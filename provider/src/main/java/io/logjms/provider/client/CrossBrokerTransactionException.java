package io.logjms.provider.client;

/**
 * A transaction touches partitions (or consumed records) that different brokers lead: its commit cannot be applied
 * atomically yet. Cross-broker transactions come with cluster part 2.
 */
public final class CrossBrokerTransactionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrossBrokerTransactionException(String message) {
        super(message);
    }
}
