package io.logjms.ra;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.resource.NotSupportedException;

/**
 * Where an endpoint's connection goes and as whom: the activation's {@code connectionUrl}, {@code user},
 * {@code password} and {@code clientId}, completed from the factory its {@code connectionFactoryLookup}
 * names (a logjms-ra connection definition, or a {@link LogJmsConnectionFactory} bound in JNDI).
 */
final class ConnectionSettings {
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
            plain = factory;
        }
        return new ConnectionSettings(url, new Credentials(user, password), config.clientId, plain);
    }

    Connection open(boolean xa) throws JMSException, NotSupportedException {
        if (plainFactory != null && !xa) {
            Connection connection = credentials.user == null ? plainFactory.createConnection()
                    : plainFactory.createConnection(credentials.user, credentials.password);
            if (clientId != null) {
                connection.setClientID(clientId);
            }
            return connection;
        }
        String target = url != null ? url : plainFactory != null ? plainFactory.getBrokerURL() : null;
        return ProviderConnections.open(target, credentials, clientId, xa);
    }

    @Override
    public String toString() {
        return "connection " + (url != null ? url : plainFactory != null ? plainFactory.getBrokerURL()
                : "logjms://localhost:7878") + (credentials.user == null ? "" : " as " + credentials.user);
    }
}
