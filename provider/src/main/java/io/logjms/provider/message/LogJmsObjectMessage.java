package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;

/**
 * A message whose body is a serialized Java object. {@link #setObject} serializes at once, so later
 * changes to the object do not change the message; {@link #getObject} deserializes a new copy each
 * time, accepting only classes in the message's {@link ObjectMessageAllowList} (by default the one
 * from {@link ObjectMessageAllowList#fromSystemProperty()}).
 */
public final class LogJmsObjectMessage extends LogJmsMessage implements ObjectMessage {
    private byte[] serialized;
    private ObjectMessageAllowList allowList;

    public LogJmsObjectMessage() {
        super(BodyType.OBJECT);
    }

    /** Sets the classes {@link #getObject} may deserialize; null restores the system-property default. */
    public void setAllowList(ObjectMessageAllowList allowList) {
        this.allowList = allowList;
    }

    /** The classes {@link #getObject} may deserialize. */
    public ObjectMessageAllowList getAllowList() {
        return allowList != null ? allowList : ObjectMessageAllowList.fromSystemProperty();
    }

    /**
     * Serializes {@code object} into the body (null clears it).
     *
     * @throws jakarta.jms.MessageFormatException if the object cannot be serialized
     */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : ObjectBodySerializer.serialize(object);
    }

    /**
     * Deserializes a new copy of the body.
     *
     * @throws jakarta.jms.MessageFormatException if a class in the body is not allowed (the message
     *     names the class and how to allow it), cannot be found, or the body is corrupt
     */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : ObjectBodySerializer.deserialize(serialized, getAllowList());
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    byte[] encodeBody() {
        return serialized == null ? new byte[0] : serialized.clone();
    }

    @Override
    void decodeBody(byte[] body) {
        serialized = body.length == 0 ? null : body;
    }
}
