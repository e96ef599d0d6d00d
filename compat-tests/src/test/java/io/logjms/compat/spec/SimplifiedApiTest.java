package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;
import java.util.Map;

/** Jakarta Messaging 3.1 chapter 2.8 and 7-8 for the simplified API: JMSContext, JMSProducer, JMSConsumer. */
class SimplifiedApiTest extends JmsScenario {

    @ProviderTest
    void autoAcknowledgeContextSendsAndReceivesBodies(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));

        context.createProducer().send(queue, "simple");

        assertThat(context.getSessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        assertThat(context.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("simple");
    }

    @ProviderTest
    void producerSendsEachBodyTypeAsTheMatchingMessageType(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        JMSProducer producer = context.createProducer();
        producer.send(queue, "text");
        producer.send(queue, Map.<String, Object>of("key", 1));
        producer.send(queue, new byte[] {1, 2, 3});
        producer.send(queue, new MessageBodyTest.Order("o", 1));
        JMSConsumer consumer = context.createConsumer(queue);

        assertThat(consumer.receive(RECEIVE_TIMEOUT_MS)).isInstanceOf(TextMessage.class);
        assertThat(consumer.receive(RECEIVE_TIMEOUT_MS)).isInstanceOf(MapMessage.class);
        assertThat(consumer.receive(RECEIVE_TIMEOUT_MS)).isInstanceOf(BytesMessage.class);
        assertThat(consumer.receive(RECEIVE_TIMEOUT_MS)).isInstanceOf(ObjectMessage.class);
    }

    @ProviderTest
    void consumerReceivesBodiesOfEveryType(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        JMSProducer producer = context.createProducer();
        producer.send(queue, new byte[] {4, 5});
        producer.send(queue, Map.<String, Object>of("k", "v"));
        producer.send(queue, new MessageBodyTest.Order("x", 2));
        JMSConsumer consumer = context.createConsumer(queue);

        assertThat(consumer.receiveBody(byte[].class, RECEIVE_TIMEOUT_MS)).containsExactly(4, 5);
        assertThat(consumer.receiveBody(Map.class, RECEIVE_TIMEOUT_MS)).isEqualTo(Map.of("k", "v"));
        assertThat(consumer.receiveBody(MessageBodyTest.Order.class, RECEIVE_TIMEOUT_MS))
                .isEqualTo(new MessageBodyTest.Order("x", 2));
    }

    @ProviderTest
    void receiveBodyReturnsNullWhenNothingArrives(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        JMSConsumer consumer = context.createConsumer(context.createQueue(unique("queue")));

        assertThat(consumer.receiveBody(String.class, ABSENCE_TIMEOUT_MS)).isNull();
        assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
    }

    @ProviderTest
    void receiveBodyOfTheWrongTypeFailsAndTheMessageCanBeReceivedAgain(JmsProviderUnderTest provider) {
        assumeSpecCompliant(provider, SpecDeviation.RECEIVE_BODY_FAILURE_LOSES_MESSAGE);
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        context.createProducer().send(queue, "not a number");
        JMSConsumer consumer = context.createConsumer(queue);

        assertThatThrownBy(() -> consumer.receiveBody(Integer.class, RECEIVE_TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("not a number");
    }

    @ProviderTest
    void receiveBodyRefusesMessagesWithoutAssignableBody(JmsProviderUnderTest provider) throws JMSException {
        JMSContext context = context(provider);
        Queue text = context.createQueue(unique("queue"));
        Queue stream = context.createQueue(unique("queue"));
        jakarta.jms.StreamMessage streamMessage = context.createStreamMessage();
        streamMessage.writeInt(1);
        context.createProducer().send(text, "text").send(stream, streamMessage);

        assertThatThrownBy(() -> context.createConsumer(text).receiveBody(byte[].class, RECEIVE_TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> context.createConsumer(stream).receiveBody(Object.class, RECEIVE_TIMEOUT_MS))
                .isInstanceOf(MessageFormatRuntimeException.class);
    }

    @ProviderTest
    void producerSettingsAreChainedAndApplied(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        Queue replyTo = context.createQueue(unique("reply"));

        context.createProducer()
                .setProperty("count", 3)
                .setProperty("label", "chained")
                .setJMSType("chained-type")
                .setJMSCorrelationID("chained-correlation")
                .setJMSReplyTo(replyTo)
                .setPriority(7)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setTimeToLive(60_000)
                .send(queue, "chained");
        Message received = context.createConsumer(queue).receive(RECEIVE_TIMEOUT_MS);

        assertThat(received).isNotNull();
        try {
            assertThat(received.getIntProperty("count")).isEqualTo(3);
            assertThat(received.getStringProperty("label")).isEqualTo("chained");
            assertThat(received.getJMSType()).isEqualTo("chained-type");
            assertThat(received.getJMSCorrelationID()).isEqualTo("chained-correlation");
            assertThat(((Queue) received.getJMSReplyTo()).getQueueName()).isEqualTo(replyTo.getQueueName());
            assertThat(received.getJMSPriority()).isEqualTo(7);
            assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
            assertThat(received.getJMSExpiration()).isPositive();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    @ProviderTest
    void producerPropertiesConvertAndCanBeCleared(JmsProviderUnderTest provider) {
        JMSProducer producer = context(provider).createProducer()
                .setProperty("int", 5)
                .setProperty("string", "17")
                .setProperty("flag", true);

        assertThat(producer.getLongProperty("int")).isEqualTo(5L);
        assertThat(producer.getStringProperty("int")).isEqualTo("5");
        assertThat(producer.getIntProperty("string")).isEqualTo(17);
        assertThat(producer.getBooleanProperty("flag")).isTrue();
        assertThat(producer.propertyExists("int")).isTrue();
        assertThat(producer.getPropertyNames()).containsExactlyInAnyOrder("int", "string", "flag");
        assertThatThrownBy(() -> producer.getShortProperty("int")).isInstanceOf(MessageFormatRuntimeException.class);

        producer.clearProperties();

        assertThat(producer.getPropertyNames()).isEmpty();
        assertThat(producer.propertyExists("int")).isFalse();
    }

    @ProviderTest
    void producerPropertiesAreAddedToASentMessage(JmsProviderUnderTest provider) throws JMSException {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        TextMessage message = context.createTextMessage("both");
        message.setStringProperty("fromMessage", "m");

        context.createProducer().setProperty("fromProducer", "p").send(queue, message);
        Message received = context.createConsumer(queue).receive(RECEIVE_TIMEOUT_MS);

        assertThat(received.getStringProperty("fromMessage")).isEqualTo("m");
        assertThat(received.getStringProperty("fromProducer")).isEqualTo("p");
    }

    @ProviderTest
    void producerReportsItsSettings(JmsProviderUnderTest provider) {
        JMSProducer producer = context(provider).createProducer();

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getAsync()).isNull();
        producer.setDeliveryDelay(250).setTimeToLive(1_000).setDisableMessageID(true).setDisableMessageTimestamp(true);
        assertThat(producer.getDeliveryDelay()).isEqualTo(250);
        assertThat(producer.getTimeToLive()).isEqualTo(1_000);
        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
    }

    @ProviderTest
    void asynchronousProducerReportsCompletion(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        RecordingCompletionListener listener = new RecordingCompletionListener();

        JMSProducer producer = context.createProducer().setAsync(listener);
        producer.send(queue, "async one").send(queue, "async two");

        await().atMost(AWAIT_TIMEOUT).until(() -> listener.outcomes() == 2);
        assertThat(producer.getAsync()).isSameAs(listener);
        assertThat(listener.failures).isEmpty();
        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("async one");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("async two");
    }

    @ProviderTest
    void clientAcknowledgeContextAcknowledgesAndRecovers(JmsProviderUnderTest provider) {
        JMSContext context = context(provider, JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("queue"));
        context.createProducer().send(queue, "c1").send(queue, "c2");
        JMSConsumer consumer = context.createConsumer(queue);
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("c1");

        context.recover();
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("c1");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("c2");
        context.acknowledge();
        consumer.close();

        assertThat(context.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(context(provider).createConsumer(queue).receiveBody(String.class, ABSENCE_TIMEOUT_MS)).isNull();
    }

    @ProviderTest
    void dupsOkContextDeliversEveryMessage(JmsProviderUnderTest provider) {
        JMSContext context = context(provider, JMSContext.DUPS_OK_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("queue"));
        JMSProducer producer = context.createProducer();
        for (String body : numbered("d", 10)) {
            producer.send(queue, body);
        }
        JMSConsumer consumer = context.createConsumer(queue);

        for (String body : numbered("d", 10)) {
            assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo(body);
        }
        assertThat(context.getSessionMode()).isEqualTo(JMSContext.DUPS_OK_ACKNOWLEDGE);
    }

    @ProviderTest
    void contextStartsItsConnectionWhenAConsumerIsCreatedUnlessTold(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        context.setAutoStart(false);
        Queue queue = context.createQueue(unique("queue"));
        context.createProducer().send(queue, "after start");
        JMSConsumer consumer = context.createConsumer(queue);

        assertThat(context.getAutoStart()).isFalse();
        assertThat(consumer.receiveBody(String.class, ABSENCE_TIMEOUT_MS)).isNull();
        context.start();
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("after start");
    }

    @ProviderTest
    void contextCreatedFromAContextSharesItsConnection(JmsProviderUnderTest provider) {
        JMSContext parent = context(provider);
        parent.setClientID(unique("client"));
        JMSContext child = parent.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        resources.track(child, child::close);
        Queue queue = parent.createQueue(unique("queue"));

        child.createProducer().send(queue, "from child");
        JMSConsumer consumer = parent.createConsumer(queue);
        String received = consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS);
        child.close();

        assertThat(child.getSessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThat(received).isEqualTo("from child");
        parent.createProducer().send(queue, "parent still open");
        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("parent still open");
        assertThat(parent.getClientID()).isNotNull();
    }

    @ProviderTest
    void contextDurableConsumerSurvivesAndUnsubscribes(JmsProviderUnderTest provider) {
        String clientId = unique("client");
        String subscription = unique("sub");
        JMSContext first = context(provider);
        first.setClientID(clientId);
        Topic topic = first.createTopic(unique("topic"));
        first.createDurableConsumer(topic, subscription).close();
        first.close();
        context(provider).createProducer().send(topic, "kept");

        JMSContext second = context(provider);
        second.setClientID(clientId);
        JMSConsumer durable = second.createDurableConsumer(topic, subscription);

        assertThat(durable.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("kept");
        durable.close();
        second.unsubscribe(subscription);
    }

    @ProviderTest
    void contextSharedConsumersSplitATopic(JmsProviderUnderTest provider) {
        JMSContext first = context(provider);
        JMSContext second = context(provider);
        Topic topic = first.createTopic(unique("topic"));
        String subscription = unique("shared");
        JMSConsumer a = first.createSharedConsumer(topic, subscription);
        JMSConsumer b = second.createSharedConsumer(topic, subscription);
        JMSProducer producer = context(provider).createProducer();
        for (String body : numbered("s", 10)) {
            producer.send(topic, body);
        }

        int received = 0;
        while (a.receiveBody(String.class, ABSENCE_TIMEOUT_MS) != null) {
            received++;
        }
        while (b.receiveBody(String.class, ABSENCE_TIMEOUT_MS) != null) {
            received++;
        }

        assertThat(received).isEqualTo(10);
    }

    @ProviderTest
    void contextBrowsesAQueue(JmsProviderUnderTest provider) throws JMSException {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));
        context.createProducer().send(queue, "b1").send(queue, "b2");

        QueueBrowser browser = context.createBrowser(queue);
        List<Object> browsed = elements(browser.getEnumeration());

        assertThat(browsed).hasSize(2);
        assertThat(context.createConsumer(queue).receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("b1");
    }

    @ProviderTest
    void contextTemporaryQueueCarriesAReply(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        TemporaryQueue replies = context.createTemporaryQueue();
        JMSConsumer consumer = context.createConsumer(replies);

        context(provider).createProducer().send(replies, "reply");

        assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS)).isEqualTo("reply");
    }

    @ProviderTest
    void contextCreatesEveryMessageType(JmsProviderUnderTest provider) throws JMSException {
        JMSContext context = context(provider);

        assertThat(context.createMessage()).isNotNull();
        assertThat(context.createTextMessage("t").getText()).isEqualTo("t");
        assertThat(context.createBytesMessage()).isInstanceOf(BytesMessage.class);
        assertThat(context.createMapMessage()).isInstanceOf(MapMessage.class);
        assertThat(context.createStreamMessage()).isInstanceOf(jakarta.jms.StreamMessage.class);
        assertThat(context.createObjectMessage(new MessageBodyTest.Order("o", 1)).getObject())
                .isEqualTo(new MessageBodyTest.Order("o", 1));
    }

    @ProviderTest
    void settingTheClientIdOfAContextInUseFails(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        context.createProducer().send(context.createQueue(unique("queue")), "use");

        assertThatThrownBy(() -> context.setClientID(unique("client")))
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    @ProviderTest
    void aDuplicateClientIdFailsWithARuntimeException(JmsProviderUnderTest provider) {
        String clientId = unique("client");
        context(provider).setClientID(clientId);
        JMSContext second = context(provider);

        assertThatThrownBy(() -> second.setClientID(clientId)).isInstanceOf(InvalidClientIDRuntimeException.class);
    }

    @ProviderTest
    void invalidDestinationsFailWithARuntimeException(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);

        assertThatThrownBy(() -> context.createConsumer(null)).isInstanceOf(InvalidDestinationRuntimeException.class);
        assertThatThrownBy(() -> context.createProducer().send(null, "nowhere"))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
    }

    @ProviderTest
    void invalidSelectorsFailWithARuntimeException(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));

        assertThatThrownBy(() -> context.createConsumer(queue, "broken ="))
                .isInstanceOf(InvalidSelectorRuntimeException.class);
    }

    @ProviderTest
    void aClosedContextFailsWithIllegalStateRuntimeException(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);
        Queue queue = context.createQueue(unique("queue"));

        context.close();
        context.close();

        assertThatThrownBy(() -> context.createConsumer(queue)).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(context::createTextMessage).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @ProviderTest
    void commitOnANonTransactedContextFails(JmsProviderUnderTest provider) {
        JMSContext context = context(provider);

        assertThatThrownBy(context::commit).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(context::rollback).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @ProviderTest
    void invalidProducerSettingsFailWithARuntimeException(JmsProviderUnderTest provider) {
        JMSProducer producer = context(provider).createProducer();

        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(jakarta.jms.JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setDeliveryMode(42)).isInstanceOf(jakarta.jms.JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setProperty("", "empty name"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
