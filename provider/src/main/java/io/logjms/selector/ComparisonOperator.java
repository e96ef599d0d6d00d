package io.logjms.selector;

/**
 * The comparison operators and their rules (Jakarta Messaging 3.1 section 3.8.1.1): numbers compare with
 * numbers after Java's binary numeric promotion; strings and booleans only with their own type and only
 * for equality (an ordering of two strings or two booleans is UNKNOWN here; with a literal operand the
 * parser already refuses it). Values of two different selector types are not alike, and the
 * specification makes such a comparison false. A null operand, or a value of no selector type, is
 * UNKNOWN.
 */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Compares two operand values under the selector's type rules. */
    Truth apply(Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        NumericType numeric = NumericType.promote(left, right);
        if (numeric != null) {
            return Truth.of(compareNumbers(numeric, (Number) left, (Number) right));
        }
        boolean sameEqualityType = left instanceof String && right instanceof String
                || left instanceof Boolean && right instanceof Boolean;
        if (sameEqualityType) {
            return switch (this) {
                case EQUAL -> Truth.of(left.equals(right));
                case NOT_EQUAL -> Truth.of(!left.equals(right));
                default -> Truth.UNKNOWN;
            };
        }
        if (NumericType.isSelectorValue(left) && NumericType.isSelectorValue(right)) {
            return Truth.FALSE;
        }
        return Truth.UNKNOWN;
    }

    private boolean compareNumbers(NumericType type, Number left, Number right) {
        return switch (type) {
            case INT, LONG -> test(left.longValue(), right.longValue());
            // widening a float to double is exact, so this is the float comparison Java would make
            case FLOAT -> test((double) left.floatValue(), (double) right.floatValue());
            case DOUBLE -> test(left.doubleValue(), right.doubleValue());
        };
    }

    private boolean test(long left, long right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }

    private boolean test(double left, double right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
        };
    }
}
