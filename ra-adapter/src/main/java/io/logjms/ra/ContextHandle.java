package io.logjms.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The {@code JMSContext} of {@link PooledConnectionFactory#createContext}: a pooled {@link ConnectionHandle}
 * and its one {@link SessionHandle}; closing it closes both (giving the connection back to the pool).
 * Methods the Jakarta EE container forbids throw {@code IllegalStateRuntimeException}.
 */
final class ContextHandle implements JMSContext {
    private final ConnectionHandle connection;
    private final Session session;
    private volatile boolean autoStart = true;
    private volatile boolean started;

    ContextHandle(ConnectionHandle connection, Session session) {
        this.connection = connection;
        this.session = session;
    }

    /** Starts the connection the first time a consumer is created, as {@code autoStart} asks. */
    private void autoStart() {
        if (autoStart && !started) {
            JmsRuntime.run(connection::start);
            started = true;
        }
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw EeRestrictions.forbiddenRuntime("JMSContext.createContext");
    }

    @Override
    public JMSProducer createProducer() {
        return new ProducerHandle(session, JmsRuntime.call(() -> session.createProducer(null)));
    }

    @Override
    public String getClientID() {
        return JmsRuntime.call(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        throw EeRestrictions.forbiddenRuntime("JMSContext.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return JmsRuntime.call(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        throw EeRestrictions.forbiddenRuntime("JMSContext.setExceptionListener");
    }

    @Override
    public void start() {
        JmsRuntime.run(connection::start);
        started = true;
    }

    @Override
    public void stop() {
        throw EeRestrictions.forbiddenRuntime("JMSContext.stop");
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        return autoStart;
    }

    @Override
    public void close() {
        JmsRuntime.run(connection::close);
    }

    @Override
    public BytesMessage createBytesMessage() {
        return JmsRuntime.call(session::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return JmsRuntime.call(session::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return JmsRuntime.call(session::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return JmsRuntime.call(session::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return JmsRuntime.call(() -> session.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return JmsRuntime.call(session::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return JmsRuntime.call(session::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return JmsRuntime.call(() -> session.createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return JmsRuntime.call(session::getTransacted);
    }

    @Override
    public int getSessionMode() {
        return JmsRuntime.call(session::getAcknowledgeMode);
    }

    @Override
    public void commit() {
        JmsRuntime.run(session::commit);
    }

    @Override
    public void rollback() {
        JmsRuntime.run(session::rollback);
    }

    @Override
    public void recover() {
        JmsRuntime.run(session::recover);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(JmsRuntime.call(() -> session.createConsumer(destination)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(JmsRuntime.call(() -> session.createConsumer(destination, messageSelector)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(JmsRuntime.call(() -> session.createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(JmsRuntime.call(() -> session.createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(JmsRuntime.call(() -> session.createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(JmsRuntime.call(() -> session.createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(JmsRuntime.call(() -> session.createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(JmsRuntime.call(() -> session.createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(JmsRuntime.call(() -> session.createSharedConsumer(topic, sharedSubscriptionName,
                messageSelector)));
    }

    private JMSConsumer consumer(jakarta.jms.MessageConsumer consumer) {
        autoStart();
        return new JmsConsumerHandle(consumer);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return JmsRuntime.call(() -> session.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return JmsRuntime.call(() -> session.createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        return JmsRuntime.call(() -> session.createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return JmsRuntime.call(() -> session.createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return JmsRuntime.call(session::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return JmsRuntime.call(session::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        JmsRuntime.run(() -> session.unsubscribe(name));
    }

    @Override
    public void acknowledge() {
        throw new jakarta.jms.IllegalStateRuntimeException("acknowledge: sessions of a Jakarta EE container are"
                + " transacted or auto-acknowledged; there is nothing to acknowledge");
    }
}
