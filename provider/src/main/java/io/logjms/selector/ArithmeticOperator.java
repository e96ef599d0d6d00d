package io.logjms.selector;

/**
 * The binary arithmetic operators with Java's numeric promotion: two exact numerics give a long
 * (overflow wraps as in Java), otherwise both are promoted to double. Exact division truncates
 * toward zero; exact division by zero has no value (null, so the enclosing condition is UNKNOWN)
 * while approximate division by zero follows IEEE 754 (infinity or NaN).
 */
enum ArithmeticOperator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The result for two operand values, or null if either is not a number or the result is undefined. */
    Object apply(Object left, Object right) {
        if (NumericValues.isExact(left) && NumericValues.isExact(right)) {
            return applyExact(((Number) left).longValue(), ((Number) right).longValue());
        }
        if (NumericValues.isNumeric(left) && NumericValues.isNumeric(right)) {
            return applyApproximate(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        return null;
    }

    private Long applyExact(long left, long right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> right == 0 ? null : left / right;
        };
    }

    private Double applyApproximate(double left, double right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> left / right;
        };
    }
}
