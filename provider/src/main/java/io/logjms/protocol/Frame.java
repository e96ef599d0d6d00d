package io.logjms.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A decoded frame: header fields and the body. The body is a retained slice of the received buffer:
 * whoever takes the frame must {@link #release()} it. {@code apiKey} is null when the id is unknown to
 * this version, so the receiver can answer {@link ErrorCode#UNKNOWN_REQUEST} with the raw id.
 */
public final class Frame implements AutoCloseable {
    private final short rawApiKey;
    private final ApiKey apiKey;
    private final FrameKind kind;
    private final int correlationId;
    private final ByteBuf body;

    public Frame(short rawApiKey, FrameKind kind, int correlationId, ByteBuf body) {
        this.rawApiKey = rawApiKey;
        this.apiKey = ApiKey.fromId(rawApiKey);
        this.kind = kind;
        this.correlationId = correlationId;
        this.body = body;
    }

    public short rawApiKey() {
        return rawApiKey;
    }

    public ApiKey apiKey() {
        return apiKey;
    }

    public FrameKind kind() {
        return kind;
    }

    public int correlationId() {
        return correlationId;
    }

    public ByteBuf body() {
        return body;
    }

    public void release() {
        ReferenceCounted b = body;
        if (b.refCnt() > 0) {
            b.release();
        }
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "Frame[" + (apiKey != null ? apiKey : "api " + rawApiKey) + " " + kind + " #" + correlationId
                + ", " + body.readableBytes() + " bytes]";
    }
}
