package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jakarta Messaging 3.1 chapters 3.9-3.12: every body type through a broker, read-only bodies after receipt,
 * {@code clearBody}, {@code getBody}/{@code isBodyAssignableTo}, stream and map conversions, foreign messages.
 */
class MessageBodyTest extends JmsScenario {

    /** A serializable application object for {@link ObjectMessage} scenarios. */
    record Order(String id, int quantity) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private Message roundTrip(Session session, Message message) throws JMSException {
        Queue queue = newQueue(session);
        session.createProducer(queue).send(message);
        return receive(session.createConsumer(queue));
    }

    @ProviderTest
    void textBodySurvivesTheTripIncludingUnicode(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        String text = "gr\u00fc\u00dfe \u4f60\u597d \ud83d\ude80";

        Message received = roundTrip(session, session.createTextMessage(text));

        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo(text);
    }

    @ProviderTest
    void textMessageWithoutBodyArrivesWithNullText(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);

        TextMessage received = (TextMessage) roundTrip(session, session.createTextMessage());

        assertThat(received.getText()).isNull();
    }

    @ProviderTest
    void largeTextBodySurvivesTheTrip(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        String text = "0123456789abcdef".repeat(64 * 1024);

        TextMessage received = (TextMessage) roundTrip(session, session.createTextMessage(text));

        assertThat(received.getText()).isEqualTo(text);
    }

    @ProviderTest
    void bytesBodySurvivesTheTripWithEveryWriteMethod(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage message = session.createBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -1);
        message.writeShort((short) -2);
        message.writeChar('\u00e9');
        message.writeInt(Integer.MIN_VALUE);
        message.writeLong(Long.MAX_VALUE);
        message.writeFloat(1.25f);
        message.writeDouble(-2.5);
        message.writeUTF("utf \u00fc");
        message.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        message.writeObject(Integer.valueOf(77));

        BytesMessage received = (BytesMessage) roundTrip(session, message);

        assertThat(received.readBoolean()).isTrue();
        assertThat(received.readByte()).isEqualTo((byte) -1);
        assertThat(received.readShort()).isEqualTo((short) -2);
        assertThat(received.readChar()).isEqualTo('\u00e9');
        assertThat(received.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(received.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(received.readFloat()).isEqualTo(1.25f);
        assertThat(received.readDouble()).isEqualTo(-2.5);
        assertThat(received.readUTF()).isEqualTo("utf \u00fc");
        assertThat(received.readByte()).isEqualTo((byte) 8);
        assertThat(received.readByte()).isEqualTo((byte) 7);
        assertThat(received.readInt()).isEqualTo(77);
    }

    @ProviderTest
    void bytesBodyReportsItsLengthAndReadsInChunks(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});

        BytesMessage received = (BytesMessage) roundTrip(session, message);
        byte[] chunk = new byte[3];

        assertThat(received.getBodyLength()).isEqualTo(5);
        assertThat(received.readBytes(chunk)).isEqualTo(3);
        assertThat(chunk).containsExactly(1, 2, 3);
        assertThat(received.readBytes(chunk)).isEqualTo(2);
        assertThat(chunk[0]).isEqualTo((byte) 4);
        assertThat(received.readBytes(chunk)).isEqualTo(-1);
    }

    @ProviderTest
    void readingPastTheEndOfABytesBodyThrowsMessageEOF(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage message = session.createBytesMessage();
        message.writeShort((short) 1);

        BytesMessage received = (BytesMessage) roundTrip(session, message);
        received.readShort();

        assertThatThrownBy(received::readByte).isInstanceOf(MessageEOFException.class);
    }

    @ProviderTest
    void mapBodySurvivesTheTripWithEveryType(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MapMessage message = session.createMapMessage();
        message.setBoolean("boolean", true);
        message.setByte("byte", (byte) 1);
        message.setShort("short", (short) 2);
        message.setChar("char", 'c');
        message.setInt("int", 3);
        message.setLong("long", 4L);
        message.setFloat("float", 5.5f);
        message.setDouble("double", 6.5);
        message.setString("string", "seven");
        message.setBytes("bytes", new byte[] {8, 9});
        message.setObject("object", 10);

        MapMessage received = (MapMessage) roundTrip(session, message);
        List<Object> names = elements(received.getMapNames());

        assertThat(names).containsExactlyInAnyOrder("boolean", "byte", "short", "char", "int", "long", "float",
                "double", "string", "bytes", "object");
        assertThat(received.getBoolean("boolean")).isTrue();
        assertThat(received.getByte("byte")).isEqualTo((byte) 1);
        assertThat(received.getShort("short")).isEqualTo((short) 2);
        assertThat(received.getChar("char")).isEqualTo('c');
        assertThat(received.getInt("int")).isEqualTo(3);
        assertThat(received.getLong("long")).isEqualTo(4L);
        assertThat(received.getFloat("float")).isEqualTo(5.5f);
        assertThat(received.getDouble("double")).isEqualTo(6.5);
        assertThat(received.getString("string")).isEqualTo("seven");
        assertThat(received.getBytes("bytes")).containsExactly(8, 9);
        assertThat(received.getObject("object")).isEqualTo(10);
        assertThat(received.itemExists("int")).isTrue();
        assertThat(received.itemExists("missing")).isFalse();
        assertThat(received.getString("missing")).isNull();
    }

    @ProviderTest
    void mapValuesConvertLikeProperties(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MapMessage message = session.createMapMessage();
        message.setInt("int", 12);
        message.setString("numeric", "34");
        message.setChar("char", 'x');

        MapMessage received = (MapMessage) roundTrip(session, message);

        assertThat(received.getLong("int")).isEqualTo(12L);
        assertThat(received.getString("int")).isEqualTo("12");
        assertThat(received.getInt("numeric")).isEqualTo(34);
        assertThat(received.getString("char")).isEqualTo("x");
        assertThatThrownBy(() -> received.getShort("int")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getBoolean("int")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getInt("char")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void streamBodySurvivesTheTripInOrder(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        StreamMessage message = session.createStreamMessage();
        message.writeBoolean(false);
        message.writeByte((byte) 1);
        message.writeShort((short) 2);
        message.writeChar('3');
        message.writeInt(4);
        message.writeLong(5L);
        message.writeFloat(6f);
        message.writeDouble(7d);
        message.writeString("eight");
        message.writeBytes(new byte[] {9});
        message.writeObject("ten");

        StreamMessage received = (StreamMessage) roundTrip(session, message);

        assertThat(received.readBoolean()).isFalse();
        assertThat(received.readByte()).isEqualTo((byte) 1);
        assertThat(received.readShort()).isEqualTo((short) 2);
        assertThat(received.readChar()).isEqualTo('3');
        assertThat(received.readInt()).isEqualTo(4);
        assertThat(received.readLong()).isEqualTo(5L);
        assertThat(received.readFloat()).isEqualTo(6f);
        assertThat(received.readDouble()).isEqualTo(7d);
        assertThat(received.readString()).isEqualTo("eight");
        byte[] bytes = new byte[1];
        assertThat(received.readBytes(bytes)).isEqualTo(1);
        assertThat(received.readBytes(bytes)).isEqualTo(-1);
        assertThat(received.readObject()).isEqualTo("ten");
        assertThatThrownBy(received::readObject).isInstanceOf(MessageEOFException.class);
    }

    @ProviderTest
    void streamValuesConvertAndAFailedConversionDoesNotAdvance(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        StreamMessage message = session.createStreamMessage();
        message.writeString("123");
        message.writeInt(456);
        message.writeFloat(1.5f);

        StreamMessage received = (StreamMessage) roundTrip(session, message);

        assertThat(received.readLong()).isEqualTo(123L);
        assertThat(received.readString()).isEqualTo("456");
        assertThat(received.readDouble()).isEqualTo(1.5);
    }

    @ProviderTest
    void failedStreamReadLeavesThePositionUnchanged(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.STREAM_FAILED_READ_MOVES_POSITION);
        Session session = session(provider);
        StreamMessage message = session.createStreamMessage();
        message.writeInt(456);
        message.writeFloat(1.5f);

        StreamMessage received = (StreamMessage) roundTrip(session, message);

        assertThatThrownBy(received::readShort).isInstanceOf(MessageFormatException.class);
        assertThat(received.readString()).isEqualTo("456");
        assertThatThrownBy(received::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(received.readDouble()).isEqualTo(1.5);
    }

    @ProviderTest
    void streamBytesFieldIsReadInChunks(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        StreamMessage message = session.createStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeInt(6);

        StreamMessage received = (StreamMessage) roundTrip(session, message);
        byte[] chunk = new byte[2];

        assertThat(received.readBytes(chunk)).isEqualTo(2);
        assertThat(received.readBytes(chunk)).isEqualTo(2);
        assertThat(received.readBytes(chunk)).isEqualTo(1);
        assertThat(chunk[0]).isEqualTo((byte) 5);
        assertThat(received.readBytes(chunk)).isEqualTo(-1);
        assertThat(received.readInt()).isEqualTo(6);
    }

    @ProviderTest
    void objectBodySurvivesTheTrip(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        ArrayList<Order> orders = new ArrayList<>(List.of(new Order("a", 1), new Order("b", 2)));

        ObjectMessage received = (ObjectMessage) roundTrip(session, session.createObjectMessage(orders));

        assertThat(received.getObject()).isEqualTo(orders);
        assertThat(received.getBody(ArrayList.class)).isEqualTo(orders);
    }

    @ProviderTest
    void messageWithoutBodyCarriesPropertiesOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Message message = session.createMessage();
        message.setStringProperty("only", "properties");

        Message received = roundTrip(session, message);

        assertThat(received.getStringProperty("only")).isEqualTo("properties");
        assertThat(received.isBodyAssignableTo(Integer.class)).isTrue();
    }

    @ProviderTest
    void getBodyOfAMessageWithoutBodyIsNull(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.GET_BODY_FAILS_WITHOUT_BODY);
        Session session = session(provider);

        Message received = roundTrip(session, session.createMessage());

        assertThat(received.getBody(Object.class)).isNull();
        assertThat(received.getBody(String.class)).isNull();
    }

    @ProviderTest
    void bytesMessageWithoutContentHasNoBody(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.EMPTY_BYTES_MESSAGE_HAS_FOUR_BYTES);
        Session session = session(provider);

        BytesMessage received = (BytesMessage) roundTrip(session, session.createBytesMessage());

        assertThat(received.getBodyLength()).isZero();
        assertThat(received.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(received.getBody(byte[].class)).isNull();
    }

    @ProviderTest
    void receivedTextBodyIsReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        TextMessage received = (TextMessage) roundTrip(session, session.createTextMessage("fixed"));

        assertThatThrownBy(() -> received.setText("changed")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getText()).isEqualTo("fixed");
    }

    @ProviderTest
    void receivedBytesBodyIsReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage message = session.createBytesMessage();
        message.writeInt(1);
        BytesMessage received = (BytesMessage) roundTrip(session, message);

        assertThatThrownBy(() -> received.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.readInt()).isEqualTo(1);
    }

    @ProviderTest
    void receivedMapBodyIsReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        MapMessage message = session.createMapMessage();
        message.setInt("k", 1);
        MapMessage received = (MapMessage) roundTrip(session, message);

        assertThatThrownBy(() -> received.setInt("k", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getInt("k")).isEqualTo(1);
    }

    @ProviderTest
    void receivedStreamBodyIsReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        StreamMessage message = session.createStreamMessage();
        message.writeInt(1);
        StreamMessage received = (StreamMessage) roundTrip(session, message);

        assertThatThrownBy(() -> received.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.readInt()).isEqualTo(1);
    }

    @ProviderTest
    void receivedObjectBodyIsReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        ObjectMessage received = (ObjectMessage) roundTrip(session, session.createObjectMessage(new Order("x", 1)));

        assertThatThrownBy(() -> received.setObject(new Order("y", 2)))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getObject()).isEqualTo(new Order("x", 1));
    }

    @ProviderTest
    void clearBodyEmptiesAReceivedBodyAndMakesItWritable(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        TextMessage received = (TextMessage) roundTrip(session, session.createTextMessage("old"));

        received.clearBody();
        assertThat(received.getText()).isNull();
        received.setText("new");

        assertThat(received.getText()).isEqualTo("new");
    }

    @ProviderTest
    void clearBodyPutsABytesMessageIntoWriteOnlyMode(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage message = session.createBytesMessage();
        message.writeInt(1);
        BytesMessage received = (BytesMessage) roundTrip(session, message);

        received.clearBody();
        received.writeInt(2);

        assertThatThrownBy(received::readInt).isInstanceOf(MessageNotReadableException.class);
        received.reset();
        assertThat(received.readInt()).isEqualTo(2);
    }

    @ProviderTest
    void newBytesAndStreamMessagesAreWriteOnlyUntilReset(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage bytes = session.createBytesMessage();
        StreamMessage stream = session.createStreamMessage();
        bytes.writeInt(5);
        stream.writeInt(6);

        assertThatThrownBy(bytes::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(stream::readInt).isInstanceOf(MessageNotReadableException.class);
        bytes.reset();
        stream.reset();
        assertThat(bytes.readInt()).isEqualTo(5);
        assertThat(stream.readInt()).isEqualTo(6);
        assertThatThrownBy(() -> bytes.writeInt(7)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> stream.writeInt(7)).isInstanceOf(MessageNotWriteableException.class);
    }

    @ProviderTest
    void getBodyReturnsTheBodyAsTheMatchingJavaType(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2});
        MapMessage map = session.createMapMessage();
        map.setString("k", "v");

        assertThat(roundTrip(session, session.createTextMessage("t")).getBody(String.class)).isEqualTo("t");
        assertThat(roundTrip(session, bytes).getBody(byte[].class)).containsExactly(1, 2);
        assertThat(roundTrip(session, map).getBody(Map.class)).isEqualTo(Map.of("k", "v"));
        assertThat(roundTrip(session, session.createObjectMessage(new Order("o", 3))).getBody(Serializable.class))
                .isEqualTo(new Order("o", 3));
    }

    @ProviderTest
    void getBodyWithAnUnassignableTypeThrowsMessageFormatException(JmsProviderUnderTest provider)
            throws JMSException {
        Session session = session(provider);
        Message text = roundTrip(session, session.createTextMessage("t"));
        StreamMessage streamMessage = session.createStreamMessage();
        streamMessage.writeInt(1);
        Message stream = roundTrip(session, streamMessage);

        assertThatThrownBy(() -> text.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> stream.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void isBodyAssignableToTellsWhetherGetBodyWouldWork(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Message text = roundTrip(session, session.createTextMessage("t"));
        StreamMessage streamMessage = session.createStreamMessage();
        streamMessage.writeInt(1);
        Message stream = roundTrip(session, streamMessage);
        Message emptyText = roundTrip(session, session.createTextMessage());

        assertThat(text.isBodyAssignableTo(String.class)).isTrue();
        assertThat(text.isBodyAssignableTo(CharSequence.class)).isTrue();
        assertThat(text.isBodyAssignableTo(Integer.class)).isFalse();
        assertThat(stream.isBodyAssignableTo(Object.class)).isFalse();
        assertThat(emptyText.isBodyAssignableTo(Integer.class)).isTrue();
        assertThat(emptyText.getBody(String.class)).isNull();
    }

    @ProviderTest
    void foreignMessageIsSentAndArrivesAsAProviderMessage(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        TextMessage foreign = ForeignTextMessage.create("from elsewhere");
        foreign.setStringProperty("origin", "foreign");
        foreign.setIntProperty("count", 3);
        foreign.setJMSCorrelationID("foreign-correlation");
        foreign.setJMSType("foreign-type");

        session.createProducer(queue).send(foreign);
        TextMessage received = (TextMessage) receive(session.createConsumer(queue));

        assertThat(received.getText()).isEqualTo("from elsewhere");
        assertThat(received.getStringProperty("origin")).isEqualTo("foreign");
        assertThat(received.getIntProperty("count")).isEqualTo(3);
        assertThat(received.getJMSCorrelationID()).isEqualTo("foreign-correlation");
        assertThat(received.getJMSType()).isEqualTo("foreign-type");
    }

    @ProviderTest
    void sendingAForeignMessageSetsItsHeaderFields(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        TextMessage foreign = ForeignTextMessage.create("headers");

        session.createProducer(queue).send(foreign);
        Message received = receive(session.createConsumer(queue));

        assertThat(foreign.getJMSMessageID()).isEqualTo(received.getJMSMessageID());
        assertThat(((Queue) foreign.getJMSDestination()).getQueueName()).isEqualTo(queue.getQueueName());
        assertThat(foreign.getJMSTimestamp()).isPositive();
    }
}
