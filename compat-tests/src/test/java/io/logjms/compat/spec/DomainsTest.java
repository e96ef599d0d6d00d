package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jakarta Messaging 3.1 chapters 4.1-4.3 and 6.11: point-to-point and publish/subscribe delivery, temporary
 * destinations, durable and shared subscriptions, noLocal and queue browsers.
 */
class DomainsTest extends JmsScenario {

    @ProviderTest
    void queueMessageWaitsForAConsumerThatConnectsLater(JmsProviderUnderTest provider) throws JMSException {
        Session producerSession = session(provider);
        Queue queue = newQueue(producerSession);
        sendTexts(producerSession, queue, "kept");

        Session consumerSession = session(provider);

        assertThat(receiveText(consumerSession.createConsumer(queue))).isEqualTo("kept");
    }

    @ProviderTest
    void eachQueueMessageGoesToExactlyOneOfSeveralConsumers(JmsProviderUnderTest provider) throws JMSException {
        Session first = session(provider);
        Session second = session(provider);
        Queue queue = newQueue(first);
        MessageConsumer a = first.createConsumer(queue);
        MessageConsumer b = second.createConsumer(queue);
        String[] bodies = numbered("m", 20);
        sendTexts(session(provider), queue, bodies);

        List<String> received = new ArrayList<>();
        received.addAll(drainTexts(a));
        received.addAll(drainTexts(b));

        assertThat(received).containsExactlyInAnyOrder(bodies);
    }

    @ProviderTest
    void everyTopicSubscriberGetsItsOwnCopy(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = session(provider).createConsumer(topic);
        sendTexts(session, topic, "one", "two");

        assertThat(receiveTexts(a, 2)).containsExactly("one", "two");
        assertThat(receiveTexts(b, 2)).containsExactly("one", "two");
    }

    @ProviderTest
    void nonDurableSubscriberMissesWhatWasPublishedBeforeIt(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);
        sendTexts(session, topic, "too early");
        MessageConsumer late = session.createConsumer(topic);
        sendTexts(session, topic, "in time");

        assertThat(receiveText(late)).isEqualTo("in time");
        assertNoMessage(late);
    }

    @ProviderTest
    void temporaryQueueCarriesRequestReply(JmsProviderUnderTest provider) throws JMSException {
        Session requester = session(provider);
        Session responder = session(provider);
        Queue requests = newQueue(requester);
        TemporaryQueue replies = requester.createTemporaryQueue();
        MessageConsumer replyConsumer = requester.createConsumer(replies);
        MessageConsumer requestConsumer = responder.createConsumer(requests);
        TextMessage request = requester.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        requester.createProducer(requests).send(request);

        Message received = receive(requestConsumer);
        TextMessage reply = responder.createTextMessage("pong");
        reply.setJMSCorrelationID(received.getJMSMessageID());
        responder.createProducer(received.getJMSReplyTo()).send(reply);
        Message answer = receive(replyConsumer);

        assertThat(((TextMessage) answer).getText()).isEqualTo("pong");
        assertThat(answer.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @ProviderTest
    void temporaryTopicDeliversToItsSubscribers(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(topic);
        sendTexts(session(provider), topic, "to temporary topic");

        assertThat(receiveText(subscriber)).isEqualTo("to temporary topic");
    }

    @ProviderTest
    void onlyTheCreatingConnectionMayConsumeFromATemporaryQueue(JmsProviderUnderTest provider) throws JMSException {
        TemporaryQueue queue = session(provider).createTemporaryQueue();
        Session other = session(provider);

        assertThatThrownBy(() -> other.createConsumer(queue)).isInstanceOf(JMSException.class);
    }

    @ProviderTest
    void temporaryQueueIsDeletedWithItsConnection(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.DELETED_TEMPORARY_QUEUE_ACCEPTS_SENDS);
        Connection owner = startedConnection(provider);
        TemporaryQueue queue = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = session(provider);
        MessageProducer producer = other.createProducer(null);
        producer.send(queue, other.createTextMessage("while alive"));

        owner.close();

        assertThatThrownBy(() -> producer.send(queue, other.createTextMessage("after close")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @ProviderTest
    void temporaryQueueCannotBeDeletedWhileAConsumerUsesIt(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);

        assertThatThrownBy(queue::delete).isInstanceOf(JMSException.class);
        consumer.close();
        queue.delete();
    }

    @ProviderTest
    void sendingToADeletedTemporaryQueueFails(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.DELETED_TEMPORARY_QUEUE_ACCEPTS_SENDS);
        Session session = session(provider);
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(null);
        queue.delete();

        assertThatThrownBy(() -> producer.send(queue, session.createTextMessage("gone")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @ProviderTest
    void durableSubscriptionKeepsMessagesWhileItsConsumerIsAway(JmsProviderUnderTest provider) throws JMSException {
        String clientId = unique("client");
        String subscription = unique("sub");
        Connection first = connection(provider);
        first.setClientID(clientId);
        Session firstSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(firstSession);
        firstSession.createDurableSubscriber(topic, subscription).close();
        first.close();

        sendTexts(session(provider), topic, "while away 1", "while away 2");

        Connection second = connection(provider);
        second.setClientID(clientId);
        second.start();
        Session secondSession = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer durable = secondSession.createDurableConsumer(topic, subscription);
        assertThat(receiveTexts(durable, 2)).containsExactly("while away 1", "while away 2");
        durable.close();
        secondSession.unsubscribe(subscription);
    }

    @ProviderTest
    void changingTheSelectorOfADurableSubscriptionReplacesIt(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(session);
        String subscription = unique("sub");
        session.createDurableConsumer(topic, subscription).close();
        sendTexts(session(provider), topic, "published for the old subscription");

        MessageConsumer replaced = session.createDurableConsumer(topic, subscription, "TRUE", false);

        assertNoMessage(replaced);
        replaced.close();
        session.unsubscribe(subscription);
    }

    @ProviderTest
    void unsubscribeDeletesTheDurableSubscription(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(session);
        String subscription = unique("sub");
        session.createDurableConsumer(topic, subscription).close();
        session.unsubscribe(subscription);
        sendTexts(session(provider), topic, "nobody keeps this");

        MessageConsumer recreated = session.createDurableConsumer(topic, subscription);

        assertNoMessage(recreated);
        recreated.close();
        session.unsubscribe(subscription);
    }

    @ProviderTest
    void unsubscribingWhileAConsumerIsActiveFails(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(session);
        String subscription = unique("sub");
        MessageConsumer active = session.createDurableConsumer(topic, subscription);

        assertThatThrownBy(() -> session.unsubscribe(subscription)).isInstanceOf(JMSException.class);
        active.close();
        session.unsubscribe(subscription);
    }

    @ProviderTest
    void unsubscribingAnUnknownSubscriptionFails(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> session.unsubscribe(unique("never-created")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @ProviderTest
    void unsharedDurableSubscriptionNeedsAClientId(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);

        assertThatThrownBy(() -> session.createDurableConsumer(topic, unique("sub")))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void sharedDurableSubscriptionSplitsMessagesBetweenConnections(JmsProviderUnderTest provider)
            throws JMSException {
        Session first = session(provider);
        Session second = session(provider);
        Topic topic = newTopic(first);
        String subscription = unique("shared");
        MessageConsumer a = first.createSharedDurableConsumer(topic, subscription);
        MessageConsumer b = second.createSharedDurableConsumer(topic, subscription);
        String[] bodies = numbered("s", 20);
        sendTexts(session(provider), topic, bodies);

        List<String> received = new ArrayList<>(drainTexts(a));
        received.addAll(drainTexts(b));

        assertThat(received).containsExactlyInAnyOrder(bodies);
        a.close();
        b.close();
        first.unsubscribe(subscription);
    }

    @ProviderTest
    void sharedDurableSubscriptionKeepsMessagesAcrossReconnects(JmsProviderUnderTest provider) throws JMSException {
        Connection first = startedConnection(provider);
        Session firstSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(firstSession);
        String subscription = unique("shared");
        firstSession.createSharedDurableConsumer(topic, subscription).close();
        first.close();
        sendTexts(session(provider), topic, "kept for the shared subscription");

        Session secondSession = session(provider);
        MessageConsumer again = secondSession.createSharedDurableConsumer(topic, subscription);

        assertThat(receiveText(again)).isEqualTo("kept for the shared subscription");
        again.close();
        secondSession.unsubscribe(subscription);
    }

    @ProviderTest
    void sharedNonDurableSubscriptionSplitsMessages(JmsProviderUnderTest provider) throws JMSException {
        Session first = session(provider);
        Session second = session(provider);
        Topic topic = newTopic(first);
        String subscription = unique("shared");
        MessageConsumer a = first.createSharedConsumer(topic, subscription);
        MessageConsumer b = second.createSharedConsumer(topic, subscription);
        MessageConsumer plain = first.createConsumer(topic);
        String[] bodies = numbered("n", 10);
        sendTexts(session(provider), topic, bodies);

        List<String> shared = new ArrayList<>(drainTexts(a));
        shared.addAll(drainTexts(b));

        assertThat(shared).containsExactlyInAnyOrder(bodies);
        assertThat(receiveTexts(plain, bodies.length)).containsExactly(bodies);
    }

    @ProviderTest
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);
        String subscription = unique("shared");
        session.createSharedConsumer(topic, subscription).close();
        sendTexts(session(provider), topic, "nobody was subscribed");

        MessageConsumer recreated = session.createSharedConsumer(topic, subscription);

        assertNoMessage(recreated);
    }

    @ProviderTest
    void noLocalSubscriberIgnoresMessagesOfItsOwnConnection(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        sendTexts(session, topic, "local");
        sendTexts(session(provider), topic, "remote");

        assertThat(receiveText(noLocal)).isEqualTo("remote");
        assertNoMessage(noLocal);
    }

    @ProviderTest
    void queueBrowserShowsMessagesWithoutConsumingThem(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        sendTexts(session, queue, "a", "b", "c");

        QueueBrowser browser = session.createBrowser(queue);
        List<String> browsed = browseTexts(browser);
        browser.close();

        assertThat(browser.getQueue().getQueueName()).isEqualTo(queue.getQueueName());
        assertThat(browsed).containsExactly("a", "b", "c");
        assertThat(receiveTexts(session.createConsumer(queue), 3)).containsExactly("a", "b", "c");
    }

    @ProviderTest
    void queueBrowserWithSelectorShowsOnlyMatchingMessages(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        for (String colour : Arrays.asList("red", "blue", "red")) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }

        QueueBrowser browser = session.createBrowser(queue, "colour = 'red'");

        assertThat(browser.getMessageSelector()).isEqualTo("colour = 'red'");
        assertThat(browseTexts(browser)).containsExactly("red", "red");
    }

    @ProviderTest
    void queueBrowserOfAnEmptyQueueHasNoElements(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);

        QueueBrowser browser = session.createBrowser(newQueue(session));

        assertThat(browser.getEnumeration().hasMoreElements()).isFalse();
    }

    @ProviderTest
    void legacyPointToPointApiSendsAndReceives(JmsProviderUnderTest provider) throws JMSException {
        jakarta.jms.QueueConnection connection = provider.queueConnectionFactory().createQueueConnection();
        resources.track(connection, connection::close);
        connection.start();
        jakarta.jms.QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(unique("legacy-queue"));
        jakarta.jms.QueueSender sender = session.createSender(queue);
        jakarta.jms.QueueReceiver receiver = session.createReceiver(queue);

        sender.send(session.createTextMessage("legacy"));

        assertThat(sender.getQueue().getQueueName()).isEqualTo(queue.getQueueName());
        assertThat(receiver.getQueue().getQueueName()).isEqualTo(queue.getQueueName());
        assertThat(receiveText(receiver)).isEqualTo("legacy");
    }

    @ProviderTest
    void legacyPublishSubscribeApiPublishesAndSubscribes(JmsProviderUnderTest provider) throws JMSException {
        jakarta.jms.TopicConnection connection = provider.topicConnectionFactory().createTopicConnection();
        resources.track(connection, connection::close);
        connection.setClientID(unique("client"));
        connection.start();
        jakarta.jms.TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(unique("legacy-topic"));
        jakarta.jms.TopicSubscriber subscriber = session.createSubscriber(topic);
        String durableName = unique("legacy-durable");
        jakarta.jms.TopicSubscriber durable = session.createDurableSubscriber(topic, durableName);
        jakarta.jms.TopicPublisher publisher = session.createPublisher(topic);

        publisher.publish(session.createTextMessage("legacy news"));

        assertThat(publisher.getTopic().getTopicName()).isEqualTo(topic.getTopicName());
        assertThat(receiveText(subscriber)).isEqualTo("legacy news");
        assertThat(receiveText(durable)).isEqualTo("legacy news");
        assertThat(durable.getNoLocal()).isFalse();
        durable.close();
        session.unsubscribe(durableName);
    }

    @ProviderTest
    void queueSessionRefusesPublishSubscribeOperations(JmsProviderUnderTest provider) throws JMSException {
        jakarta.jms.QueueConnection connection = provider.queueConnectionFactory().createQueueConnection();
        resources.track(connection, connection::close);
        jakarta.jms.QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session(provider).createTopic(unique("topic"));

        assertThatThrownBy(session::createTemporaryTopic).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> session.createTopic("t")).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> session.createDurableSubscriber(topic, "d"))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> session.unsubscribe("d")).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }

    @ProviderTest
    void topicSessionRefusesPointToPointOperations(JmsProviderUnderTest provider) throws JMSException {
        jakarta.jms.TopicConnection connection = provider.topicConnectionFactory().createTopicConnection();
        resources.track(connection, connection::close);
        jakarta.jms.TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session(provider).createQueue(unique("queue"));

        assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(jakarta.jms.IllegalStateException.class);
        assertThatThrownBy(() -> session.createBrowser(queue)).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }
}
