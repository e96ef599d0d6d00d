package io.logjms.compat.joram;

import io.logjms.compat.JmsProviderUnderTest;
import jakarta.jms.JMSContext;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import javax.naming.Context;
import org.apache.activemq.artemis.jndi.ReadOnlyContext;
import org.objectweb.jtests.jms.admin.Admin;

/**
 * JORAM's administration interface implemented on top of any {@link JmsProviderUnderTest}: connection factories
 * and destinations are bound by name in a JNDI context that the JORAM tests look them up in.
 *
 * <p>JORAM uses the same destination names in every test; each administered name is mapped to a fresh physical
 * destination ({@code joram.<name>.<uuid>}), so messages a test leaves behind never reach the next one. The
 * context is Artemis's in-memory {@link ReadOnlyContext}, which only holds objects and works for any provider.
 *
 * <p>JORAM creates one instance per test through the no-argument constructor; the provider comes from
 * {@link JoramProviderBinding}.
 */
public final class JoramProviderAdmin implements Admin {

    private final JmsProviderUnderTest provider = JoramProviderBinding.current();
    private final Map<String, Object> bindings = new HashMap<>();
    private JMSContext destinationFactory;

    @Override
    public String getName() {
        return "logjms-compat/" + provider.name();
    }

    @Override
    public Context createContext() {
        return new ReadOnlyContext(new Hashtable<>(), new HashMap<>(bindings));
    }

    @Override
    public void createConnectionFactory(String name) {
        bindings.put(name, provider.connectionFactory());
    }

    @Override
    public void createQueueConnectionFactory(String name) {
        bindings.put(name, provider.queueConnectionFactory());
    }

    @Override
    public void createTopicConnectionFactory(String name) {
        bindings.put(name, provider.topicConnectionFactory());
    }

    @Override
    public void createQueue(String name) {
        bindings.put(name, destinationFactory().createQueue(physicalName(name)));
    }

    @Override
    public void createTopic(String name) {
        bindings.put(name, destinationFactory().createTopic(physicalName(name)));
    }

    @Override
    public void deleteQueue(String name) {
        bindings.remove(name);
    }

    @Override
    public void deleteTopic(String name) {
        bindings.remove(name);
    }

    @Override
    public void deleteConnectionFactory(String name) {
        bindings.remove(name);
    }

    @Override
    public void deleteQueueConnectionFactory(String name) {
        bindings.remove(name);
    }

    @Override
    public void deleteTopicConnectionFactory(String name) {
        bindings.remove(name);
    }

    /** The provider is started by {@link ProviderBoundSuite}; this only checks that it is there. */
    @Override
    public void startServer() {
        JoramProviderBinding.current();
    }

    /** The provider outlives a single test; {@link ProviderBoundSuite} stops it after the last one. */
    @Override
    public void stopServer() {
        bindings.clear();
    }

    @Override
    public void start() {
        destinationFactory();
    }

    @Override
    public void stop() {
        if (destinationFactory != null) {
            destinationFactory.close();
            destinationFactory = null;
        }
    }

    /** A context used only to create destination objects, opened on first use and closed by {@link #stop()}. */
    private JMSContext destinationFactory() {
        if (destinationFactory == null) {
            destinationFactory = provider.connectionFactory().createContext();
        }
        return destinationFactory;
    }

    private static String physicalName(String administeredName) {
        return "joram." + administeredName + "." + UUID.randomUUID();
    }
}
