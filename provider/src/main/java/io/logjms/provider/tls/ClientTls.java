package io.logjms.provider.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes the TLS handler of a client connection from {@link TlsOptions}, with the JDK's TLS implementation.
 * The handler goes first in the pipeline; it verifies the broker's certificate against the trust store
 * and, with {@code verifyHost}, against the host name or IP address connected to. Stateless.
 */
public final class ClientTls {
    private ClientTls() {
    }

    /**
     * The TLS context of these options.
     *
     * @throws TlsSetupException naming the option when a store cannot be read (missing, wrong password or type)
     */
    public static SslContext context(TlsOptions options) throws TlsSetupException {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm(options.verifyHost() ? "HTTPS" : null);
            if (options.trustStore() != null) {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(options.trustStore(), options.trustStorePassword(), options.trustStoreType(),
                        TlsOptions.TRUST_STORE));
                builder.trustManager(trust);
            }
            if (options.keyStore() != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(options.keyStore(), options.keyStorePassword(), options.keyStoreType(),
                        TlsOptions.KEY_STORE), chars(options.keyStorePassword()));
                builder.keyManager(keys);
            }
            return builder.build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new TlsSetupException("cannot set up TLS with " + options + ": " + e.getMessage(), e);
        }
    }

    /** A handler for a connection to {@code host:port} that fails the handshake after {@code timeout}. */
    public static SslHandler handler(SslContext context, ByteBufAllocator alloc, String host,
                                     int port, Duration timeout) {
        SslHandler handler = context.newHandler(alloc, host, port);
        handler.setHandshakeTimeoutMillis(timeout.toMillis());
        return handler;
    }

    private static KeyStore load(String path, String password, String type, String option) throws TlsSetupException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("option '" + option + "': file not found: " + path, e);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsSetupException("option '" + option + "': cannot read " + type + " store " + path + ": "
                    + e.getMessage() + " (wrong password or type?)", e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
