package io.logjms.benchmarks.sidebyside;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Enumeration;
import java.util.concurrent.locks.LockSupport;

/**
 * The workload primitives on any JMS provider, using only the {@code jakarta.jms} API. Each publisher
 * and subscriber has its own connection; durable subscriptions use the client id
 * {@code bench-<subscription>}.
 */
public final class JmsClient implements MessagingClient {
    private final JmsProvider provider;

    public JmsClient(JmsProvider provider) {
        this.provider = provider;
    }

    @Override
    public void createTopic(String topic) {
        // JMS has no administrative call for this; both providers create topics on first use.
    }

    @Override
    public void createSubscription(String topic, String subscription) throws JMSException {
        try (Connection connection = connectionFor(subscription)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic(topic), subscription).close();
        }
    }

    @Override
    public void removeSubscription(String topic, String subscription) throws JMSException {
        try (Connection connection = connectionFor(subscription)) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(subscription);
        }
    }

    @Override
    public Publisher openPublisher(String topic, boolean asyncCapable) throws JMSException {
        Connection connection = (asyncCapable ? provider.asyncFactory() : provider.syncFactory()).createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new JmsPublisher(connection, session, session.createTopic(topic));
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public Subscriber openSubscriber(String topic, String subscription, AckMode ackMode) throws JMSException {
        return durableSubscriber(topic, subscription, ackMode);
    }

    @Override
    public Subscriber openFromEarliest(String topic, String subscription) throws Exception {
        JmsProvider.HistoryOpener history = provider.history().orElseThrow(() -> new UnsupportedWorkloadException(
                "a new JMS topic subscriber only sees messages published after it subscribed"));
        return history.open(this, topic, subscription);
    }

    /** A consumer on the durable subscription {@code subscription} of {@code topic}, started. */
    Subscriber durableSubscriber(String topic, String subscription, AckMode ackMode) throws JMSException {
        Connection connection = connectionFor(subscription);
        try {
            int mode = ackMode == AckMode.AUTO ? Session.AUTO_ACKNOWLEDGE : Session.DUPS_OK_ACKNOWLEDGE;
            Session session = connection.createSession(false, mode);
            MessageConsumer consumer = session.createDurableSubscriber(session.createTopic(topic), subscription);
            connection.start();
            return new JmsSubscriber(connection, consumer);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public boolean hasQueues() {
        return true;
    }

    @Override
    public Publisher openQueuePublisher(String queue) throws JMSException {
        Connection connection = provider.asyncFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new JmsPublisher(connection, session, session.createQueue(queue));
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public Subscriber openQueueBrowser(String queue) throws JMSException {
        Connection connection = provider.asyncFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            connection.start();
            return new JmsBrowser(connection, browser);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws ClientException {
        try {
            provider.closer().close();
        } catch (Exception e) {
            throw new ClientException("closing the connection factories failed", e);
        }
    }

    private static void closeConnection(Connection connection) throws ClientException {
        try {
            connection.close();
        } catch (JMSException e) {
            throw new ClientException("closing a JMS connection failed", e);
        }
    }

    /** The client id of the connections that own a durable subscription. */
    private static String clientIdFor(String subscription) {
        return "bench-" + subscription;
    }

    private Connection connectionFor(String subscription) throws JMSException {
        Connection connection = provider.asyncFactory().createConnection();
        try {
            connection.setClientID(clientIdFor(subscription));
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Persistent sends of {@link BytesMessage}s, one new message per send as the JMS spec requires for async sends. */
    private static final class JmsPublisher implements Publisher {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;
        private SendCallback lastCallback;
        private CompletionListener lastListener;

        JmsPublisher(Connection connection, Session session, Destination destination) throws JMSException {
            this.connection = connection;
            this.session = session;
            this.producer = session.createProducer(destination);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        @Override
        public void send(byte[] payload) throws JMSException {
            producer.send(message(payload));
        }

        @Override
        public void sendAsync(byte[] payload, SendCallback callback) throws JMSException {
            producer.send(message(payload), listenerFor(callback));
        }

        private BytesMessage message(byte[] payload) throws JMSException {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(payload);
            return message;
        }

        /** The workloads pass one callback for a whole series of sends: reuse its listener. */
        private CompletionListener listenerFor(SendCallback callback) {
            if (callback != lastCallback) {
                lastCallback = callback;
                lastListener = new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        callback.completed(null);
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        callback.completed(exception);
                    }
                };
            }
            return lastListener;
        }

        @Override
        public void close() throws ClientException {
            closeConnection(connection);
        }
    }

    private static final class JmsSubscriber implements Subscriber {
        private final Connection connection;
        private final MessageConsumer consumer;
        private Message last;

        JmsSubscriber(Connection connection, MessageConsumer consumer) {
            this.connection = connection;
            this.consumer = consumer;
        }

        @Override
        public boolean receive(Duration timeout) throws JMSException {
            last = consumer.receive(Math.max(1, timeout.toMillis()));
            return last != null;
        }

        @Override
        public long stampOfLast() throws JMSException {
            return ((BytesMessage) last).readLong();
        }

        @Override
        public void close() throws ClientException {
            closeConnection(connection);
        }
    }

    private static final class JmsBrowser implements Subscriber {
        private static final long BROWSE_RETRY_NANOS = 1_000_000;

        private final Connection connection;
        private final Enumeration<?> messages;
        private Message last;
        private boolean ended;

        JmsBrowser(Connection connection, QueueBrowser browser) throws JMSException {
            this.connection = connection;
            this.messages = browser.getEnumeration();
        }

        /**
         * The next browsed message. An enumeration may report no more elements while the broker is
         * still sending (Artemis's does under load), so "no more" counts as the end only once it
         * persists for {@code timeout}.
         */
        @Override
        public boolean receive(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!messages.hasMoreElements()) {
                if (System.nanoTime() - deadline > 0) {
                    ended = true;
                    return false;
                }
                LockSupport.parkNanos(BROWSE_RETRY_NANOS);
            }
            last = (Message) messages.nextElement();
            return true;
        }

        @Override
        public long stampOfLast() throws JMSException {
            return ((BytesMessage) last).readLong();
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() throws ClientException {
            closeConnection(connection);
        }
    }
}
