package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.config.ConnectionOption;
import io.logjms.provider.jndi.LogJmsObjectFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

class LogJmsConnectionFactoryTest {

    @Test
    void theDefaultUrlIsLocalhost() throws Exception {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory();
        assertThat(factory.getBrokerURL()).isEqualTo("logjms://localhost:7878");
        assertThat(factory.options().brokers()).hasSize(1);
    }

    @Test
    void settersOverrideTheUrl() throws Exception {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://h:1?prefetch=3");
        factory.setPrefetch(9);
        factory.setClientID("id");
        factory.setUser("u");
        factory.setPassword("p");
        factory.setConnectTimeout(100);
        factory.setRequestTimeout(200);
        factory.setAutoCreate(false);
        factory.setObjectMessageAllowList("com.acme.**");
        factory.setReconnectTimeout(0);
        assertThat(factory.options().prefetch()).isEqualTo(9);
        assertThat(factory.options().reconnects()).isFalse();
        assertThat(factory.options().clientId()).isEqualTo("id");
        assertThat(factory.options().autoCreate()).isFalse();
        assertThat(factory.options().objectMessageAllowList().allowsClassName("com.acme.x.Y")).isTrue();
        factory.setClientID(null);
        assertThat(factory.options().clientId()).isNull();
    }

    @Test
    void aBadUrlFailsConnectionCreationWithAJmsExceptionNamingTheOption() {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://h:1?bogus=1");
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class).hasMessageContaining("bogus");
        assertThatThrownBy(factory::createContext).isInstanceOf(JMSRuntimeException.class).hasMessageContaining("bogus");
        factory.setBrokerURL("logjms://h:1");
        factory.setOption(ConnectionOption.PREFETCH, "-1");
        assertThatThrownBy(factory::createQueueConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("prefetch");
    }

    @Test
    void theJndiReferenceRebuildsAnEqualFactory() throws Exception {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://h:1,g:2?autoCreate=false");
        factory.setPrefetch(17);
        factory.setClientID("cid");
        Reference reference = factory.getReference();
        assertThat(reference.getFactoryClassName()).isEqualTo(LogJmsObjectFactory.class.getName());
        LogJmsConnectionFactory rebuilt = (LogJmsConnectionFactory) new LogJmsObjectFactory()
                .getObjectInstance(reference, null, null, null);
        assertThat(rebuilt.getBrokerURL()).isEqualTo(factory.getBrokerURL());
        assertThat(rebuilt.options()).isEqualTo(factory.options());
        assertThat(new LogJmsObjectFactory().getObjectInstance("not a reference", null, null, null)).isNull();
    }

    @Test
    void serializesWithItsConfiguration() throws Exception {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://h:1");
        factory.setPrefetch(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LogJmsConnectionFactory copy = (LogJmsConnectionFactory) in.readObject();
            assertThat(copy.options()).isEqualTo(factory.options());
        }
    }
}
