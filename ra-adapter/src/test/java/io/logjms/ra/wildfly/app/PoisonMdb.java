package io.logjms.ra.wildfly.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Fails every delivery. It runs without a transaction, so that its record of each attempt (sent to
 * {@code ra.it.poison.attempts}) is committed although {@code onMessage} throws.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ra.it.poison"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Forwarder.FACTORY)
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PoisonMdb implements MessageListener {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Forwarder.forward(factory, message, "ra.it.poison.attempts", "PoisonMdb");
        throw new IllegalStateException("PoisonMdb fails every delivery on purpose");
    }
}
