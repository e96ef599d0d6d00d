package io.logjms.broker.http;

import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.metrics.BrokerView;
import io.logjms.broker.metrics.DestinationStatus;
import io.logjms.broker.metrics.PartitionStatus;
import io.logjms.broker.metrics.SubscriptionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the web console reads ({@code /api/broker}, {@code /api/destinations}, {@code /api/subscriptions}),
 * documented in docs/OPERATIONS.md. Built as maps so the field order is the documented one.
 */
final class ConsoleApi {
    private final ConsoleSource broker;
    private final BrokerMetrics metrics;
    private final Clock clock;

    ConsoleApi(ConsoleSource broker, BrokerMetrics metrics, Clock clock) {
        this.broker = broker;
        this.metrics = metrics;
        this.clock = clock;
    }

    Map<String, Object> broker() {
        Map<String, Object> json = new LinkedHashMap<>();
        Instant now = clock.instant();
        json.put("brokerId", broker.brokerId());
        json.put("version", broker.version());
        json.put("state", broker.state());
        json.put("startedAt", broker.startedAt().toString());
        json.put("uptimeSeconds", Duration.between(broker.startedAt(), now).toSeconds());
        json.put("time", now.toEpochMilli());
        BrokerView v = broker.view();
        json.put("connections", v == null ? 0 : v.connections());
        json.put("messagesIn", (long) metrics.messagesIn());
        json.put("messagesOut", (long) metrics.messagesOut());
        json.put("bytesIn", (long) metrics.bytesIn());
        json.put("cluster", null);
        return json;
    }

    Map<String, Object> destinations() {
        List<Object> list = new ArrayList<>();
        for (DestinationStatus d : snapshot().destinations()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", d.id().name());
            json.put("type", d.typeLabel());
            json.put("depth", d.isQueue() ? d.depth() : null);
            List<Object> partitions = new ArrayList<>();
            for (PartitionStatus p : d.partitions()) {
                Map<String, Object> pj = new LinkedHashMap<>();
                pj.put("partition", p.partition());
                pj.put("logStartOffset", p.logStartOffset());
                pj.put("logEndOffset", p.logEndOffset());
                pj.put("online", p.online());
                partitions.add(pj);
            }
            json.put("partitions", partitions);
            list.add(json);
        }
        return Map.of("destinations", list);
    }

    Map<String, Object> subscriptions() {
        List<Object> list = new ArrayList<>();
        for (SubscriptionStatus s : snapshot().subscriptions()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", s.id());
            json.put("kind", s.kind());
            json.put("destination", s.destination().name());
            json.put("type", BrokerMetrics.typeLabel(s.destination()));
            json.put("consumers", s.consumers());
            json.put("lag", s.lag());
            json.put("inFlight", s.inFlight());
            json.put("delivered", s.delivered());
            list.add(json);
        }
        return Map.of("subscriptions", list);
    }

    private BrokerView.Snapshot snapshot() {
        BrokerView v = broker.view();
        return v == null ? BrokerView.Snapshot.EMPTY : v.snapshot();
    }
}
