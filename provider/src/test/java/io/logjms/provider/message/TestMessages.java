package io.logjms.provider.message;

import io.logjms.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** Helpers that put a message through the wire, as sending and receiving it would. */
final class TestMessages {
    private TestMessages() {
    }

    /** The message a consumer would receive for {@code sent}. */
    @SuppressWarnings("unchecked")
    static <M extends LogJmsMessage> M received(Message sent) throws JMSException {
        WireMessage wire = MessageConverter.toWire(sent);
        return (M) MessageConverter.fromWire(wire.headers(), wire.body());
    }
}
