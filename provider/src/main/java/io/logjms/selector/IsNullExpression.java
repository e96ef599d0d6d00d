package io.logjms.selector;

/** {@code identifier IS [NOT] NULL}: never UNKNOWN. */
final class IsNullExpression extends ConditionExpression {

    private final PropertyReference property;
    private final boolean negated;

    IsNullExpression(PropertyReference property, boolean negated) {
        super(property);
        this.property = property;
        this.negated = negated;
    }

    @Override
    Truth truth(MessageView message) {
        return Truth.of((property.value(message) == null) != negated);
    }

    @Override
    public String toString() {
        return "(" + property + " IS " + (negated ? "NOT " : "") + "NULL)";
    }
}
