package io.logjms.selector;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}: UNKNOWN when the identifier is null or not a string,
 * otherwise whether the string is (or, with NOT, is not) one of the listed literals.
 */
final class InExpression extends ConditionExpression {

    private final PropertyReference property;
    private final List<String> listed;
    private final Set<String> members;
    private final boolean negated;

    InExpression(PropertyReference property, List<String> listed, boolean negated) {
        super(property);
        this.property = property;
        this.listed = List.copyOf(listed);
        this.members = Set.copyOf(listed);
        this.negated = negated;
    }

    @Override
    Truth truth(MessageView message) {
        if (property.value(message) instanceof String text) {
            return Truth.of(members.contains(text) != negated);
        }
        return Truth.UNKNOWN;
    }

    @Override
    public String toString() {
        return listed.stream()
                .map(member -> Literal.ofString(member).toString())
                .collect(Collectors.joining(", ", "(" + property + (negated ? " NOT" : "") + " IN (", "))"));
    }
}
