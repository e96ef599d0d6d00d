package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MapMessageTest {

    @Test
    void entriesSurviveTheWireInOrder() throws JMSException {
        LogJmsMapMessage sent = new LogJmsMapMessage();
        sent.setString("s", "text");
        sent.setInt("i", 5);
        sent.setChar("c", 'z');
        sent.setBytes("b", new byte[] {1, 2});
        sent.setBytes("slice", new byte[] {5, 6, 7, 8}, 1, 2);
        sent.setString("n", null);

        LogJmsMapMessage received = TestMessages.received(sent);

        assertThat(Collections.list(received.getMapNames())).containsExactly("s", "i", "c", "b", "slice", "n");
        assertThat(received.getString("s")).isEqualTo("text");
        assertThat(received.getInt("i")).isEqualTo(5);
        assertThat(received.getChar("c")).isEqualTo('z');
        assertThat(received.getBytes("b")).containsExactly(1, 2);
        assertThat(received.getBytes("slice")).containsExactly(6, 7);
        assertThat(received.itemExists("n")).isTrue();
        assertThat(received.getObject("n")).isNull();
        assertThat(received.itemExists("absent")).isFalse();
    }

    @Test
    void theBodyOfAReceivedMessageIsReadOnlyUntilCleared() throws JMSException {
        LogJmsMapMessage sent = new LogJmsMapMessage();
        sent.setInt("i", 1);
        LogJmsMapMessage received = TestMessages.received(sent);

        assertThatThrownBy(() -> received.setInt("i", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObject("o", "x")).isInstanceOf(MessageNotWriteableException.class);

        received.clearBody();

        assertThat(received.itemExists("i")).isFalse();
        received.setInt("i", 2);
        assertThat(received.getInt("i")).isEqualTo(2);
    }

    @Test
    void refusesNullOrEmptyNames() {
        LogJmsMapMessage message = new LogJmsMapMessage();

        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setString("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setObjectRefusesOtherTypes() {
        LogJmsMapMessage message = new LogJmsMapMessage();

        assertThatThrownBy(() -> message.setObject("o", new StringBuilder()))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        LogJmsMapMessage message = new LogJmsMapMessage();
        byte[] bytes = {1};
        message.setBytes("b", bytes);
        bytes[0] = 9;
        message.getBytes("b")[0] = 9;
        ((byte[]) message.getObject("b"))[0] = 9;

        assertThat(message.getBytes("b")).containsExactly(1);
    }
}
