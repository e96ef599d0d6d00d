package io.logjms.protocol.api;

import io.logjms.protocol.MalformedFrameException;

/** Where a seek or reset moves a cursor. */
public enum SeekMode {
    /** The log start. */
    BEGINNING(0),
    /** The log end: only records written from now on. */
    END(1),
    /** The first record at or after a timestamp (epoch milliseconds). */
    TIMESTAMP(2),
    /** An exact offset (clamped to the log's bounds). */
    OFFSET(3);

    private final byte code;

    SeekMode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static SeekMode fromCode(byte code) {
        for (SeekMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new MalformedFrameException("unknown seek mode " + code);
    }
}
