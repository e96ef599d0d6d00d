package io.logjms.ra;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * One activated message endpoint: a connection ({@link InboundConnection}) and {@link ActivationConfig#sessions()}
 * {@link DeliveryWorker}s, each a session with one consumer, running as work on the container's
 * {@code WorkManager}. The JNDI lookups ({@code destinationLookup}, {@code connectionFactoryLookup}) are
 * resolved in {@link #start()}, so that a wrong name fails the deployment with a message naming it.
 *
 * <p>{@link #stop()} returns when every worker has finished the delivery it was in and closed its consumer
 * and session, and the connection is closed: a message being delivered is committed or rolled back,
 * nothing received is lost (the broker redelivers what was prefetched), and no work keeps running.
 */
final class EndpointActivation {
    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());
    static final Method ON_MESSAGE;
    /** How long {@link #stop()} waits for deliveries in progress. */
    static final long STOP_TIMEOUT_MS = 60_000;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", jakarta.jms.Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory endpointFactory;
    private final BootstrapContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private ActivationConfig config;
    private InboundConnection connection;
    private Destination lookedUpDestination;
    private boolean transacted;

    EndpointActivation(MessageEndpointFactory endpointFactory, ActivationConfig config, BootstrapContext context) {
        this.endpointFactory = endpointFactory;
        this.config = config;
        this.context = context;
    }

    void start() throws ResourceException {
        ConnectionFactory factory = null;
        if (config.connectionFactoryLookup != null) {
            factory = lookup("connectionFactoryLookup", config.connectionFactoryLookup, ConnectionFactory.class);
        }
        if (config.destinationLookup != null) {
            lookedUpDestination = lookup("destinationLookup", config.destinationLookup, Destination.class);
            config = config.withKind(lookedUpDestination instanceof Queue ? ActivationConfig.Kind.QUEUE
                    : ActivationConfig.Kind.TOPIC);
        }
        try {
            transacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the message endpoint has no onMessage(Message) method: " + e.getMessage(), e);
        }
        ConnectionSettings settings = ConnectionSettings.of(config, factory);
        connection = new InboundConnection(settings);
        int sessions = config.sessions();
        for (int i = 0; i < sessions; i++) {
            DeliveryWorker worker = new DeliveryWorker(this, i);
            try {
                context.getWorkManager().scheduleWork(worker);
                workers.add(worker);
            } catch (WorkException e) {
                stop();
                throw new ResourceException("the container's WorkManager refused the logjms endpoint's session "
                        + (i + 1) + " of " + sessions + ": " + e.getMessage(), e);
            }
        }
        LOG.info("logjms endpoint activated: " + describe() + ", " + sessions + " session(s), " + settings
                + (transacted ? ", transacted delivery" : ""));
    }

    static <T> T lookup(String property, String name, Class<T> type) throws InvalidPropertyException {
        Object found;
        try {
            InitialContext naming = new InitialContext();
            try {
                found = naming.lookup(name);
            } finally {
                naming.close();
            }
        } catch (NamingException e) {
            throw new InvalidPropertyException("logjms activation property " + property + ": '" + name
                    + "' could not be looked up: " + e);
        }
        if (!type.isInstance(found)) {
            throw new InvalidPropertyException("logjms activation property " + property + ": '" + name
                    + "' is a " + (found == null ? "null" : found.getClass().getName()) + ", not a " + type.getName());
        }
        return type.cast(found);
    }

    /** Opens the consumer of one worker's session. */
    MessageConsumer createConsumer(Session session) throws JMSException {
        Destination destination = destination(session);
        String selector = config.messageSelector;
        if (config.kind == ActivationConfig.Kind.QUEUE) {
            return session.createConsumer(destination, selector);
        }
        Topic topic = (Topic) destination;
        if (config.durable) {
            return config.clientId == null
                    ? session.createSharedDurableConsumer(topic, config.subscriptionName, selector)
                    : session.createDurableConsumer(topic, config.subscriptionName, selector, false);
        }
        return config.subscriptionName != null ? session.createSharedConsumer(topic, config.subscriptionName, selector)
                : session.createConsumer(topic, selector);
    }

    private Destination destination(Session session) throws JMSException {
        if (config.kind == ActivationConfig.Kind.QUEUE) {
            return lookedUpDestination != null ? lookedUpDestination : session.createQueue(config.destination);
        }
        String name = lookedUpDestination != null ? ((Topic) lookedUpDestination).getTopicName() : config.destination;
        if (config.startPosition == null) {
            return lookedUpDestination != null ? lookedUpDestination : session.createTopic(name);
        }
        // the provider's destination option: a new subscription starts there (docs/EXTENSIONS.md)
        return session.createTopic(name + (name.contains("?") ? "&" : "?") + "start=" + config.startPosition);
    }

    MessageEndpointFactory endpointFactory() {
        return endpointFactory;
    }

    InboundConnection connection() {
        return connection;
    }

    boolean transacted() {
        return transacted;
    }

    boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Waits up to {@code millis} or until the activation stops; true if it stopped. */
    boolean awaitStop(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        for (DeliveryWorker worker : workers) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!worker.awaitFinished(Math.max(left, 0))) {
                    LOG.warning("logjms endpoint " + describe() + ": a delivery still runs after " + STOP_TIMEOUT_MS
                            + " ms; closing its connection");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (connection != null) {
            connection.close();
        }
        LOG.info("logjms endpoint deactivated: " + describe());
    }

    String describe() {
        String where = config.destinationLookup != null ? config.destinationLookup : config.destination;
        return (config.kind == ActivationConfig.Kind.TOPIC ? "topic " : "queue ") + where
                + (config.subscriptionName != null ? " subscription " + config.subscriptionName : "");
    }

    static void logDeliveryFailure(String endpoint, Throwable t) {
        LOG.log(Level.WARNING, "logjms endpoint " + endpoint + ": delivery failed, the message will be redelivered: "
                + t, t);
    }
}
