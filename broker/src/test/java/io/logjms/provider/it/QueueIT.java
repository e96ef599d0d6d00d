package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.provider.LogJmsProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QueueIT extends EmbeddedBrokerSupport {

    @Test
    void deliversEveryBodyTypeWithItsHeadersAndProperties() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("bodies");
        MessageProducer producer = session.createProducer(queue);
        TextMessage text = session.createTextMessage("text");
        text.setStringProperty("color", "red");
        text.setIntProperty("size", 3);
        text.setJMSCorrelationID("corr-1");
        text.setJMSType("kind");
        producer.send(text);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        producer.send(bytes);
        MapMessage map = session.createMapMessage();
        map.setLong("n", 42L);
        producer.send(map);
        StreamMessage stream = session.createStreamMessage();
        stream.writeString("s");
        stream.writeInt(7);
        producer.send(stream);
        producer.send(session.createObjectMessage(new ArrayList<>(List.of("a", "b"))));
        producer.send(session.createMessage(), DeliveryMode.NON_PERSISTENT, 3, 0);

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        TextMessage t = (TextMessage) consumer.receive(5000);
        assertThat(t.getText()).isEqualTo("text");
        assertThat(t.getStringProperty("color")).isEqualTo("red");
        assertThat(t.getIntProperty("size")).isEqualTo(3);
        assertThat(t.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(t.getJMSType()).isEqualTo("kind");
        assertThat(t.getJMSMessageID()).startsWith("ID:").isEqualTo(text.getJMSMessageID());
        assertThat(t.getJMSTimestamp()).isEqualTo(text.getJMSTimestamp()).isPositive();
        assertThat(t.getIntProperty(LogJmsProperties.PARTITION)).isZero();
        assertThat(t.getLongProperty(LogJmsProperties.OFFSET)).isZero();
        BytesMessage b = (BytesMessage) consumer.receive(5000);
        assertThat(b.getBody(byte[].class)).containsExactly(1, 2, 3);
        assertThat(((MapMessage) consumer.receive(5000)).getLong("n")).isEqualTo(42L);
        StreamMessage s = (StreamMessage) consumer.receive(5000);
        assertThat(s.readString()).isEqualTo("s");
        assertThat(s.readInt()).isEqualTo(7);
        assertThat(((ObjectMessage) consumer.receive(5000)).getObject()).isEqualTo(List.of("a", "b"));
        Message plain = consumer.receive(5000);
        assertThat(plain.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(plain.getJMSPriority()).isEqualTo(3);
        assertThat(plain.getLongProperty(LogJmsProperties.OFFSET)).isEqualTo(5);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void keepsTheOrderOfOneSessionsSendsOnAMultiPartitionQueue() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("ordered");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 200; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        for (int i = 0; i < 200; i++) {
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m" + i);
        }
    }

    @Test
    void competingConsumersShareTheQueueWithoutDuplicates() throws Exception {
        Connection connection = connection();
        Session producerSession = connection.createSession();
        Queue queue = producerSession.createQueue("shared-work");
        List<String> received = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 3; c++) {
            Session s = connection.createSession();
            s.createConsumer(queue).setMessageListener(m -> received.add(text(m)));
        }
        connection.start();
        MessageProducer producer = producerSession.createProducer(queue);
        for (int i = 0; i < 300; i++) {
            producer.send(producerSession.createTextMessage("w" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 300);
        assertThat(received).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void clientAcknowledgeRecoverRedeliversWithCountAndFlag() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("client-ack");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("one"));
        producer.send(session.createTextMessage("two"));
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(text(consumer.receive(5000))).isEqualTo("one");
        assertThat(text(consumer.receive(5000))).isEqualTo("two");
        session.recover();
        Message again = consumer.receive(5000);
        assertThat(text(again)).isEqualTo("one");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message second = consumer.receive(5000);
        assertThat(text(second)).isEqualTo("two");
        second.acknowledge();
        session.close();

        Session other = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertThat(other.createConsumer(queue).receive(300)).isNull();
        assertThatThrownBy(second::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unacknowledgedMessagesOfAClosedSessionAreRedeliveredToTheNextConsumer() throws Exception {
        Connection connection = connection();
        Session first = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = first.createQueue("redeliver-on-close");
        first.createProducer(queue).send(first.createTextMessage("x"));
        MessageConsumer consumer = first.createConsumer(queue);
        connection.start();
        assertThat(text(consumer.receive(5000))).isEqualTo("x");
        first.close();

        Session second = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message again = second.createConsumer(queue).receive(5000);
        assertThat(text(again)).isEqualTo("x");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void prefetchedButUndeliveredMessagesGoBackUnflaggedWhenAConsumerCloses() throws Exception {
        Connection connection = closeLater(factory("prefetch=50").createConnection());
        Session session = connection.createSession();
        Queue queue = session.createQueue("prefetch-back");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 10; i++) {
            producer.send(session.createTextMessage("p" + i));
        }
        MessageConsumer greedy = session.createConsumer(queue);
        connection.start();
        assertThat(text(greedy.receive(5000))).isEqualTo("p0");
        greedy.close();
        MessageConsumer next = session.createConsumer(queue);
        Message m = next.receive(5000);
        assertThat(text(m)).isEqualTo("p1");
        assertThat(m.getJMSRedelivered()).isFalse();
        assertThat(m.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void transactedSessionCommitsSendsAndAcksTogetherAndRollsBack() throws Exception {
        Connection connection = connection();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue in = tx.createQueue("tx-in");
        Queue out = tx.createQueue("tx-out");
        Session plain = connection.createSession();
        plain.createProducer(in).send(plain.createTextMessage("work"));
        MessageConsumer inConsumer = tx.createConsumer(in);
        MessageProducer outProducer = tx.createProducer(out);
        MessageConsumer outConsumer = plain.createConsumer(out);
        connection.start();

        assertThat(text(inConsumer.receive(5000))).isEqualTo("work");
        outProducer.send(tx.createTextMessage("result-1"));
        assertThat(outConsumer.receive(300)).isNull();
        tx.rollback();
        Message redelivered = inConsumer.receive(5000);
        assertThat(text(redelivered)).isEqualTo("work");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        outProducer.send(tx.createTextMessage("result-2"));
        tx.commit();
        assertThat(text(outConsumer.receive(5000))).isEqualTo("result-2");
        assertThat(outConsumer.receive(300)).isNull();
        tx.close();
        assertThat(connection.createSession().createConsumer(in).receive(300)).isNull();
    }

    @Test
    void closingATransactedSessionRollsBack() throws Exception {
        Connection connection = connection();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("tx-close");
        tx.createProducer(queue).send(tx.createTextMessage("never"));
        tx.close();
        Session plain = connection.createSession();
        connection.start();
        assertThat(plain.createConsumer(queue).receive(300)).isNull();
    }

    @Test
    void selectorsFilterInTheBroker() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("selected");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 10; i++) {
            Message m = session.createTextMessage("s" + i);
            m.setIntProperty("n", i);
            producer.send(m);
        }
        MessageConsumer evens = session.createConsumer(queue, "n = 0 OR n = 2 OR n = 4 OR n = 6 OR n = 8");
        connection.start();
        List<String> got = new ArrayList<>();
        for (Message m = evens.receive(2000); m != null; m = evens.receive(300)) {
            got.add(text(m));
        }
        assertThat(got).containsExactly("s0", "s2", "s4", "s6", "s8");
        assertThatThrownBy(() -> session.createConsumer(queue, "n >>> 3")).isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void browserSeesPendingMessagesWithoutConsumingThem() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            Message m = session.createTextMessage("b" + i);
            m.setBooleanProperty("odd", i % 2 == 1);
            producer.send(m);
        }
        QueueBrowser browser = session.createBrowser(queue);
        List<String> seen = new ArrayList<>();
        for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
            seen.add(text((Message) e.nextElement()));
        }
        assertThat(seen).containsExactly("b0", "b1", "b2", "b3", "b4");
        QueueBrowser odd = session.createBrowser(queue, "odd = TRUE");
        assertThat(Collections.list(odd.getEnumeration())).hasSize(2);
        connection.start();
        assertThat(text(session.createConsumer(queue).receive(5000))).isEqualTo("b0");
    }

    @Test
    void listenerThatThrowsGetsTheMessageAgainInAutoAcknowledge() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("throwing");
        session.createProducer(queue).send(session.createTextMessage("boom"));
        List<Integer> counts = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                counts.add(m.getIntProperty("JMSXDeliveryCount"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (counts.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.size() >= 2);
        assertThat(counts).startsWith(1, 2);
    }

    @Test
    void temporaryQueueServesRequestReply() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue requests = session.createQueue("requests");
        jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
        assertThat(replies.getQueueName()).startsWith("tmp.");
        Session serverSession = connection.createSession();
        MessageProducer replier = serverSession.createProducer(null);
        serverSession.createConsumer(requests).setMessageListener(m -> {
            try {
                replier.send(m.getJMSReplyTo(), serverSession.createTextMessage("re: " + text(m)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        MessageConsumer replyConsumer = session.createConsumer(replies);
        connection.start();
        Message request = session.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        session.createProducer(requests).send(request);
        assertThat(text(replyConsumer.receive(5000))).isEqualTo("re: ping");

        assertThatThrownBy(replies::delete).isInstanceOf(IllegalStateException.class);
        replyConsumer.close();
        replies.delete();
        Connection other = connection();
        assertThatThrownBy(() -> other.createSession().createConsumer(replies))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    static String text(Message m) {
        try {
            return m == null ? null : ((TextMessage) m).getText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
