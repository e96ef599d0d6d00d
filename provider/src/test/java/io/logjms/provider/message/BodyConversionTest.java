package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.message.WireMessage;
import io.logjms.provider.message.ConversionTable.ReadType;
import jakarta.jms.JMSException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The conversion table for StreamMessage and MapMessage bodies, before and after the wire. */
class BodyConversionTest {

    static Stream<Arguments> cells() {
        return ConversionTable.bodyCells();
    }

    @ParameterizedTest(name = "stream: {0} read as {2} -> {3}")
    @MethodSource("cells")
    void streamMessageFollowsTheConversionTable(String label, Object written, ReadType readType, Object expected)
            throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeObject(ConversionTable.writtenValue(written));
        message.reset();

        ConversionTable.assertOutcome(() -> readStream(message, readType), expected);
    }

    @ParameterizedTest(name = "stream: a failed read of {0} as {2} does not move the position")
    @MethodSource("cells")
    void streamMessageKeepsItsPositionWhenAReadFails(String label, Object written, ReadType readType,
            Object expected) throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeObject(ConversionTable.writtenValue(written));
        message.writeString("next");
        message.reset();
        boolean failed = false;
        try {
            readStream(message, readType);
        } catch (JMSException | RuntimeException failure) {
            failed = true;
            ConversionTable.assertOutcome(message::readObject, ConversionTable.writtenValue(written));
        }
        if (!failed && readType == ReadType.BYTES && written instanceof byte[]) {
            assertThat(message.readBytes(new byte[1])).as("end of the byte array value").isEqualTo(-1);
        }
        assertThat(message.readString()).isEqualTo("next");
    }

    @ParameterizedTest(name = "stream after receipt: {0} read as {2} -> {3}")
    @MethodSource("cells")
    void receivedStreamMessageFollowsTheConversionTable(String label, Object written, ReadType readType,
            Object expected) throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeObject(ConversionTable.writtenValue(written));
        LogJmsStreamMessage received = (LogJmsStreamMessage) roundTrip(message);

        ConversionTable.assertOutcome(() -> readStream(received, readType), expected);
    }

    @ParameterizedTest(name = "map: {0} read as {2} -> {3}")
    @MethodSource("cells")
    void mapMessageFollowsTheConversionTable(String label, Object written, ReadType readType, Object expected)
            throws JMSException {
        LogJmsMapMessage message = new LogJmsMapMessage();
        Object value = ConversionTable.writtenValue(written);
        if (value != null) {
            message.setObject("v", value);
        }

        ConversionTable.assertOutcome(() -> readMap(message, readType), expected);
    }

    @ParameterizedTest(name = "map after receipt: {0} read as {2} -> {3}")
    @MethodSource("cells")
    void receivedMapMessageFollowsTheConversionTable(String label, Object written, ReadType readType,
            Object expected) throws JMSException {
        LogJmsMapMessage message = new LogJmsMapMessage();
        message.setObject("v", ConversionTable.writtenValue(written));
        LogJmsMapMessage received = (LogJmsMapMessage) roundTrip(message);

        ConversionTable.assertOutcome(() -> readMap(received, readType), expected);
    }

    private static LogJmsMessage roundTrip(LogJmsMessage message) throws JMSException {
        WireMessage wire = MessageConverter.toWire(message);
        return MessageConverter.fromWire(wire.headers(), wire.body());
    }

    private static Object readStream(LogJmsStreamMessage message, ReadType type) throws JMSException {
        switch (type) {
            case BOOLEAN:
                return message.readBoolean();
            case BYTE:
                return message.readByte();
            case SHORT:
                return message.readShort();
            case CHAR:
                return message.readChar();
            case INT:
                return message.readInt();
            case LONG:
                return message.readLong();
            case FLOAT:
                return message.readFloat();
            case DOUBLE:
                return message.readDouble();
            case STRING:
                return message.readString();
            default:
                byte[] buffer = new byte[16];
                int read = message.readBytes(buffer);
                return read < 0 ? null : Arrays.copyOf(buffer, read);
        }
    }

    private static Object readMap(LogJmsMapMessage message, ReadType type) throws JMSException {
        switch (type) {
            case BOOLEAN:
                return message.getBoolean("v");
            case BYTE:
                return message.getByte("v");
            case SHORT:
                return message.getShort("v");
            case CHAR:
                return message.getChar("v");
            case INT:
                return message.getInt("v");
            case LONG:
                return message.getLong("v");
            case FLOAT:
                return message.getFloat("v");
            case DOUBLE:
                return message.getDouble("v");
            case STRING:
                return message.getString("v");
            default:
                return message.getBytes("v");
        }
    }
}
