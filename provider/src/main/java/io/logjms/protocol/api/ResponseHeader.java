package io.logjms.protocol.api;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/** The error code and message every response body starts with. */
public record ResponseHeader(ErrorCode error, String message) {

    public static ResponseHeader readFrom(ByteBuf in) {
        ErrorCode error = ErrorCode.fromCode(Wire.readableShort(in, "error code"));
        return new ResponseHeader(error, Wire.readString(in));
    }

    public boolean ok() {
        return error == ErrorCode.NONE;
    }
}
