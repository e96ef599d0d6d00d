package io.logjms.provider.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsQueue;
import io.logjms.provider.LogJmsTopic;
import java.util.Collections;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;

class LogJmsInitialContextFactoryTest {
    private final LogJmsInitialContextFactory factory = new LogJmsInitialContextFactory();

    @Test
    void bindsFactoriesQueuesAndTopicsFromProperties() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("connectionFactory.cf", "logjms://b1:1,b2:2?prefetch=5");
        env.put("connectionfactory.other", "logjms://b3:3");
        env.put("queue.orders", "orders.in");
        env.put("topic.prices", " market.prices ");
        Context context = factory.getInitialContext(env);
        assertThat(((LogJmsConnectionFactory) context.lookup("cf")).getBrokerURL()).isEqualTo("logjms://b1:1,b2:2?prefetch=5");
        assertThat(context.lookup("other")).isInstanceOf(LogJmsConnectionFactory.class);
        assertThat(context.lookup("orders")).isEqualTo(new LogJmsQueue("orders.in"));
        assertThat(context.lookup("prices")).isEqualTo(new LogJmsTopic("market.prices"));
        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("orders");
        assertThat(Collections.list(context.list(""))).hasSize(4);
        assertThat(Collections.list(context.listBindings(""))).extracting("name")
                .containsExactly("cf", "orders", "other", "prices");
    }

    @Test
    void withoutFactoriesADefaultOneUsesTheProviderUrl() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, "logjms://elsewhere:9000");
        LogJmsConnectionFactory cf = (LogJmsConnectionFactory) factory.getInitialContext(env).lookup("ConnectionFactory");
        assertThat(cf.getBrokerURL()).isEqualTo("logjms://elsewhere:9000");
        LogJmsConnectionFactory plain = (LogJmsConnectionFactory) factory.getInitialContext(new Hashtable<>())
                .lookup("ConnectionFactory");
        assertThat(plain.getBrokerURL()).isEqualTo("logjms://localhost:7878");
    }

    @Test
    void dynamicNamesMakeDestinationsThatAreNotConfigured() throws Exception {
        Context context = factory.getInitialContext(new Hashtable<>());
        assertThat(context.lookup("dynamicQueues/work")).isEqualTo(new LogJmsQueue("work"));
        assertThat(context.lookup("dynamicTopics/news")).isEqualTo(new LogJmsTopic("news"));
    }

    @Test
    void destinationOptionsTravelInJndiPropertiesAndBadOnesAreNamed() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("topic.audit", "orders?start=earliest");
        Context context = factory.getInitialContext(env);
        LogJmsTopic audit = (LogJmsTopic) context.lookup("audit");
        assertThat(audit.getTopicName()).isEqualTo("orders?start=earliest");
        assertThat(audit.options().hasStart()).isTrue();
        assertThat(((LogJmsTopic) context.lookup("dynamicTopics/news?start=latest")).name()).isEqualTo("news");

        env.put("topic.bad", "orders?rewind=yes");
        assertThatThrownBy(() -> factory.getInitialContext(env)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("topic.bad").hasMessageContaining("'rewind'");
        assertThatThrownBy(() -> context.lookup("dynamicTopics/news?start=never"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("never");
    }

    @Test
    void theContextIsReadOnlyAndRejectsBadProperties() throws Exception {
        Context context = factory.getInitialContext(new Hashtable<>());
        assertThatThrownBy(() -> context.bind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.createSubcontext("x")).isInstanceOf(OperationNotSupportedException.class);
        Hashtable<String, String> empty = new Hashtable<>();
        empty.put("queue.", "x");
        assertThatThrownBy(() -> factory.getInitialContext(empty)).isInstanceOf(InvalidNameException.class);
        Hashtable<String, String> blank = new Hashtable<>();
        blank.put("queue.q", " ");
        assertThatThrownBy(() -> factory.getInitialContext(blank)).isInstanceOf(InvalidNameException.class);
        Hashtable<String, String> twice = new Hashtable<>();
        twice.put("queue.same", "a");
        twice.put("topic.same", "b");
        assertThatThrownBy(() -> factory.getInitialContext(twice)).hasMessageContaining("twice");
    }
}
