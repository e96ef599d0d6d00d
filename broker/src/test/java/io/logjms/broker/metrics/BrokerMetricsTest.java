package io.logjms.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The names and labels Prometheus scrapes, exactly as docs/OPERATIONS.md gives them. */
class BrokerMetricsTest {
    private final BrokerMetrics metrics = new BrokerMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void countersAreScrapedUnderTheirPrometheusNamesWithDestinationAndType() {
        metrics.destination(DestinationId.queue("orders")).produced(3, 120);
        metrics.destination(DestinationId.queue("orders")).produced(2, 80);
        metrics.destination(DestinationId.topic("prices")).produced(1, 10);

        String text = metrics.scrape(BrokerView.Snapshot.EMPTY);

        assertThat(text).contains("logjms_messages_in_total{destination=\"orders\",type=\"queue\"} 5.0\n",
                "logjms_bytes_in_total{destination=\"orders\",type=\"queue\"} 200.0\n",
                "logjms_messages_in_total{destination=\"prices\",type=\"topic\"} 1.0\n",
                "logjms_bytes_in_total{destination=\"prices\",type=\"topic\"} 10.0\n");
        assertThat(metrics.messagesIn()).isEqualTo(6.0);
        assertThat(metrics.bytesIn()).isEqualTo(210.0);
    }

    @Test
    void xaRequestsAreCountedByRequestUnderTheirPrometheusName() {
        metrics.xaRequest("prepare");
        metrics.xaRequest("commit");
        metrics.xaRequest("commit_one_phase");
        metrics.xaRequest("commit_one_phase");

        String text = metrics.scrape(BrokerView.Snapshot.EMPTY);

        assertThat(text).contains("logjms_xa_requests_total{request=\"commit_one_phase\"} 2.0\n",
                "logjms_xa_requests_total{request=\"prepare\"} 1.0\n");
        assertThat(metrics.xaRequests("commit")).isEqualTo(1.0);
        assertThat(metrics.xaRequests("rollback")).isZero();
    }

    @Test
    void aDestinationsMetersAreLookedUpOnce() {
        assertThat(metrics.destination(DestinationId.queue("orders")))
                .isSameAs(metrics.destination(DestinationId.queue("orders")))
                .isNotSameAs(metrics.destination(DestinationId.topic("orders")));
    }

    @Test
    void deliveriesRedeliveriesAndDeadLettersAreCounted() {
        ConsumerMeters consumer = metrics.consumer(DestinationId.queue("orders"));
        consumer.delivered(4, 0);
        metrics.bind(consumer, "queue/orders");
        consumer.delivered(3, 2);
        metrics.deadLettered();

        String text = metrics.scrape(BrokerView.Snapshot.EMPTY);

        assertThat(text).contains("logjms_messages_out_total{destination=\"orders\",type=\"queue\"} 7.0\n",
                "logjms_redeliveries_total 2.0\n", "logjms_dead_lettered_total 1.0\n");
        assertThat(metrics.deliveries("queue/orders")).as("deliveries before the bind count too").isEqualTo(7);
        assertThat(metrics.messagesOut()).isEqualTo(7.0);
    }

    @Test
    void latenciesAreHistogramsInSeconds() {
        metrics.produceLatency().recordNanos(2_000_000);
        metrics.fsyncLatency().recordNanos(500_000);
        metrics.fsyncLatency().recordNanos(700_000);

        String text = metrics.scrape(BrokerView.Snapshot.EMPTY);

        assertThat(text).contains("# TYPE logjms_produce_latency_seconds histogram",
                "logjms_produce_latency_seconds_count 1\n", "logjms_produce_latency_seconds_sum 0.002\n",
                "# TYPE logjms_fsync_latency_seconds histogram", "logjms_fsync_latency_seconds_count 2\n");
        assertThat(text).contains("logjms_produce_latency_seconds_bucket{le=\"0.001\"} 0\n",
                "logjms_produce_latency_seconds_bucket{le=\"0.002\"} 1\n",
                "logjms_fsync_latency_seconds_bucket{le=\"5.0E-4\"} 1\n",
                "logjms_fsync_latency_seconds_bucket{le=\"0.001\"} 2\n",
                "logjms_fsync_latency_seconds_bucket{le=\"+Inf\"} 2\n");
    }

    @Test
    void gaugesComeFromTheStateAtScrapeTime() {
        DestinationId orders = DestinationId.queue("orders");
        DestinationId prices = DestinationId.topic("prices");
        BrokerView.Snapshot snapshot = new BrokerView.Snapshot(List.of(
                new DestinationStatus(orders, List.of(new PartitionStatus(0, 0, 12, true)), 4),
                new DestinationStatus(prices, List.of(new PartitionStatus(0, 3, 7, true),
                        new PartitionStatus(1, 0, 9, true)), -1)),
                List.of(new SubscriptionStatus("queue/orders", "QUEUE", orders, 1, 4, 2, 8),
                        new SubscriptionStatus("durable/app/audit", "DURABLE", prices, 0, 16, 0, 0)), 2);

        String text = metrics.scrape(snapshot);

        assertThat(text).contains("logjms_queue_depth{queue=\"orders\"} 4.0\n",
                "logjms_subscription_lag{subscription=\"queue/orders\"} 4.0\n",
                "logjms_subscription_lag{subscription=\"durable/app/audit\"} 16.0\n",
                "logjms_partition_log_end_offset{destination=\"orders\",partition=\"0\",type=\"queue\"} 12.0\n",
                "logjms_partition_log_end_offset{destination=\"prices\",partition=\"1\",type=\"topic\"} 9.0\n",
                "logjms_connections 0.0\n");
        assertThat(text).doesNotContain("logjms_queue_depth{queue=\"prices\"}");

        String later = metrics.scrape(BrokerView.Snapshot.EMPTY);
        assertThat(later).as("what is gone is no longer reported")
                .doesNotContain("logjms_subscription_lag{", "logjms_queue_depth{", "logjms_partition_log_end_offset{");
    }

    @Test
    void jvmMetricsAreIncluded() {
        assertThat(metrics.scrape(BrokerView.Snapshot.EMPTY)).contains("jvm_memory_used_bytes{",
                "jvm_threads_live_threads ", "process_uptime_seconds ", "jvm_gc_");
    }

    @Test
    void aDeletedDestinationsSeriesGo() {
        metrics.destination(DestinationId.queue("tmp.reply")).produced(1, 5);
        metrics.forget(DestinationId.queue("tmp.reply"));

        assertThat(metrics.scrape(BrokerView.Snapshot.EMPTY)).doesNotContain("tmp.reply");
    }
}
