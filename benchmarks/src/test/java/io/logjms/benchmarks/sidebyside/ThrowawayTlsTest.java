package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The logjms-tls system's certificate, made with keytool (a process, no socket). */
class ThrowawayTlsTest {
    @TempDir
    Path parent;

    @Test
    @Timeout(120)
    void makesAKeyStoreForTheLoopbackAddressATrustStoreHoldingItAndTheBrokerConfiguration() throws Exception {
        ThrowawayTls tls = ThrowawayTls.create(parent);

        KeyStore keys = load(tls.keyStore());
        X509Certificate certificate = (X509Certificate) keys.getCertificate("broker");
        assertThat(keys.isKeyEntry("broker")).isTrue();
        assertThat(certificate.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"));
        assertThat(load(tls.trustStore()).getCertificate("broker")).isEqualTo(certificate);
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(tls.brokerConfig())) {
            config.load(in);
        }
        assertThat(config).containsEntry("tls.enabled", "true")
                .containsEntry("tls.keystore.path", tls.keyStore().toString())
                .containsEntry("tls.keystore.password", ThrowawayTls.PASSWORD);
        assertThat(tls.clientOptions()).isEqualTo("tls=true&trustStore=" + tls.trustStore()
                + "&trustStorePassword=" + ThrowawayTls.PASSWORD);

        tls.close();
        assertThat(tls.dir()).doesNotExist();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, ThrowawayTls.PASSWORD.toCharArray());
        }
        return store;
    }
}
