package io.logjms.provider;

import io.logjms.protocol.api.StartPosition;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The options a destination name may carry after a {@code ?}, for applications that configure rather
 * than code their replay: {@code orders?start=earliest}. Options are {@code key=value} pairs joined by
 * {@code &}. The one option so far:
 *
 * <ul>
 *   <li>{@code start=earliest|latest|<ISO-8601 instant>}: where a topic subscription's cursor begins
 *       when the broker creates it: a durable (or shared) subscription when it is first created, and
 *       every non-durable subscriber. Without it a topic subscription begins at the log end.</li>
 * </ul>
 *
 * An unknown option, a repeated one or a malformed value is an {@link IllegalArgumentException} that
 * names it.
 */
public final class DestinationOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The option naming where a new topic subscription starts. */
    public static final String START = "start";

    static final DestinationOptions NONE = new DestinationOptions(null, 0L);

    private final StartPosition start;
    private final long startTimestamp;

    private DestinationOptions(StartPosition start, long startTimestamp) {
        this.start = start;
        this.startTimestamp = startTimestamp;
    }

    /**
     * The options of {@code query}, the part of a destination name after its {@code ?}.
     *
     * @param destination the whole destination name, for error messages
     */
    static DestinationOptions parse(String query, String destination) {
        if (query.isEmpty()) {
            throw new IllegalArgumentException("destination '" + destination + "' ends with '?' but names no option;"
                    + " write for example 'orders?start=earliest'");
        }
        StartPosition start = null;
        long timestamp = 0L;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (!key.equals(START)) {
                throw new IllegalArgumentException("destination '" + destination + "' has the unknown option '" + key
                        + "'; the known option is '" + START + "' (earliest, latest or an ISO-8601 instant)");
            }
            if (start != null) {
                throw new IllegalArgumentException("destination '" + destination + "' gives the option '" + START
                        + "' twice");
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "earliest" -> start = StartPosition.EARLIEST;
                case "latest" -> start = StartPosition.LATEST;
                default -> {
                    timestamp = parseInstant(value, destination);
                    start = StartPosition.TIMESTAMP;
                }
            }
        }
        return new DestinationOptions(start, timestamp);
    }

    private static long parseInstant(String value, String destination) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("destination '" + destination + "': option '" + START + "' must be"
                    + " earliest, latest or an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '" + value + "'");
        }
    }

    /** Whether the name gave no option at all. */
    public boolean isEmpty() {
        return start == null;
    }

    /** Whether the name gave a start position. */
    public boolean hasStart() {
        return start != null;
    }

    /** Where a new subscription starts, or {@code defaultPosition} when the name gave none. */
    public StartPosition start(StartPosition defaultPosition) {
        return start != null ? start : defaultPosition;
    }

    /** For {@link StartPosition#TIMESTAMP}: the instant in epoch milliseconds; otherwise 0. */
    public long startTimestamp() {
        return startTimestamp;
    }
}
