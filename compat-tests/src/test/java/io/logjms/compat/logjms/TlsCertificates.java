package io.logjms.compat.logjms;

import io.logjms.compat.TemporaryDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key store and a trust store for the TLS provider under test, made once per test JVM with the JDK's
 * {@code keytool} (run as a process) in a temporary directory: a self-signed broker certificate for IP 127.0.0.1
 * and DNS localhost, so the client's host-name check passes, and a trust store holding that certificate. Both
 * stores are PKCS12 with the password {@link #PASSWORD}.
 */
final class TlsCertificates {
    static final String PASSWORD = "changeit";
    private static final String ALIAS = "broker";
    private static TlsCertificates instance;

    /** The broker's key pair and certificate. */
    final Path keyStore;
    /** Trusts the broker's certificate. */
    final Path trustStore;

    private TlsCertificates(Path dir) throws IOException, GeneralSecurityException {
        keyStore = dir.resolve("broker.p12");
        trustStore = dir.resolve("truststore.p12");
        keytool(dir, "-genkeypair", "-alias", ALIAS, "-dname", "CN=localhost", "-ext",
                "SAN=IP:127.0.0.1,DNS:localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
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
    }

    /**
     * The stores, made on first use. Their directory is deleted when the JVM exits: providers started later in
     * the same run (JORAM starts its own) use them too.
     */
    static synchronized TlsCertificates get() {
        if (instance == null) {
            TemporaryDirectory dir = TemporaryDirectory.create("logjms-tls-certificates");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "tls-certificates-cleanup"));
            try {
                instance = new TlsCertificates(dir.path());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IllegalStateException("could not make the TLS test certificates with keytool in "
                        + dir.path(), e);
            }
        }
        return instance;
    }

    private static void deleteQuietly(TemporaryDirectory dir) {
        try {
            dir.close();
        } catch (IOException e) {
            // left behind under target/ (or the temporary directory); nothing else depends on it
        }
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}
