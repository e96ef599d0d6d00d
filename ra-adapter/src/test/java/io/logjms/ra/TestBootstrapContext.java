package io.logjms.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/** The container's bootstrap context for tests outside a server: a real {@link ThreadWorkManager}. */
final class TestBootstrapContext implements BootstrapContext {
    private final ThreadWorkManager workManager;
    private final TransactionSynchronizationRegistry transactions;

    TestBootstrapContext(ThreadWorkManager workManager, TransactionSynchronizationRegistry transactions) {
        this.workManager = workManager;
        this.transactions = transactions;
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer("test-ra-timer", true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return transactions;
    }
}
