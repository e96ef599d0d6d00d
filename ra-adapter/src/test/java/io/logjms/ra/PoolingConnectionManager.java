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
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The container's connection pool for tests outside a server, following the JCA contract the way
 * IronJacamar does: a closed handle gives its managed connection back (after {@code cleanup}, and only
 * once the local transaction it is enlisted in has ended), a connection error destroys and evicts it, and
 * allocation first asks the factory to match an idle connection. {@link #begin()} starts a container
 * transaction: connections allocated until {@link #commit()} or {@link #rollback()} are enlisted through
 * their {@code LocalTransaction}, and a connection asked for again in the transaction is the one already
 * enlisted. {@link #beginXa()} does the same with XA: each connection's {@code XAResource} gets a branch
 * ({@code start}), which {@link #commit()} ends, prepares and commits in two phases and {@link #rollback()}
 * ends and rolls back, as a transaction manager with a second resource would.
 */
final class PoolingConnectionManager implements ConnectionManager, ConnectionEventListener {
    private static final long serialVersionUID = 1L;

    private final Set<ManagedConnection> idle = new HashSet<>();
    private final List<ManagedConnection> all = new CopyOnWriteArrayList<>();
    private final List<ManagedConnection> enlisted = new ArrayList<>();
    private final List<ManagedConnection> closedWhileEnlisted = new ArrayList<>();
    final List<ConnectionEvent> errors = new CopyOnWriteArrayList<>();
    private final List<Xid> branches = new ArrayList<>();
    private boolean inTransaction;
    private boolean xa;

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
            if (xa) {
                Xid branch = TestXid.next(enlisted.size() + 1);
                try {
                    connection.getXAResource().start(branch, XAResource.TMNOFLAGS);
                } catch (XAException e) {
                    throw new ResourceException("test transaction manager: start failed: " + e, e);
                }
                branches.add(branch);
            } else {
                connection.getLocalTransaction().begin();
            }
            enlisted.add(connection);
        }
        return connection.getConnection(null, request);
    }

    synchronized void begin() {
        inTransaction = true;
        xa = false;
    }

    synchronized void beginXa() {
        inTransaction = true;
        xa = true;
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
            if (xa) {
                endXa(commit);
                return;
            }
            for (ManagedConnection connection : enlisted) {
                if (commit) {
                    connection.getLocalTransaction().commit();
                } else {
                    connection.getLocalTransaction().rollback();
                }
            }
        } finally {
            enlisted.clear();
            branches.clear();
            for (ManagedConnection connection : closedWhileEnlisted) {
                giveBack(connection);
            }
            closedWhileEnlisted.clear();
        }
    }

    private void endXa(boolean commit) throws ResourceException {
        try {
            for (int i = 0; i < enlisted.size(); i++) {
                enlisted.get(i).getXAResource().end(branches.get(i), XAResource.TMSUCCESS);
            }
            for (int i = 0; i < enlisted.size(); i++) {
                XAResource resource = enlisted.get(i).getXAResource();
                if (!commit) {
                    resource.rollback(branches.get(i));
                } else if (resource.prepare(branches.get(i)) == XAResource.XA_OK) {
                    resource.commit(branches.get(i), false);
                }
            }
        } catch (XAException e) {
            throw new ResourceException("test transaction manager: ending the transaction failed: " + e, e);
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
