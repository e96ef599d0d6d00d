package io.logjms.protocol.message;

import java.nio.charset.StandardCharsets;

/**
 * The body of a text message: an empty array for a null text, otherwise the format byte {@code 1}
 * followed by the text in UTF-8 (to the end of the body, no length prefix). So an empty text and a
 * null text stay distinct.
 */
public final class TextBodyCodec {
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private TextBodyCodec() {
    }

    public static byte[] encode(String text) {
        if (text == null) {
            return new byte[0];
        }
        byte[] body = new byte[1 + Utf8.encodedLength(text)];
        body[0] = FORMAT_VERSION;
        Utf8.encode(text, body, 1);
        return body;
    }

    public static String decode(byte[] body) {
        return decode(body, 0, body.length);
    }

    /**
     * Decodes {@code body[offset, offset + length)}.
     *
     * @return the text, or null for an empty body
     * @throws MalformedMessageException for an unknown format or invalid UTF-8
     */
    public static String decode(byte[] body, int offset, int length) {
        WireReader in = new WireReader(body, offset, length);
        if (length == 0) {
            return null;
        }
        BodyFormat.readVersion(in, "text", FORMAT_VERSION);
        if (!Utf8.isWellFormed(body, offset + 1, length - 1)) {
            throw new MalformedMessageException("text body is not well-formed UTF-8");
        }
        return new String(body, offset + 1, length - 1, StandardCharsets.UTF_8);
    }
}
