package io.logjms.provider.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Key and trust stores for TLS tests, made once per JVM with the JDK's {@code keytool} (run as a process)
 * in a temporary directory: a test CA; broker certificates signed by it for 127.0.0.1/localhost, for a
 * wrong host, and one that expired; a client certificate for user {@code alice}; a self-signed broker
 * certificate no one trusts. Every store is PKCS12 with the password {@link #PASSWORD}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static TestCertificates instance;

    /** Trusts the test CA. */
    public final Path trustStore;
    /** The broker's certificate for IP 127.0.0.1 and DNS localhost. */
    public final Path server;
    /** A broker certificate for wrong.example only. */
    public final Path wrongHost;
    /** A broker certificate that expired yesterday. */
    public final Path expired;
    /** A self-signed broker certificate the trust store does not trust. */
    public final Path untrusted;
    /** A client certificate with subject CN=alice. */
    public final Path alice;
    /** A self-signed client certificate with CN=mallory, not trusted by the broker. */
    public final Path mallory;

    private TestCertificates(Path dir) throws Exception {
        Path ca = dir.resolve("ca.p12");
        CompletableFuture<Void> caReady = CompletableFuture.runAsync(() -> keytool(dir, "-genkeypair", "-alias", "ca",
                "-dname", "CN=logjms-test-ca", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString()));
        untrusted = dir.resolve("untrusted.p12");
        mallory = dir.resolve("mallory.p12");
        CompletableFuture<Void> selfSigned = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> selfSigned(dir, untrusted, "CN=localhost", "SAN=IP:127.0.0.1")),
                CompletableFuture.runAsync(() -> selfSigned(dir, mallory, "CN=mallory", null)));
        caReady.get(5, TimeUnit.MINUTES);
        trustStore = dir.resolve("truststore.p12");
        writeTrustStore(ca, trustStore);
        server = dir.resolve("server.p12");
        wrongHost = dir.resolve("wrong-host.p12");
        expired = dir.resolve("expired.p12");
        alice = dir.resolve("alice.p12");
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> signed(dir, ca, server, "CN=localhost",
                        "SAN=IP:127.0.0.1,DNS:localhost", null)),
                CompletableFuture.runAsync(() -> signed(dir, ca, wrongHost, "CN=wrong.example",
                        "SAN=DNS:wrong.example", null)),
                CompletableFuture.runAsync(() -> signed(dir, ca, expired, "CN=localhost",
                        "SAN=IP:127.0.0.1,DNS:localhost", "-2d")),
                CompletableFuture.runAsync(() -> signed(dir, ca, alice, "CN=alice", null, null)),
                selfSigned).get(5, TimeUnit.MINUTES);
    }

    /** The stores, made on first use. */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("logjms-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                instance = new TestCertificates(dir);
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test certificates with keytool", e);
            }
        }
        return instance;
    }

    private static void selfSigned(Path dir, Path store, String dname, String san) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", "leaf", "-dname", dname,
                "-keystore", store.toString()));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(dir, args.toArray(String[]::new));
    }

    /** A key pair signed by the CA; {@code startDate} like {@code -2d} makes it expire a day before now. */
    private static void signed(Path dir, Path ca, Path store, String dname, String san, String startDate) {
        String name = store.getFileName().toString().replace(".p12", "");
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool(dir, "-genkeypair", "-alias", "leaf", "-dname", dname, "-keystore", store.toString());
        keytool(dir, "-certreq", "-alias", "leaf", "-keystore", store.toString(), "-file", csr.toString());
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", ca.toString(),
                "-infile", csr.toString(), "-outfile", pem.toString(), "-rfc"));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        if (startDate != null) {
            args.addAll(List.of("-startdate", startDate, "-validity", "1"));
        }
        keytool(dir, args.toArray(String[]::new));
        try {
            KeyStore caStore = load(ca);
            KeyStore leafStore = load(store);
            Key key = leafStore.getKey("leaf", PASSWORD.toCharArray());
            Certificate leaf;
            try (InputStream in = Files.newInputStream(pem)) {
                leaf = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            leafStore.setKeyEntry("leaf", key, PASSWORD.toCharArray(),
                    new Certificate[] {leaf, caStore.getCertificate("ca")});
            save(leafStore, store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not put the signed certificate into " + store, e);
        }
    }

    private static void writeTrustStore(Path ca, Path trustStore) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", load(ca).getCertificate("ca"));
        save(trusted, trustStore);
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static void keytool(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12", "-keyalg", "EC", "-groupname",
                "secp256r1"));
        if (args[0].equals("-certreq") || args[0].equals("-gencert")) {
            command.subList(command.size() - 4, command.size()).clear();
        }
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
