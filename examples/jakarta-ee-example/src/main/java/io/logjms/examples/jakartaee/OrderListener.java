package io.logjms.examples.jakartaee;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Receives the orders, up to four at a time. It takes the broker's address from the connection
 * definition ({@code connectionFactoryLookup}), so the URL is configured in one place. WEB-INF/jboss-ejb3.xml
 * (WildFly) and WEB-INF/glassfish-ejb-jar.xml (GlassFish, Payara) bind it to the logjms adapter.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = OrderSender.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4"),
    @ActivationConfigProperty(propertyName = "connectionFactoryLookup",
                              propertyValue = "java:/jms/logjms/ConnectionFactory")
})
public class OrderListener implements MessageListener {
    @EJB
    private ReceivedOrders received;

    @Override
    public void onMessage(Message message) {
        try {
            received.add(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read an order: " + e.getMessage(), e);
        }
    }
}
