package io.logjms.selector;

/**
 * Classifies message values as selector numbers. Byte, Short, Integer and Long are exact numerics;
 * Float and Double are approximate numerics; every other type (including other {@link Number}
 * subclasses) is not a number to a selector.
 */
final class NumericValues {

    private NumericValues() {
    }

    static boolean isExact(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    static boolean isApproximate(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    static boolean isNumeric(Object value) {
        return isExact(value) || isApproximate(value);
    }
}
