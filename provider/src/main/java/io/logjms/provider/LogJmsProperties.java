package io.logjms.provider;

/**
 * The provider-specific message properties of logjms (JMS reserves the {@code JMS_<vendor>_} prefix
 * for them). Received messages carry {@link #PARTITION} and {@link #OFFSET}: where the message is
 * stored in its destination's log. {@link #ORIGIN} names the connection that sent a message; the
 * broker uses it for noLocal subscribers. A client sets none of them itself: a message forwarded
 * after receipt loses the old partition and offset and gets its sender's origin.
 */
public final class LogJmsProperties {
    /** The broker-wide id of the connection that sent the message (String). */
    public static final String ORIGIN = "JMS_LogJMS_Origin";
    /** The partition of the destination's log the message is stored in (int). */
    public static final String PARTITION = "JMS_LogJMS_Partition";
    /** The message's offset in its partition (long). */
    public static final String OFFSET = "JMS_LogJMS_Offset";

    private LogJmsProperties() {
    }
}
