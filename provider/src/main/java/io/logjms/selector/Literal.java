package io.logjms.selector;

/** A string, exact numeric (Long), approximate numeric (Double) or boolean literal. */
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

    static Literal ofLong(long value) {
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
        return String.valueOf(value).toUpperCase(java.util.Locale.ROOT);
    }
}
