package io.logjms.compat;

/**
 * A known place where a provider departs from Jakarta Messaging 3.1. A scenario touching such a place asks
 * {@link JmsProviderUnderTest#deviatesFrom(SpecDeviation)} and, for a deviating provider, either skips with the
 * {@link #description()} or asserts the provider's actual behaviour; every other provider must show the
 * behaviour the specification requires.
 */
public enum SpecDeviation {

    /** Jakarta Messaging 3.1 section 3.4.13: send sets JMSDeliveryTime to the send time plus the delivery delay. */
    DELIVERY_TIME_UNSET_WITHOUT_DELAY(
            "JMSDeliveryTime stays 0, on the sent and on the received message, when no delivery delay is used"),

    /** Section 3.5.5: setObjectProperty accepts only objectified primitives and String. */
    OBJECT_PROPERTY_ACCEPTS_BYTE_ARRAY("setObjectProperty accepts a byte[] value instead of throwing "
            + "MessageFormatException"),

    /** Message.getBody: a message without a body returns null for any type. */
    GET_BODY_FAILS_WITHOUT_BODY("getBody on a received plain Message (no body) throws MessageFormatException "
            + "instead of returning null"),

    /** BytesMessage: a message nothing was written to has no body (getBody returns null, length 0). */
    EMPTY_BYTES_MESSAGE_HAS_FOUR_BYTES("a BytesMessage nothing was written to has a body of four zero bytes "
            + "(getBodyLength() 4, getBody(byte[].class) [0, 0, 0, 0])"),

    /** StreamMessage: a read that fails with MessageFormatException leaves the position unchanged. */
    STREAM_FAILED_READ_MOVES_POSITION("a StreamMessage read that fails with MessageFormatException moves the "
            + "read position, so the value cannot be re-read as another type"),

    /**
     * MessageProducer.send throws InvalidDestinationException for an invalid destination; a temporary queue lives
     * only as long as its connection (section 6.2.2) or until delete(), so a send after that should fail.
     */
    DELETED_TEMPORARY_QUEUE_ACCEPTS_SENDS("a temporary queue that was deleted, or whose connection closed, "
            + "still accepts sends (the message disappears) instead of failing with InvalidDestinationException"),

    /** Section 4.1 and QueueBrowser.close: a closed browser throws IllegalStateException when used. */
    CLOSED_BROWSER_STILL_BROWSES("getEnumeration on a closed QueueBrowser still works instead of throwing "
            + "IllegalStateException"),

    /**
     * Section 3.8.1.1 bases selectors on SQL-92 conditional expressions, where NOT negates a whole comparison
     * predicate. The section lists NOT, AND, OR precedence but not NOT against comparisons, so this entry rests on
     * the SQL-92 reading.
     */
    SELECTOR_NOT_BINDS_TIGHTER_THAN_COMPARISON("in a selector NOT binds tighter than a comparison: "
            + "'NOT flag IS NULL' is read as '(NOT flag) IS NULL' instead of 'NOT (flag IS NULL)'"),

    /** JMSConsumer.receiveBody: in AUTO_ACKNOWLEDGE a MessageFormatRuntimeException leaves the message in place. */
    RECEIVE_BODY_FAILURE_LOSES_MESSAGE("after receiveBody fails with MessageFormatRuntimeException in "
            + "AUTO_ACKNOWLEDGE mode the message is acknowledged and lost instead of being delivered again");

    private final String description;

    SpecDeviation(String description) {
        this.description = description;
    }

    /** What the provider does instead of what the specification requires. */
    public String description() {
        return description;
    }
}
