package io.logjms.provider.client;

import io.logjms.provider.config.BrokerAddress;

/**
 * The failures of trying the brokers of a list in turn, gathered into one {@link BrokerUnreachableException}
 * ("could not connect to any logjms broker (host:port: reason; ...)"). Not thread-safe.
 */
final class ConnectFailures {
    private final StringBuilder failures = new StringBuilder();
    private Throwable lastCause;

    /**
     * One broker failed: an unreachable one lists its own reasons, anything else its message. The last failure
     * itself is the cause (an unreachable one too: callers look for it in the chain).
     */
    void add(BrokerAddress broker, Exception e) {
        failures.append(failures.length() == 0 ? "" : "; ");
        if (e instanceof BrokerUnreachableException u) {
            failures.append(u.failures());
            lastCause = u;
        } else {
            failures.append(broker).append(": ").append(e.getMessage());
            lastCause = e;
        }
    }

    BrokerUnreachableException exception() {
        return BrokerUnreachableException.ofFailures(failures.toString(), lastCause);
    }
}
