package io.logjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one physical connection of an {@link EndpointActivation}, shared by its sessions. The provider
 * reconnects by itself while its {@code reconnectTimeout} lasts; when it gives up (error code
 * {@code CONNECTION_LOST}) the connection is marked lost, and the next session asked for opens a new one,
 * so an endpoint survives a broker outage of any length without a redeploy.
 */
final class InboundConnection {
    private static final Logger LOG = Logger.getLogger(InboundConnection.class.getName());

    private final ConnectionSettings settings;
    private Connection connection;
    private volatile boolean lost;
    private boolean closed;

    InboundConnection(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** A new transacted session, on a new connection if there is none or it was lost. */
    synchronized Session transactedSession() throws JMSException, NotSupportedException {
        return current().createSession(true, Session.SESSION_TRANSACTED);
    }

    /** A new XA session, on a new connection if there is none or it was lost. */
    synchronized XASession xaSession() throws JMSException, NotSupportedException {
        return ((XAConnection) current()).createXASession();
    }

    private Connection current() throws JMSException, NotSupportedException {
        if (closed) {
            throw new jakarta.jms.IllegalStateException("the endpoint is being deactivated");
        }
        if (connection != null && lost) {
            closeQuietly(connection);
            connection = null;
        }
        if (connection == null) {
            Connection opened = settings.open(XaSupport.enabled());
            lost = false;
            opened.setExceptionListener(e -> {
                if (ProviderConnections.isFatal(e)) {
                    LOG.log(Level.WARNING, "logjms connection of an endpoint lost: " + e.getMessage()
                            + "; the endpoint connects again");
                    lost = true;
                }
            });
            opened.start();
            connection = opened;
        }
        return connection;
    }

    /** Whether the provider gave the connection up: sessions on it are to be opened again. */
    boolean isLost() {
        return lost;
    }

    /** A session failed: if its connection is lost, open a new one next time. */
    void sessionFailed(JMSException cause) {
        if (ProviderConnections.isFatal(cause)) {
            lost = true;
        }
    }

    synchronized void close() {
        closed = true;
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(Level.FINE, "closing a lost logjms connection failed", e);
        }
    }
}
