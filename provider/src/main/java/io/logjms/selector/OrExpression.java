package io.logjms.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code a OR b OR ...}: a chain of ORs is one node, so a long chain does not deepen the tree.
 * TRUE if any operand is TRUE (evaluation stops there), else UNKNOWN if any is UNKNOWN, else FALSE.
 */
final class OrExpression extends ConditionExpression {

    private final Expression[] operands;

    OrExpression(List<Expression> operands) {
        super(operands.toArray(Expression[]::new));
        this.operands = operands.toArray(Expression[]::new);
    }

    @Override
    Truth truth(MessageView message) {
        Truth result = Truth.FALSE;
        for (Expression operand : operands) {
            Truth truth = operand.truth(message);
            if (truth == Truth.TRUE) {
                return Truth.TRUE;
            }
            if (truth == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return List.of(operands).stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
    }
}
