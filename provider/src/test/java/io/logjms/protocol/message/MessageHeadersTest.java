package io.logjms.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void exposesHeaderFieldsToSelectorsByIdentifier() {
        MessageHeaders headers = new MessageHeaders();
        headers.setMessageId("ID:1");
        headers.setTimestamp(1234L);
        headers.setCorrelationId("corr");
        headers.setType("order");
        headers.setPriority(7);
        headers.setDeliveryMode(MessageHeaders.NON_PERSISTENT);
        headers.setProperty("colour", "red");

        assertThat(headers.selectorValue("JMSMessageID")).isEqualTo("ID:1");
        assertThat(headers.selectorValue("JMSTimestamp")).isEqualTo(1234L);
        assertThat(headers.selectorValue("JMSCorrelationID")).isEqualTo("corr");
        assertThat(headers.selectorValue("JMSType")).isEqualTo("order");
        assertThat(headers.selectorValue("JMSPriority")).isEqualTo(7);
        assertThat(headers.selectorValue("JMSDeliveryMode")).isEqualTo("NON_PERSISTENT");
        assertThat(headers.selectorValue("colour")).isEqualTo("red");
        assertThat(headers.selectorValue("missing")).isNull();
        assertThat(headers.selectorValue("JMSXDeliveryCount")).isNull();

        headers.setDeliveryMode(MessageHeaders.PERSISTENT);
        headers.setDeliveryCount(3);
        assertThat(headers.selectorValue("JMSDeliveryMode")).isEqualTo("PERSISTENT");
        assertThat(headers.selectorValue("JMSXDeliveryCount")).isEqualTo(3);
    }

    @Test
    void holdsTheCorrelationIdAsStringOrBytesWhicheverWasSetLast() {
        MessageHeaders headers = new MessageHeaders();
        headers.setCorrelationIdBytes("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(headers.hasByteCorrelationId()).isTrue();
        assertThat(headers.getCorrelationId()).isEqualTo("abc");

        headers.setCorrelationId("xyz");
        assertThat(headers.hasByteCorrelationId()).isFalse();
        assertThat(headers.getCorrelationIdAsBytes()).isEqualTo(new byte[] {'x', 'y', 'z'});
    }

    @Test
    void refusesValuesOutsideTheHeaderRanges() {
        MessageHeaders headers = new MessageHeaders();
        assertThatThrownBy(() -> headers.setDeliveryMode(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> headers.setPriority(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> headers.setProperty("c", 'c')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Character");
        assertThatThrownBy(() -> headers.setProperty("b", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAreIndependentAndResetRestoresDefaults() {
        MessageHeaders headers = new MessageHeaders(BodyType.MAP);
        headers.setProperty("a", 1);
        headers.setDestination(DestinationRef.queue("orders"));

        MessageHeaders copy = headers.copy();
        copy.setProperty("b", 2);

        assertThat(headers.properties()).containsOnlyKeys("a");
        assertThat(copy.getDestination()).isEqualTo(DestinationRef.queue("orders"));
        copy.reset();
        assertThat(copy).isEqualTo(new MessageHeaders());
    }
}
