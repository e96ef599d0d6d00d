package io.logjms.protocol;

/**
 * The byte layout of a frame, the unit of the logjms wire protocol. All integers are big-endian.
 *
 * <pre>
 * +-------------------------------+
 * | frame length (int32)          |  bytes after this field; at most the negotiated maximum
 * +---------------+---------------+
 * | api key (int16)               |  which request, response or push this is ({@link ApiKey})
 * +---------------+---------------+
 * | kind (int8)   |                  {@link FrameKind}: request, response, push or one-way
 * +---------------+---------------+
 * | correlation id (int32)        |  chosen by the requester, echoed in the response; 0 for push and one-way
 * +-------------------------------+
 * | body ...                      |  per api key; a response body starts with an error code (int16)
 * +-------------------------------+  and an error message (string)
 * </pre>
 *
 * <p>Strings are an int16 byte length (-1 for null) followed by UTF-8 bytes; byte arrays are an int32
 * length (-1 for null) followed by the bytes. See {@code docs/PROTOCOL.md}.
 */
public final class FrameLayout {
    public static final int LENGTH_FIELD_SIZE = 4;
    public static final int API_KEY_OFFSET = 4;
    public static final int KIND_OFFSET = 6;
    public static final int CORRELATION_ID_OFFSET = 7;
    public static final int BODY_OFFSET = 11;
    /** Header bytes counted by the length field. */
    public static final int HEADER_SIZE = BODY_OFFSET - LENGTH_FIELD_SIZE;

    /** Default largest frame, including the header but not the length field. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private FrameLayout() {
    }
}
