package io.logjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * What applications look up: every {@code createConnection} asks the container for a pooled
 * {@link LogJmsManagedConnection} and returns a {@link ConnectionHandle} on it.
 */
public class PooledConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Referenceable, Serializable {
    private static final long serialVersionUID = 1L;

    private final LogJmsManagedConnectionFactory mcf;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    PooledConnectionFactory(LogJmsManagedConnectionFactory mcf, ConnectionManager connectionManager) {
        this.mcf = mcf;
        this.connectionManager = connectionManager;
    }

    /** The connection definition behind this factory (inbound uses its URL and credentials). */
    LogJmsManagedConnectionFactory managedConnectionFactory() {
        return mcf;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(Credentials.NONE);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(Credentials.NONE);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(Credentials.NONE);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return context(Credentials.NONE, sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new Credentials(userName, password), sessionMode);
    }

    private JMSContext context(Credentials credentials, int sessionMode) {
        try {
            ConnectionHandle connection = allocate(credentials);
            try {
                return new ContextHandle(connection, connection.createSession(sessionMode));
            } catch (JMSException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (JMSException e) {
            JMSRuntimeException runtime = new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            throw runtime;
        }
    }

    private ConnectionHandle allocate(Credentials credentials) throws JMSException {
        try {
            return (ConnectionHandle) connectionManager.allocateConnection(mcf, credentials);
        } catch (ResourceException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException jms) {
                throw jms;
            }
            JMSException jms = new JMSException("could not get a logjms connection from the pool: " + e.getMessage());
            jms.setLinkedException(e);
            jms.initCause(e);
            throw jms;
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "logjms pooled connection factory " + mcf;
    }
}
