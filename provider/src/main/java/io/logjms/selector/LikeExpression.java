package io.logjms.selector;

/**
 * {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}: UNKNOWN when the identifier is null or not a
 * string, otherwise whether the string matches (or, with NOT, does not match) the pattern.
 */
final class LikeExpression extends ConditionExpression {

    private final PropertyReference property;
    private final LikePattern pattern;
    private final boolean negated;

    LikeExpression(PropertyReference property, LikePattern pattern, boolean negated) {
        super(property);
        this.property = property;
        this.pattern = pattern;
        this.negated = negated;
    }

    @Override
    Truth truth(MessageView message) {
        if (property.value(message) instanceof String text) {
            return Truth.of(pattern.matches(text) != negated);
        }
        return Truth.UNKNOWN;
    }

    @Override
    public String toString() {
        return "(" + property + (negated ? " NOT" : "") + " LIKE " + pattern + ")";
    }
}
