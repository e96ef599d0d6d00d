package io.logjms.provider.client;

/**
 * No leader of a partition took a request within the reconnect timeout. The message names the partition and
 * the last failure (for example {@code NOT_ENOUGH_REPLICAS} when no majority of its replicas is reachable); the
 * cause is that failure.
 */
public final class PartitionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PartitionUnavailableException(String message, Throwable lastFailure) {
        super(message, lastFailure);
    }
}
