package io.logjms.protocol.api;

import io.logjms.protocol.MalformedFrameException;

/** Where a new subscription starts reading each partition. */
public enum StartPosition {
    /** The log end: only records written after subscribing. */
    LATEST(0),
    /** The log start: everything retained. */
    EARLIEST(1),
    /** The first record whose timestamp is at or after the given epoch milliseconds. */
    TIMESTAMP(2);

    private final byte code;

    StartPosition(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static StartPosition fromCode(byte code) {
        for (StartPosition p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new MalformedFrameException("unknown start position " + code);
    }
}
