package io.logjms.provider;

import io.logjms.provider.config.ConnectionOptions;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

/**
 * Creates XA connections to logjms brokers, for transaction managers and application servers. It is a
 * {@link LogJmsConnectionFactory} (the same constructors, URL, options, setters, JNDI binding) that also
 * makes {@link LogJmsXAConnection}s and {@link LogJmsXAContext}s, whose sessions take part in XA
 * transactions through their {@code XAResource} (see docs/XA.md). Thread-safe for creating connections;
 * configure it before sharing.
 */
public class LogJmsXAConnectionFactory extends LogJmsConnectionFactory
        implements XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory {
    private static final long serialVersionUID = 1L;

    /** A factory for {@value ConnectionOptions#DEFAULT_URL}. */
    public LogJmsXAConnectionFactory() {
        super();
    }

    /** A factory for the given logjms URL. */
    public LogJmsXAConnectionFactory(String brokerUrl) {
        super(brokerUrl);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return connectXa(options());
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return connectXa(options().withCredentials(userName, password));
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        LogJmsXAConnection connection = connectXa(options());
        connection.pointToPointOnly();
        return connection;
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        LogJmsXAConnection connection = connectXa(options().withCredentials(userName, password));
        connection.pointToPointOnly();
        return connection;
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return connectXa(options());
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return connectXa(options().withCredentials(userName, password));
    }

    @Override
    public XAJMSContext createXAContext() {
        return ExceptionTranslator.unchecked(() -> new LogJmsXAContext(connectXa(options())));
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return ExceptionTranslator.unchecked(() ->
                new LogJmsXAContext(connectXa(options().withCredentials(userName, password))));
    }

    @Override
    String referenceClassName() {
        return LogJmsXAConnectionFactory.class.getName();
    }

    private LogJmsXAConnection connectXa(ConnectionOptions options) throws JMSException {
        return new LogJmsXAConnection(options, connector());
    }
}
