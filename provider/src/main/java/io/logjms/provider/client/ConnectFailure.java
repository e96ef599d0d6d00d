package io.logjms.provider.client;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Why one broker could not be reached, in the words a user reads in "could not connect to any logjms
 * broker (host:port: ...)": connection refused, unknown host, timed out after N ms. The I/O library's
 * exception classes stay out of the message (they remain the exception's cause). Stateless.
 */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    /**
     * @param connectTimeout how long the TCP connect was allowed to take
     * @param requestTimeout how long the handshake was allowed to take
     */
    public static String describe(Throwable cause, Duration connectTimeout, Duration requestTimeout) {
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        }
        // Netty's ConnectTimeoutException is a ConnectException, so it is tested first
        if (cause instanceof io.netty.channel.ConnectTimeoutException || cause instanceof SocketTimeoutException) {
            return "timed out after " + connectTimeout.toMillis() + " ms";
        }
        if (cause instanceof TimeoutException) {
            return "timed out after " + requestTimeout.toMillis() + " ms waiting for the handshake";
        }
        if (cause instanceof ConnectionLostException) {
            return "the connection closed during the handshake";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        if (cause instanceof SocketException) {
            return socketReason(message);
        }
        return message;
    }

    /** "Connection refused: localhost/127.0.0.1:7879" becomes "connection refused". */
    private static String socketReason(String message) {
        int addressAt = message.indexOf(": ");
        String reason = addressAt < 0 ? message : message.substring(0, addressAt);
        return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}
