package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.admin.SubscriptionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin results as JSON trees for {@link Json}: field names in camel case, offsets and counts as numbers,
 * absent values as null.
 */
final class JsonViews {
    private JsonViews() {
    }

    static List<Object> destinations(List<DestinationSummary> list) {
        List<Object> out = new ArrayList<>();
        for (DestinationSummary d : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", Labels.type(d.type()));
            m.put("name", d.name());
            m.put("partitions", d.partitions());
            out.add(m);
        }
        return out;
    }

    static List<Object> queues(List<QueueSummary> list) {
        List<Object> out = new ArrayList<>();
        for (QueueSummary q : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "queue");
            m.put("name", q.name());
            m.put("partitions", q.partitions());
            m.put("depth", q.depth());
            m.put("consumers", q.consumers());
            out.add(m);
        }
        return out;
    }

    static List<Object> subscriptionsWithLag(List<SubscriptionDetails> list) {
        List<Object> out = new ArrayList<>();
        for (SubscriptionDetails d : list) {
            Map<String, Object> m = subscription(d.subscription());
            m.put("lag", d.lag());
            m.put("inFlight", d.inFlight());
            out.add(m);
        }
        return out;
    }

    /** {@code cluster describe}: name, controller (null while none) and members with their client address. */
    static Map<String, Object> cluster(ClusterDetails c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusterName", c.clusterName());
        m.put("controller", c.controller());
        List<Object> members = new ArrayList<>();
        for (ClusterDetails.Member member : c.members()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("nodeId", member.nodeId());
            mm.put("address", member.address());
            mm.put("alive", member.alive());
            members.add(mm);
        }
        m.put("members", members);
        return m;
    }

    static Map<String, Object> destination(DestinationDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Labels.type(d.type()));
        m.put("name", d.name());
        Map<String, Object> settings = new LinkedHashMap<>();
        d.settings().forEach((k, v) -> settings.put(k, settingValue(v)));
        m.put("settings", settings);
        List<Object> partitions = new ArrayList<>();
        for (DestinationDetails.PartitionRange p : d.partitions()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("partition", p.partition());
            pm.put("logStartOffset", p.logStartOffset());
            pm.put("logEndOffset", p.logEndOffset());
            pm.put("records", p.records());
            pm.put("leader", p.leader());
            pm.put("replicas", p.replicas());
            pm.put("inSync", p.inSync());
            pm.put("leaderEpoch", p.leaderEpoch());
            pm.put("highWatermark", p.highWatermark());
            partitions.add(pm);
        }
        m.put("partitions", partitions);
        return m;
    }

    /** Settings travel as strings; numbers and booleans among them are written as such. */
    private static Object settingValue(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static Map<String, Object> deleted(DestinationType type, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Labels.type(type));
        m.put("name", name);
        m.put("deleted", true);
        return m;
    }

    static List<Object> subscriptions(List<SubscriptionSummary> list) {
        List<Object> out = new ArrayList<>();
        list.forEach(s -> out.add(subscription(s)));
        return out;
    }

    private static Map<String, Object> subscription(SubscriptionSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", Labels.kind(s.kind()));
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("type", Labels.type(s.destinationType()));
        destination.put("name", s.destination());
        m.put("destination", destination);
        m.put("clientId", s.clientId());
        m.put("name", s.name());
        m.put("selector", s.selector());
        m.put("consumers", s.consumers());
        return m;
    }

    static Map<String, Object> subscription(SubscriptionDetails d) {
        Map<String, Object> m = subscription(d.subscription());
        m.put("lag", d.lag());
        m.put("inFlight", d.inFlight());
        m.put("skippedByRetention", d.skippedByRetention());
        List<Object> partitions = new ArrayList<>();
        for (SubscriptionDetails.PartitionProgress p : d.partitions()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("partition", p.partition());
            pm.put("logStartOffset", p.logStartOffset());
            pm.put("logEndOffset", p.logEndOffset());
            pm.put("committed", p.committed());
            pm.put("lag", p.lag());
            pm.put("inFlight", p.inFlight());
            pm.put("skippedByRetention", p.skippedByRetention());
            partitions.add(pm);
        }
        m.put("partitions", partitions);
        return m;
    }

    static Map<String, Object> reset(String id, ResetPosition position, boolean forced, Map<Integer, Long> positions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("position", position.toString());
        m.put("forced", forced);
        List<Object> partitions = new ArrayList<>();
        positions.forEach((p, offset) -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("partition", p);
            pm.put("nextOffset", offset);
            partitions.add(pm);
        });
        m.put("partitions", partitions);
        return m;
    }
}
