package io.logjms.selector;

/**
 * A string, exact numeric (Integer or Long), approximate numeric (Float or Double) or boolean literal. The
 * numeric type follows the Java literal: {@code 29} is an int, {@code 29L} a long, {@code 1.5F} a float.
 */
final class Literal extends Expression {

    private final Object value;
    private final StaticType type;

    private Literal(Object value, StaticType type) {
        this.value = value;
        this.type = type;
    }

    static Literal ofString(String value) {
        return new Literal(value, StaticType.STRING);
    }

    static Literal ofInt(int value) {
        return new Literal(value, StaticType.NUMERIC);
    }

    static Literal ofLong(long value) {
        return new Literal(value, StaticType.NUMERIC);
    }

    static Literal ofFloat(float value) {
        return new Literal(value, StaticType.NUMERIC);
    }

    static Literal ofDouble(double value) {
        return new Literal(value, StaticType.NUMERIC);
    }

    static Literal ofBoolean(boolean value) {
        return new Literal(value, StaticType.BOOLEAN);
    }

    @Override
    StaticType type() {
        return type;
    }

    @Override
    Object value(MessageView message) {
        return value;
    }

    @Override
    public String toString() {
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof Long) {
            return value + "L";
        }
        if (value instanceof Float) {
            return value + "F";
        }
        return String.valueOf(value).toUpperCase(java.util.Locale.ROOT);
    }
}
