package io.logjms.selector;

/** An identifier: a header field or property read from the message by name. */
final class PropertyReference extends Expression {

    private final String name;

    PropertyReference(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    @Override
    StaticType type() {
        return StaticType.ANY;
    }

    @Override
    Object value(MessageView message) {
        return message.selectorValue(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
