package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.Test;

class JndiIT extends EmbeddedBrokerSupport {

    @Test
    void anApplicationConfiguredByJndiPropertiesSendsAndReceives() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "io.logjms.provider.jndi.LogJmsInitialContextFactory");
        env.put("connectionFactory.local", url());
        env.put("queue.jobs", "jobs.incoming");
        InitialContext jndi = new InitialContext(env);
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("local");
        Queue queue = (Queue) jndi.lookup("jobs");
        assertThat(queue.getQueueName()).isEqualTo("jobs.incoming");
        Connection connection = closeLater(factory.createConnection());
        Session session = connection.createSession();
        session.createProducer(queue).send(session.createTextMessage("via jndi"));
        connection.start();
        assertThat(text(session.createConsumer(queue).receive(5000))).isEqualTo("via jndi");
        jndi.close();
    }
}
