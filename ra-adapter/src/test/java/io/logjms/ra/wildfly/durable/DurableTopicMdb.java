package io.logjms.ra.wildfly.durable;

import io.logjms.ra.wildfly.app.Forwarder;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A durable subscription to {@code ra.it.news}: what is published while it is undeployed comes when it is back. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ra.it.news"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "news-audit"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Forwarder.FACTORY)
})
public class DurableTopicMdb implements MessageListener {
    @Resource(lookup = Forwarder.FACTORY)
    private ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Forwarder.forward(factory, message, "ra.it.news.seen", "DurableTopicMdb");
    }
}
