package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

class StreamMessageTest {

    @Test
    void aNewMessageIsWriteOnlyAndResetMakesItReadOnly() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeInt(1);

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);

        message.reset();

        assertThat(message.readInt()).isEqualTo(1);
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(1);
    }

    @Test
    void clearBodyEmptiesTheBodyAndMakesItWritable() throws JMSException {
        LogJmsStreamMessage received = TestMessages.received(streamOf(1, "two"));
        assertThatThrownBy(() -> received.writeInt(3)).isInstanceOf(MessageNotWriteableException.class);

        received.clearBody();

        assertThatThrownBy(received::readObject).isInstanceOf(MessageNotReadableException.class);
        received.writeInt(3);
        received.reset();
        assertThat(received.readInt()).isEqualTo(3);
        assertThatThrownBy(received::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void aReceivedMessageReadsFromTheStart() throws JMSException {
        LogJmsStreamMessage received = TestMessages.received(streamOf(true, 'c', "s", 2.5d, null));

        assertThat(received.readBoolean()).isTrue();
        assertThat(received.readChar()).isEqualTo('c');
        assertThat(received.readString()).isEqualTo("s");
        assertThat(received.readDouble()).isEqualTo(2.5d);
        assertThat(received.readObject()).isNull();
        assertThatThrownBy(received::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readsAByteArrayValueInPiecesThenReturnsMinusOne() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeString("after");
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readString()).isEqualTo("after");
    }

    @Test
    void aByteArrayThatFillsTheBufferExactlyStillEndsWithMinusOne() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(new byte[] {3});
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThatThrownBy(() -> message.readBytes(buffer)).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void anEmptyByteArrayReadsAsZeroBytesThenMinusOne() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeBytes(new byte[0]);
        message.writeBytes(null);
        message.reset();

        assertThat(message.readBytes(new byte[4])).isZero();
        assertThat(message.readBytes(new byte[4])).isEqualTo(-1);
        assertThat(message.readBytes(new byte[4])).as("a null value").isEqualTo(-1);
        assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void otherReadsFailWhileAByteArrayIsPartlyRead() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.writeInt(9);
        message.reset();
        message.readBytes(new byte[1]);

        assertThatThrownBy(message::readObject).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(message.readBytes(new byte[8])).isEqualTo(2);
        assertThat(message.readInt()).as("a fully read byte array lets other reads move on").isEqualTo(9);
    }

    @Test
    void writesCopiesOfByteArraysAndReadObjectReturnsCopies() throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        byte[] bytes = {1, 2, 3};
        message.writeBytes(bytes);
        message.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        bytes[0] = 42;
        message.reset();

        byte[] first = (byte[]) message.readObject();
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(message.readObject()).isEqualTo(new byte[] {8, 7});
        first[0] = 42;
        message.reset();
        assertThat((byte[]) message.readObject()).containsExactly(1, 2, 3);
    }

    @Test
    void writeObjectRefusesOtherTypes() {
        LogJmsStreamMessage message = new LogJmsStreamMessage();

        assertThatThrownBy(() -> message.writeObject(new java.util.Date()))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.util.Date");
    }

    private static LogJmsStreamMessage streamOf(Object... values) throws JMSException {
        LogJmsStreamMessage message = new LogJmsStreamMessage();
        for (Object value : values) {
            message.writeObject(value);
        }
        return message;
    }
}
