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

/** Sends in a container-managed transaction that commits, or that the bean marks for rollback. */
@Stateless
public class SenderBean {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Resource
    private SessionContext context;

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
