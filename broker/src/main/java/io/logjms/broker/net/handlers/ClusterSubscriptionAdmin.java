package io.logjms.broker.net.handlers;

import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.net.RequestException;
import io.logjms.broker.subscription.RemoteConsumers;
import io.logjms.broker.subscription.SubscriptionAdmin;
import io.logjms.broker.subscription.SubscriptionException;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSummary;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ListSubscriptionsRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionInfo;
import io.logjms.provider.client.ProtocolErrorException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The admin requests about subscriptions, answered for the whole cluster from any broker: this broker's own answer
 * merged ({@link SubscriptionMerge}) with those of the other live brokers, asked over {@code PEER_LIST_SUBSCRIPTIONS},
 * {@code PEER_DESCRIBE_SUBSCRIPTION} and {@code PEER_RESET_SUBSCRIPTION}. A reset moves each partition at its
 * leader. Standalone (no peers) it is the broker's own answer. Calls wait for the peers (at most
 * {@value #WAIT_SECONDS} s each): not on a network thread. A live broker that does not answer fails the request
 * with {@code CLUSTER_PEER_UNAVAILABLE}.
 */
public final class ClusterSubscriptionAdmin implements RemoteConsumers {
    private static final long WAIT_SECONDS = 15;

    private final SubscriptionManager subscriptions;
    private final ClusterView cluster;
    private final ClusterPeers peers;

    /** @param peers the other brokers; null for a standalone broker */
    public ClusterSubscriptionAdmin(SubscriptionManager subscriptions, ClusterView cluster, ClusterPeers peers) {
        this.subscriptions = subscriptions;
        this.cluster = cluster;
        this.peers = peers;
    }

    public List<SubscriptionInfo> list(DestinationId filter) {
        List<SubscriptionInfo> local = subscriptions.list(filter).stream().map(ClusterSubscriptionAdmin::info).toList();
        if (peers == null) {
            return local;
        }
        return SubscriptionMerge.list(local, askAll(ApiKey.PEER_LIST_SUBSCRIPTIONS,
                new ListSubscriptionsRequest(filter)::writeTo, SubscriptionInfo::readList, false).values());
    }

    public SubscriptionDescription describe(String id) {
        SortedMap<Integer, SubscriptionDescription> answers = new TreeMap<>();
        try {
            answers.put(cluster.localNodeId(), description(subscriptions.describe(id)));
        } catch (SubscriptionException e) {
            if (peers == null || e.reason() != SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION) {
                throw e;
            }
        }
        if (peers != null) {
            answers.putAll(askAll(ApiKey.PEER_DESCRIBE_SUBSCRIPTION, new NameRequest(id)::writeTo,
                    SubscriptionDescription::readFrom, true));
        }
        if (answers.isEmpty()) {
            throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_SUBSCRIPTION, "no subscription " + id
                    + " on any broker of the cluster");
        }
        DestinationId destination = answers.get(answers.firstKey()).info().destination();
        return SubscriptionMerge.describe(answers, cluster.localNodeId(), p -> leader(destination, p));
    }

    public Map<Integer, Long> reset(ResetSubscriptionRequest req) {
        if (peers == null) {
            return subscriptions.reset(req.subscriptionId(), req.mode(), req.value(), req.partition(), req.force());
        }
        SubscriptionDescription d = describe(req.subscriptionId());
        if (!req.force() && d.info().consumers() > 0) {
            throw new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE, "subscription "
                    + req.subscriptionId() + " has " + d.info().consumers() + " active consumer(s) on the brokers of"
                    + " the cluster; stop them first or force the reset");
        }
        List<Integer> partitions = new ArrayList<>();
        if (req.partition() >= 0) {
            partitions.add(req.partition());
        } else {
            d.partitions().forEach(p -> partitions.add(p.partition()));
        }
        Map<Integer, Map<Integer, Long>> answers = new LinkedHashMap<>();
        for (int p : partitions) {
            answers.put(p, resetAtLeader(req, d.info().destination(), p, answers.keySet()));
        }
        return SubscriptionMerge.positions(answers);
    }

    private Map<Integer, Long> resetAtLeader(ResetSubscriptionRequest req, DestinationId destination, int partition,
                                             Iterable<Integer> done) {
        Optional<PartitionAssignment> assignment = cluster.assignment(topicPartition(destination, partition));
        int node = assignment.map(PartitionAssignment::leader).orElse(cluster.localNodeId());
        if (node == PartitionAssignment.NO_LEADER) {
            throw new RequestException(ErrorCode.LEADER_NOT_AVAILABLE, "partition " + partition + " of "
                    + destination + " has no leader now; reset it once it has one" + already(done));
        }
        if (node == cluster.localNodeId()) {
            return subscriptions.reset(req.subscriptionId(), req.mode(), req.value(), partition, true);
        }
        ResetSubscriptionRequest one = new ResetSubscriptionRequest(req.subscriptionId(), req.mode(), req.value(),
                partition, true);
        try {
            return await(node, peers.request(node, ApiKey.PEER_RESET_SUBSCRIPTION, one::writeTo,
                    SubscribeResponse::readFrom)).positions();
        } catch (RequestException e) {
            throw new RequestException(e.error(), e.getMessage() + already(done), e);
        }
    }

    private static String already(Iterable<Integer> done) {
        List<Integer> list = new ArrayList<>();
        done.forEach(list::add);
        return list.isEmpty() ? "" : " (partitions " + list + " were reset)";
    }

    /** The consumers of a subscription on the other live brokers (asked before a stored one is deleted). */
    @Override
    public int count(String id) {
        if (peers == null) {
            return 0;
        }
        int n = 0;
        for (List<SubscriptionInfo> answer : askAll(ApiKey.PEER_LIST_SUBSCRIPTIONS,
                new ListSubscriptionsRequest(null)::writeTo, SubscriptionInfo::readList, false).values()) {
            n += answer.stream().filter(s -> s.id().equals(id)).mapToInt(SubscriptionInfo::consumers).sum();
        }
        return n;
    }

    /**
     * Asks every other live broker.
     *
     * @param unknownIsAbsent whether a broker answering {@code UNKNOWN_SUBSCRIPTION} is left out rather than failing
     */
    private <T> SortedMap<Integer, T> askAll(ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader,
                                             boolean unknownIsAbsent) {
        Map<Integer, CompletableFuture<T>> asked = new LinkedHashMap<>();
        for (int node : peers.others()) {
            asked.put(node, peers.request(node, api, body, reader));
        }
        SortedMap<Integer, T> answers = new TreeMap<>();
        for (Map.Entry<Integer, CompletableFuture<T>> e : asked.entrySet()) {
            try {
                answers.put(e.getKey(), await(e.getKey(), e.getValue()));
            } catch (RequestException refused) {
                if (!(unknownIsAbsent && refused.error() == ErrorCode.UNKNOWN_SUBSCRIPTION)) {
                    throw refused;
                }
            }
        }
        return answers;
    }

    private static <T> T await(int node, CompletableFuture<T> answer) {
        try {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(ErrorCode.CLUSTER_PEER_UNAVAILABLE, "interrupted while asking node " + node);
        } catch (TimeoutException e) {
            throw new RequestException(ErrorCode.CLUSTER_PEER_UNAVAILABLE, "node " + node + " did not answer within "
                    + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProtocolErrorException refused) {
                throw new RequestException(refused.error(), "node " + node + ": " + refused.getMessage(), refused);
            }
            throw new RequestException(ErrorCode.CLUSTER_PEER_UNAVAILABLE, "node " + node + " did not answer: "
                    + cause, cause);
        }
    }

    private OptionalInt leader(DestinationId destination, int partition) {
        return cluster.assignment(topicPartition(destination, partition))
                .filter(a -> a.leader() != PartitionAssignment.NO_LEADER)
                .map(a -> OptionalInt.of(a.leader())).orElse(OptionalInt.empty());
    }

    private static TopicPartition topicPartition(DestinationId destination, int partition) {
        DestinationKey key = destination.type() == DestinationType.QUEUE ? DestinationKey.queue(destination.name())
                : DestinationKey.topic(destination.name());
        return new TopicPartition(key.logName(), partition);
    }

    static SubscriptionInfo info(SubscriptionSummary s) {
        return new SubscriptionInfo(s.id(), s.kind(), s.destination(), s.clientId(), s.name(), s.selector(),
                s.consumers());
    }

    static SubscriptionDescription description(SubscriptionSummary s) {
        return new SubscriptionDescription(info(s), s.partitions().stream().map(ClusterSubscriptionAdmin::progress)
                .toList());
    }

    private static SubscriptionDescription.PartitionProgress progress(SubscriptionAdmin.PartitionProgress p) {
        return new SubscriptionDescription.PartitionProgress(p.partition(), p.logStartOffset(), p.logEndOffset(),
                p.committed(), p.inFlight(), p.skippedByRetention());
    }
}
