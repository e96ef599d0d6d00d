package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.TextBodyCodec;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

/** A message whose body is a String (or null). */
public final class LogJmsTextMessage extends LogJmsMessage implements TextMessage {
    private String text;

    public LogJmsTextMessage() {
        super(BodyType.TEXT);
    }

    public LogJmsTextMessage(String text) {
        this();
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    Class<?> bodyClass(Object body) {
        return String.class;
    }

    @Override
    byte[] encodeBody() {
        return TextBodyCodec.encode(text);
    }

    @Override
    void decodeBody(byte[] body) throws JMSException {
        try {
            text = TextBodyCodec.decode(body);
        } catch (MalformedMessageException e) {
            throw BodyDecoding.failure("text", e);
        }
    }
}
