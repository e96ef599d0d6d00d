package io.logjms.protocol.message;

/** The kind of body a message carries, one per JMS message interface. */
public enum BodyType {
    /** A plain {@code Message}: no body. */
    NONE(0),
    TEXT(1),
    BYTES(2),
    MAP(3),
    STREAM(4),
    OBJECT(5);

    private static final BodyType[] BY_CODE = values();

    private final int code;

    BodyType(int code) {
        this.code = code;
    }

    /** The byte that stands for this body type in an encoding. */
    public int code() {
        return code;
    }

    /**
     * Returns the body type of an encoded code.
     *
     * @throws MalformedMessageException if no body type has that code
     */
    public static BodyType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new MalformedMessageException("unknown body type code " + code);
        }
        return BY_CODE[code];
    }
}
