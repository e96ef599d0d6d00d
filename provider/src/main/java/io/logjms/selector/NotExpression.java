package io.logjms.selector;

/** {@code NOT operand}: swaps TRUE and FALSE, keeps UNKNOWN. */
final class NotExpression extends ConditionExpression {

    private final Expression operand;

    NotExpression(Expression operand) {
        super(operand);
        this.operand = operand;
    }

    @Override
    Truth truth(MessageView message) {
        return operand.truth(message).not();
    }

    @Override
    public String toString() {
        return "(NOT " + operand + ")";
    }
}
