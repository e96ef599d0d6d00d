/**
 * The message model shared by client and broker, free of JMS types: {@link
 * io.logjms.protocol.message.MessageHeaders} (header fields and application properties), its binary
 * encoding ({@link io.logjms.protocol.message.MessageHeadersCodec}) and the encodings of typed
 * message bodies ({@link io.logjms.protocol.message.TextBodyCodec}, {@link
 * io.logjms.protocol.message.MapBodyCodec}, {@link io.logjms.protocol.message.StreamBodyCodec}).
 *
 * <p>Decoders never trust their input: anything malformed or truncated fails with {@link
 * io.logjms.protocol.message.MalformedMessageException}.
 */
package io.logjms.protocol.message;
