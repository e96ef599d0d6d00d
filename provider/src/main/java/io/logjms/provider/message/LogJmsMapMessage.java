package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.MapBodyCodec;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of named, typed values, read back with the JMS conversion table
 * (section 3.11.3): a name that was never set reads as null (false as boolean, {@link
 * NumberFormatException} as an integral type, {@link NullPointerException} as float, double or char).
 * Byte arrays are copied in and out.
 */
public final class LogJmsMapMessage extends LogJmsMessage implements MapMessage {
    private LinkedHashMap<String, Object> entries = new LinkedHashMap<>();

    public LogJmsMapMessage() {
        super(BodyType.MAP);
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(entries.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(entries.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(entries.get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(entries.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(entries.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(entries.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(entries.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(entries.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(entries.get(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversions.toBytes(entries.get(name));
    }

    @Override
    public Object getObject(String name) {
        return ValueConversions.copyOf(entries.get(name));
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(entries.keySet().stream().toList());
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        put(name, slice);
    }

    /**
     * Sets a primitive wrapper, String, byte array (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!BodyValues.isValid(value)) {
            throw new MessageFormatException("a MapMessage cannot hold a value of type " + value.getClass().getName()
                    + "; only primitive wrappers, String and byte[] are allowed");
        }
        put(name, ValueConversions.copyOf(value));
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        entries = new LinkedHashMap<>();
    }

    @Override
    Object bodyValue() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((name, value) -> copy.put(name, ValueConversions.copyOf(value)));
        return copy;
    }

    @Override
    Class<?> bodyClass(Object body) {
        return Map.class;
    }

    @Override
    byte[] encodeBody() {
        return MapBodyCodec.encode(entries);
    }

    @Override
    void decodeBody(byte[] body) throws JMSException {
        try {
            entries = MapBodyCodec.decode(body);
        } catch (MalformedMessageException e) {
            throw BodyDecoding.failure("map", e);
        }
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage entry name must not be null or empty");
        }
        checkBodyWritable();
        entries.put(name, value);
    }
}
