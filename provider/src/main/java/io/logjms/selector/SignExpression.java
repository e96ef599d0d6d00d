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

    /** The operand after Java's unary numeric promotion (a Byte or Short becomes an int), negated for '-'. */
    @Override
    Object value(MessageView message) {
        Object value = operand.value(message);
        NumericType type = NumericType.of(value);
        if (type == null) {
            return null;
        }
        Number number = (Number) value;
        return switch (type) {
            case INT -> negate ? -number.intValue() : number.intValue();
            case LONG -> negate ? -number.longValue() : number.longValue();
            case FLOAT -> negate ? -number.floatValue() : number.floatValue();
            case DOUBLE -> negate ? -number.doubleValue() : number.doubleValue();
        };
    }

    @Override
    public String toString() {
        return "(" + (negate ? "-" : "+") + operand + ")";
    }
}
