package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

class SmokeIT extends EmbeddedBrokerSupport {

    @Test
    void sendsAndReceivesOneMessageOnAQueue() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("smoke");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("hello"));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        TextMessage received = (TextMessage) consumer.receive(5000);
        assertThat(received).isNotNull();
        assertThat(received.getText()).isEqualTo("hello");
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getJMSDestination()).isEqualTo(queue);
    }
}
