package io.logjms.broker.security;

import static io.logjms.broker.config.BrokerConfigKeys.*;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.ConfigException;
import io.logjms.broker.config.TlsClientAuth;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the broker's TLS context from the {@code tls.*} configuration keys, with the JDK's TLS
 * implementation. Errors name the key and file (never a password). Stateless.
 */
public final class TlsContextFactory {
    private TlsContextFactory() {
    }

    /**
     * The server context, or null when {@code tls.enabled} is false.
     *
     * @throws ConfigException when a store cannot be read (missing, wrong password, wrong type) or the
     *         protocols are not supported
     */
    public static SslContext serverContext(BrokerConfig config) {
        if (!config.get(TLS_ENABLED)) {
            return null;
        }
        KeyStore keyStore = load(config.get(TLS_KEYSTORE_PATH).orElseThrow(), config.get(TLS_KEYSTORE_PASSWORD),
                config.get(TLS_KEYSTORE_TYPE), TLS_KEYSTORE_PATH.name());
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, config.get(TLS_KEYSTORE_PASSWORD).toCharArray());
            SslContextBuilder builder = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK)
                    .protocols(protocols(config));
            TlsClientAuth auth = config.get(TLS_CLIENT_AUTH);
            if (auth != TlsClientAuth.NONE) {
                KeyStore trusted = load(config.get(TLS_TRUSTSTORE_PATH).orElseThrow(),
                        config.get(TLS_TRUSTSTORE_PASSWORD), config.get(TLS_TRUSTSTORE_TYPE), TLS_TRUSTSTORE_PATH.name());
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                builder.trustManager(trust).clientAuth(auth == TlsClientAuth.NEED ? ClientAuth.REQUIRE
                        : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new ConfigException(TLS_KEYSTORE_PATH.name(), "Cannot use the key in "
                    + config.get(TLS_KEYSTORE_PATH).orElseThrow() + " (" + TLS_KEYSTORE_PATH.name() + "): "
                    + e.getMessage(), e);
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(TLS_PROTOCOLS.name(), "Cannot set up TLS with " + TLS_PROTOCOLS.name() + "="
                    + config.get(TLS_PROTOCOLS) + ": " + e.getMessage(), e);
        }
    }

    private static String[] protocols(BrokerConfig config) {
        return Arrays.stream(config.get(TLS_PROTOCOLS).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    static KeyStore load(Path file, String password, String type, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new ConfigException(key, "Store file not found: " + file + " (" + key + ")", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key, "Cannot read " + type + " store " + file + " (" + key + "): "
                    + e.getMessage() + " (wrong password or type?)", e);
        }
    }
}
