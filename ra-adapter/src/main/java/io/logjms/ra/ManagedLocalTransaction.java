package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

/**
 * The container-driven local transaction of a {@link LogJmsManagedConnection}: between {@link #begin()}
 * and {@link #commit()}/{@link #rollback()} the connection's session handles share one transacted
 * session, whose sends become visible (and receives acknowledged) at commit, or are dropped at rollback.
 */
final class ManagedLocalTransaction implements LocalTransaction {
    private final LogJmsManagedConnection connection;
    private volatile boolean active;

    ManagedLocalTransaction(LogJmsManagedConnection connection) {
        this.connection = connection;
    }

    boolean isActive() {
        return active;
    }

    @Override
    public void begin() throws LocalTransactionException {
        if (active) {
            throw new LocalTransactionException("a local transaction is already active on this logjms connection");
        }
        active = true;
    }

    @Override
    public void commit() throws LocalTransactionException {
        end(true);
    }

    @Override
    public void rollback() throws LocalTransactionException {
        end(false);
    }

    private void end(boolean commit) throws LocalTransactionException {
        if (!active) {
            throw new LocalTransactionException("no local transaction is active on this logjms connection");
        }
        try {
            Session session = connection.transactedSessionIfOpen();
            if (session != null) {
                if (commit) {
                    session.commit();
                } else {
                    session.rollback();
                }
            }
        } catch (JMSException e) {
            throw new LocalTransactionException("the logjms local transaction could not " + (commit ? "commit" : "roll back")
                    + ": " + e.getMessage(), e);
        } finally {
            active = false;
            connection.closeSharedSessions();
        }
    }
}
