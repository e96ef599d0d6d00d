package io.logjms.ra;

import jakarta.jms.XAConnectionFactory;
import jakarta.resource.NotSupportedException;

/**
 * The one place that knows whether the provider has XA. Everything else in the adapter is written against
 * the {@code jakarta.jms} XA interfaces ({@link XAConnectionFactory}, {@code XAConnection},
 * {@code XASession.getXAResource()}): the managed connection hands out its XA session's resource, inbound
 * delivery passes it to {@code createEndpoint}, and {@code getXAResources} serves recovery.
 *
 * <p>This build's provider has no {@code LogJmsXAConnectionFactory} yet. Wiring XA when it is merged:
 * {@link #enabled()} returns {@code true}, {@link #factory} returns
 * {@code new io.logjms.provider.LogJmsXAConnectionFactory(url)}, and {@code META-INF/ra.xml} declares
 * {@code XATransaction} instead of {@code LocalTransaction}.
 */
final class XaSupport {

    private XaSupport() {
    }

    /** Whether connections are opened as {@code XAConnection}s and enlisted through their XA resources. */
    static boolean enabled() {
        return false;
    }

    /** The provider's XA connection factory for {@code url}. */
    static XAConnectionFactory factory(String url) throws NotSupportedException {
        throw new NotSupportedException("XA transactions need the provider's LogJmsXAConnectionFactory, which this"
                + " build of logjms does not have; logjms-ra supports no transaction and local transactions"
                + " (url " + url + ")");
    }
}
