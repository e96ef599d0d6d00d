package io.logjms.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.LogJmsAdmin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each example against a real broker and checks what it prints. */
@Timeout(60)
class ExamplesIT {
    @TempDir
    Path dataDir;
    Broker broker;
    PrintStream originalOut;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        broker.close();
    }

    private String url() {
        return "logjms://127.0.0.1:" + broker.port();
    }

    @Test
    void quickStartSendsAndReceivesOnAQueueAndATopic() {
        QuickStart.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("quickstart.queue: Hello, queue").contains("quickstart.topic: Hello, topic");
    }

    @Test
    void jndiQuickStartDoesTheSameThroughJndi() throws Exception {
        JndiQuickStart.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("quickstart.orders: order #1").contains("quickstart.news: breaking news");
    }

    @Test
    void replayDurableSubscriberReadsTheSameMessagesAgainAndKeepsASeekAcrossConsumers() throws Exception {
        ReplayDurableSubscriber.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        // the broker's default is one partition, so the five messages are offsets 0..4 of partition 0
        assertThat(lines(printed, "first read: ")).containsExactly(
                "'price #1' partition=0 offset=0", "'price #2' partition=0 offset=1", "'price #3' partition=0 offset=2",
                "'price #4' partition=0 offset=3", "'price #5' partition=0 offset=4");
        assertThat(printed).contains("positions after reading: {0=5}")
                .contains("positions after seekToBeginning: {0=0}");
        assertThat(lines(printed, "replayed: ")).containsExactly(
                "'price #1' partition=0 offset=0", "'price #2' partition=0 offset=1", "'price #3' partition=0 offset=2",
                "'price #4' partition=0 offset=3", "'price #5' partition=0 offset=4");
        assertThat(printed).contains("after the replay: nothing")
                .contains("positions after seek(0, 3): {0=3}");
        assertThat(lines(printed, "after reopening: "))
                .containsExactly("'price #4' partition=0 offset=3", "'price #5' partition=0 offset=4");
        assertThat(printed).contains("deleted durable subscription price-history");
    }

    @Test
    void seekByTimeReadsOnlyTheSecondBatchInCodeAndThroughTheStartOption() throws Exception {
        SeekByTime.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("new subscriber positions: {0=6}").contains("positions after seekToTime: {0=3}");
        assertThat(lines(printed, "seekToTime read: ")).containsExactly(
                "'second batch #1' partition=0 offset=3", "'second batch #2' partition=0 offset=4",
                "'second batch #3' partition=0 offset=5");
        assertThat(printed).containsPattern("(?m)^seekToTime: 3 message\\(s\\)$")
                .containsPattern("(?m)^createTopic\\(\"examples\\.readings\\?start=[0-9T:.-]+Z\"\\): 3 message\\(s\\)$");
        assertThat(printed.lines().filter(l -> l.startsWith("createTopic(") && l.contains(" read: "))
                .map(l -> l.substring(l.indexOf(" read: ") + 7))).containsExactly(
                "'second batch #1' partition=0 offset=3", "'second batch #2' partition=0 offset=4",
                "'second batch #3' partition=0 offset=5");
        assertThat(printed).doesNotContain("first batch #");
    }

    @Test
    void queueMigrationRunsThePlainApplicationThenReplaysWithOneJndiProperty() throws Exception {
        QueueMigration.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(lines(printed, "step 1: fulfilment processed "))
                .containsExactly("order #1", "order #2", "order #3");
        assertThat(lines(printed, "step 1: notifier (live subscriber) got: "))
                .containsExactly("order #1 shipped", "order #2 shipped", "order #3 shipped");
        assertThat(printed).contains("step 1: orders left on the queue: none")
                .contains("step 1: late subscriber got 0 message(s)");
        assertThat(lines(printed, "step 2: auditor (late subscriber, start=earliest) got: "))
                .containsExactly("order #1 shipped", "order #2 shipped", "order #3 shipped");
        assertThat(lines(printed, "step 2: queue after seekToBeginning gave: "))
                .containsExactly("order #1", "order #2", "order #3");
    }

    @Test
    void anUnknownExampleNameListsTheExamples() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Examples.run(new String[] {"QuickStrat", url()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(Examples.USAGE);
        assertThat(printed).startsWith("unknown example 'QuickStrat'; the examples are: ")
                .contains("QuickStart", "JndiQuickStart", "ReplayDurableSubscriber", "SeekByTime", "QueueMigration");
        assertThat(printed.lines()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QuickStart", "JndiQuickStart", "ReplayDurableSubscriber", "SeekByTime", "QueueMigration"})
    void withNoBrokerRunningAnExamplePrintsOneLineSayingHowToStartOne(String example) throws Exception {
        int freePort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = free.getLocalPort();
        }
        String noBroker = "logjms://127.0.0.1:" + freePort;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Examples.run(new String[] {example, noBroker}, new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status").isEqualTo(Examples.NO_BROKER);
        assertThat(printed.lines()).as("printed: %s", printed).hasSize(1);
        assertThat(printed).startsWith("no logjms broker answers at " + noBroker + " (")
                .contains("connection refused").contains("bin/logjms-broker")
                .doesNotContain("Exception").doesNotContain("io.netty");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing on stdout").isEmpty();
    }

    /**
     * Every example run twice against one broker: the second run prints the same as the first (each
     * starts from empty logs), and the broker is left with only the quick starts' fixed destinations.
     */
    @Test
    @Timeout(180)
    void examplesRunTwiceAndLeaveOnlyFixedNamedDestinations() throws Exception {
        for (int round = 1; round <= 2; round++) {
            for (String example : Examples.EXAMPLES.keySet()) {
                out.reset();
                int status = Examples.run(new String[] {example, url()}, System.err);
                assertThat(status).as("%s, round %d", example, round).isZero();
                String printed = out.toString(StandardCharsets.UTF_8);
                if (example.equals("SeekByTime")) {
                    assertThat(printed).as("round %d", round).contains("new subscriber positions: {0=6}");
                } else if (example.equals("ReplayDurableSubscriber")) {
                    assertThat(printed).as("round %d", round).contains("positions after reading: {0=5}");
                } else if (example.equals("QueueMigration")) {
                    assertThat(lines(printed, "step 2: auditor (late subscriber, start=earliest) got: "))
                            .as("round %d", round).containsExactly("order #1 shipped", "order #2 shipped", "order #3 shipped");
                }
            }
        }
        try (LogJmsAdmin admin = LogJmsAdmin.connect(url())) {
            assertThat(admin.topics()).extracting(DestinationSummary::name)
                    .containsExactlyInAnyOrder("quickstart.topic", "quickstart.news");
            assertThat(admin.queues()).extracting(DestinationSummary::name)
                    .containsExactlyInAnyOrder("quickstart.queue", "quickstart.orders");
        }
    }

    /** What follows {@code prefix} on each printed line that starts with it, in order. */
    private static java.util.List<String> lines(String printed, String prefix) {
        return printed.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
