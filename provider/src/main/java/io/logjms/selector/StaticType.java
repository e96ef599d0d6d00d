package io.logjms.selector;

/**
 * The type of an expression as far as the parser can tell it. Identifiers are {@link #ANY}: their
 * type is only known per message. The parser rejects an operand whose static type can never be
 * valid for its operator (a string literal in arithmetic, a number where a condition is required).
 */
enum StaticType {
    BOOLEAN,
    NUMERIC,
    STRING,
    ANY;

    boolean canBeBoolean() {
        return this == BOOLEAN || this == ANY;
    }

    boolean canBeNumeric() {
        return this == NUMERIC || this == ANY;
    }
}
