package io.logjms.provider.client;

import java.time.Duration;

/**
 * When to try reconnecting, and when to give up. The first attempt goes out at once; then the pause
 * doubles from {@value #FIRST_PAUSE_MILLIS} ms up to {@value #MAX_PAUSE_MILLIS} ms between attempts,
 * until the reconnect timeout, counted from the loss, runs out. Pure arithmetic: the caller passes the
 * time, so it is tested without waiting. Immutable.
 */
public final class ReconnectBackoff {
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 2000;

    private final long timeoutMillis;

    public ReconnectBackoff(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    /** The pause before attempt {@code attempt} (0 for the first): 0, 100, 200, 400 ... 2000, 2000 ms. */
    public long pauseBefore(int attempt) {
        if (attempt <= 0) {
            return 0;
        }
        int doublings = Math.min(attempt - 1, 20);
        return Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << doublings);
    }

    /**
     * The pause before attempt {@code attempt}, shortened so that it ends at the deadline; -1 when the
     * deadline has passed and reconnecting should stop.
     *
     * @param elapsedMillis time since the connection was lost
     */
    public long next(int attempt, long elapsedMillis) {
        long left = timeoutMillis - elapsedMillis;
        if (left <= 0) {
            return -1;
        }
        return Math.min(pauseBefore(attempt), left);
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
