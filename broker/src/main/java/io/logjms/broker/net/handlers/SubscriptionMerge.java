package io.logjms.broker.net.handlers;

import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionDescription.PartitionProgress;
import io.logjms.protocol.api.SubscriptionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * How the answers of several brokers about subscriptions make one answer for the cluster. A subscription's
 * consumers are the most any broker reports: a consumer attaches at the leader of every partition it covers, so
 * each broker that leads a partition of the destination counts every consumer once (a sum would count a consumer
 * once per leading broker); its
 * figures for a partition are those of the partition's leader, where the cursor of that partition lives; a
 * subscription that only some brokers know (a non-durable one lives where it was made) is taken from them.
 */
final class SubscriptionMerge {
    private SubscriptionMerge() {
    }

    /**
     * The listing of the cluster: the answering broker's own listing (every stored subscription and queue, with
     * its consumers there) and the other brokers' open subscriptions with their consumers, by id.
     */
    static List<SubscriptionInfo> list(List<SubscriptionInfo> local, Iterable<List<SubscriptionInfo>> others) {
        SortedMap<String, SubscriptionInfo> byId = new TreeMap<>();
        local.forEach(s -> byId.put(s.id(), s));
        for (List<SubscriptionInfo> answer : others) {
            for (SubscriptionInfo s : answer) {
                byId.merge(s.id(), s, (a, b) -> withConsumers(a, Math.max(a.consumers(), b.consumers())));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * One description from the brokers' descriptions (node id → answer; brokers that do not know the
     * subscription are left out). The info is the answering broker's if it has one, else that of the lowest node;
     * consumers are the most one broker reports; each partition's figures are its leader's, else the answering broker's, else those of
     * the lowest node that reported the partition.
     *
     * @param leaderOf the leader of a partition of the subscription's destination, if one is known
     */
    static SubscriptionDescription describe(SortedMap<Integer, SubscriptionDescription> answers, int localNode,
                                            IntFunction<OptionalInt> leaderOf) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no broker described the subscription");
        }
        SubscriptionDescription base = answers.getOrDefault(localNode, answers.get(answers.firstKey()));
        int consumers = answers.values().stream().mapToInt(d -> d.info().consumers()).max().orElse(0);
        SortedMap<Integer, PartitionProgress> partitions = new TreeMap<>();
        for (SubscriptionDescription d : answers.values()) {
            d.partitions().forEach(p -> partitions.putIfAbsent(p.partition(), p));
        }
        partitions.replaceAll((partition, lowest) -> {
            OptionalInt leader = leaderOf.apply(partition);
            PartitionProgress fromLeader = leader.isPresent() ? find(answers.get(leader.getAsInt()), partition) : null;
            if (fromLeader != null) {
                return fromLeader;
            }
            PartitionProgress fromHere = find(answers.get(localNode), partition);
            return fromHere != null ? fromHere : lowest;
        });
        return new SubscriptionDescription(withConsumers(base.info(), consumers), new ArrayList<>(partitions.values()));
    }

    /** The positions after a reset: each partition's from the broker that reset it (its leader). */
    static SortedMap<Integer, Long> positions(Map<Integer, Map<Integer, Long>> byPartitionAnswer) {
        SortedMap<Integer, Long> positions = new TreeMap<>();
        byPartitionAnswer.forEach((partition, answer) -> {
            Long position = answer.get(partition);
            if (position != null) {
                positions.put(partition, position);
            }
        });
        return positions;
    }

    private static PartitionProgress find(SubscriptionDescription d, int partition) {
        if (d == null) {
            return null;
        }
        for (PartitionProgress p : d.partitions()) {
            if (p.partition() == partition) {
                return p;
            }
        }
        return null;
    }

    private static SubscriptionInfo withConsumers(SubscriptionInfo s, int consumers) {
        return new SubscriptionInfo(s.id(), s.kind(), s.destination(), s.clientId(), s.name(), s.selector(), consumers);
    }
}
