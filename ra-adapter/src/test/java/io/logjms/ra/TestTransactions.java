package io.logjms.ra;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The container's transaction registry for tests outside a server, as much of it as the adapter reads:
 * the status of the current transaction. A test marks the next {@code n} transactions rollback-only, as
 * a bean calling {@code setRollbackOnly} would.
 */
final class TestTransactions implements TransactionSynchronizationRegistry {
    private final AtomicInteger rollbacksLeft = new AtomicInteger();

    void markNextRollbackOnly(int transactions) {
        rollbacksLeft.set(transactions);
    }

    @Override
    public int getTransactionStatus() {
        return rollbacksLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Status.STATUS_MARKED_ROLLBACK
                : Status.STATUS_ACTIVE;
    }

    @Override
    public Object getTransactionKey() {
        return null;
    }

    @Override
    public void putResource(Object key, Object value) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public Object getResource(Object key) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        throw new UnsupportedOperationException("not used by the adapter");
    }

    @Override
    public void setRollbackOnly() {
        rollbacksLeft.set(1);
    }

    @Override
    public boolean getRollbackOnly() {
        return rollbacksLeft.get() > 0;
    }
}
