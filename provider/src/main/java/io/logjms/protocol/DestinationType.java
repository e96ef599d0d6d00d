package io.logjms.protocol;

/** The two kinds of destination; a queue and a topic may share a name. */
public enum DestinationType {
    QUEUE(0), TOPIC(1);

    private final byte code;

    DestinationType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static DestinationType fromCode(byte code) {
        return switch (code) {
            case 0 -> QUEUE;
            case 1 -> TOPIC;
            default -> throw new MalformedFrameException("unknown destination type " + code);
        };
    }
}
