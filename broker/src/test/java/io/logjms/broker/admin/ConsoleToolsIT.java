package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** produce, consume, browse, queue depth, subscription lag and delete, run in this JVM against an embedded broker. */
@Timeout(60)
class ConsoleToolsIT {
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @TempDir
    Path dataDir;
    Broker broker;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        broker.close();
    }

    Result withInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "logjms://127.0.0.1:" + broker.port()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = AdminCli.run(all.toArray(String[]::new), in, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    Result cli(String... args) {
        return withInput("", args);
    }

    @Test
    void producedTextWithPropertiesIsConsumedAsJsonLinesWithPartitionAndOffset() {
        Result sent = cli("produce", "queue:orders", "--text", "hello", "--count", "3", "--property", "region=eu",
                "--property", "prio=high", "--non-persistent");
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).isEqualTo("sent 3 message(s) to queue:orders\n");

        Result got = cli("consume", "queue:orders", "--count", "3", "--timeout", "10000", "--json");
        assertThat(got.code()).as(got.err()).isZero();
        assertThat(got.lines()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(got.lines().get(i)).startsWith("{\"body\":\"hello\",\"bodyType\":\"text\","
                    + "\"properties\":{\"JMSXDeliveryCount\":1,\"prio\":\"high\",\"region\":\"eu\"},\"messageId\":\"ID:")
                    .contains("\"destination\":\"queue:orders\",\"partition\":0,\"offset\":" + i + ",");
        }
    }

    @Test
    void linesOfStandardInputBecomeMessagesThatBrowseShowsWithoutConsumingThem() {
        assertThat(withInput("first\nsecond\nthird\n", "produce", "queue:jobs").out())
                .isEqualTo("sent 3 message(s) to queue:jobs\n");
        Result browsed = cli("browse", "queue:jobs");
        assertThat(browsed.code()).as(browsed.err()).isZero();
        assertThat(browsed.lines()).containsExactly("first", "second", "third");
        assertThat(cli("browse", "queue:jobs", "--selector", "JMSMessageID IS NULL").err()).contains("no messages");

        Result listed = cli("--json", "queues", "list");
        assertThat(listed.out()).contains("\"name\": \"jobs\"", "\"depth\": 3", "\"consumers\": 0");

        assertThat(cli("consume", "queue:jobs", "--count", "3", "--timeout", "10000").lines())
                .containsExactly("first", "second", "third");
        assertThat(cli("--json", "queues", "list").out()).contains("\"depth\": 0");
    }

    @Test
    void fewerMessagesThanCountBeforeTheTimeoutExitWithStatusOne() {
        cli("produce", "queue:short", "--text", "only one");
        Result got = cli("consume", "queue:short", "--count", "2", "--timeout", "300");
        assertThat(got.code()).isEqualTo(1);
        assertThat(got.lines()).containsExactly("only one");
        assertThat(got.err()).contains("received 1 of 2 message(s) from queue:short: nothing arrived for 300 ms");
    }

    @Test
    void topicsAreReadFromEarliestWithASelector() {
        cli("produce", "topic:news", "--text", "sports", "--property", "section=sports");
        cli("produce", "topic:news", "--text", "weather", "--property", "section=weather");
        Result got = cli("consume", "topic:news", "--from", "earliest", "--selector", "section = 'weather'",
                "--count", "1", "--timeout", "10000");
        assertThat(got.code()).as(got.err()).isZero();
        assertThat(got.lines()).containsExactly("weather");
    }

    @Test
    void usageErrorsNameTheProblem() {
        Result badDestination = cli("consume", "orders");
        assertThat(badDestination.code()).isEqualTo(2);
        assertThat(badDestination.err()).contains("'orders' is not a destination: give queue:NAME or topic:NAME");
        Result queueFrom = cli("consume", "queue:orders", "--from", "earliest");
        assertThat(queueFrom.code()).isEqualTo(2);
        assertThat(queueFrom.err()).contains("--from applies to topics");
        Result badInstant = cli("consume", "topic:news", "--from", "yesterday");
        assertThat(badInstant.code()).isEqualTo(2);
        assertThat(badInstant.err()).contains("not 'yesterday'");
        Result browseTopic = cli("browse", "topic:news");
        assertThat(browseTopic.code()).isEqualTo(2);
        assertThat(browseTopic.err()).contains("browse takes a queue");
    }

    @Test
    void alteringThePartitionCountSaysItIsFixed() {
        cli("topics", "create", "events", "--partitions", "2");
        Result r = cli("topics", "alter", "events", "--partitions", "4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the partition count of topic events is fixed at creation")
                .doesNotContain("Unknown option");
    }

    @Test
    void subscriptionsListWithLagShowsEveryLagAndDeleteRemovesADurableSubscription() throws Exception {
        Connection c = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port()).createConnection();
        toClose.add(c);
        c.setClientID("app");
        Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic audit = s.createTopic("audit");
        s.createDurableSubscriber(audit, "trail").close();
        cli("produce", "topic:audit", "--text", "a", "--count", "4");

        Result lag = cli("--json", "subscriptions", "list", "--lag");
        assertThat(lag.code()).as(lag.err()).isZero();
        assertThat(lag.out()).contains("\"id\": \"durable/app/trail\"", "\"lag\": 4");
        assertThat(cli("subscriptions", "list", "--lag").lines().get(0)).contains("LAG", "IN FLIGHT");

        c.close();
        Result deleted = cli("subscriptions", "delete", "durable/app/trail");
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted subscription durable/app/trail\n");
        assertThat(cli("subscriptions", "list").out()).doesNotContain("durable/app/trail");

        Result notDurable = cli("subscriptions", "delete", "queue/orders");
        assertThat(notDurable.code()).isEqualTo(2);
        assertThat(notDurable.err()).contains("only durable subscriptions can be deleted");
    }
}
