package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.message.LogJmsBytesMessage;
import io.logjms.provider.message.LogJmsMapMessage;
import io.logjms.provider.message.LogJmsMessage;
import io.logjms.provider.message.LogJmsObjectMessage;
import io.logjms.provider.message.LogJmsStreamMessage;
import io.logjms.provider.message.LogJmsTextMessage;
import io.logjms.provider.send.ProducerSequences;
import io.logjms.provider.util.ClientThreads;
import io.logjms.provider.util.SerialExecutor;
import io.logjms.selector.Selector;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS session: it checks the API's arguments and rules and delegates to its parts: sending
 * ({@link SessionSender}), handing records to the application ({@link SessionDelivery}), its
 * consumers' lifecycle ({@link SessionConsumers}), acknowledgement ({@link SessionAcknowledgements})
 * and the transaction ({@link TransactionContext}: none, a local one for a transacted session, or an XA
 * branch's for a {@link LogJmsXASession}).
 * Also the legacy {@link QueueSession} and {@link TopicSession}; a session created as one of those
 * refuses the other domain's methods.
 *
 * <p>Single-threaded, as the specification requires, except {@link #close()}.
 */
public class LogJmsSession implements Session, QueueSession, TopicSession {
    private static final Logger LOG = LoggerFactory.getLogger(LogJmsSession.class);

    private final LogJmsConnection connection;
    private final int sessionMode;
    private final SessionDomain domain;
    private final SessionAcknowledgements acks;
    private final TransactionContext transaction;
    private final SessionSender sender;
    private final SessionDelivery delivery;
    private final SessionConsumers consumers;
    private final SerialExecutor completionExecutor = new SerialExecutor(ClientThreads.pool());
    private final Object closeLock = new Object();
    private volatile boolean closed;

    LogJmsSession(LogJmsConnection connection, int sessionMode, SessionDomain domain) {
        this(connection, sessionMode, domain, sessionMode == SESSION_TRANSACTED
                ? sequences -> new LocalTransactionContext(connection.broker(), sequences)
                : sequences -> new NoTransactionContext());
    }

    /**
     * A session whose transaction context {@code transactions} makes (from the session's producer
     * sequences); the XA session's is an {@link XaTransactionContext}.
     */
    LogJmsSession(LogJmsConnection connection, int sessionMode, SessionDomain domain,
                  Function<ProducerSequences, TransactionContext> transactions) {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.domain = domain;
        ProducerSequences sequences = new ProducerSequences();
        this.transaction = transactions.apply(sequences);
        this.acks = new SessionAcknowledgements(sessionMode, connection.broker());
        this.sender = new SessionSender(connection, transaction, sequences, completionExecutor,
                System::currentTimeMillis);
        this.delivery = new SessionDelivery(this, acks, transaction);
        this.consumers = new SessionConsumers(this, delivery, acks, transaction);
    }

    void flushAutomaticAcknowledgements() {
        acks.flush();
    }

    // ---- messages ----

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new LogJmsBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new LogJmsMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new LogJmsMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        LogJmsObjectMessage message = new LogJmsObjectMessage();
        message.setAllowList(connection.options().objectMessageAllowList());
        return message;
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage message = createObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new LogJmsStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new LogJmsTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new LogJmsTextMessage(text);
    }

    // ---- mode ----

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return sessionMode;
    }

    // ---- transactions and acknowledgement ----

    @Override
    public void commit() throws JMSException {
        checkOpen();
        checkTransacted("commit");
        checkNotInCompletionListener("commit");
        transaction.commit(consumers);
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        checkTransacted("roll back");
        checkNotInCompletionListener("rollback");
        transaction.rollback(consumers);
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (sessionMode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover cannot be called on a transacted session; use rollback");
        }
        acks.flush();
        List<ReleaseRequest> releases = new ArrayList<>(acks.takeConsumedForRelease());
        ReleaseRequest inListener = delivery.recoverInListener();
        if (inListener != null) {
            releases.add(inListener);
        }
        consumers.giveBack(releases);
        consumers.finishClosing();
    }

    /** Acknowledges every message the session consumed (CLIENT_ACKNOWLEDGE). */
    void acknowledgeAll() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session that delivered this message is closed");
        }
        if (sessionMode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        acks.acknowledgeConsumed();
        consumers.finishClosing();
    }

    // ---- events from the connection ----

    /**
     * A new connection replaced the lost one: what this session received before went back to the
     * broker. CLIENT_ACKNOWLEDGE forgets it (a later acknowledge() covers what came since); a transaction
     * that had received messages is marked, and its commit fails.
     */
    void onReconnected() {
        acks.forgetDeliveredBeforeReconnect();
        transaction.onReconnected();
    }

    void onConnectionStarted() {
        consumers.onConnectionStarted();
    }

    /** Waits for a running MessageListener, then gives back what the consumers hold ahead. */
    void onConnectionStopped() {
        try {
            consumers.onConnectionStopped();
        } catch (JMSException e) {
            LOG.debug("could not give back what the consumers held when the connection stopped: {}", e.getMessage());
        }
    }

    boolean isListenerThread() {
        return delivery.isListenerThread();
    }

    /** Whether the calling thread runs one of this session's MessageListeners or CompletionListeners. */
    boolean isCallbackThread() {
        return isListenerThread() || completionExecutor.isCurrentThread();
    }

    // ---- producers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        if (destination != null) {
            Destinations.idOf(destination);
            Destinations.checkSendable(destination);
        }
        return new LogJmsMessageProducer(this, destination);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        checkDomain(SessionDomain.QUEUE, "createSender");
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createPublisher");
        return (TopicPublisher) createProducer(topic);
    }

    void send(Destination destination, Message message, MessageStamper.SendParameters parameters,
              CompletionListener completionListener) throws JMSException {
        checkOpen();
        Destinations.checkSendable(destination);
        connection.checkUsable();
        sender.send(destination, message, parameters, completionListener);
    }

    /** Waits until the session's asynchronous sends are answered and their listeners returned. */
    void awaitCompletions() throws JMSException {
        sender.awaitCompletions(connection.options().requestTimeout().toMillis() * 2);
    }

    // ---- consumers ----

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new InvalidDestinationException("the destination of a consumer must not be null");
        }
        boolean queue = LogJmsDestination.refOf(destination).kind().isQueue();
        SubscriptionKind kind = queue ? SubscriptionKind.QUEUE : SubscriptionKind.NON_DURABLE;
        return subscribe(destination, new Subscription(kind, null, Subscription.selectorOf(messageSelector), noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createSharedConsumer");
        Destinations.checkTopic(topic);
        return subscribe(topic, new Subscription(SubscriptionKind.SHARED_NON_DURABLE,
                Subscription.checkName(sharedSubscriptionName), Subscription.selectorOf(messageSelector), false));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createDurableSubscriber");
        Destinations.checkDurableTopic(topic);
        String subscriptionName = Subscription.checkName(name);
        if (connection.getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client id: set clientID on the"
                    + " connection factory or call Connection.setClientID");
        }
        return subscribe(topic, new Subscription(SubscriptionKind.DURABLE, subscriptionName,
                Subscription.selectorOf(messageSelector), noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createSharedDurableConsumer");
        Destinations.checkDurableTopic(topic);
        return subscribe(topic, new Subscription(SubscriptionKind.SHARED_DURABLE, Subscription.checkName(name),
                Subscription.selectorOf(messageSelector), false));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        checkDomain(SessionDomain.QUEUE, "createReceiver");
        return (QueueReceiver) createConsumer(queue, messageSelector, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createSubscriber");
        Destinations.checkTopic(topic);
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    private LogJmsMessageConsumer subscribe(Destination destination, Subscription subscription) throws JMSException {
        checkOpen();
        return consumers.subscribe(destination, subscription);
    }

    // ---- browsers ----

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.QUEUE, "createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("the queue of a browser must not be null");
        }
        String selector = Subscription.selectorOf(messageSelector);
        Selector.parse(selector);
        DestinationId id = Destinations.idOf(queue);
        connection.partitionCount(queue, id);
        return new LogJmsQueueBrowser(this, queue, id, selector);
    }

    LogJmsConnection connection() {
        return connection;
    }

    TransactionContext transaction() {
        return transaction;
    }

    SessionDelivery delivery() {
        return delivery;
    }

    SessionConsumers consumers() {
        return consumers;
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.QUEUE, "createQueue");
        try {
            return new LogJmsQueue(Destinations.checkName(queueName));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.TOPIC, "createTopic");
        try {
            return new LogJmsTopic(Destinations.checkName(topicName));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.QUEUE, "createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.TOPIC, "createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.TOPIC, "unsubscribe");
        String subscriptionName = Subscription.checkName(name);
        if (connection.hasActiveSubscription(subscriptionName)) {
            throw new IllegalStateException("subscription " + subscriptionName + " has an active consumer on this"
                    + " connection; close it before unsubscribing");
        }
        connection.checkUsable();
        ExceptionTranslator.await(connection.broker().deleteSubscription(subscriptionName),
                "delete durable subscription " + subscriptionName);
    }

    // ---- session-level listener: an optional application-server facility ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    /**
     * Accepts {@code null}: with no session-level listener ever set, clearing it changes nothing (pooled-jms
     * clears it before putting a session back into its pool). A listener is refused, as the facility is not
     * provided.
     */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        if (listener == null) {
            return;
        }
        throw new JMSException("a session-level MessageListener belongs to the optional application-server facilities"
                + " (ServerSessionPool), which logjms does not provide; set the listener on a MessageConsumer");
    }

    /** Session-level delivery for application servers: with no session-level listener there is nothing to run. */
    @Override
    public void run() {
        LOG.debug("Session.run() called on a session without a session-level MessageListener; nothing to deliver");
    }

    // ---- close ----

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isCallbackThread()) {
            throw new IllegalStateException("a MessageListener or CompletionListener must not close its own session");
        }
        close(true);
        connection.removeSession(this);
    }

    /** Closes as part of closing the connection (which already checked the calling thread). */
    void closeForConnection() {
        try {
            close(false);
        } catch (JMSException e) {
            LOG.debug("error while closing a session of a closing connection: {}", e.getMessage());
        }
    }

    private void close(boolean reportErrors) throws JMSException {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            delivery.stopListeners();
            awaitCompletions();
            completionExecutor.shutdown();
            JMSException failure = null;
            try {
                delivery.exclusive(() -> {
                    try {
                        consumers.closeAll();
                    } finally {
                        closed = true;
                    }
                });
            } catch (JMSException e) {
                failure = e;
            }
            if (failure != null && reportErrors && !connection.isDown()) {
                throw failure;
            }
        }
    }

    // ---- checks ----

    /** @throws IllegalStateException if the session (or its connection) is closed */
    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkNotClosed();
    }

    boolean isClosed() {
        return closed;
    }

    private void checkTransacted(String action) throws IllegalStateException {
        if (!transaction.isTransacted()) {
            throw NoTransactionContext.notTransacted(action);
        }
    }

    void checkNotInCompletionListener(String action) throws IllegalStateException {
        if (completionExecutor.isCurrentThread()) {
            throw new IllegalStateException("a CompletionListener must not call " + action + " on its own session");
        }
    }

    private void checkDomain(SessionDomain allowed, String method) throws IllegalStateException {
        if (domain != SessionDomain.UNIFIED && domain != allowed) {
            throw new IllegalStateException(method + " cannot be called on a "
                    + (domain == SessionDomain.QUEUE ? "QueueSession" : "TopicSession"));
        }
    }
}
