package io.logjms.ra;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.provider.config.ConnectionOption;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.NotSupportedException;
import java.util.Map;

/**
 * Where an endpoint's connection goes and as whom: the activation's {@code connectionUrl}, {@code user},
 * {@code password} and {@code clientId}, completed from the factory its {@code connectionFactoryLookup}
 * names (a logjms-ra connection definition, or a {@link LogJmsConnectionFactory} bound in JNDI).
 */
final class ConnectionSettings {
    /**
     * Records an endpoint's consumer holds ahead unless {@code connectionUrl} sets {@code prefetch}: small,
     * so that the sessions of a queue share its messages instead of the first one taking a thousand.
     */
    static final int INBOUND_PREFETCH = 10;

    private final String url;
    private final Credentials credentials;
    private final String clientId;
    private final LogJmsConnectionFactory plainFactory;

    private ConnectionSettings(String url, Credentials credentials, String clientId,
            LogJmsConnectionFactory plainFactory) {
        this.url = url;
        this.credentials = credentials;
        this.clientId = clientId;
        this.plainFactory = plainFactory;
    }

    /** Settings from the activation alone (the looked-up factory, if any, is {@code lookedUp}). */
    static ConnectionSettings of(ActivationConfig config, ConnectionFactory lookedUp) {
        String url = config.connectionUrl;
        String user = config.user;
        String password = config.password;
        LogJmsConnectionFactory plain = null;
        if (lookedUp instanceof PooledConnectionFactory pooled) {
            LogJmsManagedConnectionFactory mcf = pooled.managedConnectionFactory();
            url = url != null ? url : mcf.getConnectionUrl();
            if (user == null) {
                user = mcf.getUser();
                password = mcf.getPassword();
            }
        } else if (lookedUp instanceof LogJmsConnectionFactory factory && url == null) {
            plain = copyForInbound(factory);
        }
        return new ConnectionSettings(url, new Credentials(user, password), config.clientId, plain);
    }

    /** A copy of a factory bound in JNDI (others use it too), with the inbound prefetch unless it sets one. */
    private static LogJmsConnectionFactory copyForInbound(LogJmsConnectionFactory bound) {
        LogJmsConnectionFactory copy = new LogJmsConnectionFactory(bound.getBrokerURL());
        Map<ConnectionOption, String> overrides = bound.getOptionOverrides();
        overrides.forEach(copy::setOption);
        if (!overrides.containsKey(ConnectionOption.PREFETCH) && !ProviderConnections.setsPrefetch(bound.getBrokerURL())) {
            copy.setPrefetch(INBOUND_PREFETCH);
        }
        return copy;
    }

    Connection open(boolean xa) throws JMSException, NotSupportedException {
        if (plainFactory != null) {
            Connection connection = xa ? openXa(xaCopy(plainFactory))
                    : credentials.user == null ? plainFactory.createConnection()
                    : plainFactory.createConnection(credentials.user, credentials.password);
            if (clientId != null) {
                connection.setClientID(clientId);
            }
            return connection;
        }
        return ProviderConnections.open(url, credentials, clientId, xa, INBOUND_PREFETCH);
    }

    /**
     * The looked-up factory's URL and options (those set through its setters too, credentials and TLS
     * included) on an XA factory: the bound one may be a plain {@link LogJmsConnectionFactory}.
     */
    static LogJmsXAConnectionFactory xaCopy(LogJmsConnectionFactory factory) {
        LogJmsXAConnectionFactory copy = XaSupport.factory(factory.getBrokerURL());
        factory.getOptionOverrides().forEach(copy::setOption);
        return copy;
    }

    private XAConnection openXa(LogJmsXAConnectionFactory factory) throws JMSException {
        return credentials.user == null ? factory.createXAConnection()
                : factory.createXAConnection(credentials.user, credentials.password);
    }

    /**
     * A new XA connection for the container's recovery: the same broker and credentials, no client id
     * (the broker admits one connection per client id, and the endpoint's own connection has it).
     */
    Connection openForRecovery() throws JMSException, NotSupportedException {
        return plainFactory != null ? openXa(xaCopy(plainFactory))
                : ProviderConnections.open(url, credentials, null, true);
    }

    /** What makes two recovery connections the same: broker URL, credentials and a looked-up factory's options. */
    String recoveryKey() {
        return target() + "\u0000" + credentials.user + "\u0000" + credentials.password
                + (plainFactory == null ? "" : "\u0000" + plainFactory.getOptionOverrides());
    }

    private String target() {
        return url != null ? url : plainFactory != null ? plainFactory.getBrokerURL() : null;
    }

    @Override
    public String toString() {
        return "connection " + (url != null ? url : plainFactory != null ? plainFactory.getBrokerURL()
                : "logjms://localhost:7878") + (credentials.user == null ? "" : " as " + credentials.user);
    }
}
