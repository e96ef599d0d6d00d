package io.logjms.selector;

/**
 * Unary {@code +} or {@code -} applied to an expression that is not a numeric literal (a signed
 * literal is folded into the literal by the parser). A non-numeric operand gives null.
 */
final class SignExpression extends Expression {

    private final boolean negate;
    private final Expression operand;

    SignExpression(boolean negate, Expression operand) {
        super(operand);
        this.negate = negate;
        this.operand = operand;
    }

    @Override
    StaticType type() {
        return StaticType.NUMERIC;
    }

    @Override
    Object value(MessageView message) {
        Object value = operand.value(message);
        if (NumericValues.isExact(value)) {
            long exact = ((Number) value).longValue();
            return negate ? -exact : exact;
        }
        if (NumericValues.isApproximate(value)) {
            double approximate = ((Number) value).doubleValue();
            return negate ? -approximate : approximate;
        }
        return null;
    }

    @Override
    public String toString() {
        return "(" + (negate ? "-" : "+") + operand + ")";
    }
}
