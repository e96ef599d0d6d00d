package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Jakarta Messaging 3.1 chapter 3.5: message properties, their value types and the conversion table (3.5.4),
 * checked on messages that went through the provider.
 */
class MessagePropertiesTest extends JmsScenario {

    /** Sends a message with one property set by {@code setter} and returns the received copy. */
    private Message roundTrip(JmsProviderUnderTest provider, PropertySetter setter) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Message message = session.createMessage();
        setter.set(message);
        session.createProducer(queue).send(message);
        return receive(session.createConsumer(queue));
    }

    @FunctionalInterface
    private interface PropertySetter {
        void set(Message message) throws JMSException;
    }

    @ProviderTest
    void everyPropertyTypeSurvivesTheTrip(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> {
            message.setBooleanProperty("aBoolean", true);
            message.setByteProperty("aByte", (byte) -7);
            message.setShortProperty("aShort", (short) 300);
            message.setIntProperty("anInt", 70_000);
            message.setLongProperty("aLong", 5_000_000_000L);
            message.setFloatProperty("aFloat", 1.5f);
            message.setDoubleProperty("aDouble", 2.25);
            message.setStringProperty("aString", "caf\u00e9");
            message.setObjectProperty("anObject", 42);
        });

        assertThat(received.getBooleanProperty("aBoolean")).isTrue();
        assertThat(received.getByteProperty("aByte")).isEqualTo((byte) -7);
        assertThat(received.getShortProperty("aShort")).isEqualTo((short) 300);
        assertThat(received.getIntProperty("anInt")).isEqualTo(70_000);
        assertThat(received.getLongProperty("aLong")).isEqualTo(5_000_000_000L);
        assertThat(received.getFloatProperty("aFloat")).isEqualTo(1.5f);
        assertThat(received.getDoubleProperty("aDouble")).isEqualTo(2.25);
        assertThat(received.getStringProperty("aString")).isEqualTo("caf\u00e9");
        assertThat(received.getObjectProperty("anObject")).isEqualTo(42);
    }

    @ProviderTest
    void objectPropertyKeepsTheJavaTypeOfTheValue(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> {
            message.setByteProperty("b", (byte) 1);
            message.setShortProperty("s", (short) 2);
            message.setLongProperty("l", 3L);
            message.setFloatProperty("f", 4f);
            message.setBooleanProperty("z", false);
        });

        assertThat(received.getObjectProperty("b")).isInstanceOf(Byte.class);
        assertThat(received.getObjectProperty("s")).isInstanceOf(Short.class);
        assertThat(received.getObjectProperty("l")).isInstanceOf(Long.class);
        assertThat(received.getObjectProperty("f")).isInstanceOf(Float.class);
        assertThat(received.getObjectProperty("z")).isInstanceOf(Boolean.class);
    }

    @ProviderTest
    void propertyNamesListTheApplicationPropertiesButNoHeaderFields(JmsProviderUnderTest provider)
            throws JMSException {
        Message received = roundTrip(provider, message -> {
            message.setStringProperty("first", "1");
            message.setIntProperty("second", 2);
            message.setJMSType("not-a-property");
            message.setJMSCorrelationID("not-a-property-either");
        });

        List<String> names = new ArrayList<>();
        for (Object name : elements(received.getPropertyNames())) {
            names.add((String) name);
        }

        assertThat(names).contains("first", "second");
        // header fields are not properties; JMSX and provider-specific JMS_<vendor> properties may be listed
        assertThat(names).doesNotContain("JMSDestination", "JMSDeliveryMode", "JMSDeliveryTime", "JMSExpiration",
                "JMSPriority", "JMSMessageID", "JMSTimestamp", "JMSCorrelationID", "JMSReplyTo", "JMSType",
                "JMSRedelivered");
    }

    @ProviderTest
    void propertyNamesAreCaseSensitive(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> {
            message.setStringProperty("colour", "lower");
            message.setStringProperty("Colour", "capital");
        });

        assertThat(received.getStringProperty("colour")).isEqualTo("lower");
        assertThat(received.getStringProperty("Colour")).isEqualTo("capital");
    }

    @ProviderTest
    void missingPropertiesReadAsNullFalseOrNumberFormatException(JmsProviderUnderTest provider)
            throws JMSException {
        Message received = roundTrip(provider, message -> message.setStringProperty("present", "x"));

        assertThat(received.propertyExists("present")).isTrue();
        assertThat(received.propertyExists("absent")).isFalse();
        assertThat(received.getObjectProperty("absent")).isNull();
        assertThat(received.getStringProperty("absent")).isNull();
        assertThat(received.getBooleanProperty("absent")).isFalse();
        assertThatThrownBy(() -> received.getIntProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> received.getLongProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> received.getDoubleProperty("absent")).isInstanceOf(NullPointerException.class);
    }

    @ProviderTest
    void booleanConvertsOnlyToString(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setBooleanProperty("p", true));

        assertThat(received.getStringProperty("p")).isEqualTo("true");
        assertThatThrownBy(() -> received.getByteProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getShortProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getIntProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getLongProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void byteWidensToShortIntLongAndString(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setByteProperty("p", (byte) 12));

        assertThat(received.getShortProperty("p")).isEqualTo((short) 12);
        assertThat(received.getIntProperty("p")).isEqualTo(12);
        assertThat(received.getLongProperty("p")).isEqualTo(12L);
        assertThat(received.getStringProperty("p")).isEqualTo("12");
        assertThatThrownBy(() -> received.getBooleanProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void shortWidensToIntLongAndStringButNotToByte(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setShortProperty("p", (short) 1_000));

        assertThat(received.getIntProperty("p")).isEqualTo(1_000);
        assertThat(received.getLongProperty("p")).isEqualTo(1_000L);
        assertThat(received.getStringProperty("p")).isEqualTo("1000");
        assertThatThrownBy(() -> received.getByteProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void intWidensToLongAndStringButNotToShort(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setIntProperty("p", 123_456));

        assertThat(received.getLongProperty("p")).isEqualTo(123_456L);
        assertThat(received.getStringProperty("p")).isEqualTo("123456");
        assertThatThrownBy(() -> received.getShortProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getByteProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getBooleanProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void longConvertsOnlyToString(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setLongProperty("p", 9_876_543_210L));

        assertThat(received.getStringProperty("p")).isEqualTo("9876543210");
        assertThatThrownBy(() -> received.getIntProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void floatWidensToDoubleAndStringButNotToIntegers(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setFloatProperty("p", 2.5f));

        assertThat(received.getDoubleProperty("p")).isEqualTo(2.5);
        assertThat(received.getStringProperty("p")).isEqualTo("2.5");
        assertThatThrownBy(() -> received.getIntProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getLongProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getBooleanProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void doubleConvertsOnlyToString(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setDoubleProperty("p", 0.125));

        assertThat(received.getStringProperty("p")).isEqualTo("0.125");
        assertThatThrownBy(() -> received.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.getLongProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void stringConvertsToEveryTypeThroughValueOf(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> {
            message.setStringProperty("number", "42");
            message.setStringProperty("decimal", "3.5");
            message.setStringProperty("flag", "TRUE");
            message.setStringProperty("word", "forty-two");
        });

        assertThat(received.getByteProperty("number")).isEqualTo((byte) 42);
        assertThat(received.getShortProperty("number")).isEqualTo((short) 42);
        assertThat(received.getIntProperty("number")).isEqualTo(42);
        assertThat(received.getLongProperty("number")).isEqualTo(42L);
        assertThat(received.getFloatProperty("decimal")).isEqualTo(3.5f);
        assertThat(received.getDoubleProperty("decimal")).isEqualTo(3.5);
        assertThat(received.getBooleanProperty("flag")).isTrue();
        assertThat(received.getBooleanProperty("word")).isFalse();
        assertThatThrownBy(() -> received.getIntProperty("word")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> received.getIntProperty("decimal")).isInstanceOf(NumberFormatException.class);
    }

    @ProviderTest
    void receivedPropertiesAreReadOnly(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setStringProperty("p", "v"));

        assertThatThrownBy(() -> received.setStringProperty("p", "changed"))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setIntProperty("other", 1))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObjectProperty("other", "x"))
                .isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getStringProperty("p")).isEqualTo("v");
    }

    @ProviderTest
    void clearPropertiesRemovesThemAndMakesThemWritable(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        TextMessage message = session.createTextMessage("body stays");
        message.setStringProperty("p", "v");
        session.createProducer(queue).send(message);
        TextMessage received = (TextMessage) receive(session.createConsumer(queue));

        received.clearProperties();
        received.setStringProperty("fresh", "new");

        assertThat(received.propertyExists("p")).isFalse();
        assertThat(received.getStringProperty("fresh")).isEqualTo("new");
        assertThat(received.getText()).isEqualTo("body stays");
    }

    @ProviderTest
    void objectPropertyRejectsNonPrimitiveValues(JmsProviderUnderTest provider) throws JMSException {
        Message message = session(provider).createMessage();

        assertThatThrownBy(() -> message.setObjectProperty("list", new ArrayList<String>()))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("object", new Object()))
                .isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void objectPropertyRejectsByteArrays(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.OBJECT_PROPERTY_ACCEPTS_BYTE_ARRAY);
        Message message = session(provider).createMessage();

        assertThatThrownBy(() -> message.setObjectProperty("bytes", new byte[] {1}))
                .isInstanceOf(MessageFormatException.class);
    }

    @ProviderTest
    void nullOrEmptyPropertyNamesAreRejected(JmsProviderUnderTest provider) throws JMSException {
        Message message = session(provider).createMessage();

        assertThatThrownBy(() -> message.setStringProperty(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setIntProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObjectProperty("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @ProviderTest
    void deliveryCountIsReadableAsIntAndString(JmsProviderUnderTest provider) throws JMSException {
        Message received = roundTrip(provider, message -> message.setStringProperty("p", "v"));

        assertThat(received.propertyExists("JMSXDeliveryCount")).isTrue();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(received.getStringProperty("JMSXDeliveryCount")).isEqualTo("1");
    }
}
