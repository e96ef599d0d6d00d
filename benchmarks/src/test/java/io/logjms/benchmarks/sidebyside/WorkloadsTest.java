package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The workloads against {@link InMemoryClient}: the right metrics, positive figures, the right notes. */
@Timeout(20)
class WorkloadsTest {
    private static final int N = 500;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), 60_000);

    @AfterEach
    void stopProgress() {
        progress.close();
    }

    private WorkloadContext context(MessagingClient client, SystemKind system, List<Workload> workloads) {
        BenchSettings settings = Fixtures.settings(List.of(system), workloads, N, Duration.ofMillis(100));
        return new WorkloadContext(client, settings, system, 1, new Payloads(settings.payloadBytes()), progress);
    }

    private static Map<String, Measurement> byMetric(List<Measurement> measurements) {
        return measurements.stream().collect(Collectors.toMap(Measurement::metricId, Function.identity()));
    }

    @Test
    void w1PublishesSyncThenAsyncAndReportsRatesAndMegabytes() {
        InMemoryClient client = new InMemoryClient(true, false);
        WorkloadContext ctx = context(client, SystemKind.LOGJMS, List.of(Workload.W1));

        Map<String, Measurement> result = byMetric(new PublishWorkload().run(ctx));

        assertThat(result.keySet()).containsExactlyInAnyOrder("W1.sync.msgs", "W1.sync.MBps", "W1.async.msgs",
                "W1.async.MBps");
        assertThat(result.values()).allSatisfy(m -> assertThat(m.value().orElseThrow()).isPositive());
        double msgs = result.get("W1.async.msgs").value().getAsDouble();
        assertThat(result.get("W1.async.MBps").value().getAsDouble()).isCloseTo(msgs * 64 / 1e6,
                within(1e-6));
        assertThat(client.size("w1-sync")).isEqualTo(N / 10);
        assertThat(client.size("w1-async")).isEqualTo(N);
        assertThat(client.removedSubscriptions).containsExactly("w1-sync-retained", "w1-async-retained");
    }

    @Test
    void w2AndW4ShareOneStoredHistory() {
        InMemoryClient client = new InMemoryClient(true, false);
        WorkloadContext ctx = context(client, SystemKind.KAFKA, List.of(Workload.W2, Workload.W4));

        Map<String, Measurement> drain = byMetric(new DrainWorkload().run(ctx));
        Map<String, Measurement> history = byMetric(new HistoryWorkload().run(ctx));

        assertThat(client.size(History.TOPIC)).isEqualTo(N);
        assertThat(drain.get("W2.auto.msgs").value()).isPresent();
        assertThat(drain.get("W2.dupsok.msgs").value()).isPresent();
        assertThat(history.keySet()).containsExactlyInAnyOrder("W4.seconds", "W4.msgs", "W4.first.ms");
        assertThat(history.values()).allSatisfy(m -> {
            assertThat(m.value()).isPresent();
            assertThat(m.note()).isEmpty();
        });
    }

    @Test
    void w4FallsBackToTheQueueBrowserWhenTopicsHaveNoHistory() {
        InMemoryClient client = new InMemoryClient(false, true);
        WorkloadContext ctx = context(client, SystemKind.ARTEMIS, List.of(Workload.W4));

        List<Measurement> result = new HistoryWorkload().run(ctx);

        assertThat(result).hasSize(3).allSatisfy(m -> {
            assertThat(m.value()).isPresent();
            assertThat(m.note()).startsWith("topic: impossible (no topic history here); figure: queue browser");
        });
        assertThat(client.size("queue:" + History.QUEUE)).isEqualTo(N);
    }

    @Test
    void w4IsImpossibleWithoutHistoryOrQueues() {
        WorkloadContext ctx = context(new InMemoryClient(false, false), SystemKind.ARTEMIS, List.of(Workload.W4));

        List<Measurement> result = new HistoryWorkload().run(ctx);

        assertThat(result).hasSize(3).allSatisfy(m -> {
            assertThat(m.value()).isEmpty();
            assertThat(m.note()).isEqualTo("impossible: no topic history here");
        });
    }

    @Test
    void w4ReportsWhatHappenedWhenTheProviderRefusesTheHistoryExtension() {
        InMemoryClient client = new InMemoryClient(true, true) {
            @Override
            public synchronized Subscriber openFromEarliest(String topic, String subscription) {
                throw new IllegalArgumentException("invalid destination name '" + topic + "?start=earliest'");
            }
        };
        WorkloadContext ctx = context(client, SystemKind.LOGJMS, List.of(Workload.W4));

        List<Measurement> result = new HistoryWorkload().run(ctx);

        assertThat(result).hasSize(3).allSatisfy(m -> {
            assertThat(m.value()).isEmpty();
            assertThat(m.note()).isEqualTo(
                    "failed: IllegalArgumentException: invalid destination name 'history?start=earliest'");
        });
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("logjms run 1/1 W4 history: failed:");
    }

    @Test
    void w3MeasuresEveryPercentileOfEveryRate() {
        InMemoryClient client = new InMemoryClient(true, false);
        WorkloadContext ctx = context(client, SystemKind.ARTEMIS, List.of(Workload.W3));

        Map<String, Measurement> result = byMetric(new FixedRateWorkload().run(ctx));

        assertThat(result.keySet()).containsExactlyInAnyOrder("W3.1000.p50", "W3.1000.p99", "W3.1000.p99.9");
        assertThat(result.values()).allSatisfy(m -> {
            assertThat(m.value().orElseThrow()).isNotNegative();
            assertThat(m.note()).isEmpty();
        });
        assertThat(client.size("w3-1000")).isEqualTo(100);
        double p50 = result.get("W3.1000.p50").value().getAsDouble();
        assertThat(result.get("W3.1000.p99.9").value().getAsDouble()).isGreaterThanOrEqualTo(p50);
    }

    @Test
    void w6PublishesEveryMessageAsynchronouslyToItsRetainedTopic() {
        InMemoryClient client = new InMemoryClient(true, false);
        WorkloadContext ctx = context(client, SystemKind.KAFKA, List.of(Workload.W6));

        Map<String, Measurement> result = byMetric(new ReplicatedPublishWorkload().run(ctx));

        assertThat(result.keySet()).containsExactlyInAnyOrder("W6.async.msgs", "W6.async.MBps");
        assertThat(result.values()).allSatisfy(m -> assertThat(m.value().orElseThrow()).isPositive());
        assertThat(client.size(ReplicatedPublishWorkload.TOPIC)).isEqualTo(N);
        assertThat(client.removedSubscriptions).containsExactly("w6-replicated-retained");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("kafka run 1/1 W6 replicated publish");
    }

    @Test
    void w5CountsEveryMessageOnceForEachOfTheFourSubscribers() {
        InMemoryClient client = new InMemoryClient(true, false);
        WorkloadContext ctx = context(client, SystemKind.LOGJMS, List.of(Workload.W5));

        List<Measurement> result = new FanOutWorkload().run(ctx);

        assertThat(result).singleElement().satisfies(m -> {
            assertThat(m.metricId()).isEqualTo("W5.aggregate.msgs");
            assertThat(m.value().orElseThrow()).isPositive();
        });
        assertThat(client.removedSubscriptions).hasSize(FanOutWorkload.SUBSCRIBERS);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("logjms run 1/1 W5").contains("aggregate");
    }

    @Test
    void aFailingClientTurnsIntoMissingFiguresWithTheReason() {
        MessagingClient broken = new InMemoryClient(true, false) {
            @Override
            public Publisher openPublisher(String topic, boolean asyncCapable) {
                throw new IllegalStateException("connection refused");
            }
        };
        WorkloadContext ctx = context(broken, SystemKind.LOGJMS, List.of(Workload.W1));

        List<Measurement> result = new PublishWorkload().run(ctx);

        assertThat(result).hasSize(4).allSatisfy(m -> {
            assertThat(m.value()).isEmpty();
            assertThat(m.note()).isEqualTo("failed: IllegalStateException: connection refused");
        });
    }

    @Test
    void aSubscriberThatStopsDeliveringIsReportedAsStalled() throws Exception {
        InMemoryClient client = new InMemoryClient(true, false);
        BenchSettings settings = Fixtures.settings(List.of(SystemKind.KAFKA), List.of(Workload.W2), N,
                Duration.ofSeconds(1), Duration.ofMillis(200));
        WorkloadContext ctx = new WorkloadContext(client, settings, SystemKind.KAFKA, 1, new Payloads(64), progress);
        client.openPublisher("t", true).send(new byte[64]);

        List<Measurement> result = ctx.attempt("W2 drain AUTO", List.of(Metrics.W2_AUTO), () -> {
            try (Subscriber subscriber = client.openSubscriber("t", "s", MessagingClient.AckMode.AUTO)) {
                ctx.receive(subscriber, 2, (s, now) -> {
                });
            }
            return List.of();
        });

        assertThat(result).singleElement().satisfies(m -> assertThat(m.note())
                .isEqualTo("failed: StalledException: 1 of 2 messages received, then none for 0.2 s"));
    }
}
