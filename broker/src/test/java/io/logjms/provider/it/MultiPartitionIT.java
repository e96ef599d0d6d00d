package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsProperties;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Destinations of four partitions: ordering per session and per group, spreading, legacy queue interfaces. */
class MultiPartitionIT extends EmbeddedBrokerSupport {

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.partitionsDefault(4);
    }

    @Test
    void eachSessionsSendsStayInOrderAndSessionsSpreadOverPartitions() throws Exception {
        Connection connection = connection();
        Topic topic = connection.createSession().createTopic("spread");
        Session consumerSession = connection.createSession();
        MessageConsumer consumer = consumerSession.createConsumer(topic);
        connection.start();
        int sessions = 4;
        int perSession = 50;
        for (int s = 0; s < sessions; s++) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < perSession; i++) {
                Message m = session.createTextMessage(s + ":" + i);
                producer.send(m);
            }
        }
        Map<String, Integer> lastBySession = new HashMap<>();
        Set<Integer> partitions = new HashSet<>();
        for (int n = 0; n < sessions * perSession; n++) {
            Message m = consumer.receive(5000);
            String[] parts = text(m).split(":");
            int index = Integer.parseInt(parts[1]);
            assertThat(index).isGreaterThan(lastBySession.getOrDefault(parts[0], -1));
            lastBySession.put(parts[0], index);
            partitions.add(m.getIntProperty(LogJmsProperties.PARTITION));
        }
        assertThat(partitions).hasSize(4);
    }

    @Test
    void messagesOfOneGroupShareAPartitionAndKeepTheirOrder() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("groups");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 40; i++) {
            Message m = session.createTextMessage("g" + (i % 4) + ":" + i);
            m.setStringProperty("JMSXGroupID", "g" + (i % 4));
            producer.send(m);
        }
        List<Message> received = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(received::add);
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 40);
        Map<String, Integer> partitionOfGroup = new HashMap<>();
        Map<String, List<Integer>> orderOfGroup = new HashMap<>();
        for (Message m : received) {
            String group = m.getStringProperty("JMSXGroupID");
            int partition = m.getIntProperty(LogJmsProperties.PARTITION);
            assertThat(partitionOfGroup.computeIfAbsent(group, g -> partition)).isEqualTo(partition);
            orderOfGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(Integer.parseInt(text(m).split(":")[1]));
        }
        orderOfGroup.values().forEach(order -> assertThat(order).isSorted());
    }

    @Test
    void legacyQueueInterfacesSendAndReceive() throws Exception {
        QueueConnection connection = closeLater(factory().createQueueConnection());
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("legacy-queue");
        QueueSender sender = session.createSender(queue);
        QueueReceiver receiver = session.createReceiver(queue);
        connection.start();
        sender.send(session.createTextMessage("legacy"));
        assertThat(text(receiver.receive(5000))).isEqualTo("legacy");
        assertThat(receiver.getQueue()).isEqualTo(queue);
        assertThat(sender.getQueue()).isEqualTo(queue);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.createTopic("t"))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @Test
    void aListenerSetOnAStartedConnectionGetsWhatWasAlreadyPrefetched() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("late-listener");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("l" + i));
        }
        List<String> got = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(m -> got.add(text(m)));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 5);
        assertThat(got).containsExactly("l0", "l1", "l2", "l3", "l4");
    }

    @Test
    void deliveryDelayHoldsAMessageBack() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("delayed");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(300);
        Message sent = session.createTextMessage("later");
        producer.send(sent);
        assertThat(sent.getJMSDeliveryTime()).isGreaterThanOrEqualTo(sent.getJMSTimestamp() + 300);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(consumer.receive(100)).isNull();
        Message m = consumer.receive(5000);
        assertThat(text(m)).isEqualTo("later");
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(sent.getJMSDeliveryTime());
    }
}
