package io.logjms.protocol.message;

import io.logjms.selector.MessageView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The header fields and application properties of one message, as plain mutable values (no JMS
 * types, so the broker uses this class too). Encoded by {@link MessageHeadersCodec}.
 *
 * <p>Zero means "not set" for {@link #getTimestamp() timestamp}, {@link #getExpiration() expiration},
 * {@link #getDeliveryTime() delivery time} and {@link #getDeliveryCount() delivery count}. The
 * correlation id is held either as a string or as bytes, whichever was set last, so a byte
 * correlation id comes back as bytes.
 *
 * <p>Properties keep their insertion order; values are {@code Boolean}, {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String} or {@code null}. This
 * class does not apply the JMS property-name rules; the JMS layer does.
 *
 * <p>Not thread-safe.
 */
public final class MessageHeaders implements MessageView {
    public static final int NON_PERSISTENT = 1;
    public static final int PERSISTENT = 2;
    public static final int DEFAULT_PRIORITY = 4;
    public static final int MAX_PRIORITY = 9;

    /** Selector identifier of the delivery count, held here as a header rather than a property. */
    public static final String DELIVERY_COUNT_PROPERTY = "JMSXDeliveryCount";

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private int deliveryMode = PERSISTENT;
    private int priority = DEFAULT_PRIORITY;
    private long expiration;
    private long deliveryTime;
    private DestinationRef destination;
    private DestinationRef replyTo;
    private BodyType bodyType = BodyType.NONE;
    private boolean redelivered;
    private int deliveryCount;
    private final LinkedHashMap<String, Object> properties = new LinkedHashMap<>();

    public MessageHeaders() {
    }

    public MessageHeaders(BodyType bodyType) {
        setBodyType(bodyType);
    }

    /** Returns an independent copy of these headers and properties. */
    public MessageHeaders copy() {
        MessageHeaders copy = new MessageHeaders();
        copy.copyFrom(this);
        return copy;
    }

    /** Replaces every field and property of this object with those of {@code other}. */
    public void copyFrom(MessageHeaders other) {
        messageId = other.messageId;
        timestamp = other.timestamp;
        correlationId = other.correlationId;
        correlationIdBytes = other.correlationIdBytes == null ? null : other.correlationIdBytes.clone();
        type = other.type;
        deliveryMode = other.deliveryMode;
        priority = other.priority;
        expiration = other.expiration;
        deliveryTime = other.deliveryTime;
        destination = other.destination;
        replyTo = other.replyTo;
        bodyType = other.bodyType;
        redelivered = other.redelivered;
        deliveryCount = other.deliveryCount;
        properties.clear();
        properties.putAll(other.properties);
    }

    /** Resets every field to its default and removes all properties, so the object can be reused. */
    public void reset() {
        messageId = null;
        timestamp = 0;
        correlationId = null;
        correlationIdBytes = null;
        type = null;
        deliveryMode = PERSISTENT;
        priority = DEFAULT_PRIORITY;
        expiration = 0;
        deliveryTime = 0;
        destination = null;
        replyTo = null;
        bodyType = BodyType.NONE;
        redelivered = false;
        deliveryCount = 0;
        properties.clear();
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /**
     * The correlation id as a string; a byte correlation id is returned decoded as UTF-8.
     *
     * @return the correlation id, or null when none is set
     */
    public String getCorrelationId() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    /** Sets a string correlation id, replacing any byte correlation id. */
    public void setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
        this.correlationIdBytes = null;
    }

    /**
     * The correlation id as bytes: the bytes if it was set as bytes, its UTF-8 encoding if it was
     * set as a string, or null when none is set. Returns a fresh array.
     */
    public byte[] getCorrelationIdAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the correlation id was set as bytes rather than as a string. */
    public boolean hasByteCorrelationId() {
        return correlationIdBytes != null;
    }

    /** Sets a byte correlation id (copied), replacing any string correlation id. */
    public void setCorrelationIdBytes(byte[] correlationId) {
        this.correlationIdBytes = correlationId == null ? null : correlationId.clone();
        this.correlationId = null;
    }

    /** The byte correlation id without copying it, for the codec. */
    byte[] rawCorrelationIdBytes() {
        return correlationIdBytes;
    }

    /** The string correlation id, without decoding a byte one, for the codec. */
    String rawCorrelationId() {
        return correlationId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** {@link #PERSISTENT} or {@link #NON_PERSISTENT}. */
    public int getDeliveryMode() {
        return deliveryMode;
    }

    /**
     * @throws IllegalArgumentException unless the mode is {@link #PERSISTENT} or {@link #NON_PERSISTENT}
     */
    public void setDeliveryMode(int deliveryMode) {
        if (deliveryMode != PERSISTENT && deliveryMode != NON_PERSISTENT) {
            throw new IllegalArgumentException("delivery mode must be 1 (NON_PERSISTENT) or 2 (PERSISTENT), was "
                    + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
    }

    public int getPriority() {
        return priority;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= priority <= 9} */
    public void setPriority(int priority) {
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be between 0 and 9, was " + priority);
        }
        this.priority = priority;
    }

    public long getExpiration() {
        return expiration;
    }

    public void setExpiration(long expiration) {
        this.expiration = expiration;
    }

    public long getDeliveryTime() {
        return deliveryTime;
    }

    public void setDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    public DestinationRef getDestination() {
        return destination;
    }

    public void setDestination(DestinationRef destination) {
        this.destination = destination;
    }

    public DestinationRef getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(DestinationRef replyTo) {
        this.replyTo = replyTo;
    }

    public BodyType getBodyType() {
        return bodyType;
    }

    public void setBodyType(BodyType bodyType) {
        this.bodyType = Objects.requireNonNull(bodyType, "bodyType");
    }

    public boolean isRedelivered() {
        return redelivered;
    }

    public void setRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    /** How many times the message has been delivered, including this time; 0 when not known. */
    public int getDeliveryCount() {
        return deliveryCount;
    }

    /** @throws IllegalArgumentException if the count is negative */
    public void setDeliveryCount(int deliveryCount) {
        if (deliveryCount < 0) {
            throw new IllegalArgumentException("delivery count must not be negative, was " + deliveryCount);
        }
        this.deliveryCount = deliveryCount;
    }

    /** The value of a property, or null when it is absent (or set to null). */
    public Object getProperty(String name) {
        return properties.get(name);
    }

    public boolean hasProperty(String name) {
        return properties.containsKey(name);
    }

    /**
     * Sets a property, keeping its place if it already exists.
     *
     * @throws IllegalArgumentException if the name is null or the value is not one of the property types
     */
    public void setProperty(String name, Object value) {
        Objects.requireNonNull(name, "property name");
        if (!TypedValueCodec.isEncodable(value, TypedValueCodec.ValueSet.PROPERTY)) {
            throw new IllegalArgumentException("property " + name + " cannot hold a value of type "
                    + value.getClass().getName());
        }
        properties.put(name, value);
    }

    /** Removes a property; returns its value, or null if it was absent. */
    public Object removeProperty(String name) {
        return properties.remove(name);
    }

    /** Removes every application property (the delivery count, a header here, stays). */
    public void clearProperties() {
        properties.clear();
    }

    /** A read-only, insertion-ordered view of the application properties. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Puts a decoded property, failing on a duplicate name. */
    void putDecodedProperty(String name, Object value, WireReader in) {
        if (properties.containsKey(name)) {
            throw in.malformed("duplicate property " + name);
        }
        properties.put(name, value);
    }

    @Override
    public Object selectorValue(String identifier) {
        switch (identifier) {
            case "JMSDeliveryMode":
                return deliveryMode == PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return priority;
            case "JMSTimestamp":
                return timestamp;
            case "JMSMessageID":
                return messageId;
            case "JMSCorrelationID":
                return getCorrelationId();
            case "JMSType":
                return type;
            case DELIVERY_COUNT_PROPERTY:
                return deliveryCount > 0 ? (Object) deliveryCount : properties.get(identifier);
            default:
                return properties.get(identifier);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MessageHeaders other)) {
            return false;
        }
        return timestamp == other.timestamp && deliveryMode == other.deliveryMode && priority == other.priority
                && expiration == other.expiration && deliveryTime == other.deliveryTime
                && redelivered == other.redelivered && deliveryCount == other.deliveryCount
                && Objects.equals(messageId, other.messageId) && Objects.equals(correlationId, other.correlationId)
                && Arrays.equals(correlationIdBytes, other.correlationIdBytes) && Objects.equals(type, other.type)
                && Objects.equals(destination, other.destination) && Objects.equals(replyTo, other.replyTo)
                && bodyType == other.bodyType && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, timestamp, type, destination, bodyType, properties);
    }

    @Override
    public String toString() {
        return "MessageHeaders{messageId=" + messageId + ", timestamp=" + timestamp + ", correlationId="
                + (correlationIdBytes != null ? Arrays.toString(correlationIdBytes) : correlationId)
                + ", type=" + type + ", deliveryMode=" + deliveryMode + ", priority=" + priority
                + ", expiration=" + expiration + ", deliveryTime=" + deliveryTime + ", destination="
                + destination + ", replyTo=" + replyTo + ", bodyType=" + bodyType + ", redelivered="
                + redelivered + ", deliveryCount=" + deliveryCount + ", properties=" + properties + "}";
    }
}
