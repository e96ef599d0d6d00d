package io.logjms.provider;

import static io.logjms.provider.ExceptionTranslator.unchecked;
import static io.logjms.provider.ExceptionTranslator.uncheckedRun;

import io.logjms.provider.message.LogJmsBytesMessage;
import io.logjms.provider.message.LogJmsMapMessage;
import io.logjms.provider.message.LogJmsMessage;
import io.logjms.provider.message.LogJmsObjectMessage;
import io.logjms.provider.message.LogJmsStreamMessage;
import io.logjms.provider.message.LogJmsTextMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
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
 * A JMSContext: a connection (shared with the contexts made from this one by {@link #createContext})
 * and one session, created when first needed. JMS exceptions surface as their unchecked counterparts.
 * The connection closes when its last context closes. Like a session, not for concurrent use, except
 * {@link #close()}.
 */
public class LogJmsContext implements JMSContext {
    private final SharedConnection shared;
    private final int sessionMode;
    private final Object sessionLock = new Object();
    private volatile LogJmsSession session;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    private LogJmsContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    /** A context owning {@code connection} (the XA context). */
    LogJmsContext(LogJmsConnection connection, int sessionMode) {
        this(new SharedConnection(connection), sessionMode);
    }

    /** Creates the context's session, on first use. */
    LogJmsSession newSession(LogJmsConnection connection, int mode) throws JMSException {
        return connection.createSession(mode, SessionDomain.UNIFIED);
    }

    /** A context owning a new connection; on an invalid session mode the connection is closed again. */
    static LogJmsContext create(LogJmsConnection connection, int sessionMode) throws JMSException {
        try {
            checkSessionMode(sessionMode);
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        return new LogJmsContext(new SharedConnection(connection), sessionMode);
    }

    private static void checkSessionMode(int sessionMode) throws JMSException {
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid session mode " + sessionMode + ": use SESSION_TRANSACTED (0),"
                    + " AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
    }

    @Override
    public JMSContext createContext(int newSessionMode) {
        checkOpen();
        uncheckedRun(() -> checkSessionMode(newSessionMode));
        shared.connection.markUsed();
        return new LogJmsContext(shared.retain(), newSessionMode);
    }

    // ---- connection ----

    @Override
    public String getClientID() {
        checkOpen();
        return unchecked(shared.connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        uncheckedRun(() -> shared.connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return unchecked(shared.connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return unchecked(shared.connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        uncheckedRun(() -> shared.connection.setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        uncheckedRun(shared.connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        if (shared.connection.isSessionListenerThread()) {
            throw new IllegalStateRuntimeException("a MessageListener must not stop its own JMSContext, nor another"
                    + " JMSContext on the same connection: stop waits for the running listeners to return");
        }
        uncheckedRun(shared.connection::stop);
    }

    @Override
    public void setAutoStart(boolean value) {
        checkOpen();
        autoStart = value;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (shared.connection.isSessionCallbackThread()) {
            throw new IllegalStateRuntimeException("a MessageListener or CompletionListener must not close its own"
                    + " JMSContext");
        }
        uncheckedRun(() -> {
            synchronized (sessionLock) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (session != null) {
                        session.close();
                    }
                } finally {
                    shared.release();
                }
            }
        });
    }

    // ---- messages: they need no session ----

    @Override
    public BytesMessage createBytesMessage() {
        checkOpen();
        return new LogJmsBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() {
        checkOpen();
        return new LogJmsMapMessage();
    }

    @Override
    public Message createMessage() {
        checkOpen();
        return new LogJmsMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() {
        checkOpen();
        LogJmsObjectMessage message = new LogJmsObjectMessage();
        message.setAllowList(shared.connection.options().objectMessageAllowList());
        return message;
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        ObjectMessage message = createObjectMessage();
        uncheckedRun(() -> message.setObject(object));
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() {
        checkOpen();
        return new LogJmsStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() {
        checkOpen();
        return new LogJmsTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) {
        checkOpen();
        return new LogJmsTextMessage(text);
    }

    // ---- session ----

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        return sessionMode;
    }

    @Override
    public void commit() {
        uncheckedRun(() -> session().commit());
    }

    @Override
    public void rollback() {
        uncheckedRun(() -> session().rollback());
    }

    @Override
    public void recover() {
        uncheckedRun(() -> session().recover());
    }

    @Override
    public void acknowledge() {
        uncheckedRun(() -> session().acknowledgeAll());
    }

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return new LogJmsContextProducer(this);
    }

    /** Sends for a JMSProducer of this context. */
    void send(Destination destination, Message message, MessageStamper.SendParameters parameters,
              CompletionListener completionListener) {
        uncheckedRun(() -> session().send(destination, message, parameters, completionListener));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    private JMSConsumer consumer(ExceptionTranslator.JmsAction<jakarta.jms.MessageConsumer> create) {
        return unchecked(() -> {
            LogJmsMessageConsumer consumer = (LogJmsMessageConsumer) create.run();
            if (autoStart) {
                shared.connection.start();
            }
            return new LogJmsContextConsumer(consumer);
        });
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    /** The context's session, created on first use. */
    LogJmsSession session() throws JMSException {
        checkOpen();
        LogJmsSession current = session;
        if (current != null) {
            return current;
        }
        synchronized (sessionLock) {
            checkOpen();
            if (session == null) {
                session = newSession(shared.connection, sessionMode);
            }
            return session;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** A connection and how many open contexts use it. */
    private static final class SharedConnection {
        final LogJmsConnection connection;
        private int users = 1;

        SharedConnection(LogJmsConnection connection) {
            this.connection = connection;
        }

        synchronized SharedConnection retain() {
            if (users == 0) {
                throw new JMSRuntimeException("the connection of this JMSContext is already closed");
            }
            users++;
            return this;
        }

        void release() throws JMSException {
            boolean last;
            synchronized (this) {
                users--;
                last = users == 0;
            }
            if (last) {
                connection.close();
            }
        }
    }
}
