package io.logjms.provider;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;

/**
 * An XA session: its transaction is the XA branch its {@link LogJmsXAResource} associates it with, which
 * the transaction manager ends, prepares, commits and rolls back. Outside a branch it works as a
 * non-transacted AUTO_ACKNOWLEDGE session (sends go at once, received messages are acknowledged as they
 * are processed). {@link #commit()} and {@link #rollback()} throw {@link TransactionInProgressException},
 * as {@link XASession} states; {@link #getTransacted()} is true. Also the XA queue and topic sessions.
 */
public final class LogJmsXASession extends LogJmsSession implements XASession, XAQueueSession, XATopicSession {
    private final XaTransactionContext context;
    private final LogJmsXAResource resource;

    LogJmsXASession(LogJmsConnection connection, SessionDomain domain) {
        super(connection, Session.AUTO_ACKNOWLEDGE, domain, sequences -> new XaTransactionContext(connection.broker()));
        this.context = (XaTransactionContext) transaction();
        this.resource = new LogJmsXAResource(connection.broker(), context, consumers(),
                connection.options().requestTimeout().toMillis() * 2, delivery()::adoptListenerDelivery);
    }

    /** The refusal of a transaction call on an XA session. */
    static TransactionInProgressException inProgress(String action) {
        return new TransactionInProgressException(action + " cannot be called on an XA session: its transaction"
                + " is ended by the transaction manager through the session's XAResource");
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    /** True, as {@link XASession#getTransacted()} states. */
    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw inProgress("commit");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw inProgress("rollback");
    }

    /** Outside a branch, as in an AUTO_ACKNOWLEDGE session; inside one the transaction manager decides. */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (context.isAssociated()) {
            throw new IllegalStateException("recover cannot be called on an XA session inside a transaction");
        }
        super.recover();
    }
}
