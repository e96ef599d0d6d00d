package io.logjms.protocol.message;

/** The format byte that starts every non-empty text, map and stream body. */
final class BodyFormat {
    private BodyFormat() {
    }

    static void readVersion(WireReader in, String bodyKind, int supported) {
        int version = in.readUnsignedByte();
        if (version != supported) {
            throw new MalformedMessageException("unsupported " + bodyKind + " body format version " + version
                    + " (this client reads version " + supported + ")");
        }
    }
}
