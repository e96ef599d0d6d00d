package io.logjms.ra;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The {@code Connection} an application gets from a {@link PooledConnectionFactory}: a handle on a pooled
 * {@link LogJmsManagedConnection}. {@code close()} closes its session and gives the connection back to the
 * container; the Jakarta EE restrictions (one session, no {@code setExceptionListener}, {@code stop},
 * {@code setClientID} or connection consumers) throw {@code IllegalStateException}.
 */
final class ConnectionHandle implements QueueConnection, TopicConnection {
    private volatile LogJmsManagedConnection managed;
    private volatile boolean closed;
    private SessionHandle session;

    ConnectionHandle(LogJmsManagedConnection managed) {
        this.managed = managed;
    }

    /** The container moved this handle to another managed connection (connection sharing). */
    void reassign(LogJmsManagedConnection target) {
        LogJmsManagedConnection previous = managed;
        if (previous != null && previous != target) {
            previous.detach(this);
        }
        managed = target;
    }

    /** The container cleaned the managed connection up: this handle is closed without giving anything back. */
    synchronized void invalidate() {
        closeSession();
        closed = true;
    }

    private LogJmsManagedConnection managed() throws IllegalStateException {
        LogJmsManagedConnection current = managed;
        if (closed || current == null) {
            throw new IllegalStateException("this connection is closed");
        }
        return current;
    }

    @Override
    public synchronized Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public synchronized Session createSession(int sessionMode) throws JMSException {
        LogJmsManagedConnection current = managed();
        if (session != null && !session.isClosed()) {
            throw EeRestrictions.secondSession();
        }
        session = current.openSession(this, sessionMode);
        return session;
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public String getClientID() throws JMSException {
        return managed().physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        managed();
        throw EeRestrictions.forbidden("Connection.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return managed().physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        managed();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        managed();
        throw EeRestrictions.forbidden("Connection.setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        managed().physical().start();
    }

    @Override
    public void stop() throws JMSException {
        managed();
        throw EeRestrictions.forbidden("Connection.stop");
    }

    @Override
    public synchronized void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeSession();
        } finally {
            LogJmsManagedConnection current = managed;
            if (current != null) {
                current.handleClosed(this);
            }
        }
    }

    private void closeSession() {
        if (session != null) {
            session.closeQuietly();
            session = null;
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("Connection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("QueueConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("TopicConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("Connection.createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("Connection.createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw EeRestrictions.forbidden("Connection.createSharedDurableConnectionConsumer");
    }
}
