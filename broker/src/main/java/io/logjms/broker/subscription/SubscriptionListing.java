package io.logjms.broker.subscription;

import io.logjms.broker.destination.Destination;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The admin listing of subscriptions: those open, those defined, and the queues' cursors, ordered by id. */
final class SubscriptionListing {
    private SubscriptionListing() {
    }

    static List<SubscriptionSummary> summaries(Collection<Subscription> open, SortedMap<String, DefinedSubscription> defined,
                                               Collection<Destination> destinations, DestinationId filter,
                                               boolean countConsumers) {
        Map<String, SubscriptionSummary> infos = new TreeMap<>();
        for (Subscription sub : open) {
            if (filter == null || filter.equals(sub.destination())) {
                infos.put(sub.id(), info(sub.id(), sub.kind(), sub.destination(),
                        sub.selector().isMatchAll() ? null : sub.selector().text(),
                        countConsumers ? SubscriptionManager.join(sub.consumerCount()) : 0, List.of()));
            }
        }
        defined.forEach((id, d) -> {
            SubscriptionDefinition def = d.definition();
            DestinationId topic = DestinationId.topic(def.topic());
            if (!infos.containsKey(id) && (filter == null || filter.equals(topic))) {
                infos.put(id, info(id, def.kind(), topic, def.selector(), 0, List.of()));
            }
        });
        for (Destination d : destinations) {
            String id = "queue/" + d.id().name();
            if (d.id().type() == DestinationType.QUEUE && !infos.containsKey(id)
                    && (filter == null || filter.equals(d.id()))) {
                infos.put(id, info(id, SubscriptionKind.QUEUE, d.id(), null, 0, List.of()));
            }
        }
        return new ArrayList<>(infos.values());
    }

    static SubscriptionSummary info(String id, SubscriptionKind kind, DestinationId destination, String selector,
                                    int consumers, List<SubscriptionAdmin.PartitionProgress> progress) {
        String clientId = null;
        String name = null;
        int first = id.indexOf('/');
        if (kind != SubscriptionKind.QUEUE && kind != SubscriptionKind.NON_DURABLE) {
            int second = id.indexOf('/', first + 1);
            clientId = id.substring(first + 1, second);
            name = id.substring(second + 1);
            clientId = clientId.isEmpty() ? null : clientId;
        }
        return new SubscriptionSummary(id, kind, destination, clientId, name, selector, consumers, progress);
    }
}
