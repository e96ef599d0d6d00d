package io.logjms.selector;

/**
 * A value of SQL's three-valued logic. The operations follow the AND, OR and NOT tables of Jakarta
 * Messaging 3.1 section 3.8.1.2.
 */
enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Maps a property value to a truth value: a Boolean is itself, anything else is unknown. */
    static Truth ofValue(Object value) {
        if (value instanceof Boolean bool) {
            return of(bool);
        }
        return UNKNOWN;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        return TRUE;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        return FALSE;
    }

    /** The value of this truth in a comparison of booleans: {@link Boolean} constants or null. */
    Boolean toBoolean() {
        return switch (this) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
    }
}
