package io.logjms.ra;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnectionFactory;
import jakarta.resource.NotSupportedException;
import java.util.regex.Pattern;

/** Opens the provider's physical connections, plain or XA ({@link XaSupport}). */
final class ProviderConnections {
    /** The provider's error code when a connection is lost for good (reconnecting gave up). */
    static final String CONNECTION_LOST = "CONNECTION_LOST";
    private static final Pattern PREFETCH_OPTION = Pattern.compile("[?&]prefetch=");

    private ProviderConnections() {
    }

    /**
     * A new, not yet started connection to {@code url} (the provider's default when null) as
     * {@code credentials}; {@code clientId} is set when not null.
     */
    static Connection open(String url, Credentials credentials, String clientId, boolean xa)
            throws JMSException, NotSupportedException {
        return open(url, credentials, clientId, xa, 0);
    }

    /**
     * As {@link #open(String, Credentials, String, boolean)}, with {@code prefetch} records per consumer
     * unless the URL sets {@code prefetch} itself (0: the provider's default).
     */
    static Connection open(String url, Credentials credentials, String clientId, boolean xa, int prefetch)
            throws JMSException, NotSupportedException {
        LogJmsConnectionFactory factory = xa ? XaSupport.factory(url)
                : url == null ? new LogJmsConnectionFactory() : new LogJmsConnectionFactory(url);
        if (clientId != null) {
            factory.setClientID(clientId);
        }
        if (prefetch > 0 && !setsPrefetch(url)) {
            factory.setPrefetch(prefetch);
        }
        if (factory instanceof XAConnectionFactory xaFactory) {
            return credentials.user == null ? xaFactory.createXAConnection()
                    : xaFactory.createXAConnection(credentials.user, credentials.password);
        }
        return credentials.user == null ? factory.createConnection()
                : factory.createConnection(credentials.user, credentials.password);
    }

    static boolean setsPrefetch(String url) {
        return url != null && PREFETCH_OPTION.matcher(url).find();
    }

    /** Whether {@code e} means the connection is gone for good (not a lost temporary destination). */
    static boolean isFatal(JMSException e) {
        return CONNECTION_LOST.equals(e.getErrorCode());
    }
}
