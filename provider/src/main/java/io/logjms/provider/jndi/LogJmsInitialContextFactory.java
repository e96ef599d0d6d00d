package io.logjms.provider.jndi;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsQueue;
import io.logjms.provider.LogJmsTopic;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.provider.config.ConnectionOptions;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI {@link InitialContextFactory} for standalone JMS clients, configured by properties in the
 * Qpid JMS and Artemis manner:
 *
 * <pre>
 * java.naming.factory.initial = io.logjms.provider.jndi.LogJmsInitialContextFactory
 * connectionFactory.myFactory = logjms://broker1:7878,broker2:7878?prefetch=100
 * xaConnectionFactory.myXa    = logjms://broker1:7878
 * queue.orders                = orders
 * topic.prices                = market.prices
 * </pre>
 *
 * {@code connectionFactory.<name>} binds a {@link LogJmsConnectionFactory} for the URL,
 * {@code xaConnectionFactory.<name>} a {@link LogJmsXAConnectionFactory},
 * {@code queue.<name>} and {@code topic.<name>} bind destinations by physical name. Without any
 * {@code connectionFactory.} property, {@value #DEFAULT_FACTORY_NAME} is bound to
 * {@link Context#PROVIDER_URL} or to {@value ConnectionOptions#DEFAULT_URL}. Names
 * {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} look up destinations not configured.
 * The prefixes are matched without regard to case. A URL is checked when a connection is created.
 */
public class LogJmsInitialContextFactory implements InitialContextFactory {
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    public static final String XA_CONNECTION_FACTORY_PREFIX = "xaConnectionFactory.";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String TOPIC_PREFIX = "topic.";
    public static final String DYNAMIC_QUEUES = "dynamicQueues/";
    public static final String DYNAMIC_TOPICS = "dynamicTopics/";
    public static final String DEFAULT_FACTORY_NAME = "ConnectionFactory";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Object> bindings = new HashMap<>();
        boolean factoryConfigured = false;
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String value)) {
                continue;
            }
            if (hasPrefix(key, CONNECTION_FACTORY_PREFIX)) {
                bind(bindings, key, CONNECTION_FACTORY_PREFIX, new LogJmsConnectionFactory(value.trim()));
                factoryConfigured = true;
            } else if (hasPrefix(key, XA_CONNECTION_FACTORY_PREFIX)) {
                bind(bindings, key, XA_CONNECTION_FACTORY_PREFIX, new LogJmsXAConnectionFactory(value.trim()));
                factoryConfigured = true;
            } else if (hasPrefix(key, QUEUE_PREFIX)) {
                bind(bindings, key, QUEUE_PREFIX, destination(key, value, LogJmsQueue::new));
            } else if (hasPrefix(key, TOPIC_PREFIX)) {
                bind(bindings, key, TOPIC_PREFIX, destination(key, value, LogJmsTopic::new));
            }
        }
        if (!factoryConfigured) {
            Object providerUrl = environment.get(Context.PROVIDER_URL);
            String url = providerUrl instanceof String s && !s.isBlank() ? s.trim() : ConnectionOptions.DEFAULT_URL;
            bindings.put(DEFAULT_FACTORY_NAME, new LogJmsConnectionFactory(url));
        }
        return new ReadOnlyContext(bindings, environment, LogJmsInitialContextFactory::dynamicDestination);
    }

    private static boolean hasPrefix(String key, String prefix) {
        return key.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static void bind(Map<String, Object> bindings, String key, String prefix, Object value)
            throws NamingException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw ReadOnlyContext.invalidName("JNDI property '" + key + "' names nothing after '" + prefix + "'");
        }
        if (bindings.containsKey(name)) {
            throw ReadOnlyContext.invalidName("JNDI name '" + name + "' is configured twice (property '" + key + "')");
        }
        bindings.put(name, value);
    }

    /** The destination a JNDI property names; its value may carry destination options ({@code orders?start=earliest}). */
    private static Object destination(String key, String value, Function<String, Object> kind) throws NamingException {
        String name = value.trim();
        if (name.isEmpty()) {
            throw ReadOnlyContext.invalidName("JNDI property '" + key + "' gives an empty destination name");
        }
        try {
            return kind.apply(name);
        } catch (IllegalArgumentException e) {
            throw ReadOnlyContext.invalidName("JNDI property '" + key + "': " + e.getMessage());
        }
    }

    private static Object dynamicDestination(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DYNAMIC_QUEUES.toLowerCase(Locale.ROOT)) && name.length() > DYNAMIC_QUEUES.length()) {
            return new LogJmsQueue(name.substring(DYNAMIC_QUEUES.length()));
        }
        if (lower.startsWith(DYNAMIC_TOPICS.toLowerCase(Locale.ROOT)) && name.length() > DYNAMIC_TOPICS.length()) {
            return new LogJmsTopic(name.substring(DYNAMIC_TOPICS.length()));
        }
        return null;
    }
}
