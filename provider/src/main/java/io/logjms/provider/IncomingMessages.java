package io.logjms.provider;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.provider.message.LogJmsMessage;
import io.logjms.provider.message.MessageConverter;
import io.logjms.provider.message.ObjectMessageAllowList;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/**
 * Builds the JMS message for a delivered or browsed record: headers and body from the record,
 * {@code JMSXDeliveryCount} and {@code JMSRedelivered} from the broker's delivery count, and the
 * read-only {@link LogJmsProperties#PARTITION} and {@link LogJmsProperties#OFFSET}. Stateless.
 */
final class IncomingMessages {
    private IncomingMessages() {
    }

    /**
     * @throws MessageFormatException if the record's headers or body cannot be decoded
     */
    static LogJmsMessage toMessage(int partition, DeliveredRecord record, ObjectMessageAllowList allowList)
            throws JMSException {
        byte[] encoded = record.headers() == null ? new byte[0] : record.headers();
        LogJmsMessage message;
        try {
            message = MessageConverter.fromEncoded(encoded, record.value(), allowList, headers -> {
                headers.setProperty(LogJmsProperties.PARTITION, partition);
                headers.setProperty(LogJmsProperties.OFFSET, record.offset());
            });
        } catch (MalformedMessageException e) {
            MessageFormatException invalid = new MessageFormatException("the headers of the record at partition "
                    + partition + ", offset " + record.offset() + " cannot be decoded: " + e.getMessage());
            throw ExceptionTranslator.withCause(invalid, e);
        }
        message.setDeliveryCount(Math.max(1, record.deliveryCount()));
        return message;
    }
}
