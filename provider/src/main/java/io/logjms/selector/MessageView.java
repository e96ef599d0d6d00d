package io.logjms.selector;

/**
 * What a selector can read from a message; implemented by the client message classes and by the
 * broker's record view.
 *
 * <p>A selector asks for every identifier it references through {@link #selectorValue(String)}; the
 * engine gives no name a special meaning. The implementation is therefore where the spec's header
 * rules live:
 * <ul>
 *   <li>{@code JMSDeliveryMode}: {@code "PERSISTENT"} or {@code "NON_PERSISTENT"};</li>
 *   <li>{@code JMSPriority}: {@link Integer}; {@code JMSTimestamp}: {@link Long};</li>
 *   <li>{@code JMSMessageID}, {@code JMSCorrelationID}, {@code JMSType}: {@link String} or null;</li>
 *   <li>every other name, including {@code JMSX*}, {@code JMS_*} and the header names a selector may
 *       not reference ({@code JMSDestination}, {@code JMSReplyTo}, {@code JMSExpiration},
 *       {@code JMSRedelivered}, {@code JMSDeliveryTime}): the message property of that name, or null
 *       when the message has no such property.</li>
 * </ul>
 *
 * <p>Implementations need not be thread-safe: one evaluation calls the view from one thread.
 */
@FunctionalInterface
public interface MessageView {

    /**
     * Header field or property value by selector identifier: String, Boolean, Byte/Short/Integer/Long,
     * Float/Double, or null if absent. For JMSDeliveryMode return "PERSISTENT"/"NON_PERSISTENT";
     * JMSPriority Integer; JMSTimestamp Long. A value of any other type behaves as a value of no
     * selector type: every comparison with it is unknown.
     *
     * @param identifier the identifier exactly as written in the selector (identifiers are
     *     case-sensitive)
     * @return the value, or null if the message has no such header field or property
     */
    Object selectorValue(String identifier);
}
