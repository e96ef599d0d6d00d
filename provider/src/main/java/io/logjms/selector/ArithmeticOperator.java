package io.logjms.selector;

/**
 * The binary arithmetic operators with Java's binary numeric promotion: int op int is an int, a long
 * operand makes a long, a float operand a float, a double operand a double; overflow wraps and float
 * results round as in Java. Exact division truncates toward zero; exact division by zero has no value
 * (null, so the enclosing condition is UNKNOWN) while approximate division by zero follows IEEE 754
 * (infinity or NaN).
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

    /**
     * The result for two operand values: Integer, Long, Float or Double by promotion, or null if either is
     * not a number or the result is undefined.
     */
    Number apply(Object left, Object right) {
        NumericType type = NumericType.promote(left, right);
        if (type == null) {
            return null;
        }
        Number l = (Number) left;
        Number r = (Number) right;
        return switch (type) {
            case INT -> applyInt(l.intValue(), r.intValue());
            case LONG -> applyLong(l.longValue(), r.longValue());
            case FLOAT -> applyFloat(l.floatValue(), r.floatValue());
            case DOUBLE -> applyDouble(l.doubleValue(), r.doubleValue());
        };
    }

    private Integer applyInt(int left, int right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> right == 0 ? null : left / right;
        };
    }

    private Long applyLong(long left, long right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> right == 0 ? null : left / right;
        };
    }

    private Float applyFloat(float left, float right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> left / right;
        };
    }

    private Double applyDouble(double left, double right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> left / right;
        };
    }
}
