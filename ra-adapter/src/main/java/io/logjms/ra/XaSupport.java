package io.logjms.ra;

import io.logjms.provider.LogJmsXAConnectionFactory;

/**
 * The one place that knows how the adapter gets XA from the provider. Everything else is written against
 * the {@code jakarta.jms} XA interfaces ({@code XAConnection}, {@code XASession.getXAResource()}): the
 * managed connection hands out its XA session's resource, inbound delivery passes it to
 * {@code createEndpoint}, and {@code getXAResources} serves recovery. {@code META-INF/ra.xml} and
 * {@code ironjacamar.xml} declare {@code XATransaction}; the local-transaction path stays for servers that
 * use it.
 */
final class XaSupport {

    private XaSupport() {
    }

    /** Whether connections are opened as {@code XAConnection}s and enlisted through their XA resources. */
    static boolean enabled() {
        return true;
    }

    /** The provider's XA connection factory for {@code url} (the provider's default when null). */
    static LogJmsXAConnectionFactory factory(String url) {
        return url == null ? new LogJmsXAConnectionFactory() : new LogJmsXAConnectionFactory(url);
    }
}
