package io.logjms.broker.net.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.SubscriptionDescription;
import io.logjms.protocol.api.SubscriptionDescription.PartitionProgress;
import io.logjms.protocol.api.SubscriptionInfo;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How the brokers' answers about subscriptions make the cluster's answer. */
class SubscriptionMergeTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");

    private static SubscriptionInfo durable(int consumers) {
        return new SubscriptionInfo("durable/app/audit", SubscriptionKind.DURABLE, ORDERS, "app", "audit", null,
                consumers);
    }

    private static SubscriptionInfo nonDurable(String id, int consumers) {
        return new SubscriptionInfo(id, SubscriptionKind.NON_DURABLE, ORDERS, null, null, null, consumers);
    }

    /** Progress whose numbers all say which broker reported it. */
    private static PartitionProgress from(int node, int partition) {
        return new PartitionProgress(partition, node, 100 * node, 10 * node, node, 0);
    }

    private static SubscriptionDescription described(int node, int consumers, int... partitions) {
        List<PartitionProgress> progress = java.util.Arrays.stream(partitions).mapToObj(p -> from(node, p)).toList();
        return new SubscriptionDescription(durable(consumers), progress);
    }

    @Test
    void aListingCountsEachSubscriptionsConsumersAsTheMostOneBrokerSeesAndAddsThoseOnlyOthersHave() {
        List<SubscriptionInfo> local = List.of(durable(0), nonDurable("consumer/a", 1));
        List<List<SubscriptionInfo>> others = List.of(List.of(durable(2)), List.of(durable(1), nonDurable("consumer/b", 1)));

        List<SubscriptionInfo> merged = SubscriptionMerge.list(local, others);

        assertThat(merged).extracting(SubscriptionInfo::id).containsExactly("consumer/a", "consumer/b",
                "durable/app/audit");
        assertThat(merged.get(2).consumers()).as("a consumer attaches at every leading broker: not summed")
                .isEqualTo(2);
        assertThat(merged.get(2).clientId()).isEqualTo("app");
        assertThat(merged.get(1).consumers()).isEqualTo(1);
    }

    @Test
    void eachPartitionsFiguresComeFromItsLeaderAndConsumersAreTheMostOneBrokerSees() {
        SortedMap<Integer, SubscriptionDescription> answers = new TreeMap<>(Map.of(
                1, described(1, 0, 0, 1, 2),
                2, described(2, 1, 0, 1, 2),
                3, described(3, 2, 0, 1, 2)));
        Map<Integer, Integer> leaders = Map.of(0, 2, 1, 3, 2, 1);

        SubscriptionDescription merged = SubscriptionMerge.describe(answers, 1, p -> OptionalInt.of(leaders.get(p)));

        assertThat(merged.partitions()).containsExactly(from(2, 0), from(3, 1), from(1, 2));
        assertThat(merged.info().consumers()).isEqualTo(2);
        assertThat(merged.info().id()).isEqualTo("durable/app/audit");
    }

    @Test
    void aPartitionWithoutALeaderOrWhoseLeaderDidNotAnswerIsTakenFromTheAnsweringBrokerElseTheLowestNode() {
        SortedMap<Integer, SubscriptionDescription> answers = new TreeMap<>(Map.of(
                2, described(2, 0, 0, 1),
                3, described(3, 0, 0, 1, 2)));

        SubscriptionDescription merged = SubscriptionMerge.describe(answers, 2,
                p -> p == 0 ? OptionalInt.empty() : OptionalInt.of(1));

        assertThat(merged.partitions()).as("partition 2 only node 3 reported; node 1 (a leader) did not answer")
                .containsExactly(from(2, 0), from(2, 1), from(3, 2));
    }

    @Test
    void aResetsPositionsAreEachPartitionsFromTheBrokerThatResetIt() {
        Map<Integer, Map<Integer, Long>> answers = new TreeMap<>(Map.of(
                0, Map.of(0, 5L, 1, 99L),
                1, Map.of(1, 7L)));

        assertThat(SubscriptionMerge.positions(answers)).containsExactly(Map.entry(0, 5L), Map.entry(1, 7L));
    }
}
