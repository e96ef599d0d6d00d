package io.logjms.provider.message;

/** The value types map and stream message bodies hold. */
final class BodyValues {
    private BodyValues() {
    }

    /** Whether a map or stream message body can hold {@code value}: a primitive wrapper, String, byte[] or null. */
    static boolean isValid(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Character || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof String
                || value instanceof byte[];
    }
}
