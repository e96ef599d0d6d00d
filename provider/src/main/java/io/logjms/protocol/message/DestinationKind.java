package io.logjms.protocol.message;

/** The four kinds of JMS destination. */
public enum DestinationKind {
    QUEUE(0),
    TOPIC(1),
    TEMP_QUEUE(2),
    TEMP_TOPIC(3);

    private static final DestinationKind[] BY_CODE = values();

    private final int code;

    DestinationKind(int code) {
        this.code = code;
    }

    /** The byte that stands for this kind in an encoding. */
    public int code() {
        return code;
    }

    /** Whether messages sent here are delivered to one consumer (queue) rather than every subscriber. */
    public boolean isQueue() {
        return this == QUEUE || this == TEMP_QUEUE;
    }

    /** Whether the destination lives only as long as the connection that created it. */
    public boolean isTemporary() {
        return this == TEMP_QUEUE || this == TEMP_TOPIC;
    }

    /**
     * Returns the kind of an encoded code.
     *
     * @throws MalformedMessageException if no kind has that code
     */
    public static DestinationKind fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new MalformedMessageException("unknown destination kind code " + code);
        }
        return BY_CODE[code];
    }
}
