package io.logjms.broker.subscription;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.List;

/**
 * What the admin tools see of a subscription: its id, kind, destination, owner, selector and active
 * consumers, and, when described, its progress per partition (empty in a listing).
 */
public record SubscriptionSummary(String id, SubscriptionKind kind, DestinationId destination, String clientId,
                                  String name, String selector, int consumers,
                                  List<SubscriptionAdmin.PartitionProgress> partitions) {
}
