package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

class BytesMessageTest {

    @Test
    void everyTypeWrittenReadsBackAfterReset() throws JMSException {
        LogJmsBytesMessage message = new LogJmsBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -300);
        message.writeChar('q');
        message.writeInt(123_456);
        message.writeLong(-9_876_543_210L);
        message.writeFloat(1.25f);
        message.writeDouble(-2.5d);
        message.writeUTF("h\u00e9llo");
        message.writeBytes(new byte[] {7, 8});
        message.writeBytes(new byte[] {1, 2, 3, 4}, 1, 2);
        message.writeObject(0xFFFF);
        message.reset();

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readShort()).isEqualTo((short) -300);
        assertThat(message.readChar()).isEqualTo('q');
        assertThat(message.readInt()).isEqualTo(123_456);
        assertThat(message.readLong()).isEqualTo(-9_876_543_210L);
        assertThat(message.readFloat()).isEqualTo(1.25f);
        assertThat(message.readDouble()).isEqualTo(-2.5d);
        assertThat(message.readUTF()).isEqualTo("h\u00e9llo");
        byte[] four = new byte[4];
        assertThat(message.readBytes(four, 4)).isEqualTo(4);
        assertThat(four).containsExactly(7, 8, 2, 3);
        assertThat(message.readUnsignedShort()).isZero();
        assertThat(message.readUnsignedShort()).isEqualTo(0xFFFF);
        assertThat(message.readBytes(four)).isEqualTo(-1);
    }

    @Test
    void aNewMessageIsWriteOnly() throws JMSException {
        LogJmsBytesMessage message = new LogJmsBytesMessage();
        message.writeInt(1);

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
    }

    @Test
    void aReceivedMessageIsReadOnlyUntilCleared() throws JMSException {
        LogJmsBytesMessage sent = new LogJmsBytesMessage();
        sent.writeInt(42);
        LogJmsBytesMessage received = TestMessages.received(sent);

        assertThat(received.getBodyLength()).isEqualTo(4);
        assertThat(received.readInt()).isEqualTo(42);
        assertThatThrownBy(() -> received.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(received::readByte).isInstanceOf(MessageEOFException.class);

        received.reset();
        assertThat(received.readInt()).as("reset rereads from the start").isEqualTo(42);

        received.clearBody();
        received.writeByte((byte) 5);
        received.reset();
        assertThat(received.getBodyLength()).isEqualTo(1);
    }

    @Test
    void readBytesReturnsMinusOneAtTheEnd() throws JMSException {
        LogJmsBytesMessage message = new LogJmsBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThatThrownBy(() -> message.readBytes(buffer, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writeObjectRefusesNullAndOtherTypes() {
        LogJmsBytesMessage message = new LogJmsBytesMessage();

        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aTruncatedUtfStringIsAnEndOfBody() throws JMSException {
        LogJmsBytesMessage message = new LogJmsBytesMessage();
        message.writeShort((short) 10);
        message.writeByte((byte) 'a');
        message.reset();

        assertThatThrownBy(message::readUTF).isInstanceOf(MessageEOFException.class);
    }
}
