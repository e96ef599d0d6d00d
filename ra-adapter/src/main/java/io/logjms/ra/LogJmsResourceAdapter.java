package io.logjms.ra;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The logjms resource adapter (logjms-ra.rar). It needs no property to deploy: connections are configured
 * on the connection definitions ({@link LogJmsManagedConnectionFactory}) and on each message-driven bean's
 * activation ({@link LogJmsActivationSpec}).
 *
 * <p>Every activated endpoint is an {@link EndpointActivation} whose sessions run as work on the
 * container's {@code WorkManager}. {@link #stop()} deactivates them all, as the container's
 * {@code endpointDeactivation} would.
 */
public class LogJmsResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(LogJmsResourceAdapter.class.getName());

    private final Map<ActivationKey, EndpointActivation> activations = new ConcurrentHashMap<>();
    private volatile BootstrapContext bootstrapContext;
    private volatile RecoveryConnections recovery = new RecoveryConnections();

    @Override
    public void start(BootstrapContext context) {
        this.bootstrapContext = context;
        this.recovery = new RecoveryConnections();
        LOG.info("logjms resource adapter started");
    }

    @Override
    public void stop() {
        List<EndpointActivation> running = new ArrayList<>(activations.values());
        activations.clear();
        for (EndpointActivation activation : running) {
            activation.stop();
        }
        recovery.close();
        LOG.info("logjms resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof LogJmsActivationSpec logSpec)) {
            throw new NotSupportedException("not a logjms activation spec: " + spec);
        }
        BootstrapContext context = bootstrapContext;
        if (context == null) {
            throw new ResourceAdapterInternalException("the logjms resource adapter was not started");
        }
        // checked here as well: some servers (GlassFish) never call ActivationSpec.validate()
        ActivationConfig config = logSpec.config();
        EndpointActivation activation = new EndpointActivation(endpointFactory, config, context);
        activation.start();
        EndpointActivation previous = activations.put(new ActivationKey(endpointFactory, spec), activation);
        if (previous != null) {
            previous.stop();
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        EndpointActivation activation = activations.remove(new ActivationKey(endpointFactory, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * The XA resources the container's recovery scans after a crash: for each distinct broker URL and
     * credentials among {@code specs}, the resource of an XA session on a connection kept open until
     * {@link #stop()} (logjms lists every prepared branch of a broker through any resource connected to it).
     * A spec whose connection cannot be opened is logged and skipped, so that the other brokers are still
     * recovered; if none can be opened the call fails.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        List<XAResource> resources = new ArrayList<>();
        ResourceException failure = null;
        for (ActivationSpec spec : specs == null ? new ActivationSpec[0] : specs) {
            if (!(spec instanceof LogJmsActivationSpec logSpec)) {
                continue;
            }
            try {
                XAResource resource = recovery.resourceFor(recoverySettings(logSpec));
                if (!resources.contains(resource)) {
                    resources.add(resource);
                }
            } catch (ResourceException | JMSException | RuntimeException e) {
                LOG.warning("logjms: no XA recovery through activation " + spec + ": " + e);
                failure = new ResourceException("logjms could not open an XA connection for recovery: " + e, e);
            }
        }
        if (resources.isEmpty() && failure != null) {
            throw failure;
        }
        return resources.toArray(new XAResource[0]);
    }

    private static ConnectionSettings recoverySettings(LogJmsActivationSpec spec) throws ResourceException {
        ActivationConfig config = spec.config();
        ConnectionFactory factory = null;
        if (config.connectionUrl == null && config.connectionFactoryLookup != null) {
            factory = EndpointActivation.lookup("connectionFactoryLookup", config.connectionFactoryLookup,
                    ConnectionFactory.class);
        }
        return ConnectionSettings.of(config, factory);
    }

    /** Recovery connections open now (for tests). */
    int recoveryConnections() {
        return recovery.size();
    }

    /** Activations running now (for tests). */
    int activeEndpoints() {
        return activations.size();
    }

    /** The running activation of {@code endpointFactory} (for tests), or null. */
    EndpointActivation activation(MessageEndpointFactory endpointFactory) {
        return activations.entrySet().stream().filter(e -> e.getKey().factory() == endpointFactory)
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey other && other.factory == factory && other.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
