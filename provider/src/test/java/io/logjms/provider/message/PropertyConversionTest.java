package io.logjms.provider.message;

import io.logjms.provider.message.ConversionTable.ReadType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PropertyConversionTest {

    static Stream<Arguments> cells() {
        return ConversionTable.propertyCells();
    }

    @ParameterizedTest(name = "{0} read as {2} -> {3}")
    @MethodSource("cells")
    void followsTheConversionTable(String label, Object written, ReadType readType, Object expected)
            throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        Object value = ConversionTable.writtenValue(written);
        if (value != null) {
            message.setObjectProperty("p", value);
        }

        ConversionTable.assertOutcome(() -> read(message, readType), expected);
    }

    @ParameterizedTest(name = "{0} read as {2} after receipt -> {3}")
    @MethodSource("cells")
    void followsTheConversionTableAfterTheWireRoundTrip(String label, Object written, ReadType readType,
            Object expected) throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        Object value = ConversionTable.writtenValue(written);
        if (value != null) {
            message.setObjectProperty("p", value);
        }
        var wire = MessageConverter.toWire(message);
        LogJmsMessage received = MessageConverter.fromWire(wire.headers(), wire.body());

        ConversionTable.assertOutcome(() -> read(received, readType), expected);
    }

    private static Object read(Message message, ReadType type) throws JMSException {
        switch (type) {
            case BOOLEAN:
                return message.getBooleanProperty("p");
            case BYTE:
                return message.getByteProperty("p");
            case SHORT:
                return message.getShortProperty("p");
            case INT:
                return message.getIntProperty("p");
            case LONG:
                return message.getLongProperty("p");
            case FLOAT:
                return message.getFloatProperty("p");
            case DOUBLE:
                return message.getDoubleProperty("p");
            case STRING:
                return message.getStringProperty("p");
            default:
                throw new IllegalArgumentException("properties cannot be read as " + type);
        }
    }
}
