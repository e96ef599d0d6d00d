package io.logjms.provider;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;
import javax.transaction.xa.XAResource;

/**
 * A JMSContext whose session is an XA session: the transaction manager drives it through
 * {@link #getXAResource()}; {@link #commit()} and {@link #rollback()} throw
 * {@link TransactionInProgressRuntimeException}, as {@link XAJMSContext} states. Outside a transaction it
 * works as an AUTO_ACKNOWLEDGE context.
 */
public final class LogJmsXAContext extends LogJmsContext implements XAJMSContext {

    LogJmsXAContext(LogJmsXAConnection connection) {
        super(connection, JMSContext.SESSION_TRANSACTED);
    }

    @Override
    LogJmsSession newSession(LogJmsConnection connection, int mode) throws JMSException {
        return ((LogJmsXAConnection) connection).createXaSession(SessionDomain.UNIFIED);
    }

    @Override
    public JMSContext getContext() {
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ExceptionTranslator.unchecked(() -> ((LogJmsXASession) session()).getXAResource());
    }

    @Override
    public boolean getTransacted() {
        super.getTransacted();
        return true;
    }

    @Override
    public void commit() {
        throw new TransactionInProgressRuntimeException(LogJmsXASession.inProgress("commit").getMessage());
    }

    @Override
    public void rollback() {
        throw new TransactionInProgressRuntimeException(LogJmsXASession.inProgress("rollback").getMessage());
    }
}
