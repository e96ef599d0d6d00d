package io.logjms.provider.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS type conversion table shared by properties (section 3.5.4), map and stream message bodies
 * (section 3.11.3): a value written as one type may be read as another where the table allows it;
 * otherwise {@link MessageFormatException}. A {@code String} converts to any primitive through that
 * type's {@code valueOf(String)}, and so does a missing ({@code null}) value: reading it as boolean
 * gives false, as an integral type throws {@link NumberFormatException}, as float or double
 * {@link NullPointerException} (what {@code Float.valueOf(null)} throws), and as char {@link
 * NullPointerException}.
 */
final class ValueConversions {
    private ValueConversions() {
    }

    static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw invalid(value, "boolean");
    }

    static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw invalid(value, "byte");
    }

    static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw invalid(value, "short");
    }

    static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("cannot read a null value as a char");
        }
        throw invalid(value, "char");
    }

    static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw invalid(value, "int");
    }

    static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw invalid(value, "long");
    }

    static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw invalid(value, "float");
    }

    static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw invalid(value, "double");
    }

    /** Any value but a byte array reads as a String; null stays null. */
    static String toText(Object value) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw invalid(value, "String");
        }
        return value == null ? null : value.toString();
    }

    /** Only a byte array (returned as a copy) or null reads as a byte array. */
    static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw invalid(value, "byte[]");
    }

    /** The value itself, with a byte array copied so the caller cannot change the message. */
    static Object copyOf(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    static String typeName(Object value) {
        return value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }

    private static MessageFormatException invalid(Object value, String target) {
        return new MessageFormatException("cannot convert a value of type " + typeName(value) + " to " + target);
    }
}
