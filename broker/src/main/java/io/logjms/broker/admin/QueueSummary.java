package io.logjms.broker.admin;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.LogJmsAdminException;
import io.logjms.provider.admin.SubscriptionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A queue in {@code queues list}: its depth is what its cursor has not acknowledged yet (the records from the
 * committed position to the log end, those in flight included); before any consumer attached, every retained
 * record.
 */
record QueueSummary(String name, int partitions, long depth, int consumers) {

    static List<QueueSummary> of(LogJmsAdmin admin) {
        Map<String, Integer> consumers = admin.subscriptions(null).stream()
                .filter(s -> s.kind() == SubscriptionKind.QUEUE)
                .collect(Collectors.toMap(SubscriptionSummary::destination, SubscriptionSummary::consumers, Integer::sum));
        List<QueueSummary> out = new ArrayList<>();
        for (DestinationSummary q : admin.queues()) {
            out.add(new QueueSummary(q.name(), q.partitions(), depth(admin, q.name(), consumers.containsKey(q.name())),
                    consumers.getOrDefault(q.name(), 0)));
        }
        return out;
    }

    private static long depth(LogJmsAdmin admin, String queue, boolean hasCursor) {
        if (hasCursor) {
            try {
                return admin.describeSubscription("queue/" + queue).lag();
            } catch (LogJmsAdminException e) {
                if (e.error() != ErrorCode.UNKNOWN_SUBSCRIPTION) {
                    throw e;
                }
            }
        }
        DestinationDetails d = admin.describeQueue(queue);
        return d.partitions().stream().mapToLong(DestinationDetails.PartitionRange::records).sum();
    }
}
