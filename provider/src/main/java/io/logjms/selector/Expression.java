package io.logjms.selector;

/**
 * A node of a parsed selector. Nodes are immutable and thread-safe; evaluating one reads the message
 * only through {@link MessageView} and allocates nothing except the boxed result of arithmetic.
 *
 * <p>{@link #toString()} renders the node fully parenthesised, which shows how the parser grouped
 * the operators.
 */
abstract class Expression {

    private final int depth;

    /** @param children the operands, whose depth determines this node's depth */
    Expression(Expression... children) {
        int deepest = 0;
        for (Expression child : children) {
            deepest = Math.max(deepest, child.depth);
        }
        this.depth = deepest + 1;
    }

    /** The number of nodes on the longest path from this node to a leaf, counting both ends. */
    final int depth() {
        return depth;
    }

    abstract StaticType type();

    /**
     * The value of this expression for one message: a String, Boolean, Integer, Long, Float, Double, a
     * value of another type taken as is from the message, or null when it is unknown.
     */
    abstract Object value(MessageView message);

    /** This expression as a condition: TRUE or FALSE for a boolean value, otherwise UNKNOWN. */
    Truth truth(MessageView message) {
        return Truth.ofValue(value(message));
    }
}
