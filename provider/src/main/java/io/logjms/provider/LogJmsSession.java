package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.client.OutgoingBatch;
import io.logjms.provider.delivery.Delivery;
import io.logjms.provider.message.LogJmsBytesMessage;
import io.logjms.provider.message.LogJmsMapMessage;
import io.logjms.provider.message.LogJmsMessage;
import io.logjms.provider.message.LogJmsObjectMessage;
import io.logjms.provider.message.LogJmsStreamMessage;
import io.logjms.provider.message.LogJmsTextMessage;
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
import jakarta.jms.MessageFormatException;
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
import jakarta.jms.TransactionRolledBackException;
import io.logjms.provider.client.TransactionLostException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS session: it creates producers, consumers and browsers, delivers to their listeners on one
 * thread at a time, and owns acknowledgement ({@link SessionAcknowledgements}) and sending
 * ({@link SessionSender}). Also the legacy {@link QueueSession} and {@link TopicSession}; a session
 * created as one of those refuses the other domain's methods.
 *
 * <p>Single-threaded, as the specification requires, except {@link #close()}.
 */
public class LogJmsSession implements Session, QueueSession, TopicSession {
    private static final Logger LOG = LoggerFactory.getLogger(LogJmsSession.class);
    private static final String TRANSACTION_LOST = "the transaction was rolled back: the connection to the broker"
            + " was lost and re-established while it was open, and the messages it received went back to the broker"
            + " (they will be redelivered); its sends were discarded";

    private final LogJmsConnection connection;
    private final int sessionMode;
    private final SessionDomain domain;
    private final SessionAcknowledgements acks;
    private final SessionSender sender;
    private final SerialExecutor listenerExecutor = new SerialExecutor(ClientThreads.pool());
    private final SerialExecutor completionExecutor = new SerialExecutor(ClientThreads.pool());
    /** Held while a MessageListener runs, so stop and close can wait for it. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final List<LogJmsMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    /** Closed consumers whose subscription stays until their records are acknowledged or given back. */
    private final List<LogJmsMessageConsumer> closingConsumers = new CopyOnWriteArrayList<>();
    private final Object closeLock = new Object();
    private volatile Thread listenerThread;
    /** The record a MessageListener is processing right now, or null. */
    private volatile Delivery inListener;
    private volatile boolean recoveredInListener;
    private volatile boolean closed;
    /** The open transaction had received messages when the connection was lost: commit must fail. */
    private volatile boolean transactionLostByReconnect;

    LogJmsSession(LogJmsConnection connection, int sessionMode, SessionDomain domain) {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.domain = domain;
        this.acks = new SessionAcknowledgements(sessionMode, connection.broker());
        this.sender = new SessionSender(connection, sessionMode == SESSION_TRANSACTED, completionExecutor,
                System::currentTimeMillis);
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
        if (transactionLostByReconnect) {
            transactionLostByReconnect = false;
            sender.discardTransaction();
            giveBack(acks.takeConsumedForRelease());
            finishClosingConsumers();
            throw new TransactionRolledBackException(TRANSACTION_LOST);
        }
        List<OutgoingBatch> batches = sender.takeTransactionBatches();
        List<AckRequest> consumed = acks.takeConsumedForCommit();
        if (!batches.isEmpty() || !consumed.isEmpty()) {
            try {
                ExceptionTranslator.await(connection.broker().commit(batches, consumed), "commit the transaction");
            } catch (JMSException e) {
                if (e.getCause() instanceof TransactionLostException lost && !lost.inDoubt()) {
                    sender.transactionRefused(batches);
                    throw ExceptionTranslator.withCause(new TransactionRolledBackException(TRANSACTION_LOST), lost);
                }
                if (ExceptionTranslator.CONNECTION_LOST.equals(e.getErrorCode())
                        || ExceptionTranslator.TIMEOUT.equals(e.getErrorCode())) {
                    throw e;
                }
                sender.transactionRefused(batches);
                List<ReleaseRequest> releases = new ArrayList<>();
                for (AckRequest a : consumed) {
                    releases.add(new ReleaseRequest(a.subscriptionId(), true, a.records()));
                }
                giveBack(releases);
                throw ExceptionTranslator.rolledBack(e);
            }
        }
        finishClosingConsumers();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        checkTransacted("roll back");
        checkNotInCompletionListener("rollback");
        transactionLostByReconnect = false;
        sender.discardTransaction();
        giveBack(acks.takeConsumedForRelease());
        finishClosingConsumers();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (sessionMode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover cannot be called on a transacted session; use rollback");
        }
        acks.flush();
        List<ReleaseRequest> releases = new ArrayList<>(acks.takeConsumedForRelease());
        Delivery current = inListener;
        if (current != null && acks.isAutomatic() && isListenerThread()) {
            releases.add(new ReleaseRequest(current.subscriptionId(), true, List.of(current.ref())));
            recoveredInListener = true;
        }
        giveBack(releases);
        finishClosingConsumers();
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
        finishClosingConsumers();
    }

    /**
     * Gives records back for redelivery, in order: consumed records (delivered) and everything the
     * consumers hold ahead (not delivered); then lets the open consumers receive again.
     */
    private void giveBack(List<ReleaseRequest> consumedReleases) throws JMSException {
        List<LogJmsMessageConsumer> affected = new ArrayList<>(consumers);
        affected.addAll(closingConsumers);
        settle(affected, consumedReleases);
        for (LogJmsMessageConsumer consumer : consumers) {
            consumer.restart();
            consumer.resumeFlow();
        }
    }

    /**
     * Brings consumers to a standstill and releases records. Their credit is withdrawn first, so the
     * broker sends them nothing more; then the consumed records are released as delivered and what
     * the consumers hold ahead as not delivered. Records the broker pushed before it saw the
     * withdrawal arrive before its answers, and are released in a second round. Afterwards the
     * consumers' buffers are empty and the broker holds nothing for them in flight but what the
     * application has (and acknowledges or closes with).
     */
    private void settle(List<LogJmsMessageConsumer> affected, List<ReleaseRequest> consumedReleases)
            throws JMSException {
        for (LogJmsMessageConsumer consumer : affected) {
            connection.broker().withdrawCredit(consumer.subscriptionId());
        }
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (ReleaseRequest release : consumedReleases) {
            answers.add(connection.broker().release(release));
        }
        for (LogJmsMessageConsumer consumer : affected) {
            answers.add(releaseBuffered(consumer));
        }
        awaitAll(answers, "give messages back for redelivery");
        answers.clear();
        for (LogJmsMessageConsumer consumer : affected) {
            if (consumer.buffer().size() > 0) {
                answers.add(releaseBuffered(consumer));
            }
        }
        awaitAll(answers, "give messages back for redelivery");
    }

    /** Releases, as not delivered, what the consumer holds ahead (possibly nothing: the answer is a barrier). */
    private CompletableFuture<Void> releaseBuffered(LogJmsMessageConsumer consumer) {
        List<Delivery> buffered = consumer.buffer().drain();
        List<RecordRef> refs = new ArrayList<>(buffered.size());
        for (Delivery d : buffered) {
            refs.add(d.ref());
        }
        return connection.broker().release(new ReleaseRequest(consumer.subscriptionId(), false, refs));
    }

    private static void awaitAll(List<CompletableFuture<Void>> answers, String what) throws JMSException {
        JMSException first = null;
        for (CompletableFuture<Void> answer : answers) {
            try {
                ExceptionTranslator.await(answer, what);
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---- log extensions ----

    /**
     * Moves a consumer's subscription: the consumer is brought to a standstill and what it holds ahead
     * is given back, then the broker moves the cursor and the consumer starts again from the new
     * positions. What the session processed so far is acknowledged first (AUTO and DUPS_OK).
     */
    void seek(LogJmsMessageConsumer consumer, SeekRequest request) throws JMSException {
        boolean fromListener = isListenerThread();
        if (!fromListener) {
            deliveryLock.lock();
        }
        try {
            checkOpen();
            connection.checkUsable();
            acks.flush();
            settle(List.of(consumer), List.of());
            SubscribeResponse answer;
            try {
                answer = ExceptionTranslator.await(connection.broker().seek(request),
                        "seek " + consumer.destinationId());
            } catch (JMSException e) {
                consumer.restart();
                consumer.resumeFlow();
                throw e;
            }
            consumer.restart();
            consumer.subscribed(answer.positions());
            consumer.resumeFlow();
        } finally {
            if (!fromListener) {
                deliveryLock.unlock();
            }
        }
    }

    /**
     * The next offset the consumer hands to the application, by partition: the first record it holds;
     * else, for a subscription of its own, the record after the last one it handed out (records may be
     * on their way, so the broker's read position would be ahead); else the broker's position.
     */
    Map<Integer, Long> positions(LogJmsMessageConsumer consumer) throws JMSException {
        connection.checkUsable();
        Map<Integer, Long> positions = consumer.positionsSinceSubscribed();
        if (positions == null) {
            positions = ExceptionTranslator.await(connection.broker().positions(consumer.subscriptionId()),
                    "read the positions of " + consumer.destinationId()).positions();
        }
        Map<Integer, Long> result = new TreeMap<>(positions);
        Map<Integer, Long> firstHeld = new TreeMap<>();
        for (Delivery delivery : consumer.buffer().snapshot()) {
            if (!consumer.isAlreadyPassed(delivery)) {
                firstHeld.merge(delivery.partition(), delivery.record().offset(), Math::min);
            }
        }
        result.putAll(firstHeld);
        return Collections.unmodifiableMap(result);
    }

    // ---- delivery to the application ----

    /** A synchronous receive: the next message, or null at the deadline or when closed. */
    Message receive(LogJmsMessageConsumer consumer, long deadlineNanos) throws JMSException {
        while (true) {
            Delivery delivery = take(consumer, deadlineNanos);
            if (delivery == null) {
                return null;
            }
            LogJmsMessage message = toMessage(consumer, delivery);
            if (message != null) {
                handOut(consumer, delivery);
                acks.processed(consumer.subscriptionId(), delivery.ref());
                return message;
            }
        }
    }

    /**
     * JMSConsumer.receiveBody: in AUTO and DUPS_OK mode a message whose body does not fit stays
     * first in line, not acknowledged and not counted as redelivered.
     */
    <T> T receiveBody(LogJmsMessageConsumer consumer, Class<T> type, long deadlineNanos) throws JMSException {
        while (true) {
            Delivery delivery = take(consumer, deadlineNanos);
            if (delivery == null) {
                return null;
            }
            LogJmsMessage message = toMessage(consumer, delivery);
            if (message == null) {
                continue;
            }
            boolean fits = isBodyReadable(message, type);
            if (!fits && acks.isAutomatic()) {
                consumer.buffer().pushBack(delivery);
                throw new MessageFormatException("the body of message " + message.getJMSMessageID()
                        + " cannot be read as " + type.getName());
            }
            handOut(consumer, delivery);
            acks.processed(consumer.subscriptionId(), delivery.ref());
            if (!fits) {
                throw new MessageFormatException("the body of message " + message.getJMSMessageID()
                        + " cannot be read as " + type.getName());
            }
            return message.getBody(type);
        }
    }

    private static boolean isBodyReadable(LogJmsMessage message, Class<?> type) throws JMSException {
        return !(message instanceof StreamMessage) && message.isBodyAssignableTo(type);
    }

    private Delivery take(LogJmsMessageConsumer consumer, long deadlineNanos) throws JMSException {
        try {
            return consumer.buffer().take(deadlineNanos, connection::isStarted,
                    () -> consumer.isClosed() || closed || connection.isDown());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExceptionTranslator.withCause(new JMSException("interrupted while waiting for a message"), e);
        }
    }

    /** The message of a delivery, or null when the record is skipped (already passed, undecodable). */
    private LogJmsMessage toMessage(LogJmsMessageConsumer consumer, Delivery delivery) {
        if (consumer.isAlreadyPassed(delivery)) {
            consumer.discarded(1);
            return null;
        }
        try {
            LogJmsMessage message = IncomingMessages.toMessage(delivery.partition(), delivery.record(),
                    connection.options().objectMessageAllowList());
            if (sessionMode == CLIENT_ACKNOWLEDGE) {
                message.setAcknowledger(this::acknowledgeAll);
            }
            return message;
        } catch (JMSException e) {
            LOG.warn("skipping the record at partition {}, offset {} of {}: it cannot be decoded ({})",
                    delivery.partition(), delivery.record().offset(), consumer.destinationId(), e.getMessage());
            handOut(consumer, delivery);
            acks.processed(consumer.subscriptionId(), delivery.ref());
            return null;
        }
    }

    private void handOut(LogJmsMessageConsumer consumer, Delivery delivery) {
        consumer.handedOut(delivery);
        acks.delivered(consumer.subscriptionId(), delivery.ref());
    }

    /** Queues one listener delivery per record that arrived (tasks finding nothing to do are harmless). */
    void scheduleListenerDeliveries(LogJmsMessageConsumer consumer, int count) {
        if (!connection.isStarted() || closed) {
            return;
        }
        for (int i = 0; i < count; i++) {
            listenerExecutor.execute(() -> deliverToListener(consumer));
        }
    }

    private void deliverToListener(LogJmsMessageConsumer consumer) {
        deliveryLock.lock();
        try {
            MessageListener listener = consumer.listener();
            if (closed || consumer.isClosed() || listener == null || !connection.isStarted()) {
                return;
            }
            Delivery delivery = consumer.buffer().poll();
            if (delivery == null) {
                return;
            }
            LogJmsMessage message = toMessage(consumer, delivery);
            if (message == null) {
                return;
            }
            handOut(consumer, delivery);
            runListener(consumer, listener, delivery, message);
            finishClosingConsumers();
        } catch (JMSException e) {
            LOG.warn("could not finish closing a consumer after a delivery: {}", e.getMessage());
        } finally {
            deliveryLock.unlock();
        }
    }

    private void runListener(LogJmsMessageConsumer consumer, MessageListener listener, Delivery delivery,
                             LogJmsMessage message) {
        listenerThread = Thread.currentThread();
        inListener = delivery;
        recoveredInListener = false;
        boolean succeeded = false;
        try {
            listener.onMessage(message);
            succeeded = true;
        } catch (RuntimeException e) {
            LOG.warn("the MessageListener of {} threw an exception; the message will be redelivered", consumer, e);
        } finally {
            listenerThread = null;
            inListener = null;
        }
        if (recoveredInListener) {
            return;
        }
        if (succeeded || !acks.isAutomatic()) {
            acks.processed(consumer.subscriptionId(), delivery.ref());
        } else {
            connection.broker().release(new ReleaseRequest(consumer.subscriptionId(), true, List.of(delivery.ref())))
                    .whenComplete((r, error) -> {
                        if (error != null) {
                            LOG.warn("could not give back message {} for redelivery: {}", delivery.ref(),
                                    error.toString());
                        }
                    });
        }
    }

    /**
     * A new connection replaced the lost one: what this session received before went back to the
     * broker. CLIENT_ACKNOWLEDGE forgets it (a later acknowledge() covers what came since); a transaction
     * that had received messages is marked, and its commit fails.
     */
    void onReconnected() {
        boolean hadConsumed = acks.forgetDeliveredBeforeReconnect();
        if (sessionMode == SESSION_TRANSACTED && hadConsumed) {
            transactionLostByReconnect = true;
        }
    }

    void onConnectionStarted() {
        for (LogJmsMessageConsumer consumer : consumers) {
            consumer.startFlow();
            consumer.wakeUp();
            if (consumer.listener() != null) {
                scheduleListenerDeliveries(consumer, consumer.buffer().size());
            }
        }
    }

    /**
     * Waits for a running MessageListener to return (the connection is already marked stopped), then
     * withdraws the consumers' credit and gives back, not delivered, what they hold ahead: a stopped
     * connection's consumers hold nothing a queue's other consumers could receive.
     */
    void onConnectionStopped() {
        boolean locked = !deliveryLock.isHeldByCurrentThread();
        if (locked) {
            deliveryLock.lock();
        }
        try {
            acks.flush();
            if (closed) {
                return;
            }
            List<LogJmsMessageConsumer> open = new ArrayList<>(consumers);
            open.forEach(LogJmsMessageConsumer::stopFlow);
            settle(open, List.of());
            open.forEach(LogJmsMessageConsumer::restart);
            // a start() from another thread may have run meanwhile and found credit still flowing
            open.forEach(LogJmsMessageConsumer::startFlow);
        } catch (JMSException e) {
            LOG.debug("could not give back what the consumers held when the connection stopped: {}", e.getMessage());
        } finally {
            if (locked) {
                deliveryLock.unlock();
            }
        }
    }

    boolean isListenerThread() {
        return listenerThread == Thread.currentThread();
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
        try {
            long timeout = connection.options().requestTimeout().toMillis() * 2;
            if (!sender.awaitCompletions(timeout)) {
                LOG.warn("asynchronous sends of a session were not answered within {} ms", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExceptionTranslator.withCause(new JMSException("interrupted while waiting for sends to complete"), e);
        }
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
        return subscribe(destination, new Subscription(kind, null, normalize(messageSelector), noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createSharedConsumer");
        checkTopic(topic);
        return subscribe(topic, new Subscription(SubscriptionKind.SHARED_NON_DURABLE,
                checkSubscriptionName(sharedSubscriptionName), normalize(messageSelector), false));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkDomain(SessionDomain.TOPIC, "createDurableSubscriber");
        checkDurableTopic(topic);
        String subscriptionName = checkSubscriptionName(name);
        if (connection.getClientID() == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client id: set clientID on the"
                    + " connection factory or call Connection.setClientID");
        }
        return subscribe(topic, new Subscription(SubscriptionKind.DURABLE, subscriptionName,
                normalize(messageSelector), noLocal));
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
        checkDurableTopic(topic);
        return subscribe(topic, new Subscription(SubscriptionKind.SHARED_DURABLE, checkSubscriptionName(name),
                normalize(messageSelector), false));
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
        checkTopic(topic);
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    private LogJmsMessageConsumer subscribe(Destination destination, Subscription subscription) throws JMSException {
        checkOpen();
        connection.checkUsable();
        if (Destinations.isTemporary(destination) && !connection.isOwnTemporary(destination)) {
            throw new InvalidDestinationException("temporary destination " + destination + " was created by another"
                    + " connection (or deleted); only its creating connection can consume from it");
        }
        Selector.parse(subscription.selector());
        DestinationId id = Destinations.idOf(destination);
        connection.partitionCount(destination, id);
        LogJmsMessageConsumer consumer = new LogJmsMessageConsumer(this, connection.nextSubscriptionId(), destination,
                id, subscription, connection.options().prefetch());
        DestinationOptions options = optionsOf(destination, subscription);
        connection.register(consumer);
        try {
            SubscribeResponse answer = ExceptionTranslator.await(connection.broker().subscribe(new SubscribeRequest(
                    consumer.subscriptionId(), id, subscription.kind(), subscription.name(), subscription.selector(),
                    subscription.noLocal(), options.start(subscription.startPosition()), options.startTimestamp(),
                    0)),
                    "subscribe to " + destination);
            consumer.subscribed(answer.positions());
        } catch (JMSException e) {
            connection.unregister(consumer.subscriptionId());
            throw e;
        }
        consumers.add(consumer);
        // after the add: a start() that runs meanwhile either sees the consumer or is seen here
        consumer.startFlow();
        return consumer;
    }

    /** Closes a consumer; its subscription ends now, or once its consumed records are settled. */
    void closeConsumer(LogJmsMessageConsumer consumer) throws JMSException {
        boolean fromListener = isListenerThread();
        if (!fromListener) {
            deliveryLock.lock();
        }
        try {
            if (consumer.isClosed() && !consumers.contains(consumer)) {
                return;
            }
            consumer.markClosed();
            connection.broker().withdrawCredit(consumer.subscriptionId());
            consumers.remove(consumer);
            closingConsumers.add(consumer);
            finishClosingConsumers();
        } finally {
            if (!fromListener) {
                deliveryLock.unlock();
            }
        }
    }

    /** Ends the subscriptions of closed consumers that have nothing left to settle. */
    private void finishClosingConsumers() throws JMSException {
        if (closingConsumers.isEmpty()) {
            return;
        }
        List<LogJmsMessageConsumer> finished = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : closingConsumers) {
            Delivery current = inListener;
            boolean busy = acks.hasUnacknowledged(consumer.subscriptionId())
                    || (current != null && current.subscriptionId() == consumer.subscriptionId());
            if (!busy) {
                finished.add(consumer);
            }
        }
        if (finished.isEmpty()) {
            return;
        }
        closingConsumers.removeAll(finished);
        acks.flush();
        try {
            endSubscriptions(finished, List.of());
        } finally {
            finished.forEach(c -> connection.unregister(c.subscriptionId()));
        }
    }

    /**
     * Gives back what the consumers hold and ends their subscriptions. A non-durable subscriber's
     * cursor dies with it, so what it holds is simply dropped.
     */
    private void endSubscriptions(List<LogJmsMessageConsumer> ending, List<ReleaseRequest> consumedReleases)
            throws JMSException {
        List<LogJmsMessageConsumer> keepingCursor = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : ending) {
            if (consumer.subscription().kind() == SubscriptionKind.NON_DURABLE) {
                connection.broker().withdrawCredit(consumer.subscriptionId());
                consumer.buffer().drain();
            } else {
                keepingCursor.add(consumer);
            }
        }
        JMSException failure = null;
        try {
            settle(keepingCursor, consumedReleases);
        } catch (JMSException e) {
            failure = e;
        }
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : ending) {
            answers.add(connection.broker().unsubscribe(consumer.subscriptionId()));
        }
        try {
            awaitAll(answers, "close a consumer");
        } catch (JMSException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
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
        String selector = normalize(messageSelector);
        Selector.parse(selector);
        DestinationId id = Destinations.idOf(queue);
        connection.partitionCount(queue, id);
        return new LogJmsQueueBrowser(this, queue, id, selector);
    }

    LogJmsConnection connection() {
        return connection;
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.QUEUE, "createQueue");
        try {
            return new LogJmsQueue(checkDestinationName(queueName));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(SessionDomain.TOPIC, "createTopic");
        try {
            return new LogJmsTopic(checkDestinationName(topicName));
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
        String subscriptionName = checkSubscriptionName(name);
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
            listenerExecutor.shutdown();
            awaitCompletions();
            completionExecutor.shutdown();
            deliveryLock.lock();
            JMSException failure = null;
            List<LogJmsMessageConsumer> all = new ArrayList<>(consumers);
            all.addAll(closingConsumers);
            try {
                if (sessionMode == SESSION_TRANSACTED) {
                    sender.discardTransaction();
                }
                acks.close();
                all.forEach(LogJmsMessageConsumer::markClosed);
                endSubscriptions(all, acks.takeConsumedForRelease());
            } catch (JMSException e) {
                failure = e;
            } finally {
                all.forEach(c -> connection.unregister(c.subscriptionId()));
                consumers.clear();
                closingConsumers.clear();
                closed = true;
                deliveryLock.unlock();
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
        if (sessionMode != SESSION_TRANSACTED) {
            throw new IllegalStateException("cannot " + action + ": the session is not transacted");
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

    private static void checkTopic(Topic topic) throws InvalidDestinationException {
        if (topic == null) {
            throw new InvalidDestinationException("the topic must not be null");
        }
    }

    private static void checkDurableTopic(Topic topic) throws JMSException {
        checkTopic(topic);
        if (topic instanceof TemporaryTopic) {
            throw new InvalidDestinationException("a durable subscription cannot be made on temporary topic " + topic);
        }
    }

    private static String checkSubscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        return name;
    }

    /** The options the destination's name carries, checked against the kind of subscription. */
    private static DestinationOptions optionsOf(Destination destination, Subscription subscription)
            throws InvalidDestinationException {
        if (!(destination instanceof LogJmsDestination logJms)) {
            return DestinationOptions.NONE;
        }
        DestinationOptions options = logJms.options();
        if (options.hasStart() && subscription.kind() == SubscriptionKind.QUEUE) {
            throw new InvalidDestinationException("the option '" + DestinationOptions.START + "' of " + destination
                    + " applies to topic subscriptions; a queue is always consumed from its oldest unacknowledged"
                    + " message (move a queue's cursor with LogMessageConsumer.seek* or the admin tool)");
        }
        return options;
    }

    private static String checkDestinationName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a destination name must not be null or empty");
        }
        return name;
    }

    private static String normalize(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
