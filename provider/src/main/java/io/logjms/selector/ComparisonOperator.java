package io.logjms.selector;

/**
 * The comparison operators and their rules: numbers compare with numbers (an exact numeric is
 * promoted to double when the other side is approximate), strings and booleans only with their own
 * type and only for equality. Any other pairing, or a null operand, is UNKNOWN.
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
        if (NumericValues.isExact(left) && NumericValues.isExact(right)) {
            return Truth.of(test(((Number) left).longValue(), ((Number) right).longValue()));
        }
        if (NumericValues.isNumeric(left) && NumericValues.isNumeric(right)) {
            return Truth.of(test(((Number) left).doubleValue(), ((Number) right).doubleValue()));
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
        return Truth.UNKNOWN;
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
