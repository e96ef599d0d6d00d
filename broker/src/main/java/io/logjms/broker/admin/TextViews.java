package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.admin.SubscriptionSummary;
import java.util.List;
import java.util.Map;

/** Admin results as readable text: aligned tables and indented key/value blocks. */
final class TextViews {
    private TextViews() {
    }

    static String destinations(DestinationType type, List<DestinationSummary> list) {
        if (list.isEmpty()) {
            return "no " + Labels.plural(type) + "\n";
        }
        Table t = new Table().left("NAME").right("PARTITIONS");
        list.forEach(d -> t.row(d.name(), d.partitions()));
        return t.render();
    }

    static String queues(List<QueueSummary> list) {
        if (list.isEmpty()) {
            return "no queues\n";
        }
        Table t = new Table().left("NAME").right("PARTITIONS").right("DEPTH").right("CONSUMERS");
        list.forEach(q -> t.row(q.name(), q.partitions(), q.depth(), q.consumers()));
        return t.render();
    }

    /** Every subscription with its lag and records in flight, on one screen. */
    static String subscriptionsWithLag(List<SubscriptionDetails> list) {
        if (list.isEmpty()) {
            return "no subscriptions\n";
        }
        Table t = new Table().left("ID").left("KIND").left("DESTINATION").right("CONSUMERS").right("LAG")
                .right("IN FLIGHT");
        for (SubscriptionDetails d : list) {
            SubscriptionSummary s = d.subscription();
            t.row(s.id(), Labels.kind(s.kind()), destination(s), s.consumers(), d.lag(), d.inFlight());
        }
        return t.render();
    }

    /** {@code cluster describe}: the cluster's name and controller, then one row per broker. */
    static String cluster(ClusterDetails c) {
        StringBuilder sb = new StringBuilder("cluster " + c.clusterName() + ", controller "
                + (c.controller() == null ? "none" : "node " + c.controller()) + "\n\n");
        Table t = new Table().right("NODE").left("ADDRESS").left("ALIVE");
        c.members().forEach(m -> t.row(m.nodeId(), m.address(), m.alive() ? "yes" : "no"));
        return sb.append(t.render()).toString();
    }

    static String destination(DestinationDetails d) {
        StringBuilder sb = new StringBuilder(Labels.type(d.type()) + " " + d.name() + "\n");
        Table settings = new Table().left("").left("");
        d.settings().forEach((k, v) -> settings.row(k, withReadableForm(k, v)));
        sb.append(settings.renderRows("  "));
        sb.append('\n');
        Table t = new Table().right("PARTITION").right("LOG START").right("LOG END").right("RECORDS");
        d.partitions().forEach(p -> t.row(p.partition(), p.logStartOffset(), p.logEndOffset(), p.records()));
        return sb.append(t.render()).toString();
    }

    private static String withReadableForm(String key, String value) {
        try {
            return switch (key) {
                case DestinationSettings.RETENTION_MS -> value + " (" + Readable.millis(Long.parseLong(value)) + ")";
                case DestinationSettings.RETENTION_BYTES, DestinationSettings.SEGMENT_BYTES ->
                        value + " (" + Readable.bytes(Long.parseLong(value)) + ")";
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static String subscriptions(List<SubscriptionSummary> list) {
        if (list.isEmpty()) {
            return "no subscriptions\n";
        }
        Table t = new Table().left("ID").left("KIND").left("DESTINATION").left("CLIENT ID").left("NAME")
                .right("CONSUMERS").left("SELECTOR");
        list.forEach(s -> t.row(s.id(), Labels.kind(s.kind()), destination(s), s.clientId(), s.name(), s.consumers(),
                s.selector()));
        return t.render();
    }

    static String subscription(SubscriptionDetails d) {
        SubscriptionSummary s = d.subscription();
        StringBuilder sb = new StringBuilder("subscription " + s.id() + "\n");
        Table info = new Table().left("").left("")
                .row("kind", Labels.kind(s.kind()))
                .row("destination", destination(s))
                .row("client id", s.clientId())
                .row("name", s.name())
                .row("selector", s.selector())
                .row("consumers", s.consumers());
        sb.append(info.renderRows("  "));
        sb.append('\n');
        Table t = new Table().right("PARTITION").right("LOG START").right("LOG END").right("COMMITTED").right("LAG")
                .right("IN FLIGHT").left("SKIPPED BY RETENTION");
        for (SubscriptionDetails.PartitionProgress p : d.partitions()) {
            t.row(p.partition(), p.logStartOffset(), p.logEndOffset(), p.committed(), p.lag(), p.inFlight(),
                    skipped(p.skippedByRetention(), p.logStartOffset()));
        }
        if (d.partitions().size() > 1) {
            t.row("total", "", "", "", d.lag(), d.inFlight(), Long.toString(d.skippedByRetention()));
        }
        sb.append(t.render());
        if (d.skippedByRetention() > 0) {
            sb.append("\nretention deleted ").append(d.skippedByRetention())
                    .append(" record(s) before this subscription acknowledged them;")
                    .append(" the broker's log names each range\n");
        }
        return sb.toString();
    }

    /** A count with the offsets it lies in: the skipped records were all below today's log start. */
    private static String skipped(long count, long logStart) {
        return count == 0 ? "0" : count + " (offsets below " + logStart + ")";
    }

    static String reset(String id, ResetPosition position, Map<Integer, Long> positions) {
        StringBuilder sb = new StringBuilder("reset " + id + " to " + position + "\n");
        Table t = new Table().right("PARTITION").right("NEXT OFFSET");
        positions.forEach(t::row);
        return sb.append(t.render()).toString();
    }

    static String deleted(DestinationType type, String name) {
        return "deleted " + Labels.type(type) + " " + name + "\n";
    }

    private static String destination(SubscriptionSummary s) {
        return Labels.type(s.destinationType()) + " " + s.destination();
    }
}
