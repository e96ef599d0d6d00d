package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.NotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The XA connections behind {@link LogJmsResourceAdapter#getXAResources}: one per broker URL and
 * credentials, each with one XA session whose resource the container's recovery scans
 * ({@code recover}, then {@code commit} or {@code rollback} of the branches it lists; any resource of a
 * broker sees every prepared branch of that broker). The container may use a resource long after
 * {@code getXAResources} returned, so the connections stay open, and are reused by the next call, until
 * the adapter stops; one the provider gave up on is replaced on the next call.
 */
final class RecoveryConnections {
    private static final Logger LOG = Logger.getLogger(RecoveryConnections.class.getName());

    private final Map<String, Held> held = new LinkedHashMap<>();
    private boolean closed;

    private static final class Held {
        final XAConnection connection;
        final XAResource resource;
        volatile boolean lost;

        Held(XAConnection connection, XAResource resource) {
            this.connection = connection;
            this.resource = resource;
        }
    }

    /** The recovery resource of the broker and credentials of {@code settings}, opened if needed. */
    synchronized XAResource resourceFor(ConnectionSettings settings) throws JMSException, NotSupportedException {
        if (closed) {
            throw new jakarta.jms.IllegalStateException("the logjms resource adapter is stopped");
        }
        String key = settings.recoveryKey();
        Held current = held.get(key);
        if (current != null && !current.lost) {
            return current.resource;
        }
        if (current != null) {
            held.remove(key);
            closeQuietly(current.connection);
        }
        XAConnection connection = (XAConnection) settings.openForRecovery();
        try {
            Held opened = new Held(connection, connection.createXASession().getXAResource());
            connection.setExceptionListener(e -> {
                if (ProviderConnections.isFatal(e)) {
                    opened.lost = true;
                }
            });
            held.put(key, opened);
            return opened.resource;
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** How many recovery connections are open (for tests). */
    synchronized int size() {
        return held.size();
    }

    synchronized void close() {
        closed = true;
        List<Held> all = new ArrayList<>(held.values());
        held.clear();
        for (Held h : all) {
            closeQuietly(h.connection);
        }
    }

    private static void closeQuietly(XAConnection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(Level.FINE, "closing a logjms recovery connection failed", e);
        }
    }
}
