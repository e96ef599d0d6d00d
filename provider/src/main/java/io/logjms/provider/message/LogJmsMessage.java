package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MessageHeaders;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A JMS message without a body, and the base of the typed messages. Header fields and properties
 * live in a {@link MessageHeaders}; this class adds the JMS rules: property names (section 3.5.1),
 * the property conversion table (3.5.4), properties and body read-only after receipt until {@link
 * #clearProperties()} or {@link #clearBody()} (3.9, 3.11), and {@link #getBody(Class)}.
 *
 * <p>{@code JMSXDeliveryCount} is an int property set by the provider on receipt; {@code
 * JMSXGroupID} (String) and {@code JMSXGroupSeq} (int) are ordinary properties of those types.
 *
 * <p>Not thread-safe, as JMS messages need not be.
 */
public class LogJmsMessage implements Message {
    private final MessageHeaders headers;
    private Destination destination;
    private Destination replyTo;
    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    /** A new, writable message without a body. */
    public LogJmsMessage() {
        this(BodyType.NONE);
    }

    LogJmsMessage(BodyType bodyType) {
        this.headers = new MessageHeaders(bodyType);
    }

    /** Sets what {@link #acknowledge()} calls; null makes acknowledging do nothing. */
    public void setAcknowledger(MessageAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /**
     * Records how many times the message has been delivered, as {@code JMSXDeliveryCount}; a count
     * above one also sets {@code JMSRedelivered}. Called by the provider on receipt.
     *
     * @throws IllegalArgumentException if the count is not positive
     */
    public void setDeliveryCount(int deliveryCount) {
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("delivery count must be at least 1, was " + deliveryCount);
        }
        headers.setDeliveryCount(deliveryCount);
        if (deliveryCount > 1) {
            headers.setRedelivered(true);
        }
    }

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    // ---- header fields ----

    @Override
    public String getJMSMessageID() {
        return headers.getMessageId();
    }

    @Override
    public void setJMSMessageID(String id) {
        headers.setMessageId(id);
    }

    @Override
    public long getJMSTimestamp() {
        return headers.getTimestamp();
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        headers.setTimestamp(timestamp);
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return headers.getCorrelationIdAsBytes();
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        headers.setCorrelationIdBytes(correlationID);
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        headers.setCorrelationId(correlationID);
    }

    @Override
    public String getJMSCorrelationID() {
        return headers.getCorrelationId();
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return headers.getDeliveryMode();
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) throws JMSException {
        try {
            headers.setDeliveryMode(deliveryMode);
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage());
        }
    }

    @Override
    public boolean getJMSRedelivered() {
        return headers.isRedelivered();
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        headers.setRedelivered(redelivered);
    }

    @Override
    public String getJMSType() {
        return headers.getType();
    }

    @Override
    public void setJMSType(String type) {
        headers.setType(type);
    }

    @Override
    public long getJMSExpiration() {
        return headers.getExpiration();
    }

    @Override
    public void setJMSExpiration(long expiration) {
        headers.setExpiration(expiration);
    }

    @Override
    public long getJMSDeliveryTime() {
        return headers.getDeliveryTime();
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        headers.setDeliveryTime(deliveryTime);
    }

    @Override
    public int getJMSPriority() {
        return headers.getPriority();
    }

    @Override
    public void setJMSPriority(int priority) throws JMSException {
        try {
            headers.setPriority(priority);
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage());
        }
    }

    // ---- properties ----

    @Override
    public void clearProperties() {
        headers.clearProperties();
        headers.setDeliveryCount(0);
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return isDeliveryCountSet(name) || headers.hasProperty(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(getObjectProperty(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(getObjectProperty(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(getObjectProperty(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(getObjectProperty(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(getObjectProperty(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(getObjectProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(getObjectProperty(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toText(getObjectProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        if (isDeliveryCountSet(name)) {
            return headers.getDeliveryCount();
        }
        return headers.getProperty(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        List<String> names = new ArrayList<>(headers.properties().keySet());
        if (headers.getDeliveryCount() > 0) {
            names.add(PropertyNames.JMSX_DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        setProperty(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        setProperty(name, value);
    }

    /**
     * Sets a property from a {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer}, {@code
     * Long}, {@code Float}, {@code Double}, {@code String} or null; anything else is a {@link
     * MessageFormatException}.
     */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        PropertyNames.validate(name);
        if (!(value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String)) {
            throw new MessageFormatException("property " + name + " cannot hold a value of type "
                    + value.getClass().getName() + "; only primitive wrappers and String are allowed");
        }
        setProperty(name, value);
    }

    private void setProperty(String name, Object value) throws JMSException {
        PropertyNames.validate(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException(
                    "the properties of a received message are read-only until clearProperties() is called");
        }
        switch (name) {
            case PropertyNames.JMSX_DELIVERY_COUNT:
                if (!(value instanceof Integer count) || count < 0) {
                    throw new MessageFormatException("JMSXDeliveryCount must be a non-negative int, was " + value);
                }
                headers.setDeliveryCount(count);
                return;
            case PropertyNames.JMSX_GROUP_SEQ:
                if (!(value instanceof Integer)) {
                    throw new MessageFormatException("JMSXGroupSeq must be an int, was " + describe(value));
                }
                break;
            case PropertyNames.JMSX_GROUP_ID:
                if (value != null && !(value instanceof String)) {
                    throw new MessageFormatException("JMSXGroupID must be a String, was " + describe(value));
                }
                break;
            default:
                break;
        }
        headers.setProperty(name, value);
    }

    private boolean isDeliveryCountSet(String name) {
        return PropertyNames.JMSX_DELIVERY_COUNT.equals(name) && headers.getDeliveryCount() > 0;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + ValueConversions.typeName(value);
    }

    // ---- body ----

    /** Empties the body and makes it writable again; subclasses clear their content too. */
    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyValue();
        if (body == null) {
            return null;
        }
        if (!c.isAssignableFrom(bodyClass(body))) {
            throw new MessageFormatException("the body of this " + getClass().getSimpleName() + " is a "
                    + bodyClass(body).getName() + ", which cannot be assigned to " + c.getName());
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        Object body = bodyValue();
        return body == null || c.isAssignableFrom(bodyClass(body));
    }

    /** The body as {@link #getBody} returns it (a copy where the body is mutable), or null for none. */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** The type a non-null {@link #bodyValue()} is declared as for {@link #getBody}. */
    Class<?> bodyClass(Object body) {
        return body.getClass();
    }

    /** The body in its wire encoding (see {@link io.logjms.protocol.message.WireMessage}). */
    byte[] encodeBody() throws JMSException {
        return new byte[0];
    }

    /** Replaces the body with a decoded wire body. */
    void decodeBody(byte[] body) throws JMSException {
        // a message of body type NONE carries nothing to decode
    }

    /** Puts the message into the received state: properties and body read-only. */
    void markReceived() {
        propertiesReadOnly = true;
        bodyReadOnly = true;
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean bodyReadOnly) {
        this.bodyReadOnly = bodyReadOnly;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException(
                    "the body of this message is read-only; call clearBody() to write it again");
        }
    }

    final MessageHeaders headers() {
        return headers;
    }

    /** Replaces the destination objects (not the header references), as received. */
    final void setDestinations(Destination destination, Destination replyTo) {
        this.destination = destination;
        this.replyTo = replyTo;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{messageId=" + headers.getMessageId() + ", destination="
                + destination + ", properties=" + headers.properties() + "}";
    }
}
