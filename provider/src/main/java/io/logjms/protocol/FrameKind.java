package io.logjms.protocol;

/** What a frame is: a request expecting a response, the response, a server push, or a one-way client notice. */
public enum FrameKind {
    REQUEST(0), RESPONSE(1), PUSH(2), ONE_WAY(3);

    private final byte code;

    FrameKind(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static FrameKind fromCode(byte code) {
        for (FrameKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new MalformedFrameException("unknown frame kind " + code);
    }
}
