package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.message.WireMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectMessageTest {

    @Test
    void setObjectCopiesTheObject() throws JMSException {
        LogJmsObjectMessage message = new LogJmsObjectMessage();
        Shipment shipment = new Shipment("s-1");
        shipment.items.add("box");
        message.setAllowList(ObjectMessageAllowList.DEFAULT.with(Shipment.class.getName()));

        message.setObject(shipment);
        shipment.items.add("changed later");

        Shipment read = (Shipment) message.getObject();
        assertThat(read.id).isEqualTo("s-1");
        assertThat(read.items).containsExactly("box");
        assertThat(read).isNotSameAs(message.getObject());
    }

    @Test
    void theDefaultAllowListAcceptsCommonJdkTypes() throws JMSException {
        HashMap<String, Object> value = new HashMap<>();
        value.put("amount", new BigDecimal("12.50"));
        value.put("at", Instant.ofEpochSecond(1_700_000_000L));
        value.put("tags", new ArrayList<>(List.of("a", "b")));
        value.put("raw", new int[] {1, 2});
        value.put("names", new String[] {"x"});

        LogJmsObjectMessage received = receive(value, null);

        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) received.getObject();
        assertThat(read).containsEntry("amount", new BigDecimal("12.50"))
                .containsEntry("at", Instant.ofEpochSecond(1_700_000_000L))
                .containsEntry("tags", List.of("a", "b"));
        assertThat((int[]) read.get("raw")).containsExactly(1, 2);
        assertThat((String[]) read.get("names")).containsExactly("x");
    }

    @Test
    void refusesAClassThatIsNotAllowedNamingItAndHowToAllowIt() throws JMSException {
        LogJmsObjectMessage received = receive(new Shipment("s-2"), ObjectMessageAllowList.DEFAULT);

        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Shipment.class.getName())
                .hasMessageContaining("io.logjms.provider.message.*")
                .hasMessageContaining(ObjectMessageAllowList.SYSTEM_PROPERTY);
        assertThatThrownBy(() -> received.getBody(Serializable.class)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.isBodyAssignableTo(Serializable.class))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void refusesAnArrayOfAClassThatIsNotAllowed() throws JMSException {
        LogJmsObjectMessage received = receive(new Shipment[] {new Shipment("a")}, ObjectMessageAllowList.DEFAULT);

        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Shipment.class.getName());
    }

    @Test
    void acceptsAClassAllowedByPackage() throws JMSException {
        ObjectMessageAllowList allowList = ObjectMessageAllowList.parse("java.util.*,io.logjms.provider.message.*");

        Shipment read = (Shipment) receive(new Shipment("s-3"), allowList).getObject();

        assertThat(read.id).isEqualTo("s-3");
    }

    @Test
    void starAllowsEveryClass() throws JMSException {
        Shipment read = (Shipment) receive(new Shipment("s-4"), ObjectMessageAllowList.ALLOW_ALL).getObject();

        assertThat(read.id).isEqualTo("s-4");
    }

    @Test
    void theSystemPropertyConfiguresTheDefault() throws JMSException {
        String previous = System.getProperty(ObjectMessageAllowList.SYSTEM_PROPERTY);
        System.setProperty(ObjectMessageAllowList.SYSTEM_PROPERTY, "java.util.*, " + Shipment.class.getName());
        try {
            assertThat(((Shipment) receive(new Shipment("s-5"), null).getObject()).id).isEqualTo("s-5");
        } finally {
            if (previous == null) {
                System.clearProperty(ObjectMessageAllowList.SYSTEM_PROPERTY);
            } else {
                System.setProperty(ObjectMessageAllowList.SYSTEM_PROPERTY, previous);
            }
        }
    }

    @Test
    void aCorruptBodyIsAMessageFormatException() throws JMSException {
        LogJmsMessage received = MessageConverter.fromWire(
                new io.logjms.protocol.message.MessageHeaders(io.logjms.protocol.message.BodyType.OBJECT),
                new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73});

        assertThatThrownBy(((LogJmsObjectMessage) received)::getObject).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void anUnserializableGraphIsAMessageFormatException() {
        LogJmsObjectMessage message = new LogJmsObjectMessage();
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());

        assertThatThrownBy(() -> message.setObject(list)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void theBodyIsReadOnlyAfterReceiptUntilCleared() throws JMSException {
        LogJmsObjectMessage received = receive("text", null);

        assertThatThrownBy(() -> received.setObject("other")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getObject()).isNull();
        received.setObject("other");
        assertThat(received.getObject()).isEqualTo("other");
    }

    private static LogJmsObjectMessage receive(Serializable value, ObjectMessageAllowList allowList)
            throws JMSException {
        LogJmsObjectMessage sent = new LogJmsObjectMessage();
        sent.setObject(value);
        WireMessage wire = MessageConverter.toWire(sent);
        return (LogJmsObjectMessage) MessageConverter.fromWire(wire.headers(), wire.body(), allowList);
    }
}
