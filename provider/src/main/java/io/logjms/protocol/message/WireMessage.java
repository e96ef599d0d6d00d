package io.logjms.protocol.message;

import java.util.Objects;

/**
 * A message as it is sent and stored: its headers and its encoded body. The body's encoding depends
 * on {@link MessageHeaders#getBodyType()}: raw bytes for {@link BodyType#BYTES}, {@link
 * TextBodyCodec} for text, {@link MapBodyCodec} for maps, {@link StreamBodyCodec} for streams, Java
 * serialization for objects, and an empty array for no body.
 *
 * @param headers the header fields and properties
 * @param body the encoded body, never null (empty when the message has no body)
 */
public record WireMessage(MessageHeaders headers, byte[] body) {

    public WireMessage {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
