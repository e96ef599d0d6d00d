package io.logjms.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * A parsed JMS message selector (Jakarta Messaging 3.1 section 3.8.1). Parse once with
 * {@link #parse(String)}, then call {@link #matches(MessageView)} for each message: evaluation walks
 * an immutable expression tree and allocates nothing except boxed arithmetic results.
 *
 * <p>Instances are immutable and thread-safe. Two selectors are equal when their texts are equal.
 */
public final class Selector {

    /** The selector of a consumer without one: matches every message. Its {@link #text()} is "". */
    public static final Selector MATCH_ALL = new Selector("", Literal.ofBoolean(true));

    private final String text;
    private final Expression root;

    private Selector(String text, Expression root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a selector.
     *
     * @param text the selector; null, empty or only white space means "no selector"
     * @return the parsed selector, or {@link #MATCH_ALL} for no selector
     * @throws InvalidSelectorException if the text is not a valid selector; the message names the
     *     problem and its 1-based character position
     */
    public static Selector parse(String text) throws InvalidSelectorException {
        if (text == null || text.isBlank()) {
            return MATCH_ALL;
        }
        try {
            return new Selector(text, SelectorParser.parse(text));
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException invalid =
                    new InvalidSelectorException("invalid message selector \"" + text + "\": " + e.getMessage());
            invalid.setLinkedException(e);
            invalid.initCause(e);
            throw invalid;
        }
    }

    /**
     * Whether the message is selected: true only if the selector evaluates to TRUE; FALSE and UNKNOWN
     * (for instance a comparison with a missing property) do not select it.
     */
    public boolean matches(MessageView message) {
        return root.truth(message) == Truth.TRUE;
    }

    /** The three-valued result for one message. */
    Truth evaluate(MessageView message) {
        return root.truth(message);
    }

    /** The selector as given to {@link #parse(String)}, or "" for {@link #MATCH_ALL}. */
    public String text() {
        return text;
    }

    /** Whether this is {@link #MATCH_ALL}, the selector of a consumer that has none. */
    public boolean isMatchAll() {
        return this == MATCH_ALL;
    }

    /** The parsed tree, fully parenthesised; shows how operators were grouped. */
    String parsedForm() {
        return root.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector selector && selector.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return isMatchAll() ? "Selector[match all]" : "Selector[" + text + "]";
    }
}
