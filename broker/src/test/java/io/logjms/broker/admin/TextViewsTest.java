package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationDetails.PartitionRange;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.admin.SubscriptionDetails.PartitionProgress;
import io.logjms.provider.admin.SubscriptionSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TextViewsTest {
    static final SubscriptionSummary AUDITOR = new SubscriptionSummary("durable/app/auditor", SubscriptionKind.DURABLE,
            DestinationType.TOPIC, "audit.events", "app", "auditor", "level > 2", 1);

    static DestinationDetails ordersDetails() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("partitions", "2");
        settings.put("retention.ms", "604800000");
        settings.put("retention.bytes", "-1");
        settings.put("segment.bytes", "134217728");
        return new DestinationDetails(DestinationType.TOPIC, "orders", settings,
                List.of(new PartitionRange(0, 0, 120), new PartitionRange(1, 40, 1500)));
    }

    @Test
    void destinationListing() {
        assertThat(TextViews.destinations(DestinationType.QUEUE, List.of(
                new DestinationSummary(DestinationType.QUEUE, "jobs", 1),
                new DestinationSummary(DestinationType.QUEUE, "payments.incoming", 12)))).isEqualTo("""
                NAME               PARTITIONS
                jobs                        1
                payments.incoming          12
                """);
        assertThat(TextViews.destinations(DestinationType.TOPIC, List.of())).isEqualTo("no topics\n");
    }

    @Test
    void destinationDescriptionShowsSettingsReadablyAndPartitions() {
        assertThat(TextViews.destination(ordersDetails())).isEqualTo("""
                topic orders
                  partitions       2
                  retention.ms     604800000 (7d)
                  retention.bytes  -1 (unlimited)
                  segment.bytes    134217728 (128 MiB)

                PARTITION  LOG START  LOG END  RECORDS
                        0          0      120      120
                        1         40     1500     1460
                """);
    }

    @Test
    void subscriptionListing() {
        SubscriptionSummary queue = new SubscriptionSummary("queue/jobs", SubscriptionKind.QUEUE, DestinationType.QUEUE,
                "jobs", null, null, null, 0);
        assertThat(TextViews.subscriptions(List.of(AUDITOR, queue))).isEqualTo("""
                ID                   KIND     DESTINATION         CLIENT ID  NAME     CONSUMERS  SELECTOR
                durable/app/auditor  durable  topic audit.events  app        auditor          1  level > 2
                queue/jobs           queue    queue jobs          -          -                0  -
                """);
        assertThat(TextViews.subscriptions(List.of())).isEqualTo("no subscriptions\n");
    }

    @Test
    void subscriptionDescriptionWithLagTotalsAndSkippedRange() {
        SubscriptionDetails d = new SubscriptionDetails(AUDITOR, List.of(
                new PartitionProgress(0, 0, 4, 1, 1, 0),
                new PartitionProgress(1, 40, 52, 40, 0, 40)));
        assertThat(TextViews.subscription(d)).isEqualTo("""
                subscription durable/app/auditor
                  kind         durable
                  destination  topic audit.events
                  client id    app
                  name         auditor
                  selector     level > 2
                  consumers    1

                PARTITION  LOG START  LOG END  COMMITTED  LAG  IN FLIGHT  SKIPPED BY RETENTION
                        0          0        4          1    3          1  0
                        1         40       52         40   12          0  40 (offsets below 40)
                    total                                  15          1  40

                retention deleted 40 record(s) before this subscription acknowledged them; the broker's log names each range
                """);
    }

    @Test
    void oneUntouchedPartitionHasNoTotalsAndNoNote() {
        SubscriptionDetails d = new SubscriptionDetails(AUDITOR, List.of(new PartitionProgress(0, 0, 0, 0, 0, 0)));
        assertThat(TextViews.subscription(d)).endsWith("""
                PARTITION  LOG START  LOG END  COMMITTED  LAG  IN FLIGHT  SKIPPED BY RETENTION
                        0          0        0          0    0          0  0
                """);
    }

    @Test
    void resetShowsTheNewPositions() {
        assertThat(TextViews.reset("queue/jobs", ResetPosition.offset(1, 7), new TreeMap<>(Map.of(0, 3L, 1, 7L))))
                .isEqualTo("""
                        reset queue/jobs to 1:7
                        PARTITION  NEXT OFFSET
                                0            3
                                1            7
                        """);
    }

    @Test
    void deletion() {
        assertThat(TextViews.deleted(DestinationType.QUEUE, "jobs")).isEqualTo("deleted queue jobs\n");
    }
}
