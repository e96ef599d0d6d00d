package io.logjms.selector;

/**
 * The numeric types of selector values, ordered for Java's binary numeric promotion (JLS 5.6): Byte, Short
 * and Integer are {@link #INT}, Long is {@link #LONG}, Float is {@link #FLOAT}, Double is {@link #DOUBLE};
 * two operands are converted to the wider of their types. Any other value (including other {@link Number}
 * subclasses) is not a number to a selector.
 */
enum NumericType {
    INT,
    LONG,
    FLOAT,
    DOUBLE;

    /** The numeric type of a value, or null if it is not a selector number. */
    static NumericType of(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value instanceof Integer ? INT : value instanceof Long ? LONG : DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        return value instanceof Short || value instanceof Byte ? INT : null;
    }

    /** The type both operands are converted to, or null if either is not a selector number. */
    static NumericType promote(Object left, Object right) {
        NumericType leftType = of(left);
        NumericType rightType = of(right);
        if (leftType == null || rightType == null) {
            return null;
        }
        return leftType.ordinal() >= rightType.ordinal() ? leftType : rightType;
    }

    /** Whether a value has a selector type: a number, a String or a Boolean. */
    static boolean isSelectorValue(Object value) {
        return value instanceof String || value instanceof Boolean || of(value) != null;
    }
}
