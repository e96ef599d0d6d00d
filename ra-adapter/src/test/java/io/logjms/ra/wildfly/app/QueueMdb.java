package io.logjms.ra.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A container-managed transaction per message: forwards each message to {@code ra.it.orders.seen}. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ra.it.orders"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Forwarder.FACTORY)
})
public class QueueMdb implements MessageListener {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Forwarder.forward(factory, message, "ra.it.orders.seen", "QueueMdb");
    }
}
