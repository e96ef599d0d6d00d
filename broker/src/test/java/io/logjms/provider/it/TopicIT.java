package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TopicIT extends EmbeddedBrokerSupport {

    @Test
    void everySubscriberGetsEveryMessagePublishedAfterItSubscribed() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Topic topic = session.createTopic("news");
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("before"));
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = session.createConsumer(topic);
        connection.start();
        producer.send(session.createTextMessage("after"));
        assertThat(text(a.receive(5000))).isEqualTo("after");
        assertThat(text(b.receive(5000))).isEqualTo("after");
        assertThat(a.receive(200)).isNull();
    }

    @Test
    void noLocalSubscriberSkipsItsOwnConnectionsMessages() throws Exception {
        Connection mine = connection();
        Connection other = connection();
        Session mySession = mine.createSession();
        Topic topic = mySession.createTopic("chatter");
        MessageConsumer noLocal = mySession.createConsumer(topic, null, true);
        mine.start();
        mySession.createProducer(topic).send(mySession.createTextMessage("mine"));
        Session otherSession = other.createSession();
        otherSession.createProducer(topic).send(otherSession.createTextMessage("theirs"));
        assertThat(text(noLocal.receive(5000))).isEqualTo("theirs");
        assertThat(noLocal.receive(200)).isNull();
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileDisconnectedUntilUnsubscribed() throws Exception {
        Connection first = closeLater(factory("clientID=durable-client").createConnection());
        Session session = first.createSession();
        Topic topic = session.createTopic("events");
        MessageConsumer durable = session.createDurableConsumer(topic, "audit");
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "audit"))
                .isInstanceOf(IllegalStateException.class);
        durable.close();
        first.close();

        Connection publisher = connection();
        Session pubSession = publisher.createSession();
        pubSession.createProducer(topic).send(pubSession.createTextMessage("while away"));

        Connection second = closeLater(factory("clientID=durable-client").createConnection());
        Session again = second.createSession();
        MessageConsumer back = again.createDurableConsumer(topic, "audit");
        second.start();
        assertThat(text(back.receive(5000))).isEqualTo("while away");
        assertThatThrownBy(() -> again.unsubscribe("audit")).isInstanceOf(IllegalStateException.class);
        back.close();
        again.unsubscribe("audit");
        assertThatThrownBy(() -> again.unsubscribe("audit")).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void aDurableSubscriptionAskedForWithAnotherSelectorStartsAfreshWithoutTheOldBacklog() throws Exception {
        Connection first = closeLater(factory("clientID=replacing-client").createConnection());
        Session session = first.createSession();
        Topic topic = session.createTopic("replaced");
        session.createDurableConsumer(topic, "watch").close();
        MessageProducer producer = session.createProducer(topic);
        Message old = session.createTextMessage("backlog of the first subscription");
        old.setIntProperty("x", 1);
        producer.send(old);

        MessageConsumer replaced = session.createDurableConsumer(topic, "watch", "x = 1", false);
        first.start();
        assertThat(replaced.receive(500)).as("the replacement starts at the end of the topic").isNull();
        Message fresh = session.createTextMessage("after the replacement");
        fresh.setIntProperty("x", 1);
        producer.send(fresh);
        assertThat(text(replaced.receive(5000))).isEqualTo("after the replacement");
    }

    @Test
    void sharedDurableSubscriptionKeepsItsCursorAcrossABrokerRestart() throws Exception {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            Topic topic = session.createTopic("shared-restart");
            MessageConsumer consumer = session.createSharedDurableConsumer(topic, "workers");
            connection.start();
            MessageProducer producer = session.createProducer(topic);
            for (String t : List.of("one", "two", "three")) {
                producer.send(session.createTextMessage(t));
            }
            assertThat(text(consumer.receive(5000))).isEqualTo("one");
            consumer.close();
        }
        broker.close();
        broker = io.logjms.broker.Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createSharedDurableConsumer(session.createTopic("shared-restart"),
                    "workers");
            connection.start();
            assertThat(text(consumer.receive(5000))).isEqualTo("two");
            assertThat(text(consumer.receive(5000))).isEqualTo("three");
            assertThat(consumer.receive(200)).isNull();
        }
    }

    @Test
    void temporaryTopicIsDeletedWithItsConnection() throws Exception {
        Connection owner = factory().createConnection();
        jakarta.jms.TemporaryTopic temporary = owner.createSession().createTemporaryTopic();
        owner.close();
        Connection other = connection();
        Session session = other.createSession();
        MessageProducer producer = session.createProducer(temporary);
        assertThatThrownBy(() -> producer.send(session.createTextMessage("too late")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void unsharedDurableSubscriptionNeedsAClientId() throws Exception {
        Session session = connection().createSession();
        Topic topic = session.createTopic("no-id");
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "x")).isInstanceOf(IllegalStateException.class);
        MessageConsumer shared = session.createSharedDurableConsumer(topic, "shared-no-id");
        assertThat(shared).isNotNull();
    }

    @Test
    void sharedSubscriptionSplitsMessagesBetweenItsConsumers() throws Exception {
        Connection c1 = connection();
        Connection c2 = connection();
        Session s1 = c1.createSession();
        Session s2 = c2.createSession();
        Topic topic = s1.createTopic("split");
        List<String> got1 = new CopyOnWriteArrayList<>();
        List<String> got2 = new CopyOnWriteArrayList<>();
        s1.createSharedConsumer(topic, "workers").setMessageListener(m -> got1.add(text(m)));
        s2.createSharedConsumer(topic, "workers").setMessageListener(m -> got2.add(text(m)));
        c1.start();
        c2.start();
        MessageProducer producer = s1.createProducer(topic);
        for (int i = 0; i < 100; i++) {
            producer.send(s1.createTextMessage("t" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> got1.size() + got2.size() >= 100);
        assertThat(got1).isNotEmpty();
        assertThat(got2).isNotEmpty();
        List<String> all = new java.util.ArrayList<>(got1);
        all.addAll(got2);
        assertThat(all).doesNotHaveDuplicates().hasSize(100);
    }

    @Test
    void clientIdRules() throws Exception {
        Connection a = connection();
        a.setClientID("unique-id");
        assertThat(a.getClientID()).isEqualTo("unique-id");
        assertThatThrownBy(() -> a.setClientID("again")).isInstanceOf(IllegalStateException.class);
        Connection b = connection();
        assertThatThrownBy(() -> b.setClientID("unique-id")).isInstanceOf(InvalidClientIDException.class);
        Connection used = connection();
        used.createSession();
        assertThatThrownBy(() -> used.setClientID("late")).isInstanceOf(IllegalStateException.class);
        Connection configured = closeLater(factory("clientID=admin-id").createConnection());
        assertThatThrownBy(() -> configured.setClientID("mine")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> factory("clientID=admin-id").createConnection())
                .isInstanceOf(InvalidClientIDException.class);
    }

    @Test
    void legacyTopicInterfacesPublishAndSubscribe() throws Exception {
        TopicConnection connection = closeLater(factory().createTopicConnection());
        TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("legacy");
        TopicSubscriber subscriber = session.createSubscriber(topic);
        TopicPublisher publisher = session.createPublisher(topic);
        connection.start();
        publisher.publish(session.createTextMessage("legacy hello"));
        Message m = subscriber.receive(5000);
        assertThat(text(m)).isEqualTo("legacy hello");
        assertThat(subscriber.getTopic()).isEqualTo(topic);
        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
    }
}
