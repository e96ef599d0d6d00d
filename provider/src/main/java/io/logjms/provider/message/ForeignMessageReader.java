package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MapBodyCodec;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.StreamBodyCodec;
import io.logjms.protocol.message.TextBodyCodec;
import io.logjms.protocol.message.WireMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a message of another JMS provider through the JMS API only, into the wire form. */
final class ForeignMessageReader {
    private ForeignMessageReader() {
    }

    static WireMessage toWire(Message message) throws JMSException {
        MessageHeaders headers = new MessageHeaders();
        readHeaders(message, headers);
        readProperties(message, headers);
        byte[] body = readBody(message, headers);
        return new WireMessage(headers, body);
    }

    private static void readHeaders(Message message, MessageHeaders headers) throws JMSException {
        headers.setMessageId(message.getJMSMessageID());
        headers.setTimestamp(message.getJMSTimestamp());
        headers.setCorrelationId(message.getJMSCorrelationID());
        headers.setType(message.getJMSType());
        headers.setExpiration(message.getJMSExpiration());
        headers.setDeliveryTime(message.getJMSDeliveryTime());
        headers.setDestination(MessageConverter.refOrNull(message.getJMSDestination()));
        headers.setReplyTo(MessageConverter.refOrNull(message.getJMSReplyTo()));
        try {
            headers.setDeliveryMode(message.getJMSDeliveryMode());
            headers.setPriority(message.getJMSPriority());
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("foreign message has an invalid header: " + e.getMessage());
        }
    }

    private static void readProperties(Message message, MessageHeaders headers) throws JMSException {
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (PropertyNames.JMSX_DELIVERY_COUNT.equals(name)) {
                continue; // delivery state of the other provider, not part of the message sent
            }
            try {
                PropertyNames.validate(name);
                headers.setProperty(name, message.getObjectProperty(name));
            } catch (IllegalArgumentException e) {
                throw new MessageFormatException("cannot send property " + name + " of a foreign message: "
                        + e.getMessage());
            }
        }
    }

    private static byte[] readBody(Message message, MessageHeaders headers) throws JMSException {
        if (message instanceof TextMessage text) {
            headers.setBodyType(BodyType.TEXT);
            return TextBodyCodec.encode(text.getText());
        }
        if (message instanceof BytesMessage bytes) {
            headers.setBodyType(BodyType.BYTES);
            return readBytesBody(bytes);
        }
        if (message instanceof MapMessage map) {
            headers.setBodyType(BodyType.MAP);
            return encodeBodyValues("map", () -> MapBodyCodec.encode(readMapBody(map)));
        }
        if (message instanceof StreamMessage stream) {
            headers.setBodyType(BodyType.STREAM);
            return encodeBodyValues("stream", () -> StreamBodyCodec.encode(readStreamBody(stream)));
        }
        if (message instanceof ObjectMessage object) {
            headers.setBodyType(BodyType.OBJECT);
            Serializable value = object.getObject();
            return value == null ? new byte[0] : ObjectBodySerializer.serialize(value);
        }
        headers.setBodyType(BodyType.NONE);
        return new byte[0];
    }

    private static byte[] readBytesBody(BytesMessage message) throws JMSException {
        message.reset();
        long length = message.getBodyLength();
        if (length > Integer.MAX_VALUE - 8) {
            throw new MessageFormatException("foreign BytesMessage body of " + length + " bytes is too large");
        }
        byte[] body = new byte[(int) length];
        int filled = 0;
        while (filled < body.length) {
            byte[] chunk = new byte[body.length - filled];
            int read = message.readBytes(chunk);
            if (read <= 0) {
                throw new MessageFormatException("foreign BytesMessage ended after " + filled + " of " + length
                        + " bytes");
            }
            System.arraycopy(chunk, 0, body, filled, read);
            filled += read;
        }
        return body;
    }

    private static Map<String, Object> readMapBody(MapMessage message) throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        Enumeration<?> names = message.getMapNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            entries.put(name, message.getObject(name));
        }
        return entries;
    }

    private static List<Object> readStreamBody(StreamMessage message) throws JMSException {
        message.reset();
        List<Object> values = new ArrayList<>();
        while (true) {
            try {
                values.add(message.readObject());
            } catch (MessageEOFException end) {
                return values;
            }
        }
    }

    private static byte[] encodeBodyValues(String bodyKind, BodyEncoding encoding) throws JMSException {
        try {
            return encoding.encode();
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("cannot send the " + bodyKind + " body of a foreign message: "
                    + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface BodyEncoding {
        byte[] encode() throws JMSException;
    }
}
