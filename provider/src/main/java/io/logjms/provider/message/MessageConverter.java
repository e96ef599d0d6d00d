package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.DestinationRef;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.message.WireMessage;
import io.logjms.provider.LogJmsDestination;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Converts between JMS messages and their wire form ({@link WireMessage}: headers plus encoded body).
 *
 * <p>{@link #toWire} accepts any {@code jakarta.jms.Message}, including another provider's, as the
 * specification requires of a provider that sends it. The wire form never carries delivery state:
 * its delivery count is 0 and its redelivered flag false.
 *
 * <p>{@link #fromWire} builds the matching logjms message in the received state: properties and body
 * read-only, bytes and stream bodies ready to read from the start.
 */
public final class MessageConverter {
    private MessageConverter() {
    }

    /**
     * The wire form of a message; the message itself is left as it was, except that a foreign
     * {@code BytesMessage} or {@code StreamMessage} is {@code reset()} to read its body.
     *
     * @throws JMSException if a destination is neither a queue nor a topic, or a foreign message has
     *     a property or body value logjms cannot carry
     */
    public static WireMessage toWire(Message message) throws JMSException {
        if (message instanceof LogJmsMessage logJms) {
            MessageHeaders headers = logJms.headers().copy();
            headers.setDestination(refOrNull(logJms.getJMSDestination()));
            headers.setReplyTo(refOrNull(logJms.getJMSReplyTo()));
            headers.setDeliveryCount(0);
            headers.setRedelivered(false);
            return new WireMessage(headers, logJms.encodeBody());
        }
        return ForeignMessageReader.toWire(message);
    }

    /**
     * A received message built from its wire form, with ObjectMessage bodies guarded by the allow-list
     * of {@link ObjectMessageAllowList#fromSystemProperty()}.
     *
     * @param headers the decoded headers; copied, not kept
     * @param body the encoded body (null or empty for none); kept by the message, so not to be reused
     * @throws jakarta.jms.MessageFormatException if the body cannot be decoded
     */
    public static LogJmsMessage fromWire(MessageHeaders headers, byte[] body) throws JMSException {
        return fromWire(headers, body, null);
    }

    /**
     * As {@link #fromWire(MessageHeaders, byte[])}, with the allow-list an ObjectMessage uses (null
     * for the system-property default).
     */
    public static LogJmsMessage fromWire(MessageHeaders headers, byte[] body, ObjectMessageAllowList allowList)
            throws JMSException {
        LogJmsMessage message = newMessage(headers.getBodyType(), allowList);
        message.headers().copyFrom(headers);
        return received(message, body);
    }

    /**
     * A received message decoded straight from the encoded headers, without an intermediate headers
     * object to copy from; {@code adjust} may add properties before the message becomes read-only.
     *
     * @throws io.logjms.protocol.message.MalformedMessageException if the headers do not decode
     * @throws jakarta.jms.MessageFormatException if the body cannot be decoded
     */
    public static LogJmsMessage fromEncoded(byte[] encodedHeaders, byte[] body, ObjectMessageAllowList allowList,
                                            java.util.function.Consumer<MessageHeaders> adjust) throws JMSException {
        LogJmsMessage message = newMessage(
                MessageHeadersCodec.peekBodyType(encodedHeaders, 0, encodedHeaders.length), allowList);
        MessageHeaders headers = message.headers();
        MessageHeadersCodec.decodeInto(encodedHeaders, 0, encodedHeaders.length, headers);
        adjust.accept(headers);
        return received(message, body);
    }

    /** Finishes a message whose headers are set: destinations, body, and the received (read-only) state. */
    private static LogJmsMessage received(LogJmsMessage message, byte[] body) throws JMSException {
        MessageHeaders headers = message.headers();
        message.setDestinations(destinationOrNull(headers.getDestination()), destinationOrNull(headers.getReplyTo()));
        message.decodeBody(body == null ? new byte[0] : body);
        message.markReceived();
        return message;
    }

    /** As {@link #fromWire(MessageHeaders, byte[], ObjectMessageAllowList)} for a {@link WireMessage}. */
    public static LogJmsMessage fromWire(WireMessage wire, ObjectMessageAllowList allowList) throws JMSException {
        return fromWire(wire.headers(), wire.body(), allowList);
    }

    static DestinationRef refOrNull(Destination destination) throws JMSException {
        return destination == null ? null : LogJmsDestination.refOf(destination);
    }

    private static Destination destinationOrNull(DestinationRef ref) {
        return ref == null ? null : LogJmsDestination.fromRef(ref);
    }

    private static LogJmsMessage newMessage(BodyType bodyType, ObjectMessageAllowList allowList) {
        switch (bodyType) {
            case TEXT:
                return new LogJmsTextMessage();
            case BYTES:
                return new LogJmsBytesMessage();
            case MAP:
                return new LogJmsMapMessage();
            case STREAM:
                return new LogJmsStreamMessage();
            case OBJECT:
                LogJmsObjectMessage objectMessage = new LogJmsObjectMessage();
                objectMessage.setAllowList(allowList);
                return objectMessage;
            default:
                return new LogJmsMessage();
        }
    }
}
