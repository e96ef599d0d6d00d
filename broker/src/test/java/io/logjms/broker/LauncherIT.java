package io.logjms.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link BrokerMain} as an operator runs it: in its own JVM, stopped with SIGTERM. */
@Timeout(60)
class LauncherIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    /** {@code LogFileNames.CLEAN_SHUTDOWN_FILE}: present in a partition directory only after a clean close. */
    private static final String CLEAN_SHUTDOWN_MARKER = ".clean_shutdown";
    private static final DestinationId QUEUE = DestinationId.queue("launcher.queue");
    private static final DestinationId TOPIC = DestinationId.topic("launcher.topic");

    @TempDir
    Path dir;
    BrokerProcess broker;
    BrokerProcess other;

    @AfterEach
    void stop() {
        for (BrokerProcess p : new BrokerProcess[] {broker, other}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void printsTheReadyLineThenTheHttpLineAndServesClients() throws Exception {
        Path data = dir.resolve("data");
        broker = BrokerProcess.start(data);
        int http = broker.httpPort();
        List<String> lines = broker.stdout().lines().toList();
        Matcher ready = BrokerProcess.READY_LINE.matcher(lines.get(0));
        assertThat(ready.matches()).as("the client address comes first: %s", lines).isTrue();
        assertThat(ready.group(1)).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(ready.group(2))).isPositive();
        assertThat(Path.of(ready.group(3))).isEqualTo(data.toAbsolutePath().normalize());
        assertThat(lines.get(1)).isEqualTo("logjms HTTP (console, /metrics, /health) at http://127.0.0.1:" + http + "/")
                .doesNotContain("listening");
        assertThat(http).isPositive().isNotEqualTo(broker.port());

        try (TestClient c = TestClient.connect(broker.port())) {
            assertThat(c.produce(QUEUE, 0, "hello").baseOffset()).isZero();
        }
        assertThat(httpGet(http, "/health")).contains("\"UP\"");
        assertThat(httpGet(http, "/metrics")).contains("logjms_messages_in_total{destination=\"launcher.queue\",type=\"queue\"} 1.0");
    }

    @Test
    void httpPortMinusOneTurnsHttpOff() throws Exception {
        broker = BrokerProcess.start(dir.resolve("data"), "--http-port", "-1");
        broker.port();
        assertThat(broker.terminate(EXIT_TIMEOUT)).isIn(0, 143);

        assertThat(broker.stdout()).contains("listening").doesNotContain("HTTP", "http://");
    }

    private static String httpGet(int port, String path) throws IOException {
        try (var in = java.net.URI.create("http://127.0.0.1:" + port + path).toURL().openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void sigtermShutsDownCleanlySoTheNextStartSkipsRecovery() throws Exception {
        Path data = dir.resolve("data");
        broker = BrokerProcess.start(data);
        try (TestClient c = TestClient.connect(broker.port());
             TestClient subscriber = TestClient.connect(broker.port())) {
            c.createDestination(TOPIC, 2);
            c.produce(QUEUE, 0, "q1", "q2");
            subscriber.subscribe(SubscribeRequest.nonDurable(1, TOPIC, StartPosition.LATEST, 0, null, 10));
            c.produce(TOPIC, 1, "t1");
            assertThat(subscriber.next(5_000)).as("live delivery").isNotNull();

            long started = System.nanoTime();
            int exit = broker.terminate(EXIT_TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("shutdown with clients connected")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(exit).as("exit code after SIGTERM (143 = the JVM's answer to the signal)").isIn(0, 143);
            await().atMost(Duration.ofSeconds(5)).until(() -> !subscriber.protocol().isOpen());
        }
        assertThat(broker.stderr()).contains("logjms broker stopped");
        List<Path> partitions = partitionDirectories(data);
        assertThat(partitions).hasSize(3);
        for (Path p : partitions) {
            assertThat(p.resolve(CLEAN_SHUTDOWN_MARKER)).as("clean-shutdown marker in %s", p).exists();
        }

        broker = BrokerProcess.start(data);
        assertThat(broker.stderrOnceItContains(BrokerProcess.STARTED_LOG))
                .contains("queue.launcher.queue-0 from", "topic.launcher.topic-1 from")
                .contains("after a clean shutdown").doesNotContain("after an unclean shutdown")
                .doesNotContain("recovered segment");
        for (Path p : partitions) {
            assertThat(p.resolve(CLEAN_SHUTDOWN_MARKER)).as("marker consumed by the start in %s", p).doesNotExist();
        }
        try (TestClient c = TestClient.connect(broker.port())) {
            assertThat(c.fetchAll(QUEUE, 0)).singleElement().satisfies(b -> assertThat(b.texts()).containsExactly("q1", "q2"));
            assertThat(c.produce(TOPIC, 1, "t2").baseOffset()).isEqualTo(1);
        }
    }

    @Test
    void unknownConfigurationKeyIsRefusedByName() throws Exception {
        Path config = Files.writeString(dir.resolve("broker.properties"), "port=0\nno.such.key=1\n");
        broker = BrokerProcess.launch("--config", config.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(broker.awaitExit(EXIT_TIMEOUT)).isNotZero();
        assertThat(broker.stderr()).contains("configuration error").contains("no.such.key");
        assertThat(broker.stdout()).doesNotContain("listening");
    }

    @Test
    void badConfigurationValueIsRefusedByName() throws Exception {
        Path config = Files.writeString(dir.resolve("broker.properties"), "port=0\nmax.batch.bytes=lots\n");
        broker = BrokerProcess.launch("--config", config.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(broker.awaitExit(EXIT_TIMEOUT)).isNotZero();
        assertThat(broker.stderr()).contains("max.batch.bytes").contains("lots");
        assertThat(broker.stdout()).doesNotContain("listening");
    }

    @Test
    void missingConfigurationFileIsRefused() throws Exception {
        Path config = dir.resolve("absent.properties");
        broker = BrokerProcess.launch("--config", config.toString());
        assertThat(broker.awaitExit(EXIT_TIMEOUT)).isNotZero();
        assertThat(broker.stderr()).contains("not found").contains(config.toString());
    }

    @Test
    void portInUseIsReportedAndExitsNonZero() throws Exception {
        other = BrokerProcess.start(dir.resolve("first"));
        int taken = other.port();
        broker = BrokerProcess.launch("--host", "127.0.0.1", "--port", Integer.toString(taken), "--http-port", "-1",
                "--data-dir", dir.resolve("second").toString());
        assertThat(broker.awaitExit(EXIT_TIMEOUT)).isNotZero();
        assertThat(broker.stderr()).contains("could not start").contains("127.0.0.1:" + taken);
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void clusterFlagsStartAMemberAndATakenNodeIdIsRefusedNamingBoth() throws Exception {
        int first = freePort();
        int second = freePort();
        other = BrokerProcess.start(dir.resolve("first"), "--node-id", "7", "--cluster-members", "127.0.0.1:" + first,
                "--cluster-port", Integer.toString(first), "--http-port", "-1");
        int clientPort = other.port();
        await().atMost(Duration.ofSeconds(30)).until(() -> describeCluster(clientPort).contains("\"controller\": 7"));
        assertThat(describeCluster(clientPort)).contains("\"clusterName\": \"logjms\"", "\"nodeId\": 7",
                "\"address\": \"127.0.0.1:" + clientPort + "\"");

        broker = BrokerProcess.start(dir.resolve("second"), "--node-id", "7", "--cluster-members", "127.0.0.1:" + first
                + ",127.0.0.1:" + second, "--cluster-port", Integer.toString(second), "--http-port", "-1");
        broker.port();

        assertThat(broker.awaitExit(Duration.ofSeconds(45))).isEqualTo(1);
        assertThat(broker.stderr()).contains("node.id 7 is already used in cluster 'logjms' by the member at 127.0.0.1:"
                + first + "; this broker (member 127.0.0.1:" + second + ") does not join");
        assertThat(other.isAlive()).isTrue();
    }

    private static String describeCluster(int port) {
        java.io.StringWriter out = new java.io.StringWriter();
        io.logjms.broker.admin.AdminCli.run(new String[] {"--url", "logjms://127.0.0.1:" + port, "cluster", "describe",
            "--json"}, new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()));
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        broker = BrokerProcess.launch("--help");
        assertThat(broker.awaitExit(EXIT_TIMEOUT)).isZero();
        assertThat(broker.stdout()).contains("Usage: logjms-broker", "--port", "--http-port", "--host", "--data-dir",
                "--config", "--version", "--node-id", "--cluster-members", "--cluster-port");
    }

    private static List<Path> partitionDirectories(Path data) throws IOException {
        try (Stream<Path> dirs = Files.list(data.resolve("logs"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
