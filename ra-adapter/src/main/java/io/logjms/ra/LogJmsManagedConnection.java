package io.logjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled physical logjms connection and the sessions handed out on it.
 *
 * <p>Applications hold {@link ConnectionHandle}s; closing one tells the container (CONNECTION_CLOSED),
 * which returns this connection to its pool once the transaction it is enlisted in has ended and then
 * calls {@link #cleanup()}: the handles are invalidated and every session opened for them is closed,
 * with the producers and consumers the application left open. {@link #destroy()} closes the physical
 * connection. A connection the provider reports lost for good (reconnecting gave up) is announced with
 * CONNECTION_ERROR_OCCURRED, so that the container evicts it, and is never matched again.
 *
 * <p>Sessions: outside a transaction every session handle gets its own non-transacted session; inside a
 * container-managed local transaction ({@link ManagedLocalTransaction}) all handles share one transacted
 * session that the transaction commits or rolls back; in an XA transaction they share the {@code XASession}
 * whose resource {@link #getXAResource()} returned, while a branch is associated with it
 * ({@link EnlistmentTrackingXAResource}): its sends and receives are the branch's work, which the
 * container's transaction manager ends, prepares and commits or rolls back.
 *
 * <p>Thread-safety: the container uses a managed connection from one thread at a time; the provider's
 * exception listener calls {@link #connectionFailed} from its own thread, hence the volatile state.
 */
public class LogJmsManagedConnection implements ManagedConnection {
    private final LogJmsManagedConnectionFactory factory;
    private final Credentials credentials;
    private final Connection physical;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ConnectionHandle> handles = new CopyOnWriteArrayList<>();
    private final ManagedLocalTransaction localTransaction = new ManagedLocalTransaction(this);
    private volatile boolean broken;
    private volatile boolean destroyed;
    private PrintWriter logWriter;
    private Session transactedSession;
    private XASession xaSession;
    private EnlistmentTrackingXAResource xaResource;

    LogJmsManagedConnection(LogJmsManagedConnectionFactory factory, Credentials credentials) throws ResourceException {
        this.factory = factory;
        this.credentials = credentials;
        try {
            this.physical = ProviderConnections.open(factory.getConnectionUrl(), credentials, factory.getClientId(),
                    XaSupport.enabled());
            physical.setExceptionListener(e -> {
                if (ProviderConnections.isFatal(e)) {
                    connectionFailed(e);
                }
            });
        } catch (JMSException e) {
            throw new CommException("could not connect to logjms at " + factory.getConnectionUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    LogJmsManagedConnectionFactory factory() {
        return factory;
    }

    Credentials credentials() {
        return credentials;
    }

    /** Whether this connection may be handed out again. */
    boolean isUsable() {
        return !broken && !destroyed;
    }

    Connection physical() {
        return physical;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo request) throws ResourceException {
        checkUsable();
        ConnectionHandle handle = new ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!(connection instanceof ConnectionHandle handle)) {
            throw new IllegalStateException("not a logjms connection handle: " + connection);
        }
        handle.reassign(this);
        handles.add(handle);
    }

    void detach(ConnectionHandle handle) {
        handles.remove(handle);
    }

    /**
     * A session for a new session handle: the transaction's shared session inside a transaction (the
     * handle must not close it), otherwise a new non-transacted one the handle owns.
     */
    SessionHandle openSession(ConnectionHandle owner, int acknowledgeMode) throws JMSException {
        if (localTransaction.isActive()) {
            return new SessionHandle(owner, transactedSession(), false, true);
        }
        XASession enlisted = enlistedXaSession();
        if (enlisted != null) {
            return new SessionHandle(owner, enlisted.getSession(), false, true);
        }
        int mode = acknowledgeMode == Session.DUPS_OK_ACKNOWLEDGE ? Session.DUPS_OK_ACKNOWLEDGE
                : Session.AUTO_ACKNOWLEDGE;
        return new SessionHandle(owner, physical.createSession(false, mode), true, false);
    }

    /** The XA session while a transaction branch is associated with its resource, else null. */
    private synchronized XASession enlistedXaSession() {
        return xaResource != null && xaResource.isAssociated() ? xaSession : null;
    }

    synchronized Session transactedSession() throws JMSException {
        if (transactedSession == null) {
            transactedSession = physical.createSession(true, Session.SESSION_TRANSACTED);
        }
        return transactedSession;
    }

    /** The transacted session if the current transaction opened one. */
    synchronized Session transactedSessionIfOpen() {
        return transactedSession;
    }

    /** Handle closed by the application: the container may pool this connection again. */
    void handleClosed(ConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    /** The provider gave up on this connection: the container must evict it. */
    void connectionFailed(Exception cause) {
        if (broken || destroyed) {
            return;
        }
        broken = true;
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionErrorOccurred(event);
        }
    }

    @Override
    public void cleanup() throws ResourceException {
        for (ConnectionHandle handle : new ArrayList<>(handles)) {
            handle.invalidate();
        }
        handles.clear();
        if (!localTransaction.isActive()) {
            closeSharedSessions();
        }
    }

    /**
     * Closes the local transaction's session (opened again when needed). The XA session stays for the
     * connection's life: servers keep the resource {@link #getXAResource()} returned.
     */
    synchronized void closeSharedSessions() {
        closeQuietly(transactedSession);
        transactedSession = null;
    }

    @Override
    public void destroy() throws ResourceException {
        if (destroyed) {
            return;
        }
        destroyed = true;
        try {
            cleanup();
            synchronized (this) {
                closeQuietly(xaSession);
                xaSession = null;
                xaResource = null;
            }
        } finally {
            try {
                physical.close();
            } catch (JMSException e) {
                // a broken connection may fail to close; it is gone either way
                log("closing a logjms connection failed: " + e);
            }
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /**
     * The resource of this connection's XA session (opened on first use, kept until {@link #destroy()}),
     * wrapped so that the connection knows when a branch is associated with it.
     */
    @Override
    public synchronized XAResource getXAResource() throws ResourceException {
        try {
            if (xaSession == null) {
                xaSession = ((XAConnection) physical).createXASession();
                xaResource = new EnlistmentTrackingXAResource(xaSession.getXAResource());
            }
            return xaResource;
        } catch (JMSException e) {
            throw new ResourceException("could not open an XA session on logjms: " + e.getMessage(), e);
        }
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return localTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ConnectionMetaData(credentials.user);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    private void checkUsable() throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("this logjms managed connection was destroyed");
        }
        if (broken) {
            throw new CommException("this logjms connection was lost and is being evicted");
        }
    }

    private void log(String message) {
        PrintWriter out = logWriter;
        if (out != null) {
            out.println(message);
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (JMSException e) {
                // closing a session of a lost connection: nothing more to release
            }
        }
    }

    private record ConnectionMetaData(String user) implements ManagedConnectionMetaData {
        @Override
        public String getEISProductName() {
            return "logjms";
        }

        @Override
        public String getEISProductVersion() {
            String version = io.logjms.provider.LogJmsConnectionFactory.class.getPackage().getImplementationVersion();
            return version == null ? "unknown" : version;
        }

        @Override
        public int getMaxConnections() {
            return 0;
        }

        @Override
        public String getUserName() {
            return user;
        }
    }
}
