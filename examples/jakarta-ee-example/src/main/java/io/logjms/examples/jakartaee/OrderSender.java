package io.logjms.examples.jakartaee;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * Sends an order through the adapter's pooled connection factory. The method runs in a container-managed
 * transaction (REQUIRED, the default): the send becomes visible when the transaction commits, and is
 * dropped if it rolls back.
 */
@Stateless
public class OrderSender {
    static final String QUEUE = "examples.orders";

    /** Mapped to the server's name in WEB-INF/jboss-web.xml (WildFly) and glassfish-web.xml (GlassFish, Payara). */
    @Resource(name = "jms/OrderFactory")
    private ConnectionFactory factory;

    public void send(String order) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage(order));
        }
    }
}
