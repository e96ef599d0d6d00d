package io.logjms.broker.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which denials are logged: the first of each (user, operation, resource) and then at most one per
 * period (a minute in the broker), so a client retrying in a loop cannot flood the log. Thread-safe.
 */
public final class DenialLog {
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final long periodMillis;
    private final Map<Key, Long> lastLogged = new ConcurrentHashMap<>();

    private record Key(String user, Operation operation, Resource resource) {
    }

    public DenialLog(Clock clock, Duration period) {
        this.clock = clock;
        this.periodMillis = period.toMillis();
    }

    /** Whether this denial should be logged now; if so, the next one of the same key waits a period. */
    public boolean shouldLog(String user, Operation operation, Resource resource) {
        long now = clock.millis();
        if (lastLogged.size() > PRUNE_ABOVE) {
            lastLogged.values().removeIf(at -> now - at >= periodMillis);
        }
        boolean[] log = new boolean[1];
        lastLogged.compute(new Key(user, operation, resource), (k, at) -> {
            if (at == null || now - at >= periodMillis) {
                log[0] = true;
                return now;
            }
            return at;
        });
        return log[0];
    }
}
