package io.logjms.selector;

/**
 * A selector the parser rejects, with the problem and the 1-based character position where it was
 * found. {@link Selector#parse(String)} turns it into a {@link jakarta.jms.InvalidSelectorException}.
 */
final class SelectorSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int position;

    /**
     * @param problem what is wrong, e.g. "expected ')' but found end of selector"
     * @param index the 0-based index into the selector text where the problem is
     */
    SelectorSyntaxException(String problem, int index) {
        super(problem + " at position " + (index + 1));
        this.problem = problem;
        this.position = index + 1;
    }

    String problem() {
        return problem;
    }

    /** The 1-based character position of the problem in the selector text. */
    int position() {
        return position;
    }
}
