package io.logjms.selector;

/** {@code left op right} for {@code + - * /}. */
final class ArithmeticExpression extends Expression {

    private final ArithmeticOperator operator;
    private final Expression left;
    private final Expression right;

    ArithmeticExpression(ArithmeticOperator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    StaticType type() {
        return StaticType.NUMERIC;
    }

    @Override
    Object value(MessageView message) {
        Object leftValue = left.value(message);
        if (leftValue == null) {
            return null;
        }
        return operator.apply(leftValue, right.value(message));
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.symbol() + " " + right + ")";
    }
}
