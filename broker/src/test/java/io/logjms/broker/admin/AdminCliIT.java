package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import io.logjms.provider.admin.LogJmsAdmin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a separate process against an embedded broker: output (table and JSON) and exit codes. */
@Timeout(120)
class AdminCliIT {
    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dataDir;
    Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Runs {@code AdminCli} in its own JVM with this test's class path. */
    Result cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AdminCli.class.getName(),
                "--url", "logjms://127.0.0.1:" + broker.port()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("LOGJMS_URL");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("logjms " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void topicsAndQueuesAsTablesAndJson() throws Exception {
        Result created = cli("topics", "create", "orders", "--partitions", "2", "--retention-ms", "86400000");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("""
                created topic orders

                topic orders
                  partitions          2
                  retention.ms        86400000 (1d)
                  retention.bytes     -1 (unlimited)
                  segment.bytes       134217728 (128 MiB)
                  replication.factor  1

                PARTITION  LOG START  LOG END  RECORDS
                        0          0        0        0
                        1          0        0        0
                """);

        try (TestClient producer = TestClient.connect(broker.port())) {
            producer.produce(DestinationId.topic("orders"), 1, "a", "b");
        }
        Result listed = cli("--json", "topics", "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).isEqualTo("""
                [
                  {
                    "type": "topic",
                    "name": "orders",
                    "partitions": 2
                  }
                ]
                """);

        Result altered = cli("topics", "alter", "orders", "--retention-bytes", "1048576", "--json");
        assertThat(altered.code()).isZero();
        assertThat(altered.out()).contains("\"retention.bytes\": 1048576", "\"retention.ms\": 86400000",
                "\"partition\": 1,\n      \"logStartOffset\": 0,\n      \"logEndOffset\": 2,\n      \"records\": 2");

        Result deleted = cli("topics", "delete", "orders");
        assertThat(deleted.code()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted topic orders\n");
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port())) {
            assertThat(admin.topics()).isEmpty();
        }

        Result missing = cli("queues", "describe", "orders");
        assertThat(missing.code()).as("refused by the broker").isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("logjms: cannot describe queue orders: queue://orders does not exist\n");
    }

    @Test
    void subscriptionsListDescribeAndReset() throws Exception {
        String id = LogJmsAdminIT.DURABLE_ID;
        try (TestClient app = TestClient.connect(broker.port(), "app")) {
            for (String text : List.of("1", "2", "3", "4")) {
                app.produce(LogJmsAdminIT.AUDITOR.destination(), 0, text); // one record per batch, so the credit of 2 is exact
            }
            app.subscribe(LogJmsAdminIT.AUDITOR);
            TestClient.Delivery first = app.next(5000);
            assertThat(app.next(5000)).isNotNull();
            app.ack(1, List.of(first.ref()));

            Result listed = cli("subscriptions", "list", "--topic", "audit.events");
            assertThat(listed.code()).isZero();
            assertThat(listed.out()).isEqualTo("""
                    ID                   KIND     DESTINATION         CLIENT ID  NAME     CONSUMERS  SELECTOR
                    durable/app/auditor  durable  topic audit.events  app        auditor          1  -
                    """);

            Result described = cli("subscriptions", "describe", id);
            assertThat(described.code()).isZero();
            assertThat(described.out()).endsWith("""
                    PARTITION  LOG START  LOG END  COMMITTED  LAG  IN FLIGHT  SKIPPED BY RETENTION
                            0          0        4          1    3          1  0
                    """);

            Result refused = cli("subscriptions", "reset", id, "--to", "earliest");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("logjms: cannot reset subscription " + id + " to earliest: subscription "
                    + id + " has 1 active consumer(s); stop them first or pass --force\n");

            Result forced = cli("subscriptions", "reset", id, "--to", "0:1", "--force", "--json");
            assertThat(forced.code()).as(forced.err()).isZero();
            assertThat(forced.out()).isEqualTo("""
                    {
                      "id": "durable/app/auditor",
                      "position": "0:1",
                      "forced": true,
                      "partitions": [
                        {
                          "partition": 0,
                          "nextOffset": 1
                        }
                      ]
                    }
                    """);
        }
        try (LogJmsAdmin admin = LogJmsAdmin.connect("logjms://127.0.0.1:" + broker.port())) {
            assertThat(admin.describeSubscription(id).partitions().get(0).committed()).isEqualTo(1);
        }

        Result usage = cli("subscriptions", "reset", id, "--to", "tomorrow");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).contains("logjms: Invalid value for option '--to'", "Try 'logjms subscriptions reset --help'");
    }
}
