package io.logjms.ra.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Marks the container's transaction for rollback on the first delivery (its forward is rolled back with
 * it) and forwards the redelivery to {@code ra.it.rollback.seen}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ra.it.rollback"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Forwarder.FACTORY)
})
public class RollbackOnceMdb implements MessageListener {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Resource
    private MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        Forwarder.forward(factory, message, "ra.it.rollback.seen", "RollbackOnceMdb");
        try {
            if (!message.getJMSRedelivered()) {
                context.setRollbackOnly();
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
