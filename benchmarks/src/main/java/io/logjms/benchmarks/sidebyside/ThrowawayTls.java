package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of the {@code logjms-tls} system, made once per benchmark invocation in a directory of its
 * own: a self-signed certificate for 127.0.0.1 made with the JDK's {@code keytool} (EC P-256, as the recipe in
 * docs/SECURITY.md), a client trust store holding it, and a broker properties file that turns TLS on with that
 * key store. Everything is deleted by {@link #close()}.
 *
 * @param dir the directory holding the files
 * @param keyStore the broker's key store (PKCS12)
 * @param trustStore the clients' trust store (PKCS12)
 * @param brokerConfig the broker properties file ({@code --config})
 */
record ThrowawayTls(Path dir, Path keyStore, Path trustStore, Path brokerConfig) implements AutoCloseable {
    static final String PASSWORD = "bench-only";
    private static final String ALIAS = "broker";

    /** Makes the stores and the broker configuration in a new directory under {@code parent}. */
    static ThrowawayTls create(Path parent) throws IOException, InterruptedException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "logjms-bench-tls-");
        ThrowawayTls tls = new ThrowawayTls(dir, dir.resolve("broker.p12"), dir.resolve("trust.p12"),
                dir.resolve("broker-tls.properties"));
        try {
            tls.keytool("-genkeypair", "-alias", ALIAS, "-dname", "CN=localhost", "-ext",
                    "SAN=IP:" + ServerSupport.HOST + ",DNS:localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "2", "-keystore", tls.keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            tls.writeTrustStore();
            tls.writeBrokerConfig();
            return tls;
        } catch (IOException | InterruptedException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /** The broker settings that turn TLS on with {@link #keyStore}. */
    Properties brokerSettings() {
        Properties settings = new Properties();
        settings.setProperty("tls.enabled", "true");
        settings.setProperty("tls.keystore.path", keyStore.toString());
        settings.setProperty("tls.keystore.password", PASSWORD);
        return settings;
    }

    /** The client URL options of a TLS connection that trusts the broker's certificate. */
    String clientOptions() {
        return "tls=true&trustStore=" + trustStore + "&trustStorePassword=" + PASSWORD;
    }

    private void writeTrustStore() throws IOException {
        try {
            KeyStore broker = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                broker.load(in, PASSWORD.toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, broker.getCertificate(ALIAS));
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the benchmark's TLS trust store " + trustStore + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeBrokerConfig() throws IOException {
        try (OutputStream out = Files.newOutputStream(brokerConfig)) {
            brokerSettings().store(out, "logjms-bench: TLS with a throwaway self-signed certificate");
        }
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output.trim());
        }
    }

    @Override
    public void close() {
        try {
            TempDirs.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's TLS files in " + dir, e);
        }
    }
}
