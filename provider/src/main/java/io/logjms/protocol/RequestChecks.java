package io.logjms.protocol;

/**
 * The field checks request decoders apply to what they read, so that every request type refuses the
 * same kinds of bad value with the same words. Each returns the value it accepts and throws
 * {@link InvalidRequestException} naming the field otherwise.
 */
public final class RequestChecks {
    private RequestChecks() {
    }

    /** A string that must be present: neither null nor empty. */
    public static String required(String field, String value) {
        if (value == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        if (value.isEmpty()) {
            throw new InvalidRequestException(field, "must not be empty");
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidRequestException(field, "must not be negative (was " + value + ")");
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidRequestException(field, "must not be negative (was " + value + ")");
        }
        return value;
    }

    /** A partition number, or -1 for every partition. */
    public static int partitionOrAll(String field, int value) {
        if (value < -1) {
            throw new InvalidRequestException(field, "must be a partition number or -1 for all (was " + value + ")");
        }
        return value;
    }
}
