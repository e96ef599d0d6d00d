package io.logjms.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code a AND b AND ...}: a chain of ANDs is one node, so a long chain does not deepen the tree.
 * FALSE if any operand is FALSE (evaluation stops there), else UNKNOWN if any is UNKNOWN, else TRUE.
 */
final class AndExpression extends ConditionExpression {

    private final Expression[] operands;

    AndExpression(List<Expression> operands) {
        super(operands.toArray(Expression[]::new));
        this.operands = operands.toArray(Expression[]::new);
    }

    @Override
    Truth truth(MessageView message) {
        Truth result = Truth.TRUE;
        for (Expression operand : operands) {
            Truth truth = operand.truth(message);
            if (truth == Truth.FALSE) {
                return Truth.FALSE;
            }
            if (truth == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return List.of(operands).stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
    }
}
