package io.logjms.selector;

/** An expression whose result is a truth value: a comparison, a logical operator or a predicate. */
abstract class ConditionExpression extends Expression {

    ConditionExpression(Expression... children) {
        super(children);
    }

    @Override
    final StaticType type() {
        return StaticType.BOOLEAN;
    }

    @Override
    abstract Truth truth(MessageView message);

    @Override
    final Object value(MessageView message) {
        return truth(message).toBoolean();
    }
}
