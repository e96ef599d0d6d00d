package io.logjms.provider;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Sets the header fields the provider owns on a message being sent (Jakarta Messaging 3.1 section
 * 3.4): destination, delivery mode, priority, message id, timestamp, expiration and delivery time.
 * Works on any {@link Message}, logjms's or another provider's. Stateless.
 */
final class MessageStamper {
    private MessageStamper() {
    }

    /** The send parameters that end up in the headers. */
    record SendParameters(int deliveryMode, int priority, long timeToLive, long deliveryDelay, boolean disableMessageId,
                          boolean disableTimestamp) {
    }

    /**
     * Stamps the headers.
     *
     * @param messageId the id to set, ignored when ids are disabled
     * @param now the send time in epoch milliseconds
     */
    static void stamp(Message message, Destination destination, SendParameters send, String messageId, long now)
            throws JMSException {
        message.setJMSDestination(destination);
        message.setJMSDeliveryMode(send.deliveryMode());
        message.setJMSPriority(send.priority());
        message.setJMSMessageID(send.disableMessageId() ? null : messageId);
        message.setJMSTimestamp(send.disableTimestamp() ? 0L : now);
        message.setJMSExpiration(send.timeToLive() > 0 ? now + send.timeToLive() : 0L);
        message.setJMSDeliveryTime(now + Math.max(0L, send.deliveryDelay()));
    }
}
