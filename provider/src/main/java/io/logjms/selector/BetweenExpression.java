package io.logjms.selector;

/**
 * {@code value [NOT] BETWEEN low AND high}, which means exactly
 * {@code [NOT] (value >= low AND value <= high)} in three-valued logic.
 */
final class BetweenExpression extends ConditionExpression {

    private final Expression value;
    private final Expression low;
    private final Expression high;
    private final boolean negated;

    BetweenExpression(Expression value, Expression low, Expression high, boolean negated) {
        super(value, low, high);
        this.value = value;
        this.low = low;
        this.high = high;
        this.negated = negated;
    }

    @Override
    Truth truth(MessageView message) {
        Object actual = value.value(message);
        if (actual == null) {
            return Truth.UNKNOWN;
        }
        Truth atLeastLow = ComparisonOperator.GREATER_OR_EQUAL.apply(actual, low.value(message));
        if (atLeastLow == Truth.FALSE) {
            return negated ? Truth.TRUE : Truth.FALSE;
        }
        Truth inRange = atLeastLow.and(ComparisonOperator.LESS_OR_EQUAL.apply(actual, high.value(message)));
        return negated ? inRange.not() : inRange;
    }

    @Override
    public String toString() {
        return "(" + value + (negated ? " NOT" : "") + " BETWEEN " + low + " AND " + high + ")";
    }
}
