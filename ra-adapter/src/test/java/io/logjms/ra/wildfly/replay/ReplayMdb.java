package io.logjms.ra.wildfly.replay;

import io.logjms.ra.wildfly.app.Forwarder;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A new subscriber to {@code ra.it.history} that starts at the log start ({@code startPosition=earliest}). */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ra.it.history"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "startPosition", propertyValue = "earliest"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Forwarder.FACTORY)
})
public class ReplayMdb implements MessageListener {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Forwarder.forward(factory, message, "ra.it.history.seen", "ReplayMdb");
    }
}
