package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** getBody and isBodyAssignableTo for every message type, with and without a body. */
class MessageBodyTest {

    @Test
    void aMessageWithoutABodyGivesNullForAnyType() throws JMSException {
        List<Message> empty = List.of(new LogJmsMessage(), new LogJmsTextMessage(), new LogJmsBytesMessage(),
                new LogJmsMapMessage(), new LogJmsObjectMessage());
        for (Message message : empty) {
            assertThat(message.getBody(String.class)).as(message.getClass().getSimpleName()).isNull();
            assertThat(message.getBody(Long.class)).isNull();
            assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
            assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
        }
    }

    @Test
    void textBody() throws JMSException {
        LogJmsTextMessage message = new LogJmsTextMessage("hello");

        assertThat(message.getBody(String.class)).isEqualTo("hello");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hello");
        assertThat(message.getBody(Object.class)).isEqualTo("hello");
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void bytesBodyReadsWholeAndLeavesTheReadPosition() throws JMSException {
        LogJmsBytesMessage message = new LogJmsBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        assertThat(message.getBody(byte[].class)).as("while write-only").containsExactly(1, 2, 3);
        message.reset();
        message.readByte();

        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3);
        assertThat(message.readByte()).isEqualTo((byte) 2);
        assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void mapBodyIsACopyAssignableToMap() throws JMSException {
        LogJmsMapMessage message = new LogJmsMapMessage();
        message.setInt("a", 1);

        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);
        body.put("b", 2);

        assertThat(body).containsEntry("a", 1);
        assertThat(message.itemExists("b")).isFalse();
        assertThat(message.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Object.class)).isTrue();
        assertThat(message.isBodyAssignableTo(HashMap.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(HashMap.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void streamBodyIsNeverAvailableThroughGetBody() throws JMSException {
        LogJmsStreamMessage empty = new LogJmsStreamMessage();
        LogJmsStreamMessage full = new LogJmsStreamMessage();
        full.writeInt(1);

        for (LogJmsStreamMessage message : List.of(empty, full)) {
            assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
            assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        }
    }

    @Test
    void objectBodyIsAssignableToTheObjectsTypes() throws JMSException {
        LogJmsObjectMessage message = new LogJmsObjectMessage();
        message.setObject(new java.util.ArrayList<>(List.of("x")));

        assertThat(message.getBody(List.class)).containsExactly("x");
        assertThat(message.getBody(Serializable.class)).isEqualTo(List.of("x"));
        assertThat(message.isBodyAssignableTo(java.util.ArrayList.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Map.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Map.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void plainMessageBodyIsAlwaysNull() throws JMSException {
        LogJmsMessage message = TestMessages.received(new LogJmsMessage());

        assertThat(message.getBody(Object.class)).isNull();
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
    }

    @Test
    void textBodyIsReadOnlyAfterReceiptUntilCleared() throws JMSException {
        LogJmsTextMessage received = TestMessages.received(new LogJmsTextMessage("first"));

        assertThatThrownBy(() -> received.setText("second")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getText()).isNull();
        received.setText("second");
        assertThat(received.getText()).isEqualTo("second");
    }

    @Test
    void clearBodyLeavesProperties() throws JMSException {
        LogJmsTextMessage message = new LogJmsTextMessage("body");
        message.setStringProperty("p", "v");

        message.clearBody();

        assertThat(message.getText()).isNull();
        assertThat(message.getStringProperty("p")).isEqualTo("v");
    }
}
