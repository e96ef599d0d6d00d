package io.logjms.provider.admin;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/**
 * Where {@link LogJmsAdmin#resetSubscription} moves a subscription: the log start or end of every
 * partition, the first record at or after a time in every partition, or an exact offset in one partition
 * (clamped by the broker to the log's bounds). {@link #toString()} and {@link #parse(String)} use the
 * CLI's syntax: {@code earliest}, {@code latest}, an ISO-8601 instant, {@code <partition>:<offset>}.
 */
public final class ResetPosition {
    /** The four kinds of position. */
    public enum Mode { EARLIEST, LATEST, TIME, OFFSET }

    private static final ResetPosition EARLIEST = new ResetPosition(Mode.EARLIEST, null, -1, -1);
    private static final ResetPosition LATEST = new ResetPosition(Mode.LATEST, null, -1, -1);

    private final Mode mode;
    private final Instant time;
    private final int partition;
    private final long offset;

    private ResetPosition(Mode mode, Instant time, int partition, long offset) {
        this.mode = mode;
        this.time = time;
        this.partition = partition;
        this.offset = offset;
    }

    /** The log start of every partition: everything retained is delivered again. */
    public static ResetPosition earliest() {
        return EARLIEST;
    }

    /** The log end of every partition: only records written from now on are delivered. */
    public static ResetPosition latest() {
        return LATEST;
    }

    /** The first record at or after {@code time} (log append time) in every partition. */
    public static ResetPosition time(Instant time) {
        return new ResetPosition(Mode.TIME, Objects.requireNonNull(time, "time"), -1, -1);
    }

    /** An exact offset in one partition; the other partitions keep their positions. */
    public static ResetPosition offset(int partition, long offset) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return new ResetPosition(Mode.OFFSET, null, partition, offset);
    }

    /**
     * Parses {@code earliest}, {@code latest}, an ISO-8601 instant ({@code 2026-11-25T10:15:30Z}) or
     * {@code <partition>:<offset>}; the exception says which forms are accepted.
     */
    public static ResetPosition parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        if (s.equalsIgnoreCase("earliest")) {
            return EARLIEST;
        }
        if (s.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        if (s.matches("\\d+:\\d+")) {
            int colon = s.indexOf(':');
            try {
                return offset(Integer.parseInt(s.substring(0, colon)), Long.parseLong(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("partition or offset out of range in '" + text + "'", e);
            }
        }
        try {
            return time(Instant.parse(s));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid position '" + text + "': expected earliest, latest, an ISO-8601 "
                    + "instant such as 2026-11-25T10:15:30Z, or <partition>:<offset>", e);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The time of a {@link Mode#TIME} position, else null. */
    public Instant time() {
        return time;
    }

    /** The partition of an {@link Mode#OFFSET} position, else -1 (every partition). */
    public int partition() {
        return partition;
    }

    /** The offset of an {@link Mode#OFFSET} position, else -1. */
    public long offset() {
        return offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResetPosition r && mode == r.mode && Objects.equals(time, r.time)
                && partition == r.partition && offset == r.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, time, partition, offset);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case EARLIEST -> "earliest";
            case LATEST -> "latest";
            case TIME -> time.toString();
            case OFFSET -> partition + ":" + offset;
        };
    }
}
