package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.admin.SubscriptionDetails.PartitionProgress;
import io.logjms.provider.admin.SubscriptionSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonViewsTest {

    @Test
    void destinationListing() {
        assertThat(Json.write(JsonViews.destinations(List.of(new DestinationSummary(DestinationType.TOPIC, "orders", 3)))))
                .isEqualTo("""
                        [
                          {
                            "type": "topic",
                            "name": "orders",
                            "partitions": 3
                          }
                        ]""");
    }

    @Test
    void destinationSettingsBecomeNumbersAndBooleans() {
        var details = TextViewsTest.ordersDetails();
        Map<String, Object> json = JsonViews.destination(details);
        assertThat(json).containsEntry("type", "topic").containsEntry("name", "orders");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) json.get("settings");
        assertThat(settings).containsEntry("partitions", 2L).containsEntry("retention.bytes", -1L);
        assertThat((List<?>) json.get("partitions")).hasSize(2);
        assertThat(Json.write(json)).contains("\n    {\n      \"partition\": 1,\n      \"logStartOffset\": 40,\n"
                + "      \"logEndOffset\": 1500,\n      \"records\": 1460,\n      \"leader\": null,\n      \"replicas\": [],\n"
                + "      \"inSync\": [],\n      \"leaderEpoch\": 0,\n      \"highWatermark\": null\n    }\n");
        var temporary = new io.logjms.provider.admin.DestinationDetails(DestinationType.QUEUE, "tmp.c1.q",
                Map.of("temporary", "true", "note", "x"), List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> temporarySettings = (Map<String, Object>) JsonViews.destination(temporary).get("settings");
        assertThat(temporarySettings).containsEntry("temporary", true).containsEntry("note", "x");
    }

    @Test
    void subscriptionDescription() {
        SubscriptionSummary s = new SubscriptionSummary("shared/app/workers", SubscriptionKind.SHARED_NON_DURABLE,
                DestinationType.TOPIC, "jobs", "app", "workers", null, 2);
        String json = Json.write(JsonViews.subscription(new SubscriptionDetails(s,
                List.of(new PartitionProgress(0, 5, 9, 6, 2, 5)))));
        assertThat(json).isEqualTo("""
                {
                  "id": "shared/app/workers",
                  "kind": "shared",
                  "destination": {
                    "type": "topic",
                    "name": "jobs"
                  },
                  "clientId": "app",
                  "name": "workers",
                  "selector": null,
                  "consumers": 2,
                  "lag": 3,
                  "inFlight": 2,
                  "skippedByRetention": 5,
                  "partitions": [
                    {
                      "partition": 0,
                      "logStartOffset": 5,
                      "logEndOffset": 9,
                      "committed": 6,
                      "lag": 3,
                      "inFlight": 2,
                      "skippedByRetention": 5
                    }
                  ]
                }""");
    }

    @Test
    void resetAndDelete() {
        Map<String, Object> reset = JsonViews.reset("queue/jobs", ResetPosition.time(Instant.parse("2026-11-25T10:15:30Z")),
                true, Map.of(0, 17L));
        assertThat(reset).containsEntry("position", "2026-11-25T10:15:30Z").containsEntry("forced", true);
        assertThat(Json.write(reset.get("partitions"))).isEqualTo("""
                [
                  {
                    "partition": 0,
                    "nextOffset": 17
                  }
                ]""");
        assertThat(JsonViews.deleted(DestinationType.TOPIC, "orders"))
                .containsExactly(Map.entry("type", "topic"), Map.entry("name", "orders"), Map.entry("deleted", true));
    }
}
