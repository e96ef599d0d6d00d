package io.logjms.provider;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A producer: default send parameters, and the destination it sends to (null for an anonymous
 * producer, which names the destination on each send). Sending goes through its session. Also the
 * legacy {@link QueueSender} and {@link TopicPublisher}. Like its session, not for concurrent use.
 */
public class LogJmsMessageProducer implements MessageProducer, QueueSender, TopicPublisher {
    private final LogJmsSession session;
    private final Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    LogJmsMessageProducer(LogJmsSession session, Destination destination) {
        this.session = session;
        this.destination = destination;
    }

    // ---- settings ----

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        checkDeliveryMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int newPriority) throws JMSException {
        checkOpen();
        checkPriority(newPriority);
        priority = newPriority;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    // ---- send to the producer's destination ----

    @Override
    public void send(Message message) throws JMSException {
        sendToOwn(message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, int mode, int newPriority, long ttl) throws JMSException {
        sendToOwn(message, mode, newPriority, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        sendToOwn(message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Message message, int mode, int newPriority, long ttl, CompletionListener completionListener)
            throws JMSException {
        sendToOwn(message, mode, newPriority, ttl, requireListener(completionListener));
    }

    // ---- send to a destination named per send ----

    @Override
    public void send(Destination target, Message message) throws JMSException {
        sendTo(target, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination target, Message message, int mode, int newPriority, long ttl) throws JMSException {
        sendTo(target, message, mode, newPriority, ttl, null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener completionListener)
            throws JMSException {
        sendTo(target, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Destination target, Message message, int mode, int newPriority, long ttl,
                     CompletionListener completionListener) throws JMSException {
        sendTo(target, message, mode, newPriority, ttl, requireListener(completionListener));
    }

    // ---- legacy QueueSender and TopicPublisher ----

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int newPriority, long ttl) throws JMSException {
        send((Destination) queue, message, mode, newPriority, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int newPriority, long ttl) throws JMSException {
        send(message, mode, newPriority, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int newPriority, long ttl) throws JMSException {
        send(topic, message, mode, newPriority, ttl);
    }

    /** Sends to the producer's own destination; a null listener means a synchronous send. */
    private void sendToOwn(Message message, int mode, int newPriority, long ttl, CompletionListener completionListener)
            throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer was created without a destination: use a send"
                    + " method that names one");
        }
        doSend(destination, message, mode, newPriority, ttl, completionListener);
    }

    /** Sends to a destination named in the call (anonymous producers only); a null listener means synchronous. */
    private void sendTo(Destination target, Message message, int mode, int newPriority, long ttl,
                        CompletionListener completionListener) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                    + "; a destination can be named per send only on a producer created without one");
        }
        if (target == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        doSend(target, message, mode, newPriority, ttl, completionListener);
    }

    /** Sends with explicit parameters, after checking them. */
    private void doSend(Destination target, Message message, int mode, int newPriority, long ttl,
                CompletionListener completionListener) throws JMSException {
        checkDeliveryMode(mode);
        checkPriority(newPriority);
        session.send(target, message, new MessageStamper.SendParameters(mode, newPriority, ttl, deliveryDelay,
                disableMessageId, disableTimestamp), completionListener);
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.checkNotInCompletionListener("close on a producer");
        session.awaitCompletions();
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.checkOpen();
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener of an asynchronous send must not be null");
        }
        return listener;
    }

    private static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), was "
                    + mode);
        }
    }

    private static void checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority must be between 0 and 9, was " + value);
        }
    }
}
