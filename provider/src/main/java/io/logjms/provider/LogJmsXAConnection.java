package io.logjms.provider;

import io.logjms.provider.client.BrokerConnector;
import io.logjms.provider.config.ConnectionOptions;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/**
 * A connection that also makes XA sessions ({@link LogJmsXASession}); its other sessions are the ordinary
 * ones. Also the XA queue and topic connections. Thread-safe, as any connection.
 */
public final class LogJmsXAConnection extends LogJmsConnection
        implements XAConnection, XAQueueConnection, XATopicConnection {

    LogJmsXAConnection(ConnectionOptions options, BrokerConnector connector) throws JMSException {
        super(options, connector);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createXaSession(SessionDomain.UNIFIED);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXaSession(SessionDomain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXaSession(SessionDomain.TOPIC);
    }

    LogJmsXASession createXaSession(SessionDomain domain) throws JMSException {
        checkUsable();
        return register(new LogJmsXASession(this, domain));
    }
}
