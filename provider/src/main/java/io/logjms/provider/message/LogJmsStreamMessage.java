package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.MalformedMessageException;
import io.logjms.protocol.message.StreamBodyCodec;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;

/**
 * A message whose body is a sequence of typed values, read back in order with the JMS conversion
 * table (section 3.11.3). A read that fails to convert leaves the position where it was, so the
 * value can be read again as another type.
 *
 * <p>A byte array value can be read in pieces with {@link #readBytes(byte[])}: each call returns
 * the number of bytes copied, and once the value is exhausted the next call returns -1 and moves to
 * the next value. A null value read with {@code readBytes} returns -1 at once. While a byte array is
 * partly read, any other read throws {@link MessageFormatException}.
 *
 * <p>A new message (or one after {@link #clearBody()}) is write-only; {@link #reset()} and receipt
 * make it read-only, reading from the first value.
 */
public final class LogJmsStreamMessage extends LogJmsMessage implements StreamMessage {
    private static final int NO_BYTES_FIELD = -1;

    private ArrayList<Object> values = new ArrayList<>();
    private int position;
    /** Bytes already read from the byte array at {@link #position}, or NO_BYTES_FIELD. */
    private int bytesFieldRead = NO_BYTES_FIELD;

    public LogJmsStreamMessage() {
        super(BodyType.STREAM);
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(ValueConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(ValueConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(ValueConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(ValueConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(ValueConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(ValueConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(ValueConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(ValueConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(ValueConversions::toText);
    }

    @Override
    public Object readObject() throws JMSException {
        return read(ValueConversions::copyOf);
    }

    @Override
    public int readBytes(byte[] target) throws JMSException {
        checkReadable();
        if (bytesFieldRead == NO_BYTES_FIELD) {
            Object value = currentValue();
            if (value == null) {
                position++;
                return -1;
            }
            if (!(value instanceof byte[])) {
                throw new MessageFormatException("cannot read a " + ValueConversions.typeName(value) + " as byte[]");
            }
            bytesFieldRead = 0;
            return copyFromBytesField(target);
        }
        if (bytesFieldRemaining() == 0) {
            endBytesField();
            return -1;
        }
        return copyFromBytesField(target);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        write(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        write(slice);
    }

    /**
     * Writes a primitive wrapper, String, byte array (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!BodyValues.isValid(value)) {
            throw new MessageFormatException("a StreamMessage cannot hold a value of type "
                    + value.getClass().getName() + "; only primitive wrappers, String and byte[] are allowed");
        }
        write(ValueConversions.copyOf(value));
    }

    /** Makes the body read-only and moves reading to the first value. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        rewind();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        values = new ArrayList<>();
        rewind();
    }

    /** A stream message body can never be read with getBody. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be read with getBody");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    byte[] encodeBody() {
        return StreamBodyCodec.encode(values);
    }

    @Override
    void decodeBody(byte[] body) throws JMSException {
        try {
            values = StreamBodyCodec.decode(body);
        } catch (MalformedMessageException e) {
            throw BodyDecoding.failure("stream", e);
        }
    }

    @Override
    void markReceived() {
        super.markReceived();
        rewind();
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        checkReadable();
        if (bytesFieldRead != NO_BYTES_FIELD) {
            if (bytesFieldRemaining() > 0) {
                throw new MessageFormatException(
                        "a byte array value is partly read; read the rest of it with readBytes first");
            }
            endBytesField();
        }
        T result = conversion.convert(currentValue());
        position++;
        return result;
    }

    private Object currentValue() throws MessageEOFException {
        if (position >= values.size()) {
            throw new MessageEOFException("end of the StreamMessage body: all " + values.size() + " values read");
        }
        return values.get(position);
    }

    private int copyFromBytesField(byte[] target) {
        byte[] field = (byte[]) values.get(position);
        int count = Math.min(target.length, field.length - bytesFieldRead);
        System.arraycopy(field, bytesFieldRead, target, 0, count);
        bytesFieldRead += count;
        return count;
    }

    private int bytesFieldRemaining() {
        return ((byte[]) values.get(position)).length - bytesFieldRead;
    }

    private void endBytesField() {
        position++;
        bytesFieldRead = NO_BYTES_FIELD;
    }

    private void rewind() {
        position = 0;
        bytesFieldRead = NO_BYTES_FIELD;
    }

    private void write(Object value) throws JMSException {
        checkBodyWritable();
        values.add(value);
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException(
                    "this StreamMessage is write-only; call reset() before reading it");
        }
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T convert(Object value) throws JMSException;
    }
}
