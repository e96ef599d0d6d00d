package io.logjms.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The outbound connection definition: the container pools the {@link LogJmsManagedConnection}s it makes,
 * and applications get a {@link PooledConnectionFactory} ({@code jakarta.jms.ConnectionFactory}, also a
 * Queue and Topic connection factory). Properties: {@code connectionUrl} (the provider's URL syntax,
 * docs/CLIENT.md), {@code user}, {@code password} and {@code clientId}.
 *
 * <p>{@link LogJmsQueueManagedConnectionFactory} and {@link LogJmsTopicManagedConnectionFactory} are the
 * same factory under their own connection definitions (servers match a definition by its class).
 */
public class LogJmsManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private String connectionUrl;
    private String user;
    private String password;
    private String clientId;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new PooledConnectionFactory(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("logjms-ra runs only in a Jakarta EE server that pools its connections;"
                + " outside one, use io.logjms.provider.LogJmsConnectionFactory directly");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo request)
            throws ResourceException {
        Credentials credentials = Credentials.resolve(this, subject, request, user, password);
        return new LogJmsManagedConnection(this, credentials);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo request) {
        Credentials wanted = Credentials.resolve(this, subject, request, user, password);
        for (Object candidate : (Set<Object>) candidates) {
            if (candidate instanceof LogJmsManagedConnection connection && connection.factory().equals(this)
                    && connection.credentials().equals(wanted) && connection.isUsable()) {
                return connection;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    public String getConnectionUrl() {
        return connectionUrl;
    }

    public void setConnectionUrl(String connectionUrl) {
        this.connectionUrl = connectionUrl == null || connectionUrl.isBlank() ? null : connectionUrl.trim();
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user == null || user.isBlank() ? null : user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId == null || clientId.isBlank() ? null : clientId.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && o instanceof LogJmsManagedConnectionFactory other
                && Objects.equals(connectionUrl, other.connectionUrl) && Objects.equals(user, other.user)
                && Objects.equals(password, other.password) && Objects.equals(clientId, other.clientId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), connectionUrl, user, password, clientId);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[connectionUrl=" + connectionUrl + ", user=" + user + ", password="
                + (password == null ? null : "****") + ", clientId=" + clientId + "]";
    }
}
