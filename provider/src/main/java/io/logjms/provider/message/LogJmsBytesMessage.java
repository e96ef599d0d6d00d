package io.logjms.provider.message;

import io.logjms.protocol.message.BodyType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;

/**
 * A message whose body is a stream of bytes written and read with {@link java.io.DataOutput} and
 * {@link java.io.DataInput} encodings. A new message (or one after {@link #clearBody()}) is
 * write-only; {@link #reset()} and receipt make it read-only, reading from the start.
 */
public final class LogJmsBytesMessage extends LogJmsMessage implements BytesMessage {
    private static final byte[] EMPTY = new byte[0];

    // write-only mode
    private ByteArrayOutputStream written;
    private DataOutputStream out;
    // read-only mode
    private byte[] content;
    private DataInputStream in;

    public LogJmsBytesMessage() {
        super(BodyType.BYTES);
        startWriting();
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return content.length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(input -> input.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /** Reads up to {@code length} bytes; returns how many, or -1 at the end of the body. */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside array of " + value.length);
        }
        return read(input -> length == 0 ? 0 : input.read(value, 0, length));
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(output -> output.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(output -> output.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(output -> output.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(output -> output.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(output -> output.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(output -> output.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(output -> output.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(output -> output.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(output -> output.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(output -> output.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(output -> output.write(value, offset, length));
    }

    /**
     * Writes a primitive wrapper, String or byte array as the matching write method would.
     *
     * @throws NullPointerException if the value is null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject does not accept null");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName());
        }
    }

    /** Makes the body read-only (if it was being written) and moves reading to its start. */
    @Override
    public void reset() {
        if (!isBodyReadOnly()) {
            content = written.toByteArray();
            written = null;
            out = null;
            setBodyReadOnly(true);
        }
        in = new DataInputStream(new ByteArrayInputStream(content));
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        startWriting();
    }

    @Override
    Object bodyValue() {
        byte[] bytes = currentBytes();
        return bytes.length == 0 ? null : bytes.clone();
    }

    @Override
    Class<?> bodyClass(Object body) {
        return byte[].class;
    }

    @Override
    byte[] encodeBody() {
        // toByteArray already is a copy of what was written; a received body is shared, so it is cloned
        return isBodyReadOnly() ? content.clone() : written.toByteArray();
    }

    @Override
    void decodeBody(byte[] body) {
        written = null;
        out = null;
        content = body;
    }

    @Override
    void markReceived() {
        super.markReceived();
        in = null; // made on the first read: most received messages are read once, or not at all
    }

    private byte[] currentBytes() {
        return isBodyReadOnly() ? content : written.toByteArray();
    }

    private void startWriting() {
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        content = EMPTY;
        in = null;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException(
                    "this BytesMessage is write-only; call reset() before reading it");
        }
    }

    private <T> T read(IoRead<T> operation) throws JMSException {
        checkReadable();
        if (in == null) {
            in = new DataInputStream(new ByteArrayInputStream(content));
        }
        try {
            return operation.read(in);
        } catch (EOFException e) {
            throw JmsExceptionSupport.withCause(new MessageEOFException("unexpected end of the BytesMessage body"), e);
        } catch (UTFDataFormatException e) {
            throw JmsExceptionSupport.withCause(new MessageFormatException("the BytesMessage body holds invalid UTF data"), e);
        } catch (IOException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot read the BytesMessage body: " + e.getMessage()), e);
        }
    }

    private void write(IoWrite operation) throws JMSException {
        checkBodyWritable();
        try {
            operation.write(out);
        } catch (UTFDataFormatException e) {
            throw JmsExceptionSupport.withCause(new MessageFormatException("string too long for writeUTF: " + e.getMessage()), e);
        } catch (IOException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot write the BytesMessage body: " + e.getMessage()), e);
        }
    }

    @FunctionalInterface
    private interface IoRead<T> {
        T read(DataInputStream input) throws IOException;
    }

    @FunctionalInterface
    private interface IoWrite {
        void write(DataOutputStream output) throws IOException;
    }
}
