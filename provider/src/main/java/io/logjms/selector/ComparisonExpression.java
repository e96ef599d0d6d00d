package io.logjms.selector;

/** {@code left op right} for one of the six comparison operators. */
final class ComparisonExpression extends ConditionExpression {

    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;

    ComparisonExpression(ComparisonOperator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Truth truth(MessageView message) {
        Object leftValue = left.value(message);
        if (leftValue == null) {
            return Truth.UNKNOWN;
        }
        return operator.apply(leftValue, right.value(message));
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.symbol() + " " + right + ")";
    }
}
