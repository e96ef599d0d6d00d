package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.BrokerConnector;
import io.logjms.provider.client.BrokerEvents;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.config.ConnectionOptions;
import io.logjms.provider.send.MessageIdGenerator;
import io.logjms.provider.util.ClientThreads;
import io.logjms.provider.util.SerialExecutor;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS connection to a logjms broker: one {@link BrokerConnection}, the sessions made on it, and the
 * connection-wide state (client id, started or stopped, temporary destinations, the exception
 * listener). Deliveries pushed by the broker are routed here to the consumer of their subscription.
 *
 * <p>Thread-safe, as the specification requires of connections.
 */
public class LogJmsConnection implements Connection, QueueConnection, TopicConnection {
    private volatile boolean pointToPointOnly;
    private static final Logger LOG = LoggerFactory.getLogger(LogJmsConnection.class);

    private final ConnectionOptions options;
    private final BrokerConnection broker;
    private final String connectionId;
    private final boolean clientIdConfigured;
    private final PartitionCounts partitionCounts;
    private final TemporaryDestinations temporaryDestinations;
    private final MessageIdGenerator messageIds = new MessageIdGenerator();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private final AtomicInteger partitionRoundRobin = new AtomicInteger();
    private final List<LogJmsSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<Integer, LogJmsMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final SerialExecutor exceptionListenerExecutor = new SerialExecutor(ClientThreads.pool());
    private final AtomicBoolean lossReported = new AtomicBoolean();
    private final Object lifecycleLock = new Object();

    private volatile String clientId;
    private volatile boolean used;
    private volatile boolean started;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;

    /**
     * Connects to a broker.
     *
     * @throws jakarta.jms.JMSSecurityException if the broker refused the credentials
     * @throws InvalidClientIDException if the configured client id is in use
     * @throws JMSException if no broker could be reached
     */
    LogJmsConnection(ConnectionOptions options, BrokerConnector connector) throws JMSException {
        this.options = options;
        try {
            this.broker = connector.connect(options, new Events());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExceptionTranslator.withCause(new JMSException("interrupted while connecting to logjms"), e);
        } catch (Exception e) {
            throw ExceptionTranslator.toJms("connect to logjms at " + options.brokers(), e);
        }
        this.connectionId = broker.connectionId();
        this.clientId = options.clientId();
        this.clientIdConfigured = options.clientId() != null;
        this.partitionCounts = new PartitionCounts(broker, options.autoCreate());
        this.temporaryDestinations = new TemporaryDestinations(broker);
    }

    /**
     * Sends every session's pending automatic acknowledgements, so a request sent after this (a browse)
     * is processed by the broker after them and does not see messages this connection already consumed.
     */
    void flushAutomaticAcknowledgements() {
        for (LogJmsSession session : sessions) {
            session.flushAutomaticAcknowledgements();
        }
    }

    // ---- sessions ----

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionDomain.UNIFIED);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode, SessionDomain.UNIFIED);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE, SessionDomain.UNIFIED);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionDomain.TOPIC);
    }

    LogJmsSession createSession(int sessionMode, SessionDomain domain) throws JMSException {
        checkUsable();
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid session mode " + sessionMode + ": use SESSION_TRANSACTED (0),"
                    + " AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
        return register(new LogJmsSession(this, sessionMode, domain));
    }

    /** Adds a new session to the connection (checked usable before). */
    <S extends LogJmsSession> S register(S session) {
        used = true;
        sessions.add(session);
        return session;
    }

    void removeSession(LogJmsSession session) {
        sessions.remove(session);
    }

    // ---- client id ----

    @Override
    public String getClientID() throws JMSException {
        checkNotClosed();
        return clientId;
    }

    @Override
    public void setClientID(String newClientId) throws JMSException {
        synchronized (lifecycleLock) {
            checkNotClosed();
            if (clientIdConfigured) {
                throw new IllegalStateException("the client id of this connection was configured administratively ("
                        + clientId + ") and cannot be changed");
            }
            if (clientId != null) {
                throw new IllegalStateException("the client id of this connection is already set to " + clientId);
            }
            if (used) {
                throw new IllegalStateException("the client id must be set right after the connection is created,"
                        + " before any other action on it");
            }
            if (newClientId == null || newClientId.isEmpty()) {
                throw new InvalidClientIDException("a client id must not be null or empty");
            }
            checkUsable();
            ExceptionTranslator.await(broker.setClientId(newClientId), "set the client id to " + newClientId);
            clientId = newClientId;
            used = true;
        }
    }

    // ---- metadata, exception listener ----

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkNotClosed();
        return LogJmsConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkNotClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkNotClosed();
        exceptionListener = listener;
    }

    /** Tells the exception listener, if any, on its own serialized thread. */
    void reportException(JMSException exception) {
        ExceptionListener listener = exceptionListener;
        if (listener != null && !closed) {
            exceptionListenerExecutor.execute(() -> listener.onException(exception));
        }
    }

    // ---- start, stop, close ----

    @Override
    public void start() throws JMSException {
        checkUsable();
        used = true;
        synchronized (lifecycleLock) {
            if (started) {
                return;
            }
            started = true;
        }
        for (LogJmsSession session : sessions) {
            session.onConnectionStarted();
        }
    }

    @Override
    public void stop() throws JMSException {
        checkNotClosed();
        if (isSessionListenerThread()) {
            throw new IllegalStateException("a MessageListener must not stop its own connection: stop waits for the"
                    + " running listeners to return");
        }
        used = true;
        synchronized (lifecycleLock) {
            if (!started) {
                return;
            }
            started = false;
        }
        for (LogJmsSession session : sessions) {
            session.onConnectionStopped();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isSessionCallbackThread()) {
            throw new IllegalStateException("a MessageListener or CompletionListener must not close its own connection");
        }
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closing = true;
            started = false;
            // a reconnect in progress stops at once and what waits for it fails (async sends through
            // onException); a loss while the sessions close is final
            broker.stopReconnecting();
            try {
                for (LogJmsSession session : sessions) {
                    session.closeForConnection();
                }
            } finally {
                broker.close();
                closed = true;
                exceptionListenerExecutor.shutdown();
                consumers.values().forEach(LogJmsMessageConsumer::wakeUp);
                consumers.clear();
            }
        }
    }

    // ---- connection consumers: an optional application-server facility ----

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw serverSessionPoolsNotProvided();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw serverSessionPoolsNotProvided();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw serverSessionPoolsNotProvided();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        checkTopicsAllowed("createSharedConnectionConsumer");
        throw serverSessionPoolsNotProvided();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        checkTopicsAllowed("createDurableConnectionConsumer");
        throw serverSessionPoolsNotProvided();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        checkTopicsAllowed("createSharedDurableConnectionConsumer");
        throw serverSessionPoolsNotProvided();
    }

    /** Marks a connection made by createQueueConnection: topic-only facilities throw IllegalStateException. */
    LogJmsConnection pointToPointOnly() {
        this.pointToPointOnly = true;
        return this;
    }

    private void checkTopicsAllowed(String what) throws JMSException {
        if (pointToPointOnly) {
            throw new jakarta.jms.IllegalStateException(what + " cannot be called on a QueueConnection");
        }
    }

    private JMSException serverSessionPoolsNotProvided() throws JMSException {
        checkNotClosed();
        return new JMSException("connection consumers and ServerSessionPools are an optional application-server"
                + " facility that logjms does not provide; use a MessageListener on a MessageConsumer, or the"
                + " logjms resource adapter in an application server");
    }

    // ---- for sessions ----

    ConnectionOptions options() {
        return options;
    }

    BrokerConnection broker() {
        return broker;
    }

    String connectionId() {
        return connectionId;
    }

    MessageIdGenerator messageIds() {
        return messageIds;
    }

    int nextPartitionPin() {
        return partitionRoundRobin.getAndIncrement();
    }

    boolean isStarted() {
        return started;
    }

    /** Notes an action on the connection; after it the client id can no longer be set. */
    void markUsed() {
        used = true;
    }

    /** True once closed, closing, or the connection to the broker is lost: receives return null. */
    boolean isDown() {
        return closed || closing || failure != null;
    }

    int partitionCount(Destination destination, DestinationId id) throws JMSException {
        return partitionCounts.of(id, Destinations.isTemporary(destination));
    }

    void forgetPartitionCount(DestinationId id) {
        partitionCounts.forget(id);
    }

    /** A subscription id not used before on this connection. */
    int nextSubscriptionId() {
        return subscriptionIds.incrementAndGet();
    }

    /** Registers a consumer before it subscribes, so deliveries that race the answer find it. */
    void register(LogJmsMessageConsumer consumer) {
        consumers.put(consumer.subscriptionId(), consumer);
    }

    void unregister(int subscriptionId) {
        consumers.remove(subscriptionId);
    }

    /** Whether an open consumer of this connection reads the destination. */
    boolean hasConsumersOn(DestinationId destination) {
        return consumers.values().stream().anyMatch(c -> !c.isClosed() && c.destinationId().equals(destination));
    }

    /** Whether an open consumer of this connection uses the named durable or shared subscription. */
    boolean hasActiveSubscription(String subscriptionName) {
        return consumers.values().stream().anyMatch(c -> !c.isClosed() && subscriptionName.equals(c.subscriptionName()));
    }

    LogJmsTemporaryQueue createTemporaryQueue() throws JMSException {
        checkUsable();
        LogJmsTemporaryQueue queue = temporaryDestinations.createQueue(this::deleteTemporary);
        partitionCounts.remember(Destinations.idOf(queue), 1);
        return queue;
    }

    LogJmsTemporaryTopic createTemporaryTopic() throws JMSException {
        checkUsable();
        LogJmsTemporaryTopic topic = temporaryDestinations.createTopic(this::deleteTemporary);
        partitionCounts.remember(Destinations.idOf(topic), 1);
        return topic;
    }

    boolean isOwnTemporary(Destination destination) {
        return temporaryDestinations.isOwn(destination);
    }

    private void deleteTemporary(LogJmsDestination destination) throws JMSException {
        checkUsable();
        DestinationId id = Destinations.idOf(destination);
        if (hasConsumersOn(id)) {
            throw new IllegalStateException("temporary destination " + destination
                    + " still has open consumers on this connection; close them before deleting it");
        }
        temporaryDestinations.delete(destination);
        partitionCounts.forget(id);
    }

    /** Whether the calling thread runs a MessageListener of this connection (a CompletionListener may stop it). */
    boolean isSessionListenerThread() {
        for (LogJmsSession session : sessions) {
            if (session.isListenerThread()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the calling thread runs a MessageListener or CompletionListener of this connection. */
    boolean isSessionCallbackThread() {
        for (LogJmsSession session : sessions) {
            if (session.isCallbackThread()) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalStateException if the connection is closed */
    void checkNotClosed() throws IllegalStateException {
        if (closed || closing) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** @throws JMSException if the connection is closed or its connection to the broker is lost */
    void checkUsable() throws JMSException {
        checkNotClosed();
        JMSException lost = failure;
        if (lost != null) {
            throw ExceptionTranslator.withCause(new JMSException("the connection to the broker was lost: "
                    + lost.getMessage(), ExceptionTranslator.CONNECTION_LOST), lost);
        }
    }

    /** Routes what the broker pushes to the consumers of this connection. */
    private final class Events implements BrokerEvents {
        @Override
        public void onDelivery(int subscriptionId, int partition, List<DeliveredRecord> records, boolean fromBatches) {
            LogJmsMessageConsumer consumer = consumers.get(subscriptionId);
            if (consumer == null) {
                LOG.debug("ignoring {} records for unknown subscription {}", records.size(), subscriptionId);
                return;
            }
            consumer.onDelivery(partition, records, fromBatches);
        }

        @Override
        public void onSubscriptionClosed(SubscriptionClosedNotice notice) {
            LogJmsMessageConsumer consumer = consumers.get(notice.subscriptionId());
            if (consumer == null) {
                return;
            }
            JMSException reason = ExceptionTranslator.toJms("keep consuming from " + consumer.destinationId(),
                    new ProtocolErrorException(notice.error(), notice.message()));
            consumer.onClosedByBroker(reason);
            reportException(reason);
        }

        @Override
        public void onConnectionInterrupted(Throwable cause) {
            // what the consumers hold ahead comes again after the reconnect; handing it out meanwhile
            // would deliver it twice
            consumers.values().forEach(c -> c.buffer().drain());
            LOG.warn("the connection to the logjms broker was lost ({}); reconnecting",
                    cause == null ? "closed" : cause.getMessage());
        }

        @Override
        public void onReconnected() {
            for (LogJmsSession session : sessions) {
                session.onReconnected();
            }
        }

        /** Closes the consumers on the lost destinations before the application hears of the loss. */
        @Override
        public void onTemporaryDestinationsLost(List<DestinationId> lost) {
            List<String> names = new java.util.ArrayList<>();
            for (DestinationId id : lost) {
                temporaryDestinations.forget(id);
                partitionCounts.forget(id);
                names.add(id.name());
            }
            for (LogJmsMessageConsumer consumer : consumers.values()) {
                if (lost.contains(consumer.destinationId())) {
                    consumer.onClosedByBroker(ExceptionTranslator.toJms("keep consuming from " + consumer.destinationId(),
                            new ProtocolErrorException(ErrorCode.UNKNOWN_DESTINATION, "temporary destination "
                                    + consumer.destinationId().name() + " ended with the lost connection to the broker")));
                }
            }
            reportException(new JMSException("the connection to the logjms broker was lost and re-established; the"
                    + " temporary destinations " + names + " ended with the lost connection (the broker deleted"
                    + " them with their messages) and their consumers were closed; create new ones",
                    ExceptionTranslator.CONNECTION_LOST));
        }

        @Override
        public Map<Integer, Long> resumePositions(int subscriptionId) {
            LogJmsMessageConsumer consumer = consumers.get(subscriptionId);
            return consumer == null ? null : consumer.prepareResume();
        }

        @Override
        public void onSubscriptionRestored(int subscriptionId, Map<Integer, Long> positions) {
            LogJmsMessageConsumer consumer = consumers.get(subscriptionId);
            if (consumer != null) {
                consumer.subscribed(positions);
            }
        }

        @Override
        public void onConnectionRestored() {
            LOG.info("reconnected to the logjms broker");
        }

        @Override
        public Map<Integer, Long> onPartitionsMoving(int subscriptionId, java.util.Set<Integer> partitions) {
            LogJmsMessageConsumer consumer = consumers.get(subscriptionId);
            return consumer == null ? null : consumer.partitionsMoving(partitions);
        }

        @Override
        public void onPartitionsMoved(int subscriptionId, Map<Integer, Long> positions) {
            LogJmsMessageConsumer consumer = consumers.get(subscriptionId);
            if (consumer != null) {
                consumer.partitionsMoved(positions);
            }
        }

        @Override
        public void onConnectionLost(Throwable cause) {
            if (closing || closed) {
                return;
            }
            JMSException lost = ExceptionTranslator.withCause(new JMSException("the connection to the logjms broker"
                    + " was lost" + (cause != null ? ": " + cause.getMessage() : ""),
                    ExceptionTranslator.CONNECTION_LOST), cause);
            failure = lost;
            consumers.values().forEach(LogJmsMessageConsumer::wakeUp);
            if (lossReported.compareAndSet(false, true)) {
                reportException(lost);
            }
        }
    }
}
