package io.logjms.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.admin.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code GET /health} answers in each state of the broker. */
class BrokerHealthTest {
    private final BrokerHealth health = new BrokerHealth();
    private final List<String> offline = new ArrayList<>();

    BrokerHealthTest() {
        health.watchPartitions(() -> offline);
    }

    @Test
    void startingIsUnavailable() {
        BrokerHealth.Report report = health.check();

        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(Json.writeLine(report.toJson()))
                .isEqualTo("{\"status\":\"DOWN\",\"state\":\"starting\",\"offlinePartitions\":[]}");
    }

    @Test
    void servingWithEveryPartitionOnlineIsHealthy() {
        health.state(BrokerHealth.State.SERVING);

        BrokerHealth.Report report = health.check();

        assertThat(report.healthy()).isTrue();
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(Json.writeLine(report.toJson()))
                .isEqualTo("{\"status\":\"UP\",\"state\":\"serving\",\"offlinePartitions\":[]}");
    }

    @Test
    void anOfflinePartitionMakesAServingBrokerUnavailableAndIsNamed() {
        health.state(BrokerHealth.State.SERVING);
        offline.add("queue.orders-0");

        BrokerHealth.Report report = health.check();

        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(Json.writeLine(report.toJson()))
                .isEqualTo("{\"status\":\"DOWN\",\"state\":\"serving\",\"offlinePartitions\":[\"queue.orders-0\"]}");
    }

    @Test
    void stoppingAndStoppedAreUnavailable() {
        health.state(BrokerHealth.State.SERVING);
        health.state(BrokerHealth.State.STOPPING);
        assertThat(health.check().httpStatus()).isEqualTo(503);
        assertThat(health.check().toJson()).containsEntry("state", "stopping");

        health.state(BrokerHealth.State.STOPPED);
        assertThat(health.check().httpStatus()).isEqualTo(503);
        assertThat(health.check().toJson()).containsEntry("state", "stopped");
    }
}
