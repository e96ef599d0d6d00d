package io.logjms.examples;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The same as {@link QuickStart}, but the application names nothing of logjms: the connection factory
 * and destinations come from JNDI, configured here in code. Put the same properties in a
 * {@code jndi.properties} file on the classpath and the code needs no logjms import at all.
 *
 * <pre>
 * bin/logjms-example JndiQuickStart      # optional argument: broker URL
 * </pre>
 */
public final class JndiQuickStart {
    private JndiQuickStart() {
    }

    public static void main(String[] args) throws NamingException {
        String url = args.length > 0 ? args[0] : "logjms://localhost:7878";
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "io.logjms.provider.jndi.LogJmsInitialContextFactory");
        env.put("connectionFactory.ConnectionFactory", url);
        env.put("queue.orders", "quickstart.orders");
        env.put("topic.news", "quickstart.news");
        Context jndi = new InitialContext(env);
        try {
            ConnectionFactory factory = (ConnectionFactory) jndi.lookup("ConnectionFactory");
            Queue orders = (Queue) jndi.lookup("orders");
            Topic news = (Topic) jndi.lookup("news");
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(orders, "order #1");
                System.out.println("received from " + orders + ": "
                        + context.createConsumer(orders).receiveBody(String.class, 5_000));
                try (JMSConsumer subscriber = context.createConsumer(news)) {
                    context.createProducer().send(news, "breaking news");
                    System.out.println("received from " + news + ": " + subscriber.receiveBody(String.class, 5_000));
                }
            }
        } finally {
            jndi.close();
        }
    }
}
