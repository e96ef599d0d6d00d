package io.logjms.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} built, unpacked into an empty directory and run as an operator would: with
 * a Java runtime and nothing else (no Maven, no source tree on the PATH or as working directory).
 */
@Timeout(120)
class DistributionIT {
    private static final Pattern READY = Pattern.compile("logjms broker listening on (\\S+):(\\d+) .*");

    @TempDir
    Path dir;
    private Process broker;
    private final List<String> brokerStdout = new ArrayList<>();
    private final StringBuffer brokerStderr = new StringBuffer();

    @AfterEach
    void killBroker() throws InterruptedException {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unpackedAnywhereItServesClientsRunsTheCommandLineAndStopsCleanlyOnSigterm() throws Exception {
        Path home = unpack();
        assertThat(home.resolve("README.md")).content().contains("logjms " + System.getProperty("logjms.dist.folder")
                .substring("logjms-".length()));
        assertThat(home.resolve("config/broker.properties")).content().contains("#port=7878", "#data.dir=./data");
        assertThat(home.resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("logjms-provider-"));
        try (ZipFile rar = new ZipFile(home.resolve("jakarta-ee/logjms-ra.rar").toFile())) {
            assertThat(rar.getEntry("META-INF/ra.xml")).as("the resource adapter's descriptor").isNotNull();
        }

        Path data = dir.resolve("data");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/logjms-broker").toString(), "--host", "127.0.0.1",
                "--port", "0", "--http-port", "0", "--data-dir", data.toString()).directory(dir.toFile());
        javaOnly(pb.environment());
        broker = pb.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        pump(broker.getInputStream(), line -> {
            synchronized (brokerStdout) {
                brokerStdout.add(line);
            }
            Matcher m = READY.matcher(line);
            if (m.matches()) {
                port.complete(Integer.parseInt(m.group(2)));
            }
        });
        pump(broker.getErrorStream(), line -> brokerStderr.append(line).append('\n'));
        int brokerPort = port.get(60, TimeUnit.SECONDS);

        assertThat(broker.toHandle().info().command()).as("the launcher execs java").hasValueSatisfying(
                c -> assertThat(c).endsWith("java"));

        String url = "logjms://127.0.0.1:" + brokerPort;
        try (Connection c = new LogJmsConnectionFactory(url).createConnection()) {
            Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("dist.orders")).send(s.createTextMessage("order 1"));
            s.createProducer(s.createTopic("dist.news")).send(s.createTextMessage("news 1"));
            MessageConsumer consumer = s.createConsumer(s.createQueue("dist.orders"));
            c.start();
            TextMessage received = (TextMessage) consumer.receive(10_000);
            assertThat(received).isNotNull();
            assertThat(received.getText()).isEqualTo("order 1");
        }

        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin/logjms").toString(), "--url", url, "topics", "list")
                .directory(dir.toFile()).redirectErrorStream(true);
        javaOnly(cli.environment());
        Process admin = cli.start();
        String listing = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(admin.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(admin.exitValue()).as(listing).isZero();
        assertThat(listing).contains("NAME", "PARTITIONS", "dist.news");

        broker.toHandle().destroy();
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
        assertThat(broker.exitValue()).as("exit code after SIGTERM (143: the JVM's answer to the signal)")
                .isIn(0, 143);
        assertThat(brokerStderr.toString()).contains("logjms broker stopped").doesNotContain("Exception");
        assertThat(data.resolve("logs")).isDirectory();
    }

    /** Unpacks the archive with tar, as an operator would; returns the one top folder it holds. */
    private Path unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("logjms.dist.archive"));
        assertThat(archive).exists();
        Path target = Files.createDirectories(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", target.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(out).isZero();
        try (var top = Files.list(target)) {
            assertThat(top.map(p -> p.getFileName().toString()).toList())
                    .containsExactly(System.getProperty("logjms.dist.folder"));
        }
        return target.resolve(System.getProperty("logjms.dist.folder"));
    }

    /**
     * An environment with a Java runtime ({@code JAVA_HOME}) and a PATH holding only bash and dirname, which
     * the scripts use: neither Maven nor a java on the PATH.
     */
    private void javaOnly(Map<String, String> env) throws IOException {
        Path bin = dir.resolve("path");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            for (String tool : new String[] {"bash", "dirname"}) {
                Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                        .findFirst().orElseThrow(() -> new IllegalStateException("no " + tool + " on this machine"));
                Files.createSymbolicLink(bin.resolve(tool), found);
            }
        }
        env.keySet().removeIf(k -> k.startsWith("MAVEN") || k.equals("M2_HOME") || k.equals("CLASSPATH")
                || k.equals("LOGJMS_URL") || k.equals("LOGJMS_JAVA_OPTS"));
        env.put("PATH", bin.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    private static void pump(java.io.InputStream in, java.util.function.Consumer<String> onLine) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }, "dist-broker-output");
        t.setDaemon(true);
        t.start();
    }
}
