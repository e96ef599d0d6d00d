package io.logjms.ra.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.transaction.TransactionManager;

/** Sends in a container-managed (XA) transaction that commits, or that the bean marks for rollback. */
@Stateless
public class SenderBean {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Resource
    private SessionContext context;

    @Resource(lookup = "java:/TransactionManager")
    private TransactionManager transactionManager;

    @Inject
    @JMSConnectionFactory(Forwarder.FACTORY)
    private JMSContext jmsContext;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void send(String queue, String text, boolean rollback) throws JMSException {
        Forwarder.send(factory, queue, text, 0, "SenderBean");
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /**
     * Sends beside a second resource in the same container transaction: the transaction manager prepares
     * logjms's XA branch and commits it in two phases, or rolls it back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendBesideASecondResource(String queue, String text, boolean rollback) throws Exception {
        transactionManager.getTransaction().enlistResource(new SecondResource());
        Forwarder.send(factory, queue, text, 0, "SenderBean");
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** Sends through the container's injected {@code JMSContext} on the adapter's factory. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendWithInjectedContext(String queue, String text, boolean rollback) {
        jmsContext.createProducer().send(jmsContext.createQueue(queue), text);
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** Sends, then fails with a system exception: the container rolls the transaction back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendAndFail(String queue, String text) throws JMSException {
        Forwarder.send(factory, queue, text, 0, "SenderBean");
        throw new IllegalStateException("failing on purpose after sending '" + text + "'");
    }

    /** Sends with no transaction: the send is committed at once. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendWithoutTransaction(String queue, String text) throws JMSException {
        Forwarder.send(factory, queue, text, 0, "SenderBean");
    }
}
