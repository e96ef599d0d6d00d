package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextIT extends EmbeddedBrokerSupport {

    @Test
    void producerChainsPropertiesAndHeadersAndConsumerReceivesBodies() throws Exception {
        JMSContext context = closeLater(factory().createContext());
        Queue queue = context.createQueue("ctx");
        context.createProducer()
                .setProperty("region", "eu")
                .setProperty("weight", 12)
                .setJMSCorrelationID("c-9")
                .setJMSType("order")
                .setPriority(6)
                .send(queue, "body text")
                .send(queue, Map.of("k", 1L))
                .send(queue, new byte[] {9, 8});
        JMSConsumer consumer = context.createConsumer(queue);
        Message first = consumer.receive(5000);
        assertThat(((TextMessage) first).getText()).isEqualTo("body text");
        assertThat(first.getStringProperty("region")).isEqualTo("eu");
        assertThat(first.getIntProperty("weight")).isEqualTo(12);
        assertThat(first.getJMSCorrelationID()).isEqualTo("c-9");
        assertThat(first.getJMSType()).isEqualTo("order");
        assertThat(first.getJMSPriority()).isEqualTo(6);
        assertThat(consumer.receiveBody(Map.class, 5000)).containsEntry("k", 1L);
        assertThat(consumer.receiveBody(byte[].class, 5000)).containsExactly(9, 8);
        assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
    }

    @Test
    void aBodyOfTheWrongTypeStaysFirstInLineInAutoAcknowledge() throws Exception {
        JMSContext context = closeLater(factory().createContext());
        Queue queue = context.createQueue("ctx-wrong-type");
        context.createProducer().send(queue, "text");
        JMSConsumer consumer = context.createConsumer(queue);
        assertThatThrownBy(() -> consumer.receiveBody(byte[].class, 5000))
                .isInstanceOf(MessageFormatRuntimeException.class);
        Message again = consumer.receive(5000);
        assertThat(again.getBody(String.class)).isEqualTo("text");
        assertThat(again.getJMSRedelivered()).isFalse();
    }

    @Test
    void contextsMadeFromAContextShareItsConnectionUntilTheLastCloses() throws Exception {
        JMSContext first = factory().createContext();
        JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThatThrownBy(() -> first.setClientID("too-late")).isInstanceOf(IllegalStateRuntimeException.class);
        Queue queue = first.createQueue("ctx-shared");
        first.close();
        assertThatThrownBy(() -> first.createProducer()).isInstanceOf(IllegalStateRuntimeException.class);
        second.createProducer().send(queue, "still open");
        JMSConsumer consumer = second.createConsumer(queue);
        Message m = consumer.receive(5000);
        assertThat(m.getBody(String.class)).isEqualTo("still open");
        second.acknowledge();
        second.recover();
        assertThat(consumer.receiveNoWait()).isNull();
        second.close();
        second.close();
    }

    @Test
    void transactedContextCommitsAndRollsBack() throws Exception {
        JMSContext tx = closeLater(factory().createContext(JMSContext.SESSION_TRANSACTED));
        Queue queue = tx.createQueue("ctx-tx");
        tx.createProducer().send(queue, "dropped");
        tx.rollback();
        tx.createProducer().send(queue, "kept");
        tx.commit();
        JMSConsumer consumer = tx.createConsumer(queue);
        assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("kept");
        tx.commit();
        assertThat(consumer.receiveBody(String.class, 300)).isNull();
    }

    @Test
    void autoStartOffNeedsAnExplicitStartAndErrorsAreUnchecked() throws Exception {
        JMSContext context = closeLater(factory().createContext());
        context.setAutoStart(false);
        Queue queue = context.createQueue("ctx-autostart");
        context.createProducer().send(queue, "waiting");
        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receiveNoWait()).isNull();
        context.start();
        assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("waiting");
        assertThatThrownBy(() -> context.createProducer().send(null, "x"))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
        assertThatThrownBy(() -> context.createProducer().setPriority(11)).isInstanceOf(jakarta.jms.JMSRuntimeException.class);
    }
}
