package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "a.b", "JMSType", "JMSPriority", "JMSCorrelationID"})
    void refusesNamesThatAreNotIdentifiersOrAreHeaderFields(String name) {
        LogJmsMessage message = new LogJmsMessage();

        assertThatThrownBy(() -> message.setStringProperty(name, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("property name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "true", "False", "not", "AND", "like", "IN", "escape"})
    void acceptsSelectorKeywordsAsNamesAsOtherProvidersDo(String name) throws Exception {
        LogJmsMessage message = new LogJmsMessage();
        message.setBooleanProperty(name, true);
        org.assertj.core.api.Assertions.assertThat(message.getBooleanProperty(name)).isTrue();
    }

    @Test
    void refusesANullName() {
        assertThatThrownBy(() -> new LogJmsMessage().setIntProperty(null, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "camelCase9", "\u00e9t\u00e9", "JMS_vendor_thing", "JMSXGroupID",
        "Nullable", "isbn"})
    void acceptsIdentifiers(String name) throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        message.setStringProperty(name, "v");

        assertThat(message.getStringProperty(name)).isEqualTo("v");
        assertThat(message.propertyExists(name)).isTrue();
    }

    @Test
    void setObjectPropertyAcceptsOnlyPrimitiveWrappersAndStrings() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();

        for (Object invalid : List.of('c', new byte[1], new Object(), List.of(), new java.math.BigDecimal(1))) {
            assertThatThrownBy(() -> message.setObjectProperty("p", invalid))
                    .isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining(invalid.getClass().getName());
        }
        message.setObjectProperty("i", 5);
        message.setObjectProperty("n", null);
        assertThat(message.getObjectProperty("i")).isEqualTo(5);
        assertThat(message.propertyExists("n")).isTrue();
        assertThat(message.getObjectProperty("n")).isNull();
    }

    @Test
    void missingPropertiesReadAsNullConvertedWithValueOf() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();

        assertThat(message.propertyExists("missing")).isFalse();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThatThrownBy(() -> message.getIntProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void propertiesOfAReceivedMessageAreReadOnlyUntilCleared() throws JMSException {
        LogJmsMessage sent = new LogJmsMessage();
        sent.setStringProperty("colour", "red");
        LogJmsMessage received = TestMessages.received(sent);

        assertThat(received.getStringProperty("colour")).isEqualTo("red");
        assertThatThrownBy(() -> received.setStringProperty("colour", "blue"))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObjectProperty("other", 1))
                .isInstanceOf(MessageNotWriteableException.class);

        received.clearProperties();

        assertThat(received.propertyExists("colour")).isFalse();
        received.setStringProperty("colour", "blue");
        assertThat(received.getStringProperty("colour")).isEqualTo("blue");
    }

    @Test
    void clearPropertiesLeavesHeadersAndBody() throws JMSException {
        LogJmsTextMessage message = new LogJmsTextMessage("body");
        message.setJMSType("t");
        message.setIntProperty("n", 1);

        message.clearProperties();

        assertThat(Collections.list(message.getPropertyNames())).isEmpty();
        assertThat(message.getJMSType()).isEqualTo("t");
        assertThat(message.getText()).isEqualTo("body");
    }

    @Test
    void theDeliveryCountIsAnIntPropertySetOnReceipt() throws JMSException {
        LogJmsMessage sent = new LogJmsMessage();
        sent.setStringProperty("a", "1");
        assertThat(sent.propertyExists("JMSXDeliveryCount")).isFalse();

        LogJmsMessage received = TestMessages.received(sent);
        received.setDeliveryCount(2);

        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(received.getStringProperty("JMSXDeliveryCount")).isEqualTo("2");
        assertThat(received.getObjectProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(received.getJMSRedelivered()).isTrue();
        assertThat(Collections.list(received.getPropertyNames())).containsExactly("a", "JMSXDeliveryCount");
    }

    @Test
    void theDeliveryCountIsNotSentOn() throws JMSException {
        LogJmsMessage received = TestMessages.received(new LogJmsMessage());
        received.setDeliveryCount(3);

        LogJmsMessage forwarded = TestMessages.received(received);

        assertThat(forwarded.propertyExists("JMSXDeliveryCount")).isFalse();
        assertThat(forwarded.getJMSRedelivered()).isFalse();
    }

    @Test
    void groupPropertiesAreAcceptedWithTheirSpecifiedTypes() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        message.setStringProperty("JMSXGroupID", "customer-7");
        message.setIntProperty("JMSXGroupSeq", 3);

        LogJmsMessage received = TestMessages.received(message);

        assertThat(received.getStringProperty("JMSXGroupID")).isEqualTo("customer-7");
        assertThat(received.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
        assertThat(Collections.list(received.getPropertyNames())).containsExactly("JMSXGroupID", "JMSXGroupSeq");
        assertThatThrownBy(() -> message.setStringProperty("JMSXGroupSeq", "3"))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setIntProperty("JMSXGroupID", 3))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void getPropertyNamesKeepsInsertionOrder() throws JMSException {
        LogJmsMessage message = new LogJmsMessage();
        message.setIntProperty("z", 1);
        message.setIntProperty("a", 2);
        message.setIntProperty("m", 3);

        assertThat(Collections.list(message.getPropertyNames())).containsExactly("z", "a", "m");
    }
}
