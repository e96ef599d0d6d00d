package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.jndi.LogJmsInitialContextFactory;
import io.logjms.provider.jndi.LogJmsObjectFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnectionFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Hashtable;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The XA connection factory is the plain factory (URL, options, JNDI) that also makes XA connections. */
@Timeout(10)
class LogJmsXAConnectionFactoryTest {

    @Test
    void takesTheSameUrlAndSettersAsThePlainFactory() throws Exception {
        LogJmsXAConnectionFactory factory = new LogJmsXAConnectionFactory("logjms://h:1?prefetch=3");
        factory.setClientID("cid");
        assertThat(factory).isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class)
                .isInstanceOf(XAQueueConnectionFactory.class).isInstanceOf(XATopicConnectionFactory.class);
        assertThat(factory.options().prefetch()).isEqualTo(3);
        assertThat(factory.options().clientId()).isEqualTo("cid");
        assertThat(new LogJmsXAConnectionFactory().getBrokerURL()).isEqualTo("logjms://localhost:7878");
        factory.setBrokerURL("logjms://h:1?noSuchOption=1");
        assertThatThrownBy(factory::createXAConnection).isInstanceOf(JMSException.class).hasMessageContaining("noSuchOption");
    }

    @Test
    void makesXaConnectionsAndAQueueOnlyOne() throws Exception {
        LogJmsXAConnectionFactory factory = new LogJmsXAConnectionFactory("logjms://h:1");
        factory.setConnector(new RecordingBrokerConnection().connector());
        try (XAConnection connection = factory.createXAConnection()) {
            assertThat(connection.createXASession().getXAResource()).isInstanceOf(LogJmsXAResource.class);
            assertThat(connection.createSession().getTransacted()).as("its other sessions are ordinary").isFalse();
        }
        try (XAQueueConnection queues = factory.createXAQueueConnection()) {
            assertThatThrownBy(() -> queues.createDurableConnectionConsumer(null, "s", null, null, 1))
                    .isInstanceOf(jakarta.jms.IllegalStateException.class);
        }
    }

    @Test
    void theJndiReferenceAndPropertiesRebuildAnXaFactory() throws Exception {
        LogJmsXAConnectionFactory factory = new LogJmsXAConnectionFactory("logjms://h:1,g:2");
        factory.setPrefetch(17);
        Reference reference = factory.getReference();
        assertThat(reference.getClassName()).isEqualTo(LogJmsXAConnectionFactory.class.getName());
        Object rebuilt = new LogJmsObjectFactory().getObjectInstance(reference, null, null, null);
        assertThat(rebuilt).isInstanceOf(LogJmsXAConnectionFactory.class);
        assertThat(((LogJmsXAConnectionFactory) rebuilt).options()).isEqualTo(factory.options());

        Hashtable<String, String> env = new Hashtable<>();
        env.put("xaConnectionFactory.xa", "logjms://b1:1");
        env.put("connectionFactory.plain", "logjms://b1:1");
        var context = new LogJmsInitialContextFactory().getInitialContext(env);
        assertThat(context.lookup("xa")).isInstanceOf(LogJmsXAConnectionFactory.class);
        assertThat(context.lookup("plain")).isNotInstanceOf(LogJmsXAConnectionFactory.class);
    }

    @Test
    void serializesAsAnXaFactory() throws Exception {
        LogJmsXAConnectionFactory factory = new LogJmsXAConnectionFactory("logjms://h:1");
        factory.setPrefetch(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LogJmsXAConnectionFactory copy = (LogJmsXAConnectionFactory) in.readObject();
            assertThat(copy.options()).isEqualTo(factory.options());
        }
    }
}
