package io.logjms.provider.admin;

import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.ProtocolErrorException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a request and turns its failure into a {@link LogJmsAdminException} that says what failed and why. */
final class AdminCalls {
    private AdminCalls() {
    }

    /**
     * The future's value; on failure a {@link LogJmsAdminException} "cannot {@code action}: reason",
     * carrying the broker's error code when the broker refused.
     */
    static <T> T await(CompletableFuture<T> future, Duration timeout, String action) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw failure(action, e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new LogJmsAdminException(null, "cannot " + action + ": no answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogJmsAdminException(null, "cannot " + action + ": interrupted", e);
        }
    }

    static LogJmsAdminException failure(String action, Throwable cause) {
        if (cause instanceof ProtocolErrorException p) {
            return new LogJmsAdminException(p.error(), "cannot " + action + ": " + brokerMessage(p), p);
        }
        if (cause instanceof ConnectionLostException) {
            return new LogJmsAdminException(null, "cannot " + action + ": the connection to the broker was lost", cause);
        }
        if (cause instanceof TimeoutException) {
            return new LogJmsAdminException(null, "cannot " + action + ": " + cause.getMessage(), cause);
        }
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new LogJmsAdminException(null, "cannot " + action + ": " + reason, cause);
    }

    /** The broker's own message: {@link ProtocolErrorException} prefixes it with the code name. */
    private static String brokerMessage(ProtocolErrorException p) {
        String prefix = p.error() + ": ";
        String m = p.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
