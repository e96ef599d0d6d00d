package io.logjms.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Session} an application gets from a {@link ConnectionHandle}. It delegates to a physical
 * session: its own non-transacted one outside a transaction ({@code owned}), or the transaction's shared
 * one, which it must not close; it then closes only the producers, consumers and browsers it created.
 * Inside a transaction {@code commit}, {@code rollback} and {@code recover} are the container's
 * ({@code TransactionInProgressException}); message listeners are not allowed (Jakarta Messaging 3.1,
 * section 12.2).
 */
final class SessionHandle implements QueueSession, TopicSession {
    private final ConnectionHandle connection;
    private final Session physical;
    private final boolean owned;
    private final boolean inTransaction;
    private final List<AutoCloseable> children = new ArrayList<>();
    private volatile boolean closed;

    SessionHandle(ConnectionHandle connection, Session physical, boolean owned, boolean inTransaction) {
        this.connection = connection;
        this.physical = physical;
        this.owned = owned;
        this.inTransaction = inTransaction;
    }

    boolean isClosed() {
        return closed;
    }

    private Session physical() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("this session is closed");
        }
        return physical;
    }

    private synchronized <T extends AutoCloseable> T track(T child) {
        children.add(child);
        return child;
    }

    private MessageConsumer consumer(MessageConsumer delegate) {
        return track(new ConsumerHandle(delegate));
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        JMSException failure = null;
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(children);
            children.clear();
        }
        if (owned) {
            physical.close();
            return;
        }
        for (AutoCloseable child : toClose) {
            try {
                child.close();
            } catch (JMSException e) {
                failure = e;
            } catch (Exception e) {
                failure = new JMSException(e.getMessage());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (JMSException e) {
            // closing after the connection was lost: nothing more to release
        }
    }

    // ---- transactions: the container's inside one ----

    @Override
    public boolean getTransacted() throws JMSException {
        physical();
        return inTransaction;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        return inTransaction ? Session.SESSION_TRANSACTED : physical().getAcknowledgeMode();
    }

    @Override
    public void commit() throws JMSException {
        physical();
        if (inTransaction) {
            throw new TransactionInProgressException("commit is the container's: this session is part of a"
                    + " container-managed transaction");
        }
        throw new IllegalStateException("this session is not transacted: outside a transaction, sends are"
                + " committed at once");
    }

    @Override
    public void rollback() throws JMSException {
        physical();
        if (inTransaction) {
            throw new TransactionInProgressException("rollback is the container's: this session is part of a"
                    + " container-managed transaction (use setRollbackOnly)");
        }
        throw new IllegalStateException("this session is not transacted: there is nothing to roll back");
    }

    @Override
    public void recover() throws JMSException {
        if (inTransaction) {
            throw new IllegalStateException("recover cannot be called inside a container-managed transaction");
        }
        physical().recover();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw EeRestrictions.forbidden("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw EeRestrictions.forbidden("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw EeRestrictions.forbiddenRuntime("Session.run");
    }

    // ---- messages ----

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return physical().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return physical().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return physical().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return physical().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return physical().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return physical().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return physical().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return physical().createTextMessage(text);
    }

    // ---- producers, consumers, browsers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return track(new MessageProducerHandle(physical().createProducer(destination)));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumer(physical().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return consumer(physical().createConsumer(destination, messageSelector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(physical().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return consumer(physical().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return consumer(physical().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return (TopicSubscriber) consumer(physical().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return (TopicSubscriber) consumer(physical().createDurableSubscriber(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(physical().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(physical().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(physical().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return consumer(physical().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return track(physical().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        return track(physical().createBrowser(queue, messageSelector));
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        return physical().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        return physical().createTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        return physical().createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        return physical().createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        physical().unsubscribe(name);
    }

    ConnectionHandle connection() {
        return connection;
    }
}
