package io.logjms.provider;

import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
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
        MessageHeaders headers;
        try {
            byte[] encoded = record.headers() == null ? new byte[0] : record.headers();
            headers = MessageHeadersCodec.decode(encoded);
        } catch (MalformedMessageException e) {
            MessageFormatException invalid = new MessageFormatException("the headers of the record at partition "
                    + partition + ", offset " + record.offset() + " cannot be decoded: " + e.getMessage());
            throw ExceptionTranslator.withCause(invalid, e);
        }
        headers.setProperty(LogJmsProperties.PARTITION, partition);
        headers.setProperty(LogJmsProperties.OFFSET, record.offset());
        LogJmsMessage message = MessageConverter.fromWire(headers, record.value(), allowList);
        message.setDeliveryCount(Math.max(1, record.deliveryCount()));
        return message;
    }
}
