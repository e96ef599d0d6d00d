package io.logjms.protocol;

/** Protocol versions this code speaks; the handshake picks the highest both sides support. */
public final class ProtocolVersion {
    public static final short MIN = 1;
    public static final short MAX = 1;

    private ProtocolVersion() {
    }

    /** The highest version in both ranges, or -1 when they do not overlap. */
    public static short negotiate(short peerMin, short peerMax) {
        short high = (short) Math.min(MAX, peerMax);
        short low = (short) Math.max(MIN, peerMin);
        return high >= low ? high : -1;
    }
}
