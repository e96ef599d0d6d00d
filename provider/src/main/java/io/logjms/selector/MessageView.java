package io.logjms.selector;

/**
 * What a message selector sees of a message: the value of a header field or property, looked up by
 * the identifier a selector uses for it.
 *
 * <p>Values are {@code String}, {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, or {@code null} when the message has no such value.
 * Header fields: {@code JMSDeliveryMode} as {@code "PERSISTENT"} or {@code "NON_PERSISTENT"},
 * {@code JMSPriority} as {@code Integer}, {@code JMSTimestamp} as {@code Long}, and
 * {@code JMSMessageID}, {@code JMSCorrelationID}, {@code JMSType} as {@code String}.
 */
public interface MessageView {
    Object selectorValue(String identifier);
}
