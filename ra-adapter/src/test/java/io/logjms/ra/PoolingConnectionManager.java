package io.logjms.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The container's connection pool for tests outside a server, following the JCA contract the way
 * IronJacamar does: a closed handle gives its managed connection back (after {@code cleanup}, and only
 * once the local transaction it is enlisted in has ended), a connection error destroys and evicts it, and
 * allocation first asks the factory to match an idle connection. {@link #begin()} starts a container
 * transaction: connections allocated until {@link #commit()} or {@link #rollback()} are enlisted through
 * their {@code LocalTransaction}, and a connection asked for again in the transaction is the one already
 * enlisted.
 */
final class PoolingConnectionManager implements ConnectionManager, ConnectionEventListener {
    private static final long serialVersionUID = 1L;

    private final Set<ManagedConnection> idle = new HashSet<>();
    private final List<ManagedConnection> all = new CopyOnWriteArrayList<>();
    private final List<ManagedConnection> enlisted = new ArrayList<>();
    private final List<ManagedConnection> closedWhileEnlisted = new ArrayList<>();
    final List<ConnectionEvent> errors = new CopyOnWriteArrayList<>();
    private boolean inTransaction;

    @Override
    public synchronized Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo request)
            throws ResourceException {
        if (inTransaction) {
            // like a server tracking connections by transaction: the transaction's connection again
            ManagedConnection shared = mcf.matchManagedConnections(new HashSet<>(enlisted), null, request);
            if (shared != null) {
                closedWhileEnlisted.remove(shared);
                return shared.getConnection(null, request);
            }
        }
        ManagedConnection connection = mcf.matchManagedConnections(new HashSet<>(idle), null, request);
        if (connection != null) {
            idle.remove(connection);
        } else {
            connection = mcf.createManagedConnection(null, request);
            connection.addConnectionEventListener(this);
            all.add(connection);
        }
        if (inTransaction && !enlisted.contains(connection)) {
            connection.getLocalTransaction().begin();
            enlisted.add(connection);
        }
        return connection.getConnection(null, request);
    }

    synchronized void begin() {
        inTransaction = true;
    }

    synchronized void commit() throws ResourceException {
        end(true);
    }

    synchronized void rollback() throws ResourceException {
        end(false);
    }

    private void end(boolean commit) throws ResourceException {
        inTransaction = false;
        try {
            for (ManagedConnection connection : enlisted) {
                if (commit) {
                    connection.getLocalTransaction().commit();
                } else {
                    connection.getLocalTransaction().rollback();
                }
            }
        } finally {
            enlisted.clear();
            for (ManagedConnection connection : closedWhileEnlisted) {
                giveBack(connection);
            }
            closedWhileEnlisted.clear();
        }
    }

    /** Managed connections made so far (pooled, in use or evicted). */
    int created() {
        return all.size();
    }

    synchronized int idleCount() {
        return idle.size();
    }

    @Override
    public synchronized void connectionClosed(ConnectionEvent event) {
        ManagedConnection connection = (ManagedConnection) event.getSource();
        if (enlisted.contains(connection)) {
            if (!closedWhileEnlisted.contains(connection)) {
                closedWhileEnlisted.add(connection);
            }
        } else {
            giveBack(connection);
        }
    }

    private void giveBack(ManagedConnection connection) {
        try {
            connection.cleanup();
            idle.add(connection);
        } catch (ResourceException e) {
            destroy(connection);
        }
    }

    @Override
    public synchronized void connectionErrorOccurred(ConnectionEvent event) {
        errors.add(event);
        ManagedConnection connection = (ManagedConnection) event.getSource();
        idle.remove(connection);
        destroy(connection);
    }

    private void destroy(ManagedConnection connection) {
        try {
            connection.destroy();
        } catch (ResourceException e) {
            // evicted either way
        }
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
    }

    /** Destroys every managed connection (the end of a test). */
    synchronized void close() {
        for (ManagedConnection connection : all) {
            destroy(connection);
        }
        idle.clear();
    }
}
