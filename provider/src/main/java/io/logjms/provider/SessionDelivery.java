package io.logjms.provider;

import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.delivery.Delivery;
import io.logjms.provider.message.LogJmsMessage;
import io.logjms.provider.util.ClientThreads;
import io.logjms.provider.util.SerialExecutor;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.StreamMessage;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one session hands records to the application: a synchronous receive takes from the consumer's
 * buffer on the caller's thread; MessageListeners run one at a time on the session's listener thread.
 * Each record handed out is reported to the session's {@link TransactionContext}, or, when that does
 * not take it, to its {@link SessionAcknowledgements}; the consumer grants credit back as its buffer
 * empties. It also owns the delivery lock, held while a MessageListener runs, so that stopping,
 * closing and seeking can wait until no listener runs ({@link #exclusive}).
 *
 * <p>Thread-safe: receives come from the session's thread, listener deliveries from its listener
 * executor, and {@link #exclusive} from any thread.
 */
final class SessionDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDelivery.class);

    private final LogJmsSession session;
    private final LogJmsConnection connection;
    private final SessionAcknowledgements acks;
    private final TransactionContext transaction;
    private final SerialExecutor listenerExecutor = new SerialExecutor(ClientThreads.pool());
    /** Held while a MessageListener runs, so stop and close can wait for it. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private volatile Thread listenerThread;
    /** The record a MessageListener is processing right now, or null. */
    private volatile Delivery inListener;
    private volatile boolean recoveredInListener;
    /** The record the running MessageListener processes joined an XA branch started in the listener. */
    private volatile boolean adoptedInListener;

    SessionDelivery(LogJmsSession session, SessionAcknowledgements acks, TransactionContext transaction) {
        this.session = session;
        this.connection = session.connection();
        this.acks = acks;
        this.transaction = transaction;
    }

    // ---- synchronous receive ----

    /** A synchronous receive: the next message, or null at the deadline or when closed. */
    Message receive(LogJmsMessageConsumer consumer, long deadlineNanos) throws JMSException {
        while (true) {
            Delivery delivery = take(consumer, deadlineNanos);
            if (delivery == null) {
                return null;
            }
            LogJmsMessage message = toMessage(consumer, delivery);
            if (message != null) {
                if (!handOut(consumer, delivery)) {
                    acks.processed(consumer.subscriptionId(), delivery.ref());
                }
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
            if (!handOut(consumer, delivery)) {
                acks.processed(consumer.subscriptionId(), delivery.ref());
            }
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
                    () -> consumer.isClosed() || session.isClosed() || connection.isDown());
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
            if (acks.isClientAcknowledge()) {
                message.setAcknowledger(session::acknowledgeAll);
            }
            return message;
        } catch (JMSException e) {
            LOG.warn("skipping the record at partition {}, offset {} of {}: it cannot be decoded ({})",
                    delivery.partition(), delivery.record().offset(), consumer.destinationId(), e.getMessage());
            if (!handOut(consumer, delivery)) {
                acks.processed(consumer.subscriptionId(), delivery.ref());
            }
            return null;
        }
    }

    /**
     * The record leaves the consumer for the application: the transaction or the acknowledgements keep it.
     * Returns true when the transaction took it (the acknowledgement mode then does not apply to it: an XA
     * session's mode is AUTO_ACKNOWLEDGE outside a transaction).
     */
    private boolean handOut(LogJmsMessageConsumer consumer, Delivery delivery) {
        consumer.handedOut(delivery);
        if (transaction.collectConsumed(consumer.subscriptionId(), delivery.ref())) {
            return true;
        }
        acks.delivered(consumer.subscriptionId(), delivery.ref());
        return false;
    }

    // ---- MessageListeners ----

    /** Queues one listener delivery per record that arrived (tasks finding nothing to do are harmless). */
    void scheduleListenerDeliveries(LogJmsMessageConsumer consumer, int count) {
        if (!connection.isStarted() || session.isClosed()) {
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
            if (session.isClosed() || consumer.isClosed() || listener == null || !connection.isStarted()) {
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
            boolean inTransaction = handOut(consumer, delivery);
            runListener(consumer, listener, delivery, message, inTransaction);
            session.consumers().finishClosing();
        } catch (JMSException e) {
            LOG.warn("could not finish closing a consumer after a delivery: {}", e.getMessage());
        } finally {
            deliveryLock.unlock();
        }
    }

    private void runListener(LogJmsMessageConsumer consumer, MessageListener listener, Delivery delivery,
                             LogJmsMessage message, boolean inTransaction) {
        listenerThread = Thread.currentThread();
        inListener = delivery;
        recoveredInListener = false;
        adoptedInListener = false;
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
        if (recoveredInListener || inTransaction || adoptedInListener) {
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
     * For recover() called from a MessageListener of an AUTO or DUPS_OK session: the record that
     * listener is processing, as a release, and it is then not acknowledged when the listener returns.
     * Null when not called so.
     */
    ReleaseRequest recoverInListener() {
        Delivery current = inListener;
        if (current != null && acks.isAutomatic() && isListenerThread()) {
            recoveredInListener = true;
            return new ReleaseRequest(current.subscriptionId(), true, List.of(current.ref()));
        }
        return null;
    }

    /**
     * For an XA branch started from a MessageListener (an application server's {@code beforeDelivery} runs
     * inside {@code onMessage}): the record that listener processes, handed out before the branch existed,
     * joins the branch instead of being acknowledged when the listener returns. Returns whether it did.
     */
    boolean adoptListenerDelivery() {
        Delivery current = inListener;
        if (current == null || adoptedInListener || !isListenerThread()) {
            return false;
        }
        adoptedInListener = transaction.collectConsumed(current.subscriptionId(), current.ref());
        return adoptedInListener;
    }

    /** Whether a MessageListener is processing a record of the subscription right now. */
    boolean isInListener(int subscriptionId) {
        Delivery current = inListener;
        return current != null && current.subscriptionId() == subscriptionId;
    }

    boolean isListenerThread() {
        return listenerThread == Thread.currentThread();
    }

    /**
     * Runs {@code action} while no MessageListener of the session runs: it waits for a running one to
     * return, and runs at once when called from a MessageListener itself (the lock is reentrant).
     */
    void exclusive(ExceptionTranslator.JmsRunnable action) throws JMSException {
        deliveryLock.lock();
        try {
            action.run();
        } finally {
            deliveryLock.unlock();
        }
    }

    /** No listener delivery starts from now on (the session closes). */
    void stopListeners() {
        listenerExecutor.shutdown();
    }
}
