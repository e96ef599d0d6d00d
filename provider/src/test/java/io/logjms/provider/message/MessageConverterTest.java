package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.DestinationKind;
import io.logjms.protocol.message.DestinationRef;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.WireMessage;
import io.logjms.provider.LogJmsQueue;
import io.logjms.provider.LogJmsTemporaryQueue;
import io.logjms.provider.LogJmsTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MessageConverterTest {

    @Test
    void everyTypeReceivesItsOwnClassInTheReceivedState() throws JMSException {
        LogJmsBytesMessage bytes = new LogJmsBytesMessage();
        bytes.writeInt(7);
        LogJmsStreamMessage stream = new LogJmsStreamMessage();
        stream.writeString("s");
        LogJmsMapMessage map = new LogJmsMapMessage();
        map.setLong("l", 3L);
        LogJmsObjectMessage object = new LogJmsObjectMessage();
        object.setObject("serialized");

        assertThat(TestMessages.<LogJmsMessage>received(new LogJmsMessage())).isExactlyInstanceOf(LogJmsMessage.class);
        assertThat(TestMessages.<LogJmsTextMessage>received(new LogJmsTextMessage("t")).getText()).isEqualTo("t");
        LogJmsBytesMessage receivedBytes = TestMessages.received(bytes);
        assertThat(receivedBytes.readInt()).isEqualTo(7);
        LogJmsStreamMessage receivedStream = TestMessages.received(stream);
        assertThat(receivedStream.readString()).isEqualTo("s");
        assertThat(TestMessages.<LogJmsMapMessage>received(map).getLong("l")).isEqualTo(3L);
        assertThat(TestMessages.<LogJmsObjectMessage>received(object).getObject()).isEqualTo("serialized");
        assertThatThrownBy(() -> receivedBytes.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> receivedStream.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void toWireLeavesTheSentMessageAsItWas() throws JMSException {
        LogJmsBytesMessage bytes = new LogJmsBytesMessage();
        bytes.writeByte((byte) 1);

        WireMessage wire = MessageConverter.toWire(bytes);
        bytes.writeByte((byte) 2);

        assertThat(wire.body()).containsExactly(1);
        assertThat(wire.headers().getBodyType()).isEqualTo(BodyType.BYTES);
        assertThat(MessageConverter.toWire(bytes).body()).containsExactly(1, 2);
    }

    @Test
    void aNullTextAndAnEmptyTextStayDistinct() throws JMSException {
        assertThat(TestMessages.<LogJmsTextMessage>received(new LogJmsTextMessage(null)).getText()).isNull();
        assertThat(TestMessages.<LogJmsTextMessage>received(new LogJmsTextMessage("")).getText()).isEmpty();
    }

    @Test
    void sendsAForeignMessageWithItsHeadersAndProperties() throws JMSException {
        ForeignTextMessage foreign = new ForeignTextMessage("from elsewhere");
        foreign.setJMSMessageID("ID:other-1");
        foreign.setJMSCorrelationID("c");
        foreign.setJMSType("kind");
        foreign.setJMSPriority(2);
        foreign.setJMSDeliveryMode(1);
        foreign.setJMSTimestamp(99L);
        foreign.setJMSDestination(new ForeignQueue("orders"));
        foreign.setJMSReplyTo(new ForeignTemporaryQueue("tmp-1"));
        foreign.setIntProperty("count", 3);
        foreign.setStringProperty("JMSXGroupID", "g");
        foreign.setIntProperty("JMSXDeliveryCount", 5);

        WireMessage wire = MessageConverter.toWire(foreign);
        LogJmsTextMessage received = (LogJmsTextMessage) MessageConverter.fromWire(wire.headers(), wire.body());

        assertThat(wire.headers().getDestination()).isEqualTo(DestinationRef.queue("orders"));
        assertThat(wire.headers().getReplyTo()).isEqualTo(new DestinationRef(DestinationKind.TEMP_QUEUE, "tmp-1"));
        assertThat(received.getText()).isEqualTo("from elsewhere");
        assertThat(received.getJMSMessageID()).isEqualTo("ID:other-1");
        assertThat(received.getJMSCorrelationID()).isEqualTo("c");
        assertThat(received.getJMSType()).isEqualTo("kind");
        assertThat(received.getJMSPriority()).isEqualTo(2);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(1);
        assertThat(received.getJMSTimestamp()).isEqualTo(99L);
        assertThat(received.getJMSDestination()).isEqualTo(new LogJmsQueue("orders"));
        assertThat(received.getJMSReplyTo()).isEqualTo(new LogJmsTemporaryQueue("tmp-1"));
        assertThat(received.getIntProperty("count")).isEqualTo(3);
        assertThat(Collections.list(received.getPropertyNames())).containsExactly("count", "JMSXGroupID");
    }

    @Test
    void sendsAPlainForeignMessageWithoutABody() throws JMSException {
        ForeignMessage foreign = new ForeignMessage();
        foreign.setJMSDestination(new LogJmsTopic("news"));

        WireMessage wire = MessageConverter.toWire(foreign);

        assertThat(wire.headers().getBodyType()).isEqualTo(BodyType.NONE);
        assertThat(wire.body()).isEmpty();
        assertThat(MessageConverter.fromWire(wire.headers(), wire.body()).getJMSDestination())
                .isEqualTo(new LogJmsTopic("news"));
    }

    @Test
    void sendsForeignBodiesOfEveryType() throws JMSException {
        LogJmsBytesMessage bytes = new LogJmsBytesMessage();
        bytes.writeBytes(new byte[] {4, 5, 6});
        LogJmsMapMessage map = new LogJmsMapMessage();
        map.setChar("c", 'x');
        map.setBytes("b", new byte[] {1});
        LogJmsStreamMessage stream = new LogJmsStreamMessage();
        stream.writeInt(1);
        stream.writeBytes(new byte[] {2});
        stream.writeObject(null);
        LogJmsObjectMessage object = new LogJmsObjectMessage();
        object.setObject(12L);

        LogJmsBytesMessage receivedBytes = receive(foreign(BytesMessage.class, bytes));
        LogJmsMapMessage receivedMap = receive(foreign(MapMessage.class, map));
        LogJmsStreamMessage receivedStream = receive(foreign(StreamMessage.class, stream));
        LogJmsObjectMessage receivedObject = receive(foreign(ObjectMessage.class, object));

        assertThat(receivedBytes.getBody(byte[].class)).containsExactly(4, 5, 6);
        assertThat(receivedMap.getChar("c")).isEqualTo('x');
        assertThat(receivedMap.getBytes("b")).containsExactly(1);
        assertThat(receivedStream.readInt()).isEqualTo(1);
        assertThat((byte[]) receivedStream.readObject()).containsExactly(2);
        assertThat(receivedStream.readObject()).isNull();
        assertThat(receivedObject.getObject()).isEqualTo(12L);
    }

    @Test
    void refusesAForeignPropertyOfATypeJmsDoesNotAllow() {
        ForeignMessage foreign = new ForeignMessage();
        foreign.setObjectProperty("when", new java.util.Date());

        assertThatThrownBy(() -> MessageConverter.toWire(foreign))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("when");
    }

    @Test
    void refusesADestinationThatIsNeitherQueueNorTopic() {
        LogJmsMessage message = new LogJmsMessage();
        message.setJMSDestination(new Destination() { });

        assertThatThrownBy(() -> MessageConverter.toWire(message)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void aCorruptBodyIsAMessageFormatExceptionOnReceipt() {
        assertThatThrownBy(() -> MessageConverter.fromWire(new MessageHeaders(BodyType.MAP), new byte[] {1, 5}))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("map body");
        assertThatThrownBy(() -> MessageConverter.fromWire(new MessageHeaders(BodyType.STREAM), new byte[] {9}))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> MessageConverter.fromWire(new MessageHeaders(BodyType.TEXT), new byte[] {1, -1}))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aNullBodyIsAnEmptyBody() throws JMSException {
        LogJmsMessage received = MessageConverter.fromWire(new MessageHeaders(BodyType.BYTES), null);

        assertThat(((LogJmsBytesMessage) received).getBodyLength()).isZero();
    }

    private static <M extends LogJmsMessage> M receive(Message foreign) throws JMSException {
        assertThat(foreign).isNotInstanceOf(LogJmsMessage.class);
        return TestMessages.received(foreign);
    }

    /** A message of "another provider": a proxy that only implements the JMS interface. */
    private static <T extends Message> T foreign(Class<T> type, LogJmsMessage delegate) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    private record ForeignQueue(String name) implements Queue {
        @Override
        public String getQueueName() {
            return name;
        }
    }

    private record ForeignTemporaryQueue(String name) implements TemporaryQueue {
        @Override
        public String getQueueName() {
            return name;
        }

        @Override
        public void delete() {
            // a temporary queue of another provider; nothing to delete in this test
        }
    }
}
