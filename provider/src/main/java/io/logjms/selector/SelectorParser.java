package io.logjms.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the selector grammar of Jakarta Messaging 3.1 section 3.8.1, from
 * loosest to tightest binding:
 *
 * <pre>
 * selector       := or END                       (must be a condition)
 * or             := and { OR and }
 * and            := not { AND not }
 * not            := NOT not | predicate
 * predicate      := additive [ compare-op additive
 *                            | [NOT] BETWEEN additive AND additive
 *                            | [NOT] IN '(' string { ',' string } ')'
 *                            | [NOT] LIKE string [ ESCAPE string ]
 *                            | IS [NOT] NULL ]
 * additive       := multiplicative { ('+' | '-') multiplicative }
 * multiplicative := unary { ('*' | '/') unary }
 * unary          := ('+' | '-') unary | primary
 * primary        := string | number | TRUE | FALSE | identifier | '(' or ')'
 * </pre>
 *
 * IN, LIKE and IS NULL take an identifier on the left, as the specification says. Operands whose
 * type is known at parse time and can never suit their operator are rejected, among them a string or
 * boolean operand of {@code < <= > >=}. Nesting is limited to
 * {@value #MAX_DEPTH} levels so that neither parsing nor evaluation can overflow the stack.
 */
final class SelectorParser {

    static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int next;
    private int nesting;

    private SelectorParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a non-blank selector into its expression tree. */
    static Expression parse(String text) throws SelectorSyntaxException {
        SelectorParser parser = new SelectorParser(new SelectorLexer(text).tokenize());
        Token first = parser.peek();
        Expression root = parser.or();
        Token end = parser.peek();
        if (end.type() != TokenType.END) {
            throw new SelectorSyntaxException(
                    "expected an operator or end of selector but found " + end.describe(), end.index());
        }
        parser.requireCondition(root, first, "a selector");
        return root;
    }

    private Expression or() throws SelectorSyntaxException {
        Token start = peek();
        Expression first = and();
        if (peek().type() != TokenType.OR) {
            return first;
        }
        requireCondition(first, start, "OR");
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (accept(TokenType.OR)) {
            Token operandStart = peek();
            operands.add(requireCondition(and(), operandStart, "OR"));
        }
        return checkDepth(new OrExpression(operands), start);
    }

    private Expression and() throws SelectorSyntaxException {
        Token start = peek();
        Expression first = not();
        if (peek().type() != TokenType.AND) {
            return first;
        }
        requireCondition(first, start, "AND");
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (accept(TokenType.AND)) {
            Token operandStart = peek();
            operands.add(requireCondition(not(), operandStart, "AND"));
        }
        return checkDepth(new AndExpression(operands), start);
    }

    private Expression not() throws SelectorSyntaxException {
        Token start = peek();
        if (!accept(TokenType.NOT)) {
            return predicate();
        }
        descend(start);
        Token operandStart = peek();
        Expression operand = requireCondition(not(), operandStart, "NOT");
        nesting--;
        return checkDepth(new NotExpression(operand), start);
    }

    private Expression predicate() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = additive();
        Token operator = peek();
        ComparisonOperator comparison = comparisonOperator(operator.type());
        if (comparison != null) {
            advance();
            Expression right = additive();
            checkComparable(comparison, left, right, operator);
            return checkDepth(new ComparisonExpression(comparison, left, right), start);
        }
        boolean negated = false;
        if (operator.type() == TokenType.NOT) {
            TokenType following = tokens.get(next + 1).type();
            if (following != TokenType.BETWEEN && following != TokenType.IN && following != TokenType.LIKE) {
                throw new SelectorSyntaxException(
                        "expected BETWEEN, IN or LIKE after NOT but found " + tokens.get(next + 1).describe(),
                        tokens.get(next + 1).index());
            }
            advance();
            negated = true;
        }
        return switch (peek().type()) {
            case BETWEEN -> between(left, start, negated);
            case IN -> in(left, start, negated);
            case LIKE -> like(left, start, negated);
            case IS -> isNull(left, start);
            default -> left;
        };
    }

    private Expression between(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        requireNumeric(value, start, "BETWEEN");
        Token lowStart = peek();
        Expression low = requireNumeric(additive(), lowStart, "BETWEEN");
        expect(TokenType.AND, "AND between the bounds of BETWEEN");
        Token highStart = peek();
        Expression high = requireNumeric(additive(), highStart, "BETWEEN");
        return checkDepth(new BetweenExpression(value, low, high, negated), start);
    }

    private Expression in(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        PropertyReference property = requireIdentifier(value, start, "IN");
        expect(TokenType.LEFT_PAREN, "'(' to open the IN list");
        List<String> members = new ArrayList<>();
        do {
            members.add(expect(TokenType.STRING, "a string literal in the IN list").text());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RIGHT_PAREN, "',' or ')' in the IN list");
        return new InExpression(property, members, negated);
    }

    private Expression like(Expression value, Token start, boolean negated) throws SelectorSyntaxException {
        advance();
        PropertyReference property = requireIdentifier(value, start, "LIKE");
        Token pattern = expect(TokenType.STRING, "a string literal pattern after LIKE");
        String escape = null;
        int escapeIndex = pattern.index();
        if (accept(TokenType.ESCAPE)) {
            Token escapeToken = expect(TokenType.STRING, "a string literal after ESCAPE");
            escape = escapeToken.text();
            escapeIndex = escapeToken.index();
        }
        LikePattern compiled = LikePattern.compile(pattern.text(), escape, pattern.index(), escapeIndex);
        return new LikeExpression(property, compiled, negated);
    }

    private Expression isNull(Expression value, Token start) throws SelectorSyntaxException {
        advance();
        PropertyReference property = requireIdentifier(value, start, "IS NULL");
        boolean negated = accept(TokenType.NOT);
        expect(TokenType.NULL, "NULL after IS" + (negated ? " NOT" : ""));
        return new IsNullExpression(property, negated);
    }

    private Expression additive() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = multiplicative();
        while (peek().type() == TokenType.PLUS || peek().type() == TokenType.MINUS) {
            Token operator = advance();
            requireNumeric(left, start, operator.text());
            Token rightStart = peek();
            Expression right = requireNumeric(multiplicative(), rightStart, operator.text());
            ArithmeticOperator arithmetic = operator.type() == TokenType.PLUS
                    ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT;
            left = checkDepth(new ArithmeticExpression(arithmetic, left, right), start);
        }
        return left;
    }

    private Expression multiplicative() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = unary();
        while (peek().type() == TokenType.STAR || peek().type() == TokenType.SLASH) {
            Token operator = advance();
            requireNumeric(left, start, operator.text());
            Token rightStart = peek();
            Expression right = requireNumeric(unary(), rightStart, operator.text());
            ArithmeticOperator arithmetic = operator.type() == TokenType.STAR
                    ? ArithmeticOperator.MULTIPLY : ArithmeticOperator.DIVIDE;
            left = checkDepth(new ArithmeticExpression(arithmetic, left, right), start);
        }
        return left;
    }

    private Expression unary() throws SelectorSyntaxException {
        Token sign = peek();
        if (sign.type() != TokenType.PLUS && sign.type() != TokenType.MINUS) {
            return primary();
        }
        advance();
        boolean negate = sign.type() == TokenType.MINUS;
        Token operandStart = peek();
        if (operandStart.type() == TokenType.EXACT_NUMBER || operandStart.type() == TokenType.APPROXIMATE_NUMBER) {
            advance();
            return NumericLiterals.read(operandStart, negate, sign.index());
        }
        descend(sign);
        Expression operand = requireNumeric(unary(), operandStart, "unary " + sign.text());
        nesting--;
        return checkDepth(new SignExpression(negate, operand), sign);
    }

    private Expression primary() throws SelectorSyntaxException {
        Token token = advance();
        return switch (token.type()) {
            case STRING -> Literal.ofString(token.text());
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> NumericLiterals.read(token, false, token.index());
            case TRUE -> Literal.ofBoolean(true);
            case FALSE -> Literal.ofBoolean(false);
            case IDENTIFIER -> new PropertyReference(token.text());
            case LEFT_PAREN -> parenthesised(token);
            case NULL -> throw new SelectorSyntaxException(
                    "NULL is only allowed in IS NULL and IS NOT NULL", token.index());
            default -> throw new SelectorSyntaxException(
                    "expected an expression but found " + token.describe(), token.index());
        };
    }

    private Expression parenthesised(Token open) throws SelectorSyntaxException {
        descend(open);
        Expression inner = or();
        Token close = peek();
        if (close.type() != TokenType.RIGHT_PAREN) {
            throw new SelectorSyntaxException("expected ')' to close the '(' at position " + (open.index() + 1)
                    + " but found " + close.describe(), close.index());
        }
        advance();
        nesting--;
        return inner;
    }

    /**
     * Rejects comparisons the grammar forbids and that can be seen without a message: operands of two
     * different known types ({@code TRUE > 0}, {@code 'a' = 1}), and strings or booleans with an ordering
     * operator ({@code p > 'foo'}, {@code p <= TRUE}): section 3.8.1.1 restricts them to = and &lt;&gt;.
     */
    private static void checkComparable(ComparisonOperator op, Expression left, Expression right, Token at)
            throws SelectorSyntaxException {
        StaticType l = left.type();
        StaticType r = right.type();
        if (l != StaticType.ANY && r != StaticType.ANY && l != r) {
            throw new SelectorSyntaxException("cannot compare " + typeName(l) + " with " + typeName(r), at.index());
        }
        boolean ordering = op != ComparisonOperator.EQUAL && op != ComparisonOperator.NOT_EQUAL;
        if (ordering && (l == StaticType.BOOLEAN || r == StaticType.BOOLEAN)) {
            throw new SelectorSyntaxException("booleans can only be compared with = and <>", at.index());
        }
        if (ordering && (l == StaticType.STRING || r == StaticType.STRING)) {
            throw new SelectorSyntaxException("strings can only be compared with = and <>", at.index());
        }
    }

    private static ComparisonOperator comparisonOperator(TokenType type) {
        return switch (type) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Expression requireCondition(Expression expression, Token start, String context)
            throws SelectorSyntaxException {
        if (!expression.type().canBeBoolean()) {
            throw new SelectorSyntaxException(context + " needs a condition but found a "
                    + typeName(expression.type()) + " expression", start.index());
        }
        return expression;
    }

    private Expression requireNumeric(Expression expression, Token start, String context)
            throws SelectorSyntaxException {
        if (!expression.type().canBeNumeric()) {
            throw new SelectorSyntaxException(context + " needs a numeric operand but found a "
                    + typeName(expression.type()) + " expression", start.index());
        }
        return expression;
    }

    private static PropertyReference requireIdentifier(Expression expression, Token start, String context)
            throws SelectorSyntaxException {
        if (expression instanceof PropertyReference property) {
            return property;
        }
        throw new SelectorSyntaxException(context + " needs an identifier on its left", start.index());
    }

    private static String typeName(StaticType type) {
        return switch (type) {
            case BOOLEAN -> "boolean";
            case NUMERIC -> "numeric";
            case STRING -> "string";
            case ANY -> "untyped";
        };
    }

    private void descend(Token at) throws SelectorSyntaxException {
        if (++nesting > MAX_DEPTH) {
            throw new SelectorSyntaxException("selector is nested more than " + MAX_DEPTH + " levels deep", at.index());
        }
    }

    private static Expression checkDepth(Expression expression, Token start) throws SelectorSyntaxException {
        if (expression.depth() > MAX_DEPTH) {
            throw new SelectorSyntaxException(
                    "selector is nested more than " + MAX_DEPTH + " levels deep", start.index());
        }
        return expression;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (token.type() != TokenType.END) {
            next++;
        }
        return token;
    }

    private boolean accept(TokenType type) {
        if (peek().type() == type) {
            next++;
            return true;
        }
        return false;
    }

    private Token expect(TokenType type, String what) throws SelectorSyntaxException {
        Token token = peek();
        if (token.type() != type) {
            throw new SelectorSyntaxException("expected " + what + " but found " + token.describe(), token.index());
        }
        next++;
        return token;
    }
}
